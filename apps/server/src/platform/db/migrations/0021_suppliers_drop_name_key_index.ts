import { type Kysely, sql } from 'kysely';

/**
 * Supplier census: the plain `name_key` index goes. Its only reader was the name block of
 * matching, which migration 0013's partial index (`name_key, lat` of shown records) serves; the
 * planner still sent the probes to the older, smaller index and checked latitude and fold on the
 * table (a million-row run probed it a million times and never touched 0013's). One index fewer
 * to keep up on every imported row and on both records of every fold.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists supplier_establishment_name_key_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists supplier_establishment_name_key_idx on supplier_establishment (name_key)`.execute(db);
}
