import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/text.js';

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
  includePrivate: boolean;
}

export function createChargingRepository(db: Db) {
  function where(f: LocationFilter) {
    const parts: Array<ReturnType<typeof sql>> = [sql`true`];
    if (!f.includePrivate) parts.push(sql`(l.access is distinct from 'private')`);
    if (f.searchName) parts.push(sql`l.search_name like ${`%${escapeLike(f.searchName)}%`}`);
    if (f.bbox) parts.push(sql`l.geom && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`);
    if (f.cveEnt) parts.push(sql`l.cve_ent = ${f.cveEnt}`);
    if (f.cvegeo) parts.push(sql`l.cvegeo = ${f.cvegeo}`);
    if (f.access) parts.push(sql`l.access = ${f.access}`);
    if (f.status) parts.push(sql`l.lifecycle_status = ${f.status}`);
    if (f.operator) parts.push(sql`lower(l.operator_name) like ${`%${escapeLike(f.operator.toLowerCase())}%`}`);
    if (f.connector || f.minPowerKw !== undefined) {
      parts.push(sql`exists (
        select 1 from charging_evse e join charging_connector c on c.evse_id = e.id
        where e.location_id = l.id
          and (${f.connector ?? null}::text is null or c.standard = ${f.connector ?? null})
          and (${f.minPowerKw ?? null}::float8 is null or c.max_electric_power_kw >= ${f.minPowerKw ?? null}))`);
    }
    return sql.join(parts, sql` and `) as unknown as Expression<SqlBool>;
  }

  return {
    async listLocations(filter: LocationFilter, page: { limit: number; offset: number }) {
      const rows = await sql<{
        id: string; source_key: string; name: string; operator_name: string | null; access: string | null; lifecycle_status: string | null;
        lat: number; lon: number; cve_ent: string | null; cvegeo: string | null; state_name: string | null; municipality_name: string | null;
        standards: string[] | null; max_power_kw: number | null; evse_count: number; total: number;
      }>`
        select l.id, l.source_key, l.name, l.operator_name, l.access, l.lifecycle_status, l.lat, l.lon, l.cve_ent, l.cvegeo,
               s.name as state_name, m.name as municipality_name,
               (select array_agg(distinct coalesce(c.standard, 'UNKNOWN') order by coalesce(c.standard, 'UNKNOWN'))
                  from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = l.id) as standards,
               (select max(c.max_electric_power_kw) from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = l.id) as max_power_kw,
               (select count(*) from charging_evse e where e.location_id = l.id)::int as evse_count,
               count(*) over ()::int as total
        from charging_location l
        left join geo_state s on s.cve_ent = l.cve_ent
        left join geo_municipality m on m.cvegeo = l.cvegeo
        where ${where(filter)}
        order by l.name, l.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = rows.rows[0]?.total ?? 0;
      if (rows.rows.length === 0 && page.offset > 0) {
        const c = await sql<{ n: number }>`select count(*)::int as n from charging_location l where ${where(filter)}`.execute(db);
        total = c.rows[0]?.n ?? 0;
      }
      return { rows: rows.rows, total };
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
        .select(['e.evse_uid', 'e.lifecycle_status', 'c.connector_id', 'c.standard', 'c.source_code', 'c.source_label', 'c.format', 'c.power_type',
          'c.max_voltage_v', 'c.max_amperage_a', 'c.max_electric_power_kw', 'c.charging_level'])
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

    /** Changes whenever a charging import completes. */
    async dataVersion() {
      const r = await sql<{ v: string | null }>`select max(finished_at)::text as v from import_run where kind like 'charging.%' and status = 'completed'`.execute(db);
      return r.rows[0]?.v ?? 'empty';
    },

    /** Baseline statistics per state or municipality (recommendation 18), public locations only. */
    async stats(groupBy: 'state' | 'municipality') {
      const key = groupBy === 'state' ? sql.ref('l.cve_ent') : sql.ref('l.cvegeo');
      const result = await sql<{
        code: string | null; locations: number; evses: number; connectors: number; installed_kw: number | null; dc_fast_connectors: number;
        na_standard_connectors: number; by_standard: Record<string, number> | null;
      }>`
        with c as (
          select ${key} as code, l.id as location_id, e.id as evse_id, c.id as connector_id, coalesce(c.standard, 'UNKNOWN') as standard,
                 c.max_electric_power_kw, c.charging_level
          from charging_location l
          left join charging_evse e on e.location_id = l.id
          left join charging_connector c on c.evse_id = e.id
          where l.access = 'public' and l.lifecycle_status is distinct from 'decommissioned'
        ), totals as (
          select code, count(distinct location_id)::int as locations, count(distinct evse_id)::int as evses, count(connector_id)::int as connectors,
                 sum(max_electric_power_kw) as installed_kw,
                 (count(connector_id) filter (where charging_level in ('dc_fast', 'dc_ultra_fast')))::int as dc_fast_connectors,
                 (count(connector_id) filter (where standard in ('J1772', 'CCS1', 'NACS')))::int as na_standard_connectors
          from c group by code
        ), by_standard as (
          select code, jsonb_object_agg(standard, n) as by_standard
          from (select code, standard, count(*)::int as n from c where connector_id is not null group by code, standard) x
          group by code
        )
        select t.*, b.by_standard from totals t left join by_standard b on b.code is not distinct from t.code
        order by t.code nulls last`.execute(db);
      return result.rows;
    },
  };
}

export type ChargingRepository = ReturnType<typeof createChargingRepository>;
