import { type Kysely, sql } from 'kysely';

/**
 * Skills: the bi-national job board (modules/skills/jobs): vacancies posted by employer
 * organisations, candidate profiles (private by default), applications, saved searches and
 * their in-app alerts.
 *
 * Matching reads skills as `int[]` of the taxonomy's compact `skills_skill.seq`, with GIN
 * indexes over intarray's `gin__int_ops`: "shares at least one skill" (`&&`) is an index
 * lookup, and the overlap counts (`icount(a & b)`) are cheap array work on the few rows it
 * returns. The text ids are kept beside them, as the API speaks them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists intarray`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table skills_vacancy (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation(id),
      status text not null default 'published' check (status in ('draft', 'published', 'closed')),
      title text not null,
      occupation_id text not null references skills_occupation(id),
      country char(2) not null check (country in ('MX', 'US')),
      -- MX: INEGI cve_ent (2 digits); US: USPS code.
      state_code text not null,
      -- MX: INEGI cvegeo (5 digits); US: the city or county as written (folded in municipality_key).
      municipality_code text,
      municipality_key text,
      lat double precision,
      lon double precision,
      salary_min numeric not null check (salary_min >= 0),
      salary_max numeric not null check (salary_max >= salary_min),
      salary_currency char(3) not null,
      salary_period text not null check (salary_period in ('hour', 'day', 'week', 'fortnight', 'month', 'year')),
      -- Both ends per month, so that a salary floor compares postings paid by the hour and by the year.
      salary_min_monthly numeric not null,
      salary_max_monthly numeric not null,
      benefits text[] not null default '{}',
      benefits_other text,
      activities text not null,
      required_skill_ids text[] not null default '{}',
      optional_skill_ids text[] not null default '{}',
      required_seqs int[] not null default '{}',
      optional_seqs int[] not null default '{}',
      skill_seqs int[] not null default '{}',
      -- [{ code, level }] as given, and the (language, level) codes the matching counts.
      languages jsonb not null default '[]',
      language_reqs int[] not null default '{}',
      work_mode text not null check (work_mode in ('on_site', 'hybrid', 'remote')),
      inclusion text[] not null default '{}',
      work_authorisation_required boolean not null default false,
      closing_date date,
      search_text text not null,
      provenance jsonb not null default '{}',
      created_by uuid references app_user(id) on delete set null,
      published_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_vacancy_skills on skills_vacancy using gin (skill_seqs gin__int_ops) where status = 'published'`.execute(db);
  await sql`create index skills_vacancy_org on skills_vacancy (organisation_id, created_at desc)`.execute(db);
  await sql`create index skills_vacancy_list on skills_vacancy (status, published_at desc, id)`.execute(db);
  await sql`create index skills_vacancy_occupation on skills_vacancy (occupation_id, country)`.execute(db);
  await sql`create index skills_vacancy_text on skills_vacancy using gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    create table skills_candidate (
      user_id uuid primary key references app_user(id) on delete cascade,
      skill_ids text[] not null default '{}',
      skill_seqs int[] not null default '{}',
      -- [{ occupationId, years, title }]
      experience jsonb not null default '[]',
      occupation_ids text[] not null default '{}',
      country char(2) check (country in ('MX', 'US')),
      state_code text,
      municipality_code text,
      municipality_key text,
      languages jsonb not null default '[]',
      -- Every (language, level) the candidate meets: C1 English also meets B2, B1…
      language_grants int[] not null default '{}',
      authorised_mx boolean not null default false,
      authorised_us boolean not null default false,
      desired_salary_min numeric,
      desired_salary_currency char(3),
      desired_salary_period text,
      -- Self-reported, optional; only ever read for aggregated indicators.
      gender text,
      open_to_employers boolean not null default false,
      provenance jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // Employers search only among candidates who opted in (applicants come by their applications).
  await sql`create index skills_candidate_open_skills on skills_candidate using gin (skill_seqs gin__int_ops) where open_to_employers`.execute(db);

  await sql`
    create table skills_candidate_cv (
      user_id uuid primary key references skills_candidate(user_id) on delete cascade,
      filename text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table skills_application (
      id uuid primary key default gen_random_uuid(),
      vacancy_id uuid not null references skills_vacancy(id),
      -- Null once the candidate deleted their data: the row stays, anonymous, for aggregate counts.
      candidate_user_id uuid references app_user(id) on delete set null,
      status text not null default 'submitted'
        check (status in ('submitted', 'reviewed', 'interview', 'offered', 'hired', 'rejected', 'withdrawn')),
      cover_note text,
      anonymised_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (vacancy_id, candidate_user_id)
    )`.execute(db);
  await sql`create index skills_application_candidate on skills_application (candidate_user_id)`.execute(db);

  await sql`
    create table skills_saved_search (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      name text not null,
      filters jsonb not null,
      q_folded text,
      country char(2),
      state_code text,
      occupation_id text,
      skill_seq integer,
      salary_floor_monthly numeric,
      salary_currency char(3),
      remote_only boolean not null default false,
      inclusion text[] not null default '{}',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_saved_search_user on skills_saved_search (user_id)`.execute(db);

  await sql`
    create table skills_alert (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      saved_search_id uuid not null references skills_saved_search(id) on delete cascade,
      vacancy_id uuid not null references skills_vacancy(id) on delete cascade,
      read_at timestamptz,
      created_at timestamptz not null default now(),
      unique (saved_search_id, vacancy_id)
    )`.execute(db);
  await sql`create index skills_alert_user on skills_alert (user_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['skills_alert', 'skills_saved_search', 'skills_application', 'skills_candidate_cv', 'skills_candidate', 'skills_vacancy']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
