import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/text.js';
import { statusesOf } from '../live/live.domain.js';
import type { EvseStatus, PublicStatus } from '../live/status.domain.js';

export interface LocationFilter {
  searchName?: string | undefined;
  bbox?: [number, number, number, number] | undefined;
  cveEnt?: string | undefined;
  cvegeo?: string | undefined;
  connector?: string | undefined;
  minPowerKw?: number | undefined;
  access?: string | undefined;
  operator?: string | undefined;
  status?: string | undefined;
  /** One of the uses a location serves (`uses` column): light_duty, heavy_duty, bus_depot, fleet. */
  use?: string | undefined;
  /** Locations with at least one EVSE in this public live status ('unknown' includes EVSEs that never reported). */
  liveStatus?: PublicStatus | undefined;
  includePrivate: boolean;
}

export interface PageRequest {
  limit: number;
  offset: number;
  /** Keyset: the page starts after this `(name, id)`; offset is then ignored. */
  after?: { name: string; id: string } | null | undefined;
}

export interface LocationSummaryRow {
  id: string; source_key: string; name: string; operator_name: string | null; access: string | null; lifecycle_status: string | null;
  lat: number; lon: number; cve_ent: string | null; cvegeo: string | null; state_name: string | null; municipality_name: string | null;
  uses: string[] | null; standards: string[] | null; max_power_kw: number | null; evse_count: number;
}

export interface ExportDetailRow {
  id: string; address: string | null; city: string | null; postal_code: string | null; country_code: string; state_as_given: string | null;
  us_state_abbr: string | null; owner_name: string | null; payment_methods: string[] | null; ocpp_support: boolean | null;
  opening_hours: unknown; updated_at: Date; last_verified_at: Date | null; ocpi_country_code: string | null; ocpi_party_id: string | null;
}

export interface ExportConnectorRow {
  location_id: string; evse_uid: string; lifecycle_status: string | null; connector_id: string; standard: string | null; source_code: string;
  format: string | null; power_type: string | null; max_voltage_v: number | null; max_amperage_a: number | null; max_electric_power_kw: number | null;
}

export type ExportLocationRow = LocationSummaryRow & ExportDetailRow & { connectors: ExportConnectorRow[] };

/** One area's row of the statistics; `code` is '' for locations outside every area. */
export interface StatsRow {
  code: string; locations: number; private_locations: number; evses: number; connectors: number; installed_kw: number | null;
  dc_fast_connectors: number; na_standard_connectors: number; by_standard: Record<string, number> | null;
  ocpp_yes: number; ocpp_no: number; ocpp_unknown: number; payment_undeclared: number; by_payment: Record<string, number> | null;
}

export function createChargingRepository(db: Db) {
  function where(f: LocationFilter) {
    // A record folded into another (a cross-source duplicate) is never shown or counted on its own.
    const parts: Array<ReturnType<typeof sql>> = [sql`l.merged_into is null`];
    if (!f.includePrivate) parts.push(sql`(l.access is distinct from 'private')`);
    if (f.searchName) parts.push(sql`l.search_name like ${`%${escapeLike(f.searchName)}%`}`);
    if (f.bbox) parts.push(sql`l.geom && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`);
    if (f.cveEnt) parts.push(sql`l.cve_ent = ${f.cveEnt}`);
    if (f.cvegeo) parts.push(sql`l.cvegeo = ${f.cvegeo}`);
    if (f.access) parts.push(sql`l.access = ${f.access}`);
    if (f.status) parts.push(sql`l.lifecycle_status = ${f.status}`);
    if (f.use) parts.push(sql`${f.use} = any(l.uses)`);
    if (f.operator) parts.push(sql`lower(l.operator_name) like ${`%${escapeLike(f.operator.toLowerCase())}%`}`);
    if (f.connector || f.minPowerKw !== undefined) {
      parts.push(sql`exists (
        select 1 from charging_evse e join charging_connector c on c.evse_id = e.id
        where e.location_id = l.id
          and (${f.connector ?? null}::text is null or c.standard = ${f.connector ?? null})
          and (${f.minPowerKw ?? null}::float8 is null or c.max_electric_power_kw >= ${f.minPowerKw ?? null}))`);
    }
    if (f.liveStatus) parts.push(liveStatusCondition(f.liveStatus));
    return sql.join(parts, sql` and `) as unknown as Expression<SqlBool>;
  }

  /** Some EVSE of the location (as the census has it now) is in this public status. */
  function liveStatusCondition(group: PublicStatus) {
    const statuses = sql.join(statusesOf(group).map((s) => sql.lit(s)));
    if (group !== 'unknown') {
      return sql`exists (
        select 1 from charging_evse e join charging_evse_status st on st.location_id = e.location_id and st.evse_uid = e.evse_uid
        where e.location_id = l.id and st.status in (${statuses}))`;
    }
    // No EVSE at all, or one that never reported, is as unknown as one reporting UNKNOWN.
    return sql`(not exists (select 1 from charging_evse e where e.location_id = l.id) or exists (
        select 1 from charging_evse e left join charging_evse_status st on st.location_id = e.location_id and st.evse_uid = e.evse_uid
        where e.location_id = l.id and (st.status is null or st.status in (${statuses}))))`;
  }

  /** The summary columns of a page of locations, in list order. */
  async function summaries(ids: string[]) {
    if (ids.length === 0) return [];
    const r = await sql<LocationSummaryRow>`
      select l.id, l.source_key, l.name, l.operator_name, l.access, l.lifecycle_status, l.lat, l.lon, l.cve_ent, l.cvegeo,
             s.name as state_name, m.name as municipality_name, l.uses,
             (select array_agg(distinct coalesce(c.standard, 'UNKNOWN') order by coalesce(c.standard, 'UNKNOWN'))
                from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = l.id) as standards,
             (select max(c.max_electric_power_kw) from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = l.id) as max_power_kw,
             (select count(*) from charging_evse e where e.location_id = l.id)::int as evse_count
      from charging_location l
      left join geo_state s on s.cve_ent = l.cve_ent
      left join geo_municipality m on m.cvegeo = l.cvegeo
      where l.id in (${sql.join(ids)})
      order by l.name, l.id`.execute(db);
    return r.rows;
  }

  /**
   * Ids of one page in `(name, id)` order. The page is chosen first and its details are
   * computed for those rows only, so a page costs the same at 200,000 locations as at 200.
   */
  async function pageIds(filter: LocationFilter, page: PageRequest) {
    const keyset = page.after ? sql`and (l.name, l.id) > (${page.after.name}, ${page.after.id}::uuid)` : sql``;
    const r = await sql<{ id: string }>`
      select l.id from charging_location l
      where ${where(filter)} ${keyset}
      order by l.name, l.id
      limit ${page.limit} offset ${page.after ? 0 : page.offset}`.execute(db);
    return r.rows.map((x) => x.id);
  }

  return {
    /**
     * One page of the filtered list, by offset or after a `(name, id)` key (stable while
     * rows are added: a new row lands before or after the key, never shifting the next page).
     * Fetches one row more than asked to tell whether another page exists.
     */
    async listLocations(filter: LocationFilter, page: PageRequest) {
      const ids = await pageIds(filter, { ...page, limit: page.limit + 1 });
      const [rows, count] = await Promise.all([
        summaries(ids.slice(0, page.limit)),
        sql<{ n: number }>`select count(*)::int as n from charging_location l where ${where(filter)}`.execute(db),
      ]);
      return { rows, total: count.rows[0]?.n ?? 0, hasMore: ids.length > page.limit };
    },

    /**
     * One batch of locations with everything the GeoJSON and OCPI exports need, after a
     * `(name, id)` key; exports walk the census batch by batch instead of loading it whole.
     */
    async exportBatch(filter: LocationFilter, after: { name: string; id: string } | null, limit: number) {
      const ids = await pageIds(filter, { limit, offset: 0, after });
      if (ids.length === 0) return [];
      const [rows, details, connectors] = await Promise.all([
        summaries(ids),
        sql<ExportDetailRow>`
          select l.id, l.address, l.city, l.postal_code, l.country_code, l.state_as_given, l.us_state_abbr, l.owner_name, l.payment_methods,
                 l.ocpp_support, l.opening_hours, l.updated_at, l.last_verified_at, o.ocpi_country_code, o.ocpi_party_id
          from charging_location l left join organisation o on o.id = l.operator_organisation_id
          where l.id in (${sql.join(ids)})`.execute(db),
        sql<ExportConnectorRow>`
          select e.location_id, e.evse_uid, e.lifecycle_status, c.connector_id, c.standard, c.source_code, c.format, c.power_type,
                 c.max_voltage_v, c.max_amperage_a, c.max_electric_power_kw
          from charging_evse e join charging_connector c on c.evse_id = e.id
          where e.location_id in (${sql.join(ids)})
          order by e.location_id, e.evse_uid, c.connector_id`.execute(db),
      ]);
      const detailOf = new Map(details.rows.map((d) => [d.id, d]));
      const connectorsOf = new Map<string, ExportConnectorRow[]>();
      for (const c of connectors.rows) {
        const list = connectorsOf.get(c.location_id) ?? [];
        list.push(c);
        connectorsOf.set(c.location_id, list);
      }
      return rows.map((r) => ({ ...r, ...detailOf.get(r.id)!, connectors: connectorsOf.get(r.id) ?? [] }));
    },

    async findLocation(id: string) {
      const location = await sql<{
        id: string; source_key: string; name: string; address: string | null; city: string | null; postal_code: string | null; country_code: string;
        state_as_given: string | null; lat: number; lon: number; cve_ent: string | null; cvegeo: string | null; state_name: string | null;
        municipality_name: string | null; access: string | null; operator_name: string | null; lifecycle_status: string | null;
        last_verified_at: Date | null; provenance: Record<string, unknown>; updated_at: Date;
      }>`
        select l.id, l.source_key, l.name, l.address, l.city, l.postal_code, l.country_code, l.state_as_given, l.lat, l.lon, l.cve_ent, l.cvegeo,
               s.name as state_name, m.name as municipality_name, l.access, l.operator_name, l.lifecycle_status, l.last_verified_at, l.provenance, l.updated_at
        from charging_location l
        left join geo_state s on s.cve_ent = l.cve_ent
        left join geo_municipality m on m.cvegeo = l.cvegeo
        where l.id = ${id}`.execute(db);
      const row = location.rows[0];
      if (!row) return null;
      const connectors = await db
        .selectFrom('charging_evse as e')
        .innerJoin('charging_connector as c', 'c.evse_id', 'e.id')
        // The live status of each EVSE, keyed by uid (it outlives the EVSE rows an import rewrites).
        .leftJoin('charging_evse_status as st', (j) => j.onRef('st.location_id', '=', 'e.location_id').onRef('st.evse_uid', '=', 'e.evse_uid'))
        .select(['e.evse_uid', 'e.lifecycle_status', 'c.connector_id', 'c.standard', 'c.source_code', 'c.source_label', 'c.format', 'c.power_type',
          'c.max_voltage_v', 'c.max_amperage_a', 'c.max_electric_power_kw', 'c.charging_level',
          'st.status as live_status', 'st.status_at as live_status_at', 'st.received_at as live_received_at', 'st.source as live_source'])
        .where('e.location_id', '=', id)
        .orderBy('e.evse_uid')
        .orderBy('c.connector_id')
        .execute();
      return { location: row, connectors };
    },

    /** Points of the locations matching a filter, for clustering. */
    async locationPoints(filter: LocationFilter) {
      const r = await sql<{ id: string; name: string; lat: number; lon: number; max_power_kw: number | null }>`
        select l.id, l.name, l.lat, l.lon,
               (select max(c.max_electric_power_kw) from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = l.id) as max_power_kw
        from charging_location l where ${where(filter)}`.execute(db);
      return r.rows;
    },

    /**
     * The live status of every census EVSE of these locations (null: never reported), for
     * colouring map points with the status of this moment rather than that of the cached index.
     */
    async evseStatuses(locationIds: string[]) {
      if (locationIds.length === 0) return [];
      const r = await sql<{ location_id: string; status: EvseStatus | null }>`
        select e.location_id, st.status
        from charging_evse e left join charging_evse_status st on st.location_id = e.location_id and st.evse_uid = e.evse_uid
        where e.location_id in (${sql.join(locationIds)})`.execute(db);
      return r.rows;
    },

    /**
     * Changes whenever what the map shows may have changed: an import, a registration or an
     * edit, a duplicate folded or unfolded — all of them touch `updated_at` (indexed).
     */
    async dataVersion() {
      const r = await sql<{ v: string | null }>`
        select concat_ws('|',
          (select max(finished_at)::text from import_run where kind like 'charging.%' and status = 'completed'),
          (select max(updated_at)::text from charging_location)) as v`.execute(db);
      return r.rows[0]?.v || 'empty';
    },

    /**
     * Statistics per state or municipality (recommendations 18 and 19) in one pass of
     * aggregates (no per-row subqueries): public, not decommissioned locations with their
     * EVSEs, connectors by standard, installed kW, OCPP declarations and payment methods,
     * plus the count (only the count) of private chargers. Merged duplicates are left out.
     */
    async stats(groupBy: 'state' | 'municipality') {
      const key = groupBy === 'state' ? sql.ref('l.cve_ent') : sql.ref('l.cvegeo');
      // '' stands for "no area" so that the joins below are plain equi-joins (hashable).
      const result = await sql<StatsRow>`
        with loc as (
          select coalesce(${key}, '') as code, l.access, l.ocpp_support, l.payment_methods, l.evse_count, l.connector_count,
                 l.connectors_by_standard, l.installed_kw, l.dc_fast_connectors
          from charging_location l
          where l.merged_into is null and l.lifecycle_status is distinct from 'decommissioned' and l.access in ('public', 'private')
        ), pub as (
          select * from loc where access = 'public'
        ), area as (
          select code,
                 (count(*) filter (where access = 'public'))::int as locations,
                 (count(*) filter (where access = 'private'))::int as private_locations,
                 coalesce(sum(evse_count) filter (where access = 'public'), 0)::int as evses,
                 coalesce(sum(connector_count) filter (where access = 'public'), 0)::int as connectors,
                 sum(installed_kw) filter (where access = 'public' and connector_count > 0) as installed_kw,
                 coalesce(sum(dc_fast_connectors) filter (where access = 'public'), 0)::int as dc_fast_connectors,
                 (count(*) filter (where access = 'public' and ocpp_support))::int as ocpp_yes,
                 (count(*) filter (where access = 'public' and not ocpp_support))::int as ocpp_no,
                 (count(*) filter (where access = 'public' and ocpp_support is null))::int as ocpp_unknown,
                 (count(*) filter (where access = 'public' and coalesce(cardinality(payment_methods), 0) = 0))::int as payment_undeclared
          from loc group by code
        ), std as (
          select code, jsonb_object_agg(standard, n) as by_standard,
                 coalesce(sum(n) filter (where standard in ('J1772', 'CCS1', 'NACS')), 0)::int as na_standard_connectors
          from (
            select pub.code, s.key as standard, sum(s.value::int)::int as n
            from pub cross join lateral jsonb_each_text(pub.connectors_by_standard) as s(key, value)
            group by pub.code, s.key
          ) x group by code
        ), pay as (
          select code, jsonb_object_agg(method, n) as by_payment
          from (select pub.code, m.method, count(*)::int as n from pub cross join lateral unnest(pub.payment_methods) as m(method) group by pub.code, m.method) x
          group by code
        )
        select a.code, a.locations, a.private_locations, a.evses, a.connectors, a.installed_kw, a.dc_fast_connectors,
               coalesce(st.na_standard_connectors, 0) as na_standard_connectors, st.by_standard,
               a.ocpp_yes, a.ocpp_no, a.ocpp_unknown, a.payment_undeclared, p.by_payment
        from area a
        left join std st on st.code = a.code
        left join pay p on p.code = a.code
        order by a.code = '', a.code`.execute(db);
      return result.rows;
    },

    /**
     * The sources present in the census: each source-key prefix (`ocm`, `afdc`, …) with the
     * data source recorded in the provenance of one of its records. Folded duplicates count:
     * their data live on in the record they were merged into.
     */
    async sourcesPresent() {
      // A loose scan of the source index: one probe per distinct source, whatever the table's size.
      const r = await sql<{ prefix: string; source_id: string | null }>`
        with recursive s as (
          (select source from charging_location order by source limit 1)
          union all
          select (select c.source from charging_location c where c.source > s.source order by c.source limit 1) from s where s.source is not null
        )
        select s.source as prefix,
               (select x.provenance->'record'->>'source' from charging_location x
                 where x.source = s.source and x.provenance->'record'->>'source' is not null limit 1) as source_id
        from s where s.source is not null`.execute(db);
      return r.rows;
    },

    /** The newest data behind the figures: the last completed charging import or registered edit. */
    async newestData() {
      const r = await sql<{ at: Date | string | null }>`
        select greatest(
          (select max(finished_at) from import_run where kind like 'charging.%' and status = 'completed'),
          (select max(updated_at) from charging_location where source = 'reg')) as at`.execute(db);
      const at = r.rows[0]?.at;
      return at ? new Date(at) : null;
    },
  };
}

export type ChargingRepository = ReturnType<typeof createChargingRepository>;
