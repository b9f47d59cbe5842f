import { type Kysely, sql } from 'kysely';

/**
 * Skills: industry demand and training supply (modules/skills/demand, training, gaps).
 *
 * - `skills_demand`: a need reported by a company or chamber: an occupation, the skills,
 *   how many people, by when, where (INEGI codes) and at which level. Withdrawn reports stay
 *   (the audit and past trends refer to them) but leave every aggregate.
 * - `skills_course`: a programme or course published by a university, training centre or
 *   company, with the skills it teaches (taxonomy ids) and optionally its seats per year.
 *
 * Skills are kept as taxonomy text ids (`text[]`): aggregates unnest them, and the GIN index
 * answers "teaches this skill" for the catalogue and for the job board's pathways. The
 * certification code is checked against `skills_certification` when written, not by a
 * foreign key: the taxonomy loader replaces that table on every reload.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table skills_demand (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id),
      status text not null default 'active' check (status in ('active', 'withdrawn')),
      occupation_id text not null references skills_occupation(id),
      skill_ids text[] not null default '{}',
      people integer not null check (people > 0),
      horizon text not null check (horizon in ('within_12_months', '1_3_years', '3_5_years')),
      target_date date,
      -- INEGI cve_ent and cvegeo, checked against geo_state / geo_municipality when written.
      state_code char(2) not null,
      municipality_code char(5),
      level text not null check (level in ('technical', 'undergraduate', 'graduate')),
      reported_on date not null,
      notes text,
      provenance jsonb not null default '{}',
      created_by uuid references app_user(id) on delete set null,
      withdrawn_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_demand_org on skills_demand (organisation_id, created_at desc)`.execute(db);
  await sql`create index skills_demand_state on skills_demand (state_code) where status = 'active'`.execute(db);
  await sql`create index skills_demand_skills on skills_demand using gin (skill_ids) where status = 'active'`.execute(db);

  await sql`
    create table skills_course (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id),
      status text not null default 'published' check (status in ('published', 'withdrawn')),
      kind text not null check (kind in ('programme', 'course')),
      title text not null,
      description text,
      level text not null check (level in ('technical', 'undergraduate', 'graduate', 'short_course')),
      modality text not null check (modality in ('in_person', 'online', 'mixed')),
      duration_hours numeric not null check (duration_hours > 0),
      languages text[] not null default '{}',
      -- MX: INEGI cve_ent / cvegeo; US: USPS code. Online courses may have no place.
      country char(2) check (country in ('MX', 'US')),
      state_code text,
      municipality_code text,
      lat double precision,
      lon double precision,
      skill_ids text[] not null default '{}',
      certification_code text,
      partner_name text,
      partner_country char(2),
      start_dates date[] not null default '{}',
      is_free boolean not null,
      cost_amount numeric check (cost_amount is null or cost_amount >= 0),
      cost_currency char(3),
      seats_per_year integer check (seats_per_year is null or seats_per_year > 0),
      url text,
      search_text text not null,
      provenance jsonb not null default '{}',
      created_by uuid references app_user(id) on delete set null,
      withdrawn_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (is_free = (cost_amount is null)),
      check ((cost_amount is null) = (cost_currency is null))
    )`.execute(db);
  await sql`create index skills_course_org on skills_course (organisation_id, created_at desc)`.execute(db);
  await sql`create index skills_course_skills on skills_course using gin (skill_ids) where status = 'published'`.execute(db);
  await sql`create index skills_course_place on skills_course (state_code) where status = 'published'`.execute(db);
  await sql`create index skills_course_text on skills_course using gin (search_text gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists skills_course`.execute(db);
  await sql`drop table if exists skills_demand`.execute(db);
}
