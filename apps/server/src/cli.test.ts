import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config.js';
import { openTestDatabase } from './test/test-app.js';

/**
 * The command line as an operator runs it: a separate process on its own database
 * (a temporary PGlite folder, or a fresh PostgreSQL database in the PostgreSQL run).
 */
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electrifica-cli-'));
  if (process.env.TEST_DATABASE_URL) {
    const { database, url, drop } = await openTestDatabase();
    await database.close();
    env = { DATABASE_URL: url! };
    cleanup = async () => {
      await drop().catch(() => undefined);
    };
  } else {
    env = { DATA_DIR: path.join(workDir, 'db') };
    cleanup = async () => undefined;
  }
});
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const result = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), [path.join(repoRoot, 'apps/server/src/cli.ts'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeFile(name: string, content: string | Buffer) {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('npm run cli', () => {
  it('creates the first admin', () => {
    const r = cli('admin', 'create', '--email', 'root@example.mx', '--password', 'caballo correcto batería', '--name', 'Root');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created admin root@example.mx|already existed/);
    const again = cli('admin', 'create', '--email', 'root@example.mx', '--password', 'caballo correcto batería');
    expect(again.stdout).toContain('already existed');
  });

  it('imports a file and prints the report, as JSON with --json', () => {
    const file = writeFile('estados.csv', 'Cuadro 1. Población (nota)\ncve_ent,nombre_estado_inegi,nombre_estado,pob_total_2020\n22,Querétaro,Querétaro,2368467\n00,Nacional,Nacional,126014024\n');
    const r = cli('import', '--kind', 'geo.states', file, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ kind: 'geo.states', totalRows: 2, rejectedRows: 1 });
    expect(report.newRows + report.unchangedRows + report.updatedRows).toBe(1);
    expect(report.rejections[0]).toMatchObject({ rowNumber: 4, code: 'IMPORT.ROW_INVALID_CODE' });

    const human = cli('import', '--kind', 'geo.states', file);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('COMPLETED');
    expect(human.stdout).toContain('row 4: IMPORT.ROW_INVALID_CODE');
  });

  it('exits non-zero when the file is rejected whole', () => {
    const file = writeFile('roto.csv', 'nombre,edad\nAna,30\n');
    const r = cli('import', '--kind', 'geo.states', file, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('rejected');
    expect(report.fileError.code).toBe('IMPORT.MISSING_COLUMNS');
  });

  it('explains usage mistakes', () => {
    const r = cli('import', '--kind', 'geo.states');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('import needs --kind');
    const unknown = cli('import', '--kind', 'geo.nothing', writeFile('x.csv', 'a\n1\n'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('IMPORT.UNKNOWN_KIND');
  });
});
