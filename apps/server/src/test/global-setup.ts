import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot } from '../config.js';
import { createApp } from '../app.js';
import { openDatabase } from '../platform/db/database.js';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testSnapshot: string | null;
    testTemplateDb: string | null;
  }
}

/**
 * Prepares, once per test run, a database with migrations and the reference data
 * loaded through the import pipeline. PGlite: a tarball each test file starts from
 * (cached by the hash of migrations, importers and data). PostgreSQL: a template
 * database each test file clones.
 */
export const snapshotDir = path.join(repoRoot, '.tmp');
/** Per run, so that runs side by side (CI shards, several terminals) do not drop each other's template. */
export const templateDbName = `electrifica_test_template_${process.pid}`;

function inputsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.includes('.test.')) hash.update(entry.name).update(fs.readFileSync(full));
    }
  };
  walk(path.join(repoRoot, 'apps/server/src/platform'));
  walk(path.join(repoRoot, 'apps/server/src/modules'));
  walk(path.join(repoRoot, 'data/reference'));
  return hash.digest('hex').slice(0, 16);
}

export default async function setup(project: TestProject) {
  const config = loadConfig({}, { logLevel: 'silent', loadReferenceData: false });
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateDbName}`);
    await admin.query(`create database ${templateDbName}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${templateDbName}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    const electrifica = await createApp({ ...config, databaseUrl: url.toString() }, { database });
    await electrifica.loadReferenceData();
    await electrifica.close();
    await database.close();
    project.provide('testTemplateDb', templateDbName);
    project.provide('testSnapshot', null);
    return async () => {
      const cleanup = new pg.default.Client({ connectionString: pgUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${templateDbName} with (force)`);
      await cleanup.end();
    };
  }
  const file = path.join(snapshotDir, `test-db-${inputsHash()}.tar.gz`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(snapshotDir, { recursive: true });
    // Old snapshots go once they are a day old: a run started moments ago may still be reading one.
    for (const old of fs.readdirSync(snapshotDir).filter((f) => f.startsWith('test-db-') && f.endsWith('.tar.gz'))) {
      const full = path.join(snapshotDir, old);
      if (Date.now() - fs.statSync(full).mtimeMs > 24 * 3600 * 1000) fs.rmSync(full, { force: true });
    }
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
    const electrifica = await createApp(config, { database });
    await electrifica.loadReferenceData();
    await electrifica.close();
    const blob = await database.dumpDataDir!();
    // Written whole, then renamed: another run never reads half a snapshot.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(partial, file);
    await database.close();
  }
  project.provide('testSnapshot', file);
  project.provide('testTemplateDb', null);
}
