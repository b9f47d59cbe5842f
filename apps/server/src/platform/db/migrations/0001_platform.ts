import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists postgis`.execute(db);

  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      email_normalized text not null unique,
      display_name text not null,
      password_hash text not null,
      role text not null default 'member' check (role in ('member', 'moderator', 'analyst', 'admin')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      disabled_at timestamptz
    )`.execute(db);

  await sql`
    create table organisation (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      type text not null check (type in ('company', 'charge_point_operator', 'training_centre', 'recycler', 'government_office', 'industry_chamber')),
      rfc text,
      cve_ent char(2),
      website text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table membership (
      user_id uuid not null references app_user (id) on delete cascade,
      organisation_id uuid not null references organisation (id) on delete cascade,
      role text not null check (role in ('member', 'editor')),
      created_at timestamptz not null default now(),
      primary key (user_id, organisation_id)
    )`.execute(db);

  await sql`
    create table session (
      token_hash text primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      user_agent text
    )`.execute(db);
  await sql`create index session_user_idx on session (user_id)`.execute(db);

  await sql`
    create table api_token (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    create table audit_event (
      id bigserial primary key,
      entity_type text not null,
      entity_id text not null,
      action text not null check (action in ('create', 'update', 'delete')),
      actor_user_id uuid,
      actor_label text not null,
      import_id uuid,
      occurred_at timestamptz not null default now(),
      before jsonb,
      after jsonb
    )`.execute(db);
  await sql`create index audit_event_entity_idx on audit_event (entity_type, entity_id, occurred_at)`.execute(db);

  await sql`
    create table data_source (
      id text primary key,
      name text not null,
      publisher text not null,
      licence text not null,
      attribution text not null,
      vintage text not null,
      url text,
      notes text
    )`.execute(db);

  await sql`
    create table import_file (
      id uuid primary key default gen_random_uuid(),
      sha256 char(64) not null,
      filename text not null,
      media_type text,
      size_bytes bigint not null,
      content bytea not null,
      uploaded_by uuid references app_user (id) on delete set null,
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index import_file_sha_idx on import_file (sha256)`.execute(db);

  await sql`
    create table import_run (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      file_id uuid not null references import_file (id),
      status text not null default 'queued'
        check (status in ('queued', 'parsing', 'validating', 'merging', 'completed', 'rejected', 'failed')),
      strict boolean not null default false,
      options jsonb not null default '{}',
      created_by uuid references app_user (id) on delete set null,
      created_by_label text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      new_rows integer not null default 0,
      updated_rows integer not null default 0,
      unchanged_rows integer not null default 0,
      rejected_rows integer not null default 0,
      file_error_code text,
      file_error_message text,
      warnings jsonb not null default '[]'
    )`.execute(db);
  await sql`create index import_run_created_idx on import_run (created_at desc)`.execute(db);

  await sql`
    create table import_rejection (
      import_id uuid not null references import_run (id) on delete cascade,
      row_number integer not null,
      code text not null,
      message text not null,
      raw jsonb,
      primary key (import_id, row_number, code)
    )`.execute(db);

  await sql`
    create table task (
      id bigserial primary key,
      name text not null,
      payload jsonb not null default '{}',
      status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 3,
      locked_at timestamptz,
      last_error text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index task_pending_idx on task (run_at) where status = 'pending'`.execute(db);
}
