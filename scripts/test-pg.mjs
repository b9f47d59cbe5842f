#!/usr/bin/env node
// Runs the same Vitest suites against a real PostgreSQL + PostGIS server.
// TEST_DATABASE_URL points at a database the tests may use to create and drop
// their own databases (default: the local server's `postgres` database).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const result = spawnSync('npx', ['vitest', 'run', 'apps/server', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(result.status ?? 1);
