import { type Kysely, sql } from 'kysely';

/**
 * Live status (issue: live charger status and uptime): charge points that speak OCPP to
 * Electrifica, their ports, the status of each census EVSE with its history, and charging
 * sessions.
 *
 * Status is keyed by location and EVSE uid, not by the EVSE row's id: imports and
 * registrations rewrite a location's EVSE rows when they change, and the history of a
 * port must survive that.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table charge_point (
      id uuid primary key default gen_random_uuid(),
      -- The OCPP chargePointIdentity, as it appears in the connection URL.
      identity text not null unique check (length(identity) between 1 and 48),
      -- Null while an unknown charge point is held as pending and not yet claimed.
      operator_organisation_id uuid references organisation (id) on delete cascade,
      location_id uuid references charging_location (id) on delete set null,
      -- Security profiles 1 and 2: HTTP basic auth with this password (scrypt hash).
      password_hash text,
      registration_status text not null default 'accepted' check (registration_status in ('accepted', 'pending', 'rejected')),
      ocpp_version text check (ocpp_version in ('ocpp1.6', 'ocpp2.0.1')),
      vendor text,
      model text,
      serial_number text,
      firmware_version text,
      connected boolean not null default false,
      last_boot_at timestamptz,
      last_seen_at timestamptz,
      -- Set when the charge point missed its heartbeats beyond the window; cleared when it is heard again.
      offline_since timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index charge_point_operator_idx on charge_point (operator_organisation_id)`.execute(db);
  await sql`create index charge_point_location_idx on charge_point (location_id) where location_id is not null`.execute(db);
  await sql`create index charge_point_seen_idx on charge_point (last_seen_at) where connected`.execute(db);

  // What a charge point reports per OCPP EVSE/connector, and which census EVSE that is.
  await sql`
    create table charge_point_port (
      charge_point_id uuid not null references charge_point (id) on delete cascade,
      -- OCPP 1.6: the connectorId (0 = the whole charge point); OCPP 2.0.1: the evseId.
      ocpp_evse_id integer not null check (ocpp_evse_id >= 0),
      -- OCPP 2.0.1: the connectorId within the EVSE; OCPP 1.6: 0.
      ocpp_connector_id integer not null default 0 check (ocpp_connector_id >= 0),
      location_id uuid references charging_location (id) on delete set null,
      evse_uid text,
      status text not null,
      protocol_status text,
      error_code text,
      status_at timestamptz not null,
      received_at timestamptz not null default now(),
      primary key (charge_point_id, ocpp_evse_id, ocpp_connector_id)
    )`.execute(db);

  // The current status of each census EVSE (OCPI 2.2.1 EVSE status vocabulary).
  await sql`
    create table charging_evse_status (
      location_id uuid not null references charging_location (id) on delete cascade,
      evse_uid text not null,
      status text not null check (status in ('AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN')),
      -- When this status began, as the source reports it.
      status_at timestamptz not null,
      received_at timestamptz not null default now(),
      source text not null check (source in ('ocpp', 'ocpi', 'manual', 'system')),
      primary key (location_id, evse_uid)
    )`.execute(db);

  // Every status change, from every source, in the order the sources report them.
  await sql`
    create table charging_status_event (
      id bigint generated always as identity primary key,
      location_id uuid references charging_location (id) on delete cascade,
      evse_uid text,
      -- Removing a charge point keeps the history of the census EVSEs it reported for
      -- (its own, unmapped entries are deleted first: see the charge point service).
      charge_point_id uuid references charge_point (id) on delete set null,
      ocpp_evse_id integer,
      ocpp_connector_id integer,
      status text not null check (status in ('AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN')),
      -- The status as the protocol named it (e.g. OCPP 1.6 'SuspendedEV'), and its error code.
      protocol_status text,
      error_code text,
      info text,
      source text not null check (source in ('ocpp', 'ocpi', 'manual', 'system')),
      occurred_at timestamptz not null,
      received_at timestamptz not null default now(),
      check (location_id is not null or charge_point_id is not null)
    )`.execute(db);
  await sql`create index charging_status_event_evse_idx on charging_status_event (location_id, evse_uid, occurred_at) where location_id is not null`.execute(db);
  await sql`create index charging_status_event_cp_idx on charging_status_event (charge_point_id, occurred_at) where charge_point_id is not null`.execute(db);

  await sql`
    create table charging_session (
      id uuid primary key default gen_random_uuid(),
      charge_point_id uuid not null references charge_point (id) on delete cascade,
      ocpp_evse_id integer,
      ocpp_connector_id integer,
      location_id uuid references charging_location (id) on delete set null,
      evse_uid text,
      -- OCPP 1.6: the integer the CSMS assigned; OCPP 2.0.1: the charger's transactionId.
      transaction_id text not null,
      id_token text,
      started_at timestamptz not null,
      stopped_at timestamptz,
      meter_start_wh double precision,
      meter_last_wh double precision,
      energy_wh double precision,
      stop_reason text,
      updated_at timestamptz not null default now(),
      unique (charge_point_id, transaction_id)
    )`.execute(db);
  await sql`create index charging_session_evse_idx on charging_session (location_id, evse_uid, started_at) where location_id is not null`.execute(db);

  // --- OCPP CSMS ---
  // How a charge point's OCPP EVSEs/connectors map onto its location's census EVSEs, as the
  // operator declared it: [{ "ocppEvseId": 1, "ocppConnectorId": null, "evseUid": "EVSE-1" }].
  // Empty: EVSE/connector n is the location's n-th EVSE (see the live module README).
  await sql`alter table charge_point add column port_map jsonb not null default '[]'::jsonb`.execute(db);
  // OCPP 1.6 StartTransaction: the CSMS assigns the integer transactionId (kept as text in charging_session).
  await sql`create sequence ocpp_transaction_id_seq as integer minvalue 1 maxvalue 2147483647 cycle`.execute(db);
  // The id tokens (RFID cards, app tokens) an operator accepts, for Authorize and transactions.
  await sql`
    create table ocpp_id_token (
      operator_organisation_id uuid not null references organisation (id) on delete cascade,
      -- As the charge point sends it (OCPP 1.6 idTag, up to 20 characters; 2.0.1 idToken, up to 36).
      id_token text not null check (length(id_token) between 1 and 36),
      status text not null default 'Accepted' check (status in ('Accepted', 'Blocked', 'Expired', 'Invalid')),
      expires_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (operator_organisation_id, id_token)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ocpp_id_token`.execute(db);
  await sql`drop sequence if exists ocpp_transaction_id_seq`.execute(db);
  for (const table of ['charging_session', 'charging_status_event', 'charging_evse_status', 'charge_point_port', 'charge_point']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
