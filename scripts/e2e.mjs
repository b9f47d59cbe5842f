#!/usr/bin/env node
// Browser journeys against a real server: a fresh embedded database, the first admin
// created with the CLI, the server started as `npm start` would, then Chromium drives it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electrifica-e2e-'));
const port = Number(process.env.E2E_PORT ?? 3999);
const admin = { email: 'admin-e2e@example.mx', password: 'caballo correcto batería' };
const env = { ...process.env, DATA_DIR: path.join(dataDir, 'db'), PORT: String(port), HOST: '127.0.0.1', COOKIE_SECURE: 'false', LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;

function cleanup(server) {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const created = spawnSync(tsx, [path.join(root, 'apps/server/src/cli.ts'), 'admin', 'create', '--email', admin.email, '--password', admin.password, '--name', 'E2E Admin'], { env, stdio: 'inherit', cwd: root });
if (created.status !== 0) {
  cleanup();
  process.exit(created.status ?? 1);
}

const server = spawn(tsx, [path.join(root, 'apps/server/src/main.ts')], { env, stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
const deadline = Date.now() + 300_000;
let up = false;
while (Date.now() < deadline && server.exitCode === null) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (res.ok) {
      up = true;
      break;
    }
  } catch {
    // not listening yet: the first start loads the reference data
  }
  await new Promise((r) => setTimeout(r, 1000));
}
if (!up) {
  console.error('The server did not become healthy.');
  cleanup(server);
  process.exit(1);
}

const args = ['vitest', 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)];
if (process.env.E2E_RESULTS) args.push('--reporter=default', '--reporter=json', `--outputFile.json=${process.env.E2E_RESULTS}`);
const result = spawnSync('npx', args, {
  env: { ...process.env, E2E_BASE_URL: `http://127.0.0.1:${port}`, E2E_ADMIN_EMAIL: admin.email, E2E_ADMIN_PASSWORD: admin.password },
  stdio: 'inherit',
  cwd: root,
});
cleanup(server);
process.exit(result.status ?? 1);
