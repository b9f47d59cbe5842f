import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp, type ElectrificaApp } from '../app.js';
import { loadConfig, type AppConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';

/**
 * A fresh database per test file, already holding the reference geography: PGlite
 * restored from the prepared snapshot, or a PostgreSQL database cloned from the
 * template when TEST_DATABASE_URL is set. Same suites, both engines.
 */
export async function openTestDatabase(): Promise<{ database: DatabaseHandle; url: string | null; drop: () => Promise<void> }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const pg = await import('pg');
    const name = `electrifica_test_${randomBytes(4).toString('hex')}`;
    const admin = new pg.default.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('testTemplateDb') ?? 'electrifica_test_template'}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    return {
      database,
      url: url.toString(),
      drop: async () => {
        // A test may already have closed it (outage tests).
        await database.close().catch(() => undefined);
        const c = new pg.default.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const snapshot = inject('testSnapshot');
  if (!snapshot) throw new Error('The test snapshot is missing; run tests through vitest (globalSetup prepares it).');
  const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(snapshot)]) });
  return { database, url: null, drop: () => database.close() };
}

export interface TestApp extends ElectrificaApp {
  config: AppConfig;
  dispose(): Promise<void>;
}

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({}, {
    logLevel: 'silent',
    loadReferenceData: false,
    cookieSecure: false,
    rateLimitPerMinute: 1_000_000,
    webDistDir: '/nonexistent',
    ...overrides,
  });
  const electrifica = await createApp(config, { database });
  await electrifica.app.ready();
  return {
    ...electrifica,
    config,
    async dispose() {
      await electrifica.close();
      await drop();
    },
  };
}
