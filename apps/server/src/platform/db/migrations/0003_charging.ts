import { type Kysely, sql } from 'kysely';

/** The charging census, shaped after OCPI 2.2.1 Locations: location → EVSE → connector. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table charging_location (
      id uuid primary key default gen_random_uuid(),
      source_key text not null unique,
      name text not null,
      search_name text not null,
      address text,
      city text,
      postal_code text,
      country_code char(2) not null,
      state_as_given text,
      lat double precision not null,
      lon double precision not null,
      geom geometry(Point, 4326) not null,
      cve_ent char(2),
      cvegeo char(5),
      access text check (access in ('public', 'restricted', 'private')),
      uses text[] not null default '{}',
      operator_name text,
      owner_name text,
      payment_methods text[] not null default '{}',
      lifecycle_status text check (lifecycle_status in ('planned', 'operational', 'out_of_service', 'decommissioned')),
      ocpp_support boolean,
      last_verified_at timestamptz,
      children_hash text not null,
      provenance jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index charging_location_geom_idx on charging_location using gist (geom)`.execute(db);
  await sql`create index charging_location_area_idx on charging_location (cve_ent, cvegeo)`.execute(db);

  await sql`
    create table charging_evse (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references charging_location (id) on delete cascade,
      evse_uid text not null,
      lifecycle_status text,
      unique (location_id, evse_uid)
    )`.execute(db);

  await sql`
    create table charging_connector (
      id uuid primary key default gen_random_uuid(),
      evse_id uuid not null references charging_evse (id) on delete cascade,
      connector_id text not null,
      standard text,
      source_code text not null,
      source_label text,
      format text check (format in ('SOCKET', 'CABLE')),
      power_type text check (power_type in ('AC_1_PHASE', 'AC_3_PHASE', 'DC')),
      max_voltage_v integer,
      max_amperage_a integer,
      max_electric_power_kw double precision check (max_electric_power_kw > 0),
      charging_level text,
      unique (evse_id, connector_id)
    )`.execute(db);
  await sql`create index charging_connector_evse_idx on charging_connector (evse_id)`.execute(db);
}
