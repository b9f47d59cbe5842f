import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { SupplierCertification } from '../../platform/db/schema.js';
import {
  distanceKm, facetStatement, orderBy, whereAll, type DataVersion, type EstablishmentFilter, type FacetWanted, type SortOrder,
} from './suppliers.search.js';

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
  by_state: Record<string, number> | null;
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

/** One facet count as the statements return it ('total' has no value). */
export interface FacetCountRow {
  facet: string; value: string | null; n: number;
}

/** Rows of the version log before the reader folds them (a few hundred writes between folds). */
const versionLogFoldAt = 500;
/** Delta rows of the facet summary before the reader folds them into one row per value. */
const facetSummaryFoldAt = 20_000;

export function createSuppliersRepository(db: Db) {
  const distanceColumn = (filter: EstablishmentFilter) => (filter.near ? sql`, ${distanceKm('e', filter.near)} as distance_km` : sql``);

  /**
   * One page in the sort's order: the page is chosen first in a subquery (indexes, top-N
   * sort), and only its rows are joined to the area names.
   */
  async function page(filter: EstablishmentFilter, sort: SortOrder, limit: number, offset: number, ex: Db = db) {
    const r = await sql<EstablishmentSummaryRow & { ord: number }>`
      select p.*, s.name as state_name, mu.name as municipality_name
      from (
        select ${summaryColumns('e')} ${distanceColumn(filter)}, row_number() over () as ord
        from (select e.* from supplier_establishment e where ${whereAll(filter, 'e')} order by ${orderBy(filter, sort, 'e')} limit ${limit} offset ${offset}) e
      ) p
      left join geo_state s on s.cve_ent = p.cve_ent
      left join geo_municipality mu on mu.cvegeo = p.cvegeo
      order by p.ord`.execute(ex);
    return r.rows;
  }

  async function readVersion(ex: Db): Promise<{ version: DataVersion; pending: number }> {
    const r = await sql<{ folded: number; pending: number; day: string }>`
      select v.folded, (select count(*) from supplier_search_change)::int as pending, to_char(current_date, 'YYYY-MM-DD') as day
      from supplier_search_version v`.execute(ex);
    const row = r.rows[0]!;
    return { version: { writes: Number(row.folded) + row.pending, day: row.day }, pending: row.pending };
  }

  return {
    page,

    async count(filter: EstablishmentFilter, ex: Db = db) {
      const r = await sql<{ n: number }>`select count(*)::int as n from supplier_establishment e where ${whereAll(filter, 'e')}`.execute(ex);
      return r.rows[0]?.n ?? 0;
    },

    /** Facet counts (and the total) in one statement; see `facetStatement`. */
    async facets(filter: EstablishmentFilter, wanted?: FacetWanted, ex: Db = db): Promise<FacetCountRow[]> {
      const r = await facetStatement(filter, wanted).execute(ex);
      return r.rows;
    },

    /**
     * The facet counts of every establishment not folded (the directory unfiltered), summed
     * from the deltas the writes append (migration 0010), certifications not yet expired.
     * `deltaRows` says how many rows were summed (the caller folds them when many).
     */
    async facetSummary(ex: Db = db): Promise<{ rows: FacetCountRow[]; deltaRows: number }> {
      const r = await sql<FacetCountRow & { rows: number }>`
        select facet, value, n::int as n, (sum(rows) over ())::int as rows from (
          select facet, nullif(value, '') as value, sum(n) as n, count(*) as rows from supplier_search_facet
          where facet <> 'certification' or coalesce(expires_on, '9999-12-31') >= to_char(current_date, 'YYYY-MM-DD')
          group by facet, value
        ) s where n <> 0 or facet = 'total'`.execute(ex);
      const deltaRows = r.rows[0]?.rows ?? 0;
      const rows = r.rows.map(({ facet, value, n }) => ({ facet, value, n }));
      if (!rows.some((x) => x.facet === 'total')) rows.push({ facet: 'total', value: null, n: 0 });
      return { rows, deltaRows };
    },

    /** Folds the summary's deltas into one row per value (concurrent writers keep appending). */
    async foldFacetSummary() {
      await sql`
        with d as (delete from supplier_search_facet returning facet, value, expires_on, n)
        insert into supplier_search_facet (facet, value, expires_on, n)
        select facet, value, expires_on, sum(n) from d group by facet, value, expires_on having sum(n) <> 0 or facet = 'total'`.execute(db);
    },

    facetSummaryFoldAt,

    /** The data version: committed writes to the establishments, and the day. */
    version: (ex: Db = db) => readVersion(ex),

    /** Folds the version log into its counter, in one statement (the sum never changes). */
    async foldVersionLog() {
      await sql`
        with d as (delete from supplier_search_change returning 1)
        update supplier_search_version set folded = folded + (select count(*) from d)`.execute(db);
    },

    versionLogFoldAt,

    /**
     * Runs `work` in one read-only snapshot together with the data version it sees, so that
     * what it returns is exactly the data at that version.
     */
    async inSnapshot<T>(work: (ex: Db) => Promise<T>): Promise<{ version: DataVersion; value: T }> {
      return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
        const { version } = await readVersion(trx);
        return { version, value: await work(trx) };
      });
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
      const r = await sql<EstablishmentSummaryRow & { record_source: string | null }>`
        select ${summaryColumns('e')}, e.provenance->'record'->>'source' as record_source, s.name as state_name, mu.name as municipality_name
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
    async componentCoverage(onlyCode?: string, ex: Db = db) {
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
        ), st as (
          select x.code, jsonb_object_agg(x.cve_ent, x.n) as by_state
          from (select code, trim(cve_ent) as cve_ent, count(*)::int as n from ec where cve_ent is not null group by code, cve_ent) x
          group by x.code
        )
        select a.code, a.establishments, a.domestic_establishments, a.companies, a.states, t.by_tier, st.by_state
        from (
          select code, count(*)::int as establishments, (count(*) filter (where cve_ent is not null))::int as domestic_establishments,
                 count(distinct company_id)::int as companies,
                 array_agg(distinct cve_ent order by cve_ent) filter (where cve_ent is not null) as states
          from ec group by code
        ) a left join t on t.code = a.code left join st on st.code = a.code`.execute(ex);
      return r.rows;
    },

    /**
     * Coverage per group (recommendation 13): establishments, companies, by tier, by size and
     * the states; an establishment declaring several tiers, processes or components counts in
     * each. '' gathers those with nothing declared (or not placed in a state).
     */
    async stats(groupBy: 'state' | 'tier' | 'process' | 'component' | 'national', ex: Db = db) {
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
        order by a.code = '', a.code`.execute(ex);
      return r.rows;
    },

    /**
     * Every (source prefix, recorded data source) pair among the establishments (folded ones
     * too: their data live on), by a loose scan of the source index: one probe per pair,
     * whatever the table's size.
     */
    async sourcesPresent(ex: Db = db) {
      const r = await sql<{ prefix: string; source_id: string }>`
        with recursive s as (
          (select e.source, coalesce(e.provenance->'record'->>'source', '') as rs from supplier_establishment e order by 1, 2 limit 1)
          union all
          select x.source, x.rs from s cross join lateral (
            select e.source, coalesce(e.provenance->'record'->>'source', '') as rs from supplier_establishment e
            where (e.source, coalesce(e.provenance->'record'->>'source', '')) > (s.source, s.rs)
            order by 1, 2 limit 1
          ) x
        )
        select source as prefix, rs as source_id from s`.execute(ex);
      return r.rows.map((row) => ({ prefix: row.prefix, source_id: row.source_id === '' ? null : row.source_id }));
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

    /** Changes whenever what the map shows may have changed (import, edit, fold, unfold, removal, a certificate expiring). */
    async dataVersion() {
      const { version } = await readVersion(db);
      return `${version.writes}@${version.day}`;
    },

    /** Every state and municipality name by code (about 2,500 rows). */
    async allAreaNames() {
      const r = await sql<{ code: string; name: string }>`
        select cve_ent::text as code, name from geo_state union all select cvegeo::text as code, name from geo_municipality`.execute(db);
      return new Map(r.rows.map((row) => [row.code.trimEnd(), row.name]));
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
