import { type Kysely, sql } from 'kysely';

/**
 * Skills taxonomy (modules/skills/taxonomy): occupations and skills from ESCO and O*NET plus
 * the ones moderators add (`local:`), their links, the ESCO↔O*NET crosswalk, US wages per
 * SOC, ISCO-08 groups and the Mexican certifications (CONOCER) tied to them.
 *
 * Search (see modules/skills/README.md): labels are folded in the app (foldForSearch, since
 * PGlite has no unaccent) into `search_labels` (preferred labels, both languages) and
 * `search_alts` (alternative labels); the word index answers prefix words, and typos are
 * corrected against `skills_search_word` first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists intarray`.execute(db);

  const searchColumns = sql.raw(`
      search_label_es text not null default '',
      search_label_en text not null default '',
      search_labels text not null default '',
      search_alts text not null default '',
      search_vector tsvector generated always as (
        setweight(to_tsvector('simple', search_labels), 'A') || setweight(to_tsvector('simple', search_alts), 'B')
      ) stored`);

  await sql`
    create table skills_occupation (
      id text primary key check (id ~ '^(esco|onet|local):.+$'),
      scheme text not null check (scheme in ('esco', 'onet', 'local')),
      label_es text,
      label_en text,
      alt_labels_es text[] not null default '{}',
      alt_labels_en text[] not null default '{}',
      description_en text,
      description_es text,
      isco_code text,
      soc_code text,
      esco_version text,
      ev_related boolean not null default false,
      provenance jsonb not null,
      ${searchColumns},
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (label_es is not null or label_en is not null)
    )`.execute(db);

  await sql`
    create table skills_skill (
      id text primary key check (id ~ '^(esco|onet|local):.+$'),
      seq integer generated always as identity unique,
      scheme text not null check (scheme in ('esco', 'onet', 'local')),
      skill_type text not null check (skill_type in ('skill', 'knowledge', 'transversal', 'language')),
      reuse_level text,
      label_es text,
      label_en text,
      alt_labels_es text[] not null default '{}',
      alt_labels_en text[] not null default '{}',
      description_en text,
      description_es text,
      ev_related boolean not null default false,
      provenance jsonb not null,
      ${searchColumns},
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (label_es is not null or label_en is not null)
    )`.execute(db);

  for (const table of ['skills_occupation', 'skills_skill']) {
    const t = sql.raw(table);
    await sql`create index ${sql.raw(`${table}_search_idx`)} on ${t} using gin (search_vector)`.execute(db);
    await sql`create index ${sql.raw(`${table}_ev_idx`)} on ${t} (id) where ev_related`.execute(db);
  }

  // Essential/optional (ESCO) or importance 1–5 (O*NET); skill lists of an occupation and
  // occupations of a skill are both one index range.
  await sql`
    create table skills_occupation_skill (
      occupation_id text not null references skills_occupation(id) on delete cascade,
      skill_id text not null references skills_skill(id) on delete cascade,
      relation text not null check (relation in ('essential', 'optional')),
      importance numeric,
      provenance jsonb not null,
      primary key (occupation_id, skill_id)
    )`.execute(db);
  await sql`create index skills_occupation_skill_skill_idx on skills_occupation_skill (skill_id)`.execute(db);

  // ESCO ↔ O*NET (Nesta), one row per pair.
  await sql`
    create table skills_crosswalk (
      esco_id text not null references skills_occupation(id) on delete cascade,
      onet_id text not null references skills_occupation(id) on delete cascade,
      confidence numeric,
      method text not null,
      provenance jsonb not null,
      primary key (esco_id, onet_id)
    )`.execute(db);
  await sql`create index skills_crosswalk_onet_idx on skills_crosswalk (onet_id)`.execute(db);

  await sql`
    create table skills_related_occupation (
      occupation_id text not null references skills_occupation(id) on delete cascade,
      related_id text not null references skills_occupation(id) on delete cascade,
      tier text not null,
      rank integer not null,
      provenance jsonb not null,
      primary key (occupation_id, related_id)
    )`.execute(db);

  await sql`
    create table skills_isco_group (
      code text primary key,
      label_en text not null,
      label_es text
    )`.execute(db);

  // US national wages per SOC 2018 code (US$); null where BLS publishes none, `top_coded` when above its cap.
  await sql`
    create table skills_us_wage (
      soc_code text primary key,
      soc_group text not null,
      title text not null,
      employment integer,
      hourly_mean_usd numeric,
      hourly_median_usd numeric,
      annual_mean_usd numeric,
      annual_p10_usd numeric,
      annual_p25_usd numeric,
      annual_median_usd numeric,
      annual_p75_usd numeric,
      annual_p90_usd numeric,
      top_coded text[] not null default '{}',
      source text not null,
      vintage text not null
    )`.execute(db);

  // Mexican competency standards (CONOCER) as certifications of skills and occupations.
  await sql`
    create table skills_certification (
      code text primary key,
      scheme text not null,
      title_es text not null,
      level integer,
      committee text,
      skill_ids text[] not null default '{}',
      occupation_ids text[] not null default '{}',
      ev_related boolean not null default false,
      provenance jsonb not null
    )`.execute(db);

  // Alternative labels moderators add (and the shipped Mexican ones): kept apart so that a
  // reload of the sources puts them back on the record.
  await sql`
    create table skills_curated_label (
      id bigint generated always as identity primary key,
      entity_id text not null,
      lang text not null check (lang in ('es', 'en')),
      label text not null,
      label_key text not null,
      provenance jsonb not null,
      created_at timestamptz not null default now(),
      unique (entity_id, lang, label_key)
    )`.execute(db);

  // Every folded word of every label (about 40,000): a query word found nowhere is corrected to
  // the closest words here (trigram similarity over short words is fast; over whole label
  // texts it is not; the GiST index hands out the nearest words first), and the corrected
  // words are searched with the word index.
  await sql`create table skills_search_word (word text collate "C" primary key)`.execute(db);
  await sql`create index skills_search_word_trgm_idx on skills_search_word using gist (word gist_trgm_ops)`.execute(db);

  // One row per load of the shipped files: a load whose files have the same bytes is skipped.
  await sql`
    create table skills_taxonomy_load (
      id bigint generated always as identity primary key,
      sha256 text not null,
      counts jsonb not null,
      duration_ms integer not null,
      loaded_at timestamptz not null default now()
    )`.execute(db);
}
