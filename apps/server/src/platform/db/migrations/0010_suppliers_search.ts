import { type Kysely, sql } from 'kysely';

/**
 * Supplier census: what keeps directory search and facets fast at 1,000,000 establishments
 * (see "Search performance" in modules/suppliers/README.md).
 *
 * - A data version that changes with every committed write to the establishments and costs
 *   one small read: the directory caches counts and pages per version, exactly.
 * - The facet counts of the whole directory (its landing page), kept by the same writes.
 * - Indexes for the newest data (`asOf`), the sources present, and certification filters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per transaction that wrote establishments, keyed by its transaction id, so that
  // concurrent writers never wait for each other here (a single counter row would hold every
  // supplier write behind a long import). The version is `folded` plus the rows: the number of
  // committed writing transactions, which only grows; the reader folds rows into `folded` now
  // and then, in one statement, so the table stays small.
  await sql`create table supplier_search_change (xact bigint primary key default (pg_current_xact_id()::text::bigint))`.execute(db);
  await sql`create table supplier_search_version (id boolean primary key default true check (id), folded bigint not null default 0)`.execute(db);
  await sql`insert into supplier_search_version default values`.execute(db);

  // Facet counts of every establishment not folded into another, as signed deltas appended by
  // each writing statement (no row is updated in place, so writers never wait on each other);
  // the reader sums them and now and then folds them into one row per value. A certification
  // is kept with its expiry, since whether it counts depends on the day it is read.
  await sql`
    create table supplier_search_facet (
      facet text not null,
      value text not null,
      expires_on text,
      n bigint not null
    )`.execute(db);

  // The values an establishment counts under, one row per (facet, value): the same rules as the
  // directory's live facet statement (suppliers.search.ts): arrays count each element, a
  // certification each entry, with its expiry.
  await sql`
    create function supplier_search_facet_values(
      cve_ent text, cvegeo text, size_class text, ev_readiness text, tiers text[], processes text[], components text[], certifications jsonb
    ) returns table (facet text, value text, expires_on text) language sql immutable as $$
      select 'total', '', null::text
      union all select 'state', cve_ent, null where cve_ent is not null
      union all select 'municipality', cvegeo, null where cvegeo is not null
      union all select 'size', size_class, null where size_class is not null
      union all select 'evReadiness', ev_readiness, null where ev_readiness is not null
      union all select 'tier', v, null from unnest(tiers) v where v is not null
      union all select 'process', v, null from unnest(processes) v where v is not null
      union all select 'component', v, null from unnest(components) v where v is not null
      union all select 'certification', c->>'code', c->>'expiresOn' from jsonb_array_elements(certifications) c where c->>'code' is not null
    $$`.execute(db);

  const values = (alias: string) => sql.raw(`supplier_search_facet_values(${alias}.cve_ent::text, ${alias}.cvegeo::text, ${alias}.size_class, ` +
    `${alias}.ev_readiness, ${alias}.tiers, ${alias}.processes, ${alias}.components, ${alias}.certifications)`);
  const facetColumns = (alias: string) => sql.raw(['merged_into is null', 'cve_ent', 'cvegeo', 'size_class', 'ev_readiness', 'tiers', 'processes', 'components', 'certifications']
    .map((c) => `${alias}.${c}`).join(', '));

  // Statement-level with transition tables: one set-based insert per writing statement (an
  // import's batch of thousands of rows costs one aggregate, not one trigger call per row).
  // An update counts only the rows whose facets or fold changed.
  await sql`
    create function supplier_search_changed() returns trigger language plpgsql as $$
    begin
      insert into supplier_search_change default values on conflict (xact) do nothing;
      if tg_op = 'INSERT' then
        insert into supplier_search_facet (facet, value, expires_on, n)
        select f.facet, f.value, f.expires_on, count(*) from new_rows e cross join lateral ${values('e')} f
        where e.merged_into is null group by 1, 2, 3;
      elsif tg_op = 'DELETE' then
        insert into supplier_search_facet (facet, value, expires_on, n)
        select f.facet, f.value, f.expires_on, -count(*) from old_rows e cross join lateral ${values('e')} f
        where e.merged_into is null group by 1, 2, 3;
      elsif tg_op = 'UPDATE' then
        with changed as (
          select coalesce(o.id, n.id) as id from old_rows o full join new_rows n on n.id = o.id
          where o.id is null or n.id is null or (${facetColumns('o')}) is distinct from (${facetColumns('n')})
        ), d as (
          select -1 as sign, o.* from old_rows o where o.merged_into is null and o.id in (select id from changed)
          union all
          select 1, n.* from new_rows n where n.merged_into is null and n.id in (select id from changed)
        )
        insert into supplier_search_facet (facet, value, expires_on, n)
        select f.facet, f.value, f.expires_on, sum(d.sign) from d cross join lateral ${values('d')} f
        group by 1, 2, 3 having sum(d.sign) <> 0;
      elsif tg_op = 'TRUNCATE' then
        delete from supplier_search_facet;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger supplier_search_inserted after insert on supplier_establishment referencing new table as new_rows
    for each statement execute function supplier_search_changed()`.execute(db);
  await sql`create trigger supplier_search_updated after update on supplier_establishment referencing old table as old_rows new table as new_rows
    for each statement execute function supplier_search_changed()`.execute(db);
  await sql`create trigger supplier_search_deleted after delete on supplier_establishment referencing old table as old_rows
    for each statement execute function supplier_search_changed()`.execute(db);
  await sql`create trigger supplier_search_truncated after truncate on supplier_establishment
    for each statement execute function supplier_search_changed()`.execute(db);

  // The establishments already there.
  await sql`
    insert into supplier_search_facet (facet, value, expires_on, n)
    select f.facet, f.value, f.expires_on, count(*) from supplier_establishment e cross join lateral ${values('e')} f
    where e.merged_into is null group by 1, 2, 3`.execute(db);

  // `asOf`: the newest edit is one index probe instead of a scan.
  await sql`create index supplier_establishment_updated_idx on supplier_establishment (updated_at)`.execute(db);
  // The sources present (cited next to every figure): one index probe per distinct pair.
  await sql`create index supplier_establishment_source_idx on supplier_establishment (source, (coalesce(provenance->'record'->>'source', '')))`.execute(db);
  // `certification=` filters: containment answered by the index before the expiry is checked.
  await sql`create index supplier_establishment_certifications_idx on supplier_establishment using gin (certifications jsonb_path_ops)`.execute(db);
}
