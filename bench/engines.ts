import { sql } from 'kysely';
import pg from 'pg';
import { createApp, type ElectrificaApp } from '../apps/server/src/app.js';
import { loadConfig, type AppConfig } from '../apps/server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../apps/server/src/platform/db/database.js';

export type EngineName = 'pglite' | 'postgres';

export const engineLabels: Record<EngineName, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/** The scratch database created on a PostgreSQL server, dropped afterwards. */
// Overridable so that two benchmark runs on one server do not drop each other's database.
export const benchDatabaseName = process.env.BENCH_DB_NAME?.trim() || 'electrifica_bench';

export interface PreparedEngine {
  name: EngineName;
  /** E.g. "PostgreSQL 15.20 / PostGIS 3.3" — for the report. */
  version: string;
  database: DatabaseHandle;
  electrifica: ElectrificaApp;
  config: AppConfig;
  timings: { openSeconds: number; referenceDataSeconds: number; analyzeSeconds: number | null };
  close(): Promise<void>;
}

/** The app as `main.ts` builds it, minus logging and rate limiting (a load test would trip the limiter). */
export function benchConfig(databaseUrl: string | null): AppConfig {
  return loadConfig({}, {
    logLevel: 'silent',
    loadReferenceData: false,
    databaseUrl,
    dataDir: 'memory://',
    rateLimitPerMinute: 1_000_000_000,
    webDistDir: '/nonexistent',
  });
}

/** Shows a connection URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const seconds = (since: number) => (performance.now() - since) / 1000;

export interface PrepareOptions {
  /**
   * ANALYZE the database after the reference data is in. PostgreSQL's autovacuum does this
   * on its own within a minute or so; PGlite has no autovacuum. Doing it explicitly makes
   * runs repeatable and the two engines comparable.
   */
  analyze: boolean;
  log: (message: string) => void;
}

async function prepare(
  name: EngineName,
  databaseUrl: string | null,
  options: PrepareOptions,
  onClose: () => Promise<void> = async () => {},
): Promise<PreparedEngine> {
  const { log } = options;
  const config = benchConfig(databaseUrl);
  const opened = performance.now();
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  let electrifica: ElectrificaApp;
  try {
    electrifica = await createApp(config, { database });
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  const openSeconds = seconds(opened);
  log(`${engineLabels[name]}: database open and migrated in ${openSeconds.toFixed(1)} s; loading reference data through the import pipeline…`);
  let referenceDataSeconds: number;
  let analyzeSeconds: number | null = null;
  let version: string;
  try {
    const loading = performance.now();
    const results = await electrifica.loadReferenceData();
    const failed = results.filter((r) => r.run && r.run.status !== 'completed');
    if (failed.length) throw new Error(`reference data import failed: ${failed.map((f) => `${f.kind} (${f.run?.status})`).join(', ')}`);
    referenceDataSeconds = seconds(loading);
    log(`${engineLabels[name]}: reference data loaded in ${referenceDataSeconds.toFixed(1)} s`);
    if (options.analyze) {
      const analyzing = performance.now();
      await sql`analyze`.execute(database.db);
      analyzeSeconds = seconds(analyzing);
      log(`${engineLabels[name]}: ANALYZE in ${analyzeSeconds.toFixed(1)} s`);
    }
    const v = await sql<{ pg: string; postgis: string }>`select current_setting('server_version') as pg, postgis_lib_version() as postgis`.execute(database.db);
    version = v.rows[0] ? `PostgreSQL ${v.rows[0].pg} / PostGIS ${v.rows[0].postgis}` : 'unknown';
  } catch (error) {
    await electrifica.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    name,
    version,
    database,
    electrifica,
    config,
    timings: { openSeconds, referenceDataSeconds, analyzeSeconds },
    /** Safe to call more than once: later calls wait for the first. */
    close() {
      closing ??= (async () => {
        try {
          await electrifica.close();
          await database.close();
        } finally {
          await onClose();
        }
      })();
      return closing;
    },
  };
}

/** Embedded PGlite with PostGIS, in memory. */
export function preparePglite(options: PrepareOptions): Promise<PreparedEngine> {
  return prepare('pglite', null, options);
}

export type PostgresTarget = { ok: true; databaseUrl: string; drop: () => Promise<void> } | { ok: false; reason: string };

/**
 * Creates a fresh scratch database on the server named by `serverUrl` (any database
 * on it works for the admin connection), or explains why PostgreSQL cannot be used.
 */
export async function createPostgresTarget(serverUrl: string): Promise<PostgresTarget> {
  let parsed: URL;
  try {
    parsed = new URL(serverUrl);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) return { ok: false, reason: `${redactUrl(serverUrl)} is not a postgres:// URL` };
  } catch {
    return { ok: false, reason: 'the database URL cannot be parsed' };
  }
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (error) {
    return { ok: false, reason: `cannot connect to ${redactUrl(serverUrl)} (${(error as Error).message || String(error)})` };
  }
  try {
    const ext = await admin.query<{ version: string | null }>(`select default_version as version from pg_available_extensions where name = 'postgis'`);
    if (!ext.rows[0]) {
      return { ok: false, reason: `PostGIS is not installed on the server at ${redactUrl(serverUrl)} (e.g. apt-get install postgresql-15-postgis-3)` };
    }
    await admin.query(`drop database if exists ${benchDatabaseName} with (force)`);
    await admin.query(`create database ${benchDatabaseName}`);
  } catch (error) {
    return { ok: false, reason: `cannot create the scratch database ${benchDatabaseName}: ${(error as Error).message}` };
  } finally {
    await admin.end().catch(() => {});
  }
  parsed.pathname = `/${benchDatabaseName}`;
  return {
    ok: true,
    databaseUrl: parsed.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
      c.on('error', () => {});
      await c.connect();
      try {
        await c.query(`drop database if exists ${benchDatabaseName} with (force)`);
      } finally {
        await c.end().catch(() => {});
      }
    },
  };
}

/** PostgreSQL + PostGIS in the scratch database; the database is dropped on close, or on failure here. */
export async function preparePostgres(target: Extract<PostgresTarget, { ok: true }>, options: PrepareOptions): Promise<PreparedEngine> {
  try {
    return await prepare('postgres', target.databaseUrl, options, target.drop);
  } catch (error) {
    await target.drop().catch(() => {});
    throw error;
  }
}
