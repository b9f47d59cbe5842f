import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type DialectName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: DialectName;
  /** Checks the connection; used by the health endpoint. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, to start other instances from. */
  dumpDataDir?(): Promise<Blob>;
  /**
   * `COPY table (columns) FROM` CSV bytes (with a header line): PostgreSQL's bulk load, the
   * fastest way rows get into a table. Outside any Kysely transaction; returns rows copied.
   */
  copyIn(table: string, columns: readonly string[], csv: Uint8Array): Promise<number>;
  /** `COPY (query) TO` CSV bytes with a header line. Outside any Kysely transaction. */
  copyOut(query: string): Promise<Uint8Array>;
}

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain SQL identifier.`);
  return name;
};
const copyTarget = (table: string, columns: readonly string[]) => `${identifier(table)} (${columns.map(identifier).join(', ')})`;

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  /** PGlite folder, or `memory://` for an in-memory database. */
  dataDir: string;
  /** A tarball made by `dumpDataDir`, to start PGlite from a prepared state (tests). */
  loadDataDir?: Blob;
}

/**
 * Opens Kysely over PGlite (embedded, with PostGIS) or a PostgreSQL server.
 * The same SQL and the same migrations run on both.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(databaseUrl: string): Promise<DatabaseHandle> {
  const pg = await import('pg');
  // bigint counts come back as strings by default; our counts fit in a JS number.
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  pg.default.types.setTypeParser(1700, (v: string) => Number(v));
  // JIT off for every connection (docs/adr/0009): the app's statements are short or set-based
  // with inflated cost estimates, and LLVM compilation (100–300 ms each) never pays back.
  const pool = new pg.default.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off' });
  // An idle connection dropped by the server (restart, failover) must not crash the
  // process; the pool replaces it and the health check reports the outage.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  });
  // The pool listens for errors only while a client is idle. A connection dropped while the
  // app holds it between two queries (inside a transaction, say) would otherwise emit an
  // 'error' nobody hears, which ends the process. The query in flight or the next one fails
  // and is reported; the pool discards the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost while in use: ${error.message}`);
    });
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: () => pingDb(db),
    close: () => db.destroy(),
    async copyIn(table, columns, csv) {
      const { from } = await import('pg-copy-streams');
      const client = await pool.connect();
      try {
        const stream = client.query(from(`copy ${copyTarget(table, columns)} from stdin with (format csv, header true)`));
        await pipeline(Readable.from([Buffer.from(csv.buffer, csv.byteOffset, csv.byteLength)]), stream);
        return Number(stream.rowCount ?? 0);
      } finally {
        client.release();
      }
    },
    async copyOut(query) {
      const { to } = await import('pg-copy-streams');
      const client = await pool.connect();
      try {
        const chunks: Buffer[] = [];
        const stream = client.query(to(`copy (${query}) to stdout with (format csv, header true)`));
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return new Uint8Array(Buffer.concat(chunks));
      } finally {
        client.release();
      }
    },
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  // The contrib extensions the migrations create (a PostgreSQL server ships them in postgresql-contrib).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { intarray } = await import('@electric-sql/pglite/contrib/intarray');
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    extensions: { postgis, pg_trgm, intarray },
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: {
      [types.INT8]: (v: string) => Number(v),
      [types.NUMERIC]: (v: string) => Number(v),
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    dialect: 'pglite',
    ping: () => pingDb(db),
    // Kysely's PGlite driver closes the PGlite instance on destroy.
    close: () => db.destroy(),
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    // PGlite reads and writes COPY data through its virtual /dev/blob file.
    async copyIn(table, columns, csv) {
      const result = await pglite.query(`copy ${copyTarget(table, columns)} from '/dev/blob' with (format csv, header true)`, [], { blob: new Blob([csv as Uint8Array<ArrayBuffer>]) });
      return result.affectedRows ?? 0;
    },
    async copyOut(query) {
      const result = await pglite.query(`copy (${query}) to '/dev/blob' with (format csv, header true)`);
      return new Uint8Array(await result.blob!.arrayBuffer());
    },
  };
}

async function pingDb(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
