import { type Kysely, sql } from 'kysely';

/**
 * What the census adds to the OCPI-shaped model: operators as organisations with their
 * OCPI party, registered (not imported) locations with an owner, opening hours and
 * commissioning date, US-side placement, and cross-source duplicates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A connector is identified by its EVSE and its OCPI connector id: that pair becomes the
  // primary key, and the surrogate id and the second index on evse_id go. Each connector row
  // then maintains one index instead of three, which matters for 200,000-location imports.
  await sql`drop index if exists charging_connector_evse_idx`.execute(db);
  await sql`alter table charging_connector drop column id`.execute(db);
  await sql`alter table charging_connector drop constraint charging_connector_evse_id_connector_id_key, add primary key (evse_id, connector_id)`.execute(db);
  await sql`create index us_state_geom_idx on us_state using gist (geom)`.execute(db);
  await sql`alter table organisation add column ocpi_country_code char(2), add column ocpi_party_id varchar(3)`.execute(db);
  await sql`create unique index organisation_ocpi_party_idx on organisation (ocpi_country_code, ocpi_party_id) where ocpi_party_id is not null`.execute(db);

  await sql`
    alter table charging_location
      add column origin text not null default 'import' check (origin in ('import', 'registered')),
      add column operator_organisation_id uuid references organisation (id) on delete set null,
      add column owner_organisation_id uuid references organisation (id) on delete set null,
      add column owner_user_id uuid references app_user (id) on delete set null,
      add column opening_hours jsonb,
      add column commissioned_on date,
      add column us_state_abbr text,
      add column merged_into uuid references charging_location (id) on delete set null`.execute(db);
  // The source of a record (`ocm`, `afdc`, `ocpi`, `template`, `reg`…): duplicates are looked for across sources only.
  await sql`alter table charging_location add column source text generated always as (split_part(source_key, ':', 1)) stored`.execute(db);
  await sql`create index charging_location_source_idx on charging_location (source)`.execute(db);
  await sql`create index charging_location_operator_org_idx on charging_location (operator_organisation_id) where operator_organisation_id is not null`.execute(db);
  await sql`create index charging_location_owner_idx on charging_location (owner_user_id) where owner_user_id is not null`.execute(db);
  await sql`create index charging_location_merged_idx on charging_location (merged_into) where merged_into is not null`.execute(db);
  await sql`create index charging_location_name_idx on charging_location (name, id)`.execute(db);
  // The map's clusters are rebuilt when the newest change moves (see charging.repository dataVersion).
  await sql`create index charging_location_updated_idx on charging_location (updated_at)`.execute(db);

  // What each location's EVSEs and connectors add up to, kept with the location when they are
  // written: statistics over 200,000 locations then read one table instead of joining three.
  await sql`
    alter table charging_location
      add column evse_count integer not null default 0,
      add column connector_count integer not null default 0,
      add column connectors_by_standard jsonb not null default '{}',
      add column installed_kw double precision not null default 0,
      add column dc_fast_connectors integer not null default 0`.execute(db);
  await sql`
    update charging_location l set
      evse_count = (select count(*) from charging_evse e where e.location_id = l.id),
      connector_count = coalesce(x.connectors, 0), installed_kw = coalesce(x.kw, 0), dc_fast_connectors = coalesce(x.dc, 0),
      connectors_by_standard = coalesce(x.by_standard, '{}')
    from (
      select location_id, sum(n)::int as connectors, sum(kw) as kw, sum(dc)::int as dc, jsonb_object_agg(standard, n) as by_standard
      from (
        select e.location_id, coalesce(c.standard, 'UNKNOWN') as standard, count(*)::int as n, coalesce(sum(c.max_electric_power_kw), 0) as kw,
               (count(*) filter (where c.charging_level in ('dc_fast', 'dc_ultra_fast')))::int as dc
        from charging_evse e join charging_connector c on c.evse_id = e.id
        group by e.location_id, coalesce(c.standard, 'UNKNOWN')
      ) per_standard group by location_id
    ) x
    where x.location_id = l.id`.execute(db);

  // A pair of locations from different sources that may be the same site.
  await sql`
    create table charging_duplicate (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references charging_location (id) on delete cascade,
      match_id uuid not null references charging_location (id) on delete cascade,
      score double precision not null check (score >= 0 and score <= 1),
      distance_m double precision not null,
      reasons jsonb not null default '[]',
      status text not null default 'pending' check (status in ('pending', 'merged', 'distinct')),
      decided_by uuid references app_user (id) on delete set null,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      check (location_id <> match_id),
      unique (location_id, match_id)
    )`.execute(db);
  await sql`create index charging_duplicate_status_idx on charging_duplicate (status, created_at)`.execute(db);
  await sql`create index charging_duplicate_match_idx on charging_duplicate (match_id)`.execute(db);
}
