import { type Kysely, sql } from 'kysely';

/**
 * The census and directory of automotive and EV suppliers (recommendations 12 and 13):
 * companies with their establishments (plants), the EV component catalogue, the matching
 * queue between sources, and claims of establishments by the companies themselves.
 * See docs/adr/0008-suppliers-model.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A company as the census knows it. `company_key` decides which rows belong to one company:
  // `rfc:<RFC>` when the tax id is known, else `name:<legal name without its legal form>`.
  await sql`
    create table supplier_company (
      id uuid primary key default gen_random_uuid(),
      company_key text not null unique,
      legal_name text not null,
      name_key text not null,
      trade_names text[] not null default '{}',
      rfc text,
      size_class text check (size_class in ('micro', 'small', 'medium', 'large')),
      ownership_country char(2),
      website text,
      organisation_id uuid references organisation (id) on delete set null,
      provenance jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index supplier_company_rfc_idx on supplier_company (rfc) where rfc is not null`.execute(db);
  await sql`create unique index supplier_company_organisation_idx on supplier_company (organisation_id) where organisation_id is not null`.execute(db);

  await sql`
    create table supplier_establishment (
      id uuid primary key default gen_random_uuid(),
      source_key text not null unique,
      source text generated always as (split_part(source_key, ':', 1)) stored,
      origin text not null default 'import' check (origin in ('import', 'registered')),
      company_id uuid references supplier_company (id) on delete set null,
      name text not null,
      name_key text not null,
      legal_name text,
      rfc text,
      search_document text not null default '',
      search_vector tsvector generated always as (to_tsvector('simple', search_document)) stored,
      street text,
      exterior_number text,
      neighbourhood text,
      postal_code text,
      locality text,
      industrial_park text,
      municipality_as_given text,
      state_as_given text,
      cvegeo_as_given char(5),
      lat double precision not null,
      lon double precision not null,
      geom geometry(Point, 4326) not null,
      cve_ent char(2),
      cvegeo char(5),
      location_flags text[] not null default '{}',
      scian varchar(6),
      employees_stratum text check (employees_stratum in ('0-5', '6-10', '11-30', '31-50', '51-100', '101-250', '251+')),
      size_class text check (size_class in ('micro', 'small', 'medium', 'large')),
      tiers text[] not null default '{}',
      processes text[] not null default '{}',
      components text[] not null default '{}',
      certifications jsonb not null default '[]',
      oem_customers text[] not null default '{}',
      export_markets text[] not null default '{}',
      ev_readiness text check (ev_readiness in ('makes_ev_parts', 'could_convert', 'not_yet')),
      phone text,
      email text,
      website text,
      contact_consent boolean not null default false,
      registered_on date,
      merged_into uuid references supplier_establishment (id) on delete set null,
      content_hash text not null,
      provenance jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index supplier_establishment_geom_idx on supplier_establishment using gist (geom)`.execute(db);
  await sql`create index supplier_establishment_area_idx on supplier_establishment (cve_ent, cvegeo)`.execute(db);
  await sql`create index supplier_establishment_scian_idx on supplier_establishment (scian text_pattern_ops)`.execute(db);
  await sql`create index supplier_establishment_search_idx on supplier_establishment using gin (search_vector)`.execute(db);
  await sql`create index supplier_establishment_facets_idx on supplier_establishment using gin (tiers, processes, components)`.execute(db);
  await sql`create index supplier_establishment_company_idx on supplier_establishment (company_id) where company_id is not null`.execute(db);
  await sql`create index supplier_establishment_merged_idx on supplier_establishment (merged_into) where merged_into is not null`.execute(db);
  await sql`create index supplier_establishment_name_key_idx on supplier_establishment (name_key)`.execute(db);
  await sql`create index supplier_establishment_rfc_idx on supplier_establishment (rfc) where rfc is not null`.execute(db);
  await sql`create index supplier_establishment_name_idx on supplier_establishment (name, id)`.execute(db);

  // The electronic catalogue of EV goods and services (recommendation 12). Seeded from the
  // taxonomy the platform ships; analysts and moderators curate it afterwards.
  await sql`
    create table supplier_component (
      code text primary key,
      component_group text not null,
      ev_specific boolean not null,
      name_es text not null,
      name_en text not null,
      description_es text,
      description_en text,
      hs_codes text[] not null default '{}',
      retired boolean not null default false,
      provenance jsonb not null default '{}',
      updated_at timestamptz not null default now(),
      updated_by uuid references app_user (id) on delete set null
    )`.execute(db);

  // Two establishment records from different sources that may be the same plant.
  await sql`
    create table supplier_match (
      id uuid primary key default gen_random_uuid(),
      establishment_id uuid not null references supplier_establishment (id) on delete cascade,
      match_id uuid not null references supplier_establishment (id) on delete cascade,
      score double precision not null check (score >= 0 and score <= 1),
      distance_m double precision,
      reasons jsonb not null default '[]',
      status text not null default 'pending' check (status in ('pending', 'merged', 'distinct', 'unmerged')),
      decided_by uuid references app_user (id) on delete set null,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      check (establishment_id <> match_id),
      unique (establishment_id, match_id)
    )`.execute(db);
  await sql`create index supplier_match_status_idx on supplier_match (status, created_at)`.execute(db);
  await sql`create index supplier_match_match_idx on supplier_match (match_id)`.execute(db);

  // A company asking to manage an establishment already in the census; a moderator verifies it.
  await sql`
    create table supplier_claim (
      id uuid primary key default gen_random_uuid(),
      establishment_id uuid not null references supplier_establishment (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      organisation_id uuid not null references organisation (id) on delete cascade,
      job_title text,
      evidence text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      decided_by uuid references app_user (id) on delete set null,
      decided_at timestamptz,
      decision_note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index supplier_claim_status_idx on supplier_claim (status, created_at)`.execute(db);
  await sql`create unique index supplier_claim_open_idx on supplier_claim (establishment_id, organisation_id) where status = 'pending'`.execute(db);
}
