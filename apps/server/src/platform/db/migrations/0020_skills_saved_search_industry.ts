import { type Kysely, sql } from 'kysely';

/**
 * Skills job board: saved searches keep the employer-industry filter of the list (a SCIAN 2018
 * code or prefix), so that their alerts match it the way the list does (`like '336%'`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table skills_saved_search add column industry_prefix text check (industry_prefix ~ '^[0-9]{2,6}$')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table skills_saved_search drop column industry_prefix`.execute(db);
}
