import { type Kysely, sql } from 'kysely';

/**
 * Skills job board, second part: job fairs (online, in person or both) with the employers
 * that join them through their vacancies and the people who register interest; and the
 * skill → candidate posting list that lets "top candidates for a vacancy" stop early.
 *
 * `skills_candidate_skill` holds one row per (skill, opted-in candidate). It is kept by a
 * trigger on `skills_candidate`, so every writer (the service, imports, the benchmark's bulk
 * insert) keeps it true without knowing of it. Reading the postings of a vacancy's skills is
 * an index-only scan that counts each candidate's weighted overlap without touching the
 * profile rows; only the few candidates whose overlap could still reach the top 20 are then
 * scored in full (see topCandidates in the job board repository).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table skills_candidate_skill (
      skill_seq integer not null,
      user_id uuid not null references skills_candidate(user_id) on delete cascade,
      primary key (skill_seq, user_id)
    )`.execute(db);
  await sql`create index skills_candidate_skill_user on skills_candidate_skill (user_id)`.execute(db);
  await sql`
    create function skills_candidate_postings() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if new.skill_seqs is not distinct from old.skill_seqs and new.open_to_employers = old.open_to_employers then
          return null;
        end if;
        delete from skills_candidate_skill where user_id = new.user_id;
      end if;
      if new.open_to_employers then
        insert into skills_candidate_skill (skill_seq, user_id)
        select distinct s, new.user_id from unnest(new.skill_seqs) s on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger skills_candidate_postings after insert or update on skills_candidate
    for each row execute function skills_candidate_postings()`.execute(db);
  await sql`
    insert into skills_candidate_skill (skill_seq, user_id)
    select distinct s, c.user_id from skills_candidate c cross join lateral unnest(c.skill_seqs) s
    where c.open_to_employers on conflict do nothing`.execute(db);

  await sql`
    create table skills_job_fair (
      id uuid primary key default gen_random_uuid(),
      -- The organising organisation; null when a moderator or admin posts it for the platform.
      organiser_organisation_id uuid references organisation(id),
      title text not null,
      description text,
      starts_on date not null,
      ends_on date not null check (ends_on >= starts_on),
      mode text not null check (mode in ('online', 'in_person', 'hybrid')),
      -- In person and hybrid: where (MX: INEGI codes; US: USPS state and city as written).
      country char(2) check (country in ('MX', 'US')),
      state_code text,
      municipality_code text,
      venue text,
      -- Online and hybrid: where to join.
      url text,
      binational boolean not null default false,
      status text not null default 'published' check (status in ('published', 'cancelled')),
      provenance jsonb not null default '{}',
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index skills_job_fair_dates on skills_job_fair (ends_on, starts_on)`.execute(db);

  // An employer takes part through the vacancies it brings; the organisation is kept for the list.
  await sql`
    create table skills_job_fair_vacancy (
      fair_id uuid not null references skills_job_fair(id) on delete cascade,
      vacancy_id uuid not null references skills_vacancy(id) on delete cascade,
      organisation_id uuid not null references organisation(id),
      added_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (fair_id, vacancy_id)
    )`.execute(db);
  await sql`create index skills_job_fair_vacancy_org on skills_job_fair_vacancy (fair_id, organisation_id)`.execute(db);

  // Interest only: who registered is seen by nobody but the person; organisers see the count.
  await sql`
    create table skills_job_fair_interest (
      fair_id uuid not null references skills_job_fair(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (fair_id, user_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['skills_job_fair_interest', 'skills_job_fair_vacancy', 'skills_job_fair', 'skills_candidate_skill']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop trigger if exists skills_candidate_postings on skills_candidate`.execute(db);
  await sql`drop function if exists skills_candidate_postings()`.execute(db);
}
