import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-app.js';
import type { DatabaseHandle } from './database.js';

let handle: { database: DatabaseHandle; url: string | null; drop: () => Promise<void> };
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.drop();
});

describe('the database handle', () => {
  it('answers its health ping', async () => {
    expect(await handle.database.ping()).toBe(true);
  });

  it('copies CSV rows out of a query and into a table, accents and quotes intact', async () => {
    const { db } = handle.database;
    await sql`create table copy_probe (id integer primary key, name text, point_lat double precision)`.execute(db);
    try {
      const csv = new TextEncoder().encode('id,name,point_lat\n1,"Peñuelas, Ags.",21.72\n2,Saltillo,25.42\n');
      expect(await handle.database.copyIn('copy_probe', ['id', 'name', 'point_lat'], csv)).toBe(2);
      const out = new TextDecoder().decode(await handle.database.copyOut('select id, name from copy_probe order by id'));
      expect(out.trim().split('\n')).toEqual(['id,name', '1,"Peñuelas, Ags."', '2,Saltillo']);
      await expect(handle.database.copyIn('copy_probe; drop table x', ['id'], csv)).rejects.toThrow(/plain SQL identifier/);
    } finally {
      await sql`drop table copy_probe`.execute(db);
    }
  });

  // Only a server has connections that can be cut from outside.
  if (process.env.TEST_DATABASE_URL) {
    it('opens server connections with JIT off (docs/adr/0009)', async () => {
      const { rows } = await sql<{ jit: string }>`show jit`.execute(handle.database.db);
      expect(rows[0]!.jit).toBe('off');
    });

    it('survives a connection cut while a transaction holds it, and serves the next query on a fresh one', async () => {
      const { db } = handle.database;
      const pg = await import('pg');
      const outcome = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        const admin = new pg.default.Client({ connectionString: handle.url! });
        await admin.connect();
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await admin.end();
        // The client hears of the cut between two queries: the moment that used to crash the process.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 1`.execute(trx);
      });
      await expect(outcome).rejects.toThrow();
      const after = await sql<{ ok: number }>`select 1 as ok`.execute(db);
      expect(after.rows[0]!.ok).toBe(1);
    });
  }
});
