import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { escapeLike } from '../../platform/text.js';
import { municipalBoundaryVintage } from './geo.domain.js';
import type { PlacementArea } from './point-locator.js';

const bboxOf = (box: string | null): [number, number, number, number] | null => {
  // ST_Extent → "BOX(minx miny,maxx maxy)"
  const m = box?.match(/BOX\(([-\d.e]+) ([-\d.e]+),([-\d.e]+) ([-\d.e]+)\)/);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : null;
};

export function createGeoRepository(db: Db) {
  return {
    async listStates() {
      const rows = await sql<{
        cve_ent: string; name: string; short_name: string; population_2020: number | null; area_km2: number | null; municipality_count: number;
      }>`
        select s.cve_ent, s.name, s.short_name, s.population_2020, s.area_km2,
               (select count(*) from geo_municipality m where m.cve_ent = s.cve_ent)::int as municipality_count
        from geo_state s order by s.cve_ent`.execute(db);
      return rows.rows;
    },

    async findState(cveEnt: string) {
      const rows = await sql<{
        cve_ent: string; name: string; short_name: string; population_2020: number | null; population_male_2020: number | null;
        population_female_2020: number | null; area_km2: number | null; municipality_count: number; bbox: string | null;
      }>`
        select s.cve_ent, s.name, s.short_name, s.population_2020, s.population_male_2020, s.population_female_2020, s.area_km2,
               (select count(*) from geo_municipality m where m.cve_ent = s.cve_ent)::int as municipality_count,
               ST_Extent(s.geom)::text as bbox
        from geo_state s where s.cve_ent = ${cveEnt}
        group by s.cve_ent`.execute(db);
      const row = rows.rows[0];
      return row ? { ...row, bbox: bboxOf(row.bbox) } : null;
    },

    async listMunicipalities(filter: { cveEnt: string; searchName: string | null; limit: number; offset: number }) {
      const like = filter.searchName ? `%${escapeLike(filter.searchName)}%` : null;
      const rows = await sql<{
        cvegeo: string; cve_ent: string; cve_mun: string; name: string; population_2020: number | null; area_km2: number | null; has_boundary: boolean; total: number;
      }>`
        select m.cvegeo, m.cve_ent, m.cve_mun, m.name, m.population_2020, b.area_km2, (b.cvegeo is not null) as has_boundary,
               count(*) over ()::int as total
        from geo_municipality m
        left join geo_municipal_boundary b on b.cvegeo = m.cvegeo and b.vintage = ${municipalBoundaryVintage}
        where m.cve_ent = ${filter.cveEnt} and (${like}::text is null or m.search_name like ${like})
        order by m.cve_mun
        limit ${filter.limit} offset ${filter.offset}`.execute(db);
      let total = rows.rows[0]?.total ?? 0;
      if (rows.rows.length === 0 && filter.offset > 0) {
        const c = await sql<{ n: number }>`select count(*)::int as n from geo_municipality m where m.cve_ent = ${filter.cveEnt} and (${like}::text is null or m.search_name like ${like})`.execute(db);
        total = c.rows[0]?.n ?? 0;
      }
      return { rows: rows.rows, total };
    },

    async findMunicipality(cvegeo: string) {
      const rows = await sql<{
        cvegeo: string; cve_ent: string; cve_mun: string; name: string; state_name: string | null; seat_name: string | null;
        population_2020: number | null; households_2020: number | null; catalogue_vintage: string; area_km2: number | null;
        boundary_vintage: string | null; bbox: string | null;
      }>`
        select m.cvegeo, m.cve_ent, m.cve_mun, m.name, s.name as state_name, m.seat_name, m.population_2020, m.households_2020,
               m.catalogue_vintage, b.area_km2, b.vintage as boundary_vintage, ST_Extent(b.geom)::text as bbox
        from geo_municipality m
        left join geo_state s on s.cve_ent = m.cve_ent
        left join geo_municipal_boundary b on b.cvegeo = m.cvegeo and b.vintage = ${municipalBoundaryVintage}
        where m.cvegeo = ${cvegeo}
        group by m.cvegeo, s.name, b.area_km2, b.vintage`.execute(db);
      const row = rows.rows[0];
      return row ? { ...row, bbox: bboxOf(row.bbox) } : null;
    },

    /** Accent-insensitive search over states, municipalities and localities; prefix matches first. */
    async search(folded: string, limit: number) {
      const contains = `%${escapeLike(folded)}%`;
      const prefix = `${escapeLike(folded)}%`;
      const rows = await sql<{
        type: 'state' | 'municipality' | 'locality'; code: string; name: string; state_name: string | null; population_2020: number | null;
        lon: number | null; lat: number | null; rank: number; total: number;
      }>`
        with hits as (
          select 'state' as type, s.cve_ent::text as code, s.name, null::text as state_name, s.population_2020,
                 ST_X(ST_PointOnSurface(s.geom)) as lon, ST_Y(ST_PointOnSurface(s.geom)) as lat,
                 case when s.search_name like ${prefix} then 0 else 1 end as rank
          from geo_state s where s.search_name like ${contains}
          union all
          select 'municipality', m.cvegeo::text, m.name, s.name, m.population_2020,
                 ST_X(ST_PointOnSurface(b.geom)), ST_Y(ST_PointOnSurface(b.geom)),
                 case when m.search_name like ${prefix} then 2 else 3 end
          from geo_municipality m
          left join geo_state s on s.cve_ent = m.cve_ent
          left join geo_municipal_boundary b on b.cvegeo = m.cvegeo and b.vintage = ${municipalBoundaryVintage}
          where m.search_name like ${contains}
          union all
          select 'locality', l.cvegeo::text, l.name, s.name, l.population_2020, l.lon, l.lat,
                 case when l.search_name like ${prefix} then 4 else 5 end
          from geo_locality l left join geo_state s on s.cve_ent = l.cve_ent
          where l.search_name like ${contains}
        )
        select *, count(*) over ()::int as total from hits
        order by rank, population_2020 desc nulls last, name
        limit ${limit}`.execute(db);
      return rows.rows;
    },

    /** The municipal boundary containing the point, or the nearest within `toleranceKm`. */
    async locate(lat: number, lon: number, toleranceKm: number) {
      const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
      const contained = await sql<{ cvegeo: string; boundary_name: string; vintage: string; name: string | null; state_name: string | null; cve_ent: string }>`
        select b.cvegeo, b.name as boundary_name, b.vintage, m.name, s.name as state_name, substr(b.cvegeo, 1, 2) as cve_ent
        from geo_municipal_boundary b
        left join geo_municipality m on m.cvegeo = b.cvegeo
        left join geo_state s on s.cve_ent = substr(b.cvegeo, 1, 2)
        where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, ${point})
        limit 1`.execute(db);
      if (contained.rows[0]) return { ...contained.rows[0], method: 'contains' as const, distanceKm: 0 };
      const degrees = toleranceKm / 100; // pre-filter by a generous box in degrees, then measure on the spheroid
      const nearest = await sql<{ cvegeo: string; boundary_name: string; vintage: string; name: string | null; state_name: string | null; cve_ent: string; distance_km: number }>`
        select b.cvegeo, b.name as boundary_name, b.vintage, m.name, s.name as state_name, substr(b.cvegeo, 1, 2) as cve_ent,
               ST_Distance(b.geom::geography, ${point}::geography) / 1000 as distance_km
        from geo_municipal_boundary b
        left join geo_municipality m on m.cvegeo = b.cvegeo
        left join geo_state s on s.cve_ent = substr(b.cvegeo, 1, 2)
        where b.vintage = ${municipalBoundaryVintage} and ST_DWithin(b.geom, ${point}, ${degrees})
        order by distance_km limit 1`.execute(db);
      const near = nearest.rows[0];
      if (near && near.distance_km <= toleranceKm) return { ...near, method: 'nearest' as const, distanceKm: near.distance_km };
      const state = await sql<{ cve_ent: string; state_name: string }>`
        select cve_ent, name as state_name from geo_state where ST_DWithin(geom, ${point}, ${degrees})
        order by ST_Distance(geom, ${point}) limit 1`.execute(db);
      const s = state.rows[0];
      return s ? { cvegeo: null, boundary_name: null, vintage: null, name: null, state_name: s.state_name, cve_ent: s.cve_ent, method: 'state' as const, distanceKm: null } : null;
    },

    async countStatesWithoutBoundaryMunicipalities(cveEnt: string) {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from geo_municipality m
        where m.cve_ent = ${cveEnt} and not exists (select 1 from geo_municipal_boundary b where b.cvegeo = m.cvegeo and b.vintage = ${municipalBoundaryVintage})`.execute(db);
      return r.rows[0]?.n ?? 0;
    },

    /**
     * For each point: is it within `toleranceDeg` of a state polygon, and if not, would the
     * swapped point be? Empty result when no state boundary is loaded yet.
     */
    /**
     * For each point: is it in (or within the tolerance of) a Mexican state, or a US state
     * when `includeUs`; if not, would the swapped point be? Containment is tried before
     * distance, and the swapped point only for points outside, as distance to a detailed
     * polygon is the costly test.
     */
    async pointsNearCoverage(points: Array<{ lat: number; lon: number }>, toleranceDeg: number, includeUs: boolean) {
      const loaded = await sql<{ n: number }>`select count(*)::int as n from geo_state where geom is not null`.execute(db);
      if ((loaded.rows[0]?.n ?? 0) === 0) return null;
      const near = (table: 'geo_state' | 'us_state', point: ReturnType<typeof sql>) =>
        sql`(exists (select 1 from ${sql.table(table)} a where ST_Intersects(a.geom, ${point}))
             or exists (select 1 from ${sql.table(table)} a where ST_DWithin(a.geom, ${point}, ${toleranceDeg})))`;
      const covered = (point: ReturnType<typeof sql>) => (includeUs ? sql`(${near('geo_state', point)} or ${near('us_state', point)})` : near('geo_state', point));
      const out: Array<{ inside: boolean; swappedInside: boolean }> = [];
      for (let i = 0; i < points.length; i += 5000) {
        const chunk = points.slice(i, i + 5000);
        const r = await sql<{ inside: boolean; swapped_inside: boolean }>`
          select q.inside, case when q.inside then false else ${covered(sql`q.sg`)} end as swapped_inside
          from (
            select p.i, p.sg, ${covered(sql`p.g`)} as inside
            from (
              select i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) as g, ST_SetSRID(ST_MakePoint(lat, lon), 4326) as sg
              -- One JSON document: many times faster than unnest() of two bound float8[] arrays.
              from json_to_recordset(${JSON.stringify(chunk.map((p, i) => ({ i, lon: p.lon, lat: p.lat })))}::json) as v(i int, lon float8, lat float8)
            ) p
          ) q
          order by q.i`.execute(db);
        for (const row of r.rows) out.push({ inside: row.inside, swappedInside: row.swapped_inside });
      }
      return out;
    },

    /** Features for a vector-tile layer, as GeoJSON with 5-decimal coordinates (~1 m). */
    async layerFeatures(layer: 'states' | 'municipalities' | 'us-states'): Promise<GeoJSON.FeatureCollection> {
      const query =
        layer === 'states'
          ? sql<{ f: string }>`select json_build_object('type','Feature','geometry',ST_AsGeoJSON(geom, 5)::json,'properties',json_build_object('cveEnt',cve_ent,'name',name))::text as f from geo_state where geom is not null`
          : layer === 'municipalities'
            ? sql<{ f: string }>`select json_build_object('type','Feature','geometry',ST_AsGeoJSON(b.geom, 5)::json,'properties',json_build_object('cvegeo',b.cvegeo,'cveEnt',substr(b.cvegeo,1,2),'name',coalesce(m.name,b.name)))::text as f
                from geo_municipal_boundary b left join geo_municipality m on m.cvegeo = b.cvegeo where b.vintage = ${municipalBoundaryVintage}`
            : sql<{ f: string }>`select json_build_object('type','Feature','geometry',ST_AsGeoJSON(geom, 5)::json,'properties',json_build_object('abbr',abbr,'name',name))::text as f from us_state`;
      const rows = await query.execute(db);
      return { type: 'FeatureCollection', features: rows.rows.map((r) => JSON.parse(r.f)) };
    },

    /**
     * The polygons points are placed in, at full precision, for the in-memory locator: the
     * current municipal boundaries and the US states.
     */
    async placementAreas(): Promise<{ municipalities: PlacementArea[]; usStates: PlacementArea[] }> {
      const municipalities = await sql<{ cvegeo: string; g: string }>`
        select cvegeo, ST_AsGeoJSON(geom, 15) as g from geo_municipal_boundary where vintage = ${municipalBoundaryVintage} order by cvegeo`.execute(db);
      const usStates = await sql<{ abbr: string; g: string }>`select abbr, ST_AsGeoJSON(geom, 15) as g from us_state order by abbr`.execute(db);
      return {
        municipalities: municipalities.rows.map((r) => ({
          placement: { cvegeo: r.cvegeo, cveEnt: r.cvegeo.slice(0, 2), usStateAbbr: null }, geometry: JSON.parse(r.g),
        })),
        usStates: usStates.rows.map((r) => ({ placement: { cvegeo: null, cveEnt: null, usStateAbbr: r.abbr }, geometry: JSON.parse(r.g) })),
      };
    },

    /** Changes whenever the boundaries that placement uses may have changed. */
    async placementVersion(): Promise<string> {
      const r = await sql<{ v: string }>`
        select concat_ws(':',
          (select max(finished_at)::text from import_run where kind like 'geo.%' and status = 'completed'),
          (select count(*) from geo_municipal_boundary where vintage = ${municipalBoundaryVintage}),
          (select count(*) from us_state)) as v`.execute(db);
      return r.rows[0]?.v ?? 'empty';
    },

    async geoVersion(): Promise<string> {
      const r = await sql<{ v: string | null }>`
        select max(finished_at)::text as v from import_run where kind like 'geo.%' and status = 'completed'`.execute(db);
      return r.rows[0]?.v ?? 'empty';
    },

    async dataSources(ids: string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('data_source').selectAll().where('id', 'in', ids).orderBy('id').execute();
    },

    async upsertDataSources(sources: Array<{ id: string; name: string; publisher: string; licence: string; attribution: string; vintage: string; url: string | null; notes: string | null }>) {
      for (const s of sources) {
        await db.insertInto('data_source').values(s).onConflict((oc) => oc.column('id').doUpdateSet(s)).execute();
      }
    },
  };
}

export type GeoRepository = ReturnType<typeof createGeoRepository>;
