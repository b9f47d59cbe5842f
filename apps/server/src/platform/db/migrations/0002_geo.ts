import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table geo_state (
      cve_ent char(2) primary key check (cve_ent ~ '^(0[1-9]|[12][0-9]|3[0-2])$'),
      name text not null,
      short_name text not null,
      search_name text not null,
      population_2020 integer,
      population_male_2020 integer,
      population_female_2020 integer,
      area_km2 double precision,
      geom geometry(MultiPolygon, 4326),
      geom_hash text,
      provenance jsonb not null default '{}'
    )`.execute(db);
  await sql`create index geo_state_geom_idx on geo_state using gist (geom)`.execute(db);

  await sql`
    create table geo_municipality (
      cvegeo char(5) primary key check (cvegeo ~ '^[0-9]{5}$'),
      cve_ent char(2) not null,
      cve_mun char(3) not null,
      name text not null,
      search_name text not null,
      seat_name text,
      population_2020 integer,
      households_2020 integer,
      catalogue_vintage text not null,
      provenance jsonb not null default '{}'
    )`.execute(db);
  await sql`create index geo_municipality_state_idx on geo_municipality (cve_ent, name)`.execute(db);

  // Boundaries are kept per vintage: the best shapes we have (MGN 2010) lag the
  // municipal catalogue (MGN 2023), and the two are reconciled by code, never silently.
  await sql`
    create table geo_municipal_boundary (
      vintage text not null,
      cvegeo char(5) not null,
      name text not null,
      area_km2 double precision not null,
      geom geometry(MultiPolygon, 4326) not null,
      geom_hash text not null,
      provenance jsonb not null default '{}',
      primary key (vintage, cvegeo)
    )`.execute(db);
  await sql`create index geo_municipal_boundary_geom_idx on geo_municipal_boundary using gist (geom)`.execute(db);
  await sql`create index geo_municipal_boundary_code_idx on geo_municipal_boundary (cvegeo)`.execute(db);

  await sql`
    create table geo_locality (
      cvegeo char(9) primary key,
      cve_ent char(2) not null,
      cvegeo_mun char(5) not null,
      name text not null,
      search_name text not null,
      urban boolean not null,
      altitude_m integer,
      population_2020 integer not null,
      lat double precision not null,
      lon double precision not null,
      geom geometry(Point, 4326) not null,
      provenance jsonb not null default '{}'
    )`.execute(db);
  await sql`create index geo_locality_mun_idx on geo_locality (cvegeo_mun)`.execute(db);

  await sql`
    create table us_state (
      abbr char(2) primary key,
      name text not null,
      geom geometry(MultiPolygon, 4326) not null,
      geom_hash text not null,
      provenance jsonb not null default '{}'
    )`.execute(db);
}
