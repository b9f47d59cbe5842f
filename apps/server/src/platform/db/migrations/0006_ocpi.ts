import { type Kysely, sql } from 'kysely';

/**
 * OCPI 2.2.1 (issue: live charger status and uptime): the operators' platforms registered
 * with Electrifica through the credentials handshake, and the Location objects they push,
 * as they pushed them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per registration of an operator organisation's platform. A revoked or
  // unregistered row is kept (who was connected, when); a new registration gets a new row.
  await sql`
    create table ocpi_party (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation (id) on delete cascade,
      -- The organisation's OCPI party when it was registered: the party its pushes must name.
      country_code char(2) not null,
      party_id varchar(3) not null,
      -- pending: token A issued, handshake not done; registered: token C in use;
      -- unregistered: the party sent DELETE; revoked: an admin ended it.
      status text not null default 'pending' check (status in ('pending', 'registered', 'unregistered', 'revoked')),
      -- SHA-256 of the tokens the party calls Electrifica with (A until the handshake, then C).
      token_a_hash text unique,
      token_c_hash text unique,
      -- Token B: what Electrifica sends to the party's platform. It has to be presented as it
      -- is, so it cannot be hashed; it is never returned by any endpoint.
      peer_token text,
      peer_versions_url text,
      version text,
      endpoints jsonb not null default '[]',
      roles jsonb not null default '[]',
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      registered_at timestamptz,
      updated_at timestamptz not null default now(),
      ended_at timestamptz
    )`.execute(db);
  // At most one live registration per organisation and per party.
  await sql`create unique index ocpi_party_live_org_idx on ocpi_party (organisation_id) where status in ('pending', 'registered')`.execute(db);
  await sql`create unique index ocpi_party_live_party_idx on ocpi_party (country_code, party_id) where status in ('pending', 'registered')`.execute(db);

  // The Location objects a party pushed (PUT/PATCH), as the party last sent them: what a
  // PATCH applies to and what the receiver GET returns. The census record is derived from it.
  await sql`
    create table ocpi_location (
      country_code char(2) not null,
      party_id varchar(3) not null,
      -- OCPI ids are case-insensitive (CiString): looked up by their lower case, kept as first sent.
      location_key text not null,
      ocpi_id text not null check (length(ocpi_id) between 1 and 36),
      location_id uuid not null unique references charging_location (id) on delete cascade,
      object jsonb not null,
      last_updated timestamptz not null,
      received_at timestamptz not null default now(),
      primary key (country_code, party_id, location_key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ocpi_location`.execute(db);
  await sql`drop table if exists ocpi_party`.execute(db);
}
