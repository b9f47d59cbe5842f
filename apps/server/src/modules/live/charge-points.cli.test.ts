import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config.js';
import { openDatabase } from '../../platform/db/database.js';
import { openTestDatabase } from '../../test/test-app.js';

/** `charging provision` as an operator types it: a separate process on its own database. The charge point is SYNTHETIC. */
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electrifica-cli-ocpp-'));
  if (process.env.TEST_DATABASE_URL) {
    const { database, url, drop } = await openTestDatabase();
    await database.close();
    env = { DATABASE_URL: url! };
    cleanup = async () => { await drop().catch(() => undefined); };
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
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOAD_REFERENCE_DATA: 'false', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run cli -- charging provision', () => {
  it('provisions a charge point with a hashed password, and refuses the same identity twice', async () => {
    const first = cli('charging', 'provision', '--identity', 'CLI-CP-1', '--password', 'SYNTHETIC-pass-0001');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Provisioned charge point CLI-CP-1/);
    const again = cli('charging', 'provision', '--identity', 'CLI-CP-1', '--password', 'SYNTHETIC-pass-0001');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/OCPP.IDENTITY_TAKEN/);
    expect(cli('charging', 'provision', '--identity', 'CLI-CP-3', '--password', 'SYNTHETIC-pass-0001', '--operator', 'Nadie S.A.').err).toMatch(/ACCOUNTS.ORGANISATION_NOT_FOUND/);

    const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? '' });
    try {
      const rows = await database.db.selectFrom('charge_point').select(['identity', 'password_hash', 'registration_status']).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ identity: 'CLI-CP-1', registration_status: 'accepted' });
      expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
      const audit = await database.db.selectFrom('audit_event').select(['actor_label', 'action']).where('entity_type', '=', 'live.charge-point').execute();
      expect(audit).toEqual([{ actor_label: 'cli', action: 'create' }]);
    } finally {
      await database.close();
    }
    // Each run opens the database afresh in its own process: allow for several on a busy machine.
  }, 480_000);
});
