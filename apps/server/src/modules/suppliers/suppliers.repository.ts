import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { SupplierCertification } from '../../platform/db/schema.js';
import { distanceKm, facetStatement, orderBy, whereAll, type EstablishmentFilter, type SortOrder } from './suppliers.search.js';

/** The public columns of an establishment in a list or an export. */
export interface EstablishmentSummaryRow {
  id: string; source_key: string; source: string; name: string; company_id: string | null; legal_name: string | null; scian: string | null;
  cve_ent: string | null; state_name: string | null; cvegeo: string | null; municipality_name: string | null; lat: number; lon: number;
  tiers: string[]; processes: string[]; components: string[]; certifications: SupplierCertification[]; size_class: string | null;
  employees_stratum: string | null; ev_readiness: string | null; updated_at: Date | string; distance_km?: number | null;
}

export interface EstablishmentDetailRow extends EstablishmentSummaryRow {
  origin: string; rfc: string | null; street: string | null; exterior_number: string | null; neighbourhood: string | null; postal_code: string | null;
  locality: string | null; industrial_park: string | null; municipality_as_given: string | null; state_as_given: string | null; cvegeo_as_given: string | null;
  location_flags: string[]; oem_customers: string[]; export_markets: string[]; phone: string | null; email: string | null; website: string | null;
  contact_consent: boolean; registered_on: string | Date | null; merged_into: string | null; provenance: Record<string, unknown>; created_at: Date | string;
}

export interface ComponentRow {
  code: string; component_group: string; ev_specific: boolean; name_es: string; name_en: string; description_es: string | null;
  description_en: string | null; hs_codes: string[]; retired: boolean; provenance: Record<string, unknown>; updated_at: Date | string;
}

/** A component's coverage: establishments that declare it, their states and tiers. */
export interface ComponentCoverageRow {
  code: string; establishments: number; domestic_establishments: number; companies: number; states: string[] | null; by_tier: Record<string, number> | null;
}

/** One group of the coverage statistics ('' : no value declared or no state placed). */
export interface StatsGroupRow {
  code: string; establishments: number; companies: number; by_tier: Record<string, number> | null; by_size: Record<string, number> | null;
  states: string[] | null;
}

const summaryColumns = (alias: string) => sql.raw(
  ['id', 'source_key', 'source', 'name', 'company_id', 'legal_name', 'scian', 'cve_ent', 'cvegeo', 'lat', 'lon', 'tiers', 'processes', 'components',
    'certifications', 'size_class', 'employees_stratum', 'ev_readiness', 'updated_at'].map((c) => `${alias}.${c}`).join(', '),
);

export function createSuppliersRepository(db: Db) {
  /**
   * One page in the sort's order: the page is chosen first in a subquery (indexes, top-N
   * sort), and only its rows are joined to the area names.
   */
  async function page(filter: EstablishmentFilter, sort: SortOrder, limit: number, offset: number) {
    const distance = filter.near ? sql`, ${distanceKm('e', filter.near)} as distance_km` : sql``;
    const r = await sql<EstablishmentSummaryRow & { ord: number }>`
      select p.*, s.name as state_name, mu.name as municipality_name
      from (
        select ${summaryColumns('e')} ${distance}, row_number() over () as ord
        from (select e.* from supplier_establishment e where ${whereAll(filter, 'e')} order by ${orderBy(filter, sort, 'e')} limit ${limit} offset ${offset}) e
      ) p
      left join geo_state s on s.cve_ent = p.cve_ent
      left join geo_municipality mu on mu.cvegeo = p.cvegeo
      order by p.ord`.execute(db);
    return r.rows;
  }

  return {
    page,

    async count(filter: EstablishmentFilter) {
      const r = await sql<{ n: number }>`select count(*)::int as n from supplier_establishment e where ${whereAll(filter, 'e')}`.execute(db);
      return r.rows[0]?.n ?? 0;
    },

    /** Facet counts (and the total) in one statement; see `facetStatement`. */
    async facets(filter: EstablishmentFilter) {
      const r = await facetStatement(filter).execute(db);
      return r.rows;
    },

    /** One export batch in `(name, id)` order after a key: exports walk the list without offsets. */
    async exportBatch(filter: EstablishmentFilter, after: { name: string; id: string } | null, limit: number) {
      const keyset = after ? sql`and (e.name, e.id) > (${after.name}, ${after.id}::uuid)` : sql``;
      const r = await sql<EstablishmentSummaryRow>`
        select p.*, s.name as state_name, mu.name as municipality_name
        from (
          select ${summaryColumns('e')} from supplier_establishment e
          where ${whereAll(filter, 'e')} ${keyset}
          order by e.name, e.id limit ${limit}
        ) p
        left join geo_state s on s.cve_ent = p.cve_ent
        left join geo_municipality mu on mu.cvegeo = p.cvegeo
        order by p.name, p.id`.execute(db);
      return r.rows;
    },

    /** Points of the matching establishments, for the map's clusters. */
    async points(filter: EstablishmentFilter) {
      const r = await sql<{ id: string; name: string; lat: number; lon: number; tiers: string[] }>`
        select e.id, e.name, e.lat, e.lon, e.tiers from supplier_establishment e where ${whereAll(filter, 'e')}`.execute(db);
      return r.rows;
    },

    async findEstablishment(id: string) {
      const r = await sql<EstablishmentDetailRow>`
        select e.*, s.name as state_name, mu.name as municipality_name
        from supplier_establishment e
        left join geo_state s on s.cve_ent = e.cve_ent
        left join geo_municipality mu on mu.cvegeo = e.cvegeo
        where e.id = ${id}`.execute(db);
      return r.rows[0] ?? null;
    },

    async findCompany(id: string) {
      return db.selectFrom('supplier_company').selectAll().where('id', '=', id).executeTakeFirst() ?? null;
    },

    /** The records folded into an establishment (other sources' reports of the same plant). */
    async foldedInto(id: string) {
      return db.selectFrom('supplier_establishment')
        .select(['id', 'source_key', 'source', 'name', 'provenance', 'updated_at'])
        .where('merged_into', '=', id).orderBy('source_key').execute();
    },

    async establishmentName(id: string) {
      return (await db.selectFrom('supplier_establishment').select(['id', 'name', 'merged_into']).where('id', '=', id).executeTakeFirst()) ?? null;
    },

    /** The company's establishments (not folded), by name. */
    async companyEstablishments(companyId: string) {
      const r = await sql<EstablishmentSummaryRow>`
        select ${summaryColumns('e')}, s.name as state_name, mu.name as municipality_name
        from supplier_establishment e
        left join geo_state s on s.cve_ent = e.cve_ent
        left join geo_municipality mu on mu.cvegeo = e.cvegeo
        where e.company_id = ${companyId} and e.merged_into is null
        order by e.name, e.id`.execute(db);
      return r.rows;
    },

    async components(includeRetired: boolean) {
      let q = db.selectFrom('supplier_component').selectAll();
      if (!includeRetired) q = q.where('retired', '=', false);
      return (await q.orderBy('component_group').orderBy('code').execute()) as unknown as ComponentRow[];
    },

    async componentCodes() {
      return (await db.selectFrom('supplier_component').select('code').execute()).map((r) => r.code);
    },

    async findComponent(code: string) {
      return ((await db.selectFrom('supplier_component').selectAll().where('code', '=', code).executeTakeFirst()) ?? null) as ComponentRow | null;
    },

    /**
     * Coverage of every component in one pass over the establishments that declare any:
     * establishments, those placed in a Mexican state, companies, states and tiers.
     */
    async componentCoverage(onlyCode?: string) {
      // One component: its plants through the GIN array index; all: one pass over the plants declaring any.
      const only = onlyCode === undefined ? sql`cardinality(e.components) > 0` : sql`e.components @> array[${onlyCode}]::text[]`;
      const r = await sql<ComponentCoverageRow>`
        with ec as (
          select c.code, e.id, e.company_id, e.cve_ent, e.tiers
          from supplier_establishment e cross join lateral unnest(e.components) c(code)
          where e.merged_into is null and ${only} ${onlyCode === undefined ? sql`` : sql`and c.code = ${onlyCode}`}
        ), t as (
          select x.code, jsonb_object_agg(x.tier, x.n) as by_tier
          from (select code, tier, count(*)::int as n from ec cross join lateral unnest(ec.tiers) tier group by code, tier) x
          group by x.code
        )
        select a.code, a.establishments, a.domestic_establishments, a.companies, a.states, t.by_tier
        from (
          select code, count(*)::int as establishments, (count(*) filter (where cve_ent is not null))::int as domestic_establishments,
                 count(distinct company_id)::int as companies,
                 array_agg(distinct cve_ent order by cve_ent) filter (where cve_ent is not null) as states
          from ec group by code
        ) a left join t on t.code = a.code`.execute(db);
      return r.rows;
    },

    /**
     * Coverage per group (recommendation 13): establishments, companies, by tier, by size and
     * the states; an establishment declaring several tiers, processes or components counts in
     * each. '' gathers those with nothing declared (or not placed in a state).
     */
    async stats(groupBy: 'state' | 'tier' | 'process' | 'component' | 'national') {
      const key = {
        state: sql`select coalesce(e.cve_ent, '') as code, e.* from e`,
        tier: sql`select coalesce(g.v, '') as code, e.* from e left join lateral unnest(e.tiers) g(v) on true`,
        process: sql`select coalesce(g.v, '') as code, e.* from e left join lateral unnest(e.processes) g(v) on true`,
        component: sql`select coalesce(g.v, '') as code, e.* from e left join lateral unnest(e.components) g(v) on true`,
        national: sql`select 'MX' as code, e.* from e`,
      }[groupBy];
      const r = await sql<StatsGroupRow>`
        with e as (
          select id, company_id, cve_ent, tiers, processes, components, size_class
          from supplier_establishment where merged_into is null
        ), g as materialized (${key}), t as (
          select code, jsonb_object_agg(tier, n) as by_tier
          from (select code, tier, count(*)::int as n from g cross join lateral unnest(g.tiers) tier group by code, tier) x group by code
        ), s as (
          select code, jsonb_object_agg(size, n) as by_size
          from (select code, coalesce(size_class, 'unknown') as size, count(*)::int as n from g group by code, coalesce(size_class, 'unknown')) x group by code
        )
        select a.code, a.establishments, a.companies, a.states, t.by_tier, s.by_size
        from (
          select code, count(distinct id)::int as establishments, count(distinct company_id)::int as companies,
                 array_agg(distinct cve_ent order by cve_ent) filter (where cve_ent is not null) as states
          from g group by code
        ) a
        left join t on t.code = a.code
        left join s on s.code = a.code
        order by a.code = '', a.code`.execute(db);
      return r.rows;
    },

    /** The data source of each source prefix present among the establishments (folded ones too: their data live on). */
    async sourcesPresent() {
      const r = await sql<{ prefix: string; source_id: string | null }>`
        select source as prefix, min(provenance->'record'->>'source') as source_id from supplier_establishment group by source`.execute(db);
      return r.rows;
    },

    /** The newest data behind the figures: the last completed supplier import, or the last edit of an establishment. */
    async newestData() {
      const r = await sql<{ at: Date | string | null }>`
        select greatest(
          (select max(finished_at) from import_run where kind like 'suppliers.%' and status = 'completed'),
          (select max(updated_at) from supplier_establishment)) as at`.execute(db);
      const at = r.rows[0]?.at;
      return at ? new Date(at) : null;
    },

    /** Changes whenever what the map shows may have changed (import, edit, fold, unfold, removal). */
    async dataVersion() {
      const r = await sql<{ v: string | null }>`
        select concat_ws('|', max(updated_at)::text, count(*)::text, (count(*) filter (where merged_into is null))::text) as v from supplier_establishment`.execute(db);
      return r.rows[0]?.v || 'empty';
    },

    async areaNames(states: string[], municipalities: string[]) {
      const [s, m] = await Promise.all([
        states.length ? db.selectFrom('geo_state').select(['cve_ent as code', 'name']).where('cve_ent', 'in', states).execute() : Promise.resolve([]),
        municipalities.length ? db.selectFrom('geo_municipality').select(['cvegeo as code', 'name']).where('cvegeo', 'in', municipalities).execute() : Promise.resolve([]),
      ]);
      return new Map([...s, ...m].map((r) => [String(r.code).trimEnd(), r.name]));
    },

    async dataSources(ids: string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('data_source').selectAll().where('id', 'in', ids).orderBy('id').execute();
    },
  };
}

export type SuppliersRepository = ReturnType<typeof createSuppliersRepository>;
