import { type Kysely, sql } from 'kysely';

/**
 * Supplier census: where a queued match came from. Pending pairs are no longer audited one
 * by one (at a million records an import queued that many pairs, and their audit events
 * took a third of the run; see docs/adr/0010-supplier-matching-blocking.md, "Revised"), so
 * the pair row itself records who made it: `created_at` already says when; `import_id`
 * names the import run whose matching proposed it (null when matching ran outside an
 * import) and `created_by` the actor's label (`import:<id>`, `system:...`, an email).
 * Rows written before this migration keep their audit events and have neither.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table supplier_match add column import_id uuid, add column created_by text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table supplier_match drop column import_id, drop column created_by`.execute(db);
}
