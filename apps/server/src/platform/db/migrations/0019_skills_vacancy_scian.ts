import { type Kysely, sql } from 'kysely';

/**
 * Skills job board: the employer's industry of a vacancy, as a SCIAN 2018 code (2 to 6 digits:
 * subsector 336, rama 3363, clase 336320), optional. The service checks it against the
 * catalogue the suppliers module ships; the column only keeps the shape, so that a catalogue
 * update never has to rewrite rows. The public list filters by prefix (`like '336%'`), which a
 * text_pattern_ops index answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table skills_vacancy add column industry_scian text check (industry_scian ~ '^[0-9]{2,6}$')`.execute(db);
  await sql`create index skills_vacancy_industry on skills_vacancy (industry_scian text_pattern_ops) where status = 'published'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists skills_vacancy_industry`.execute(db);
  await sql`alter table skills_vacancy drop column industry_scian`.execute(db);
}
