import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import { openTestDatabase } from '../../../test/test-app.js';

/**
 * `npm run cli -- import --kind suppliers.retc <file>` as an operator runs it: a separate
 * process on its own database (a temporary PGlite folder, or a fresh PostgreSQL database —
 * which already holds the reference data, RETC included — in the PostgreSQL run).
 */
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electrifica-cli-retc-'));
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
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- import --kind suppliers.retc', () => {
  const file = path.join(repoRoot, 'data/reference/suppliers/retc_establecimientos_2021.tsv');

  it('lists the supplier kinds', () => {
    const r = cli('import', 'kinds');
    expect(r.code).toBe(0);
    for (const kind of ['suppliers.denue', 'suppliers.retc', 'suppliers.template']) expect(r.stdout).toContain(kind);
  });

  it('imports the real RETC file, then finds every row unchanged', () => {
    const first = cli('import', '--kind', 'suppliers.retc', file, '--json');
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ kind: 'suppliers.retc', status: 'completed', totalRows: 2934, rejectedRows: 1770, updatedRows: 0 });
    expect(report.newRows + report.unchangedRows).toBe(1164);
    expect(report.rejections[0]).toMatchObject({ rowNumber: 2, code: 'IMPORT.ROW_OUT_OF_SCOPE' });

    const again = cli('import', '--kind', 'suppliers.retc', file);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('COMPLETED');
    expect(again.stdout).toContain('0 new, 0 updated, 1164 unchanged, 1770 rejected');
  });
});
