import { type Kysely, sql } from 'kysely';

/**
 * Uptime (23 CFR 680.116(b)): outages an operator excludes from a port's uptime, with
 * their cause from the rule's list. Recorded, never deleted: a withdrawn exclusion keeps
 * its row and says who withdrew it and why, so a published figure can always be redone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table charging_outage_exclusion (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references charging_location (id) on delete cascade,
      -- Null: every port of the location (a utility interruption, a flood).
      evse_uid text,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reason text not null check (reason in ('utility_interruption', 'vehicle_fault', 'scheduled_maintenance', 'vandalism', 'natural_disaster')),
      -- What happened and how the operator shows the port would otherwise have worked.
      note text not null check (length(note) between 1 and 2000),
      recorded_by uuid references app_user (id) on delete set null,
      recorded_by_label text not null,
      recorded_at timestamptz not null default now(),
      provenance jsonb not null,
      withdrawn_at timestamptz,
      withdrawn_by uuid references app_user (id) on delete set null,
      withdrawn_reason text,
      check (ends_at > starts_at)
    )`.execute(db);
  await sql`create index charging_outage_exclusion_location_idx on charging_outage_exclusion (location_id, starts_at) where withdrawn_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists charging_outage_exclusion`.execute(db);
}
