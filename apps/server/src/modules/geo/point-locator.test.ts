import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { municipalBoundaryVintage } from './geo.domain.js';
import { PointLocator, type PlacementArea } from './point-locator.js';

const square = (x0: number, y0: number, size: number): number[][] => [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]];
const municipality = (cvegeo: string, geometry: PlacementArea['geometry']): PlacementArea => ({ placement: { cvegeo, cveEnt: cvegeo.slice(0, 2), usStateAbbr: null }, geometry });

describe('the in-memory point locator', () => {
  const locator = new PointLocator({
    municipalities: [
      // A square with a square hole, and a second polygon of the same municipality.
      municipality('01001', { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 2)]] }),
      // Fills the hole.
      municipality('01002', { type: 'Polygon', coordinates: [square(4, 4, 2)] }),
    ],
    usStates: [{ placement: { cvegeo: null, cveEnt: null, usStateAbbr: 'TX' }, geometry: { type: 'Polygon', coordinates: [square(-5, -5, 40)] } }],
  });

  it('finds the municipality that covers a point, holes and second polygons included', () => {
    expect(locator.locate(1, 1)?.cvegeo).toBe('01001');
    expect(locator.locate(21, 1)?.cvegeo).toBe('01001');
    expect(locator.locate(5, 5)?.cvegeo).toBe('01002');
  });

  it('counts a point on the boundary as covered, as ST_Covers does', () => {
    expect(locator.locate(0, 5)?.cvegeo).toBe('01001');
    expect(locator.locate(10, 10)?.cvegeo).toBe('01001');
  });

  it('falls back to a US state only where no municipality covers the point, and leaves the rest to the database', () => {
    expect(locator.locate(15, 15)).toEqual({ cvegeo: null, cveEnt: null, usStateAbbr: 'TX' });
    expect(locator.locate(50, 50)).toBeNull();
    expect(locator.locate(Number.NaN, 1)).toBeNull();
    expect(new PointLocator({ municipalities: [], usStates: [] }).locate(1, 1)).toBeNull();
  });
});

describe('placement in memory and in PostGIS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('agrees with ST_Covers on the loaded boundaries for every locality and for points scattered over Mexico and the border', async () => {
    const localities = await t.database.db.selectFrom('geo_locality').select(['lat', 'lon']).execute();
    // Seeded, so that a disagreement is reproducible: a box over Mexico and the US border states.
    let seed = 20221118;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const scattered = Array.from({ length: 3000 }, () => ({ lat: 14 + random() * 22, lon: -119 + random() * 34 }));
    const points = [...localities, ...scattered];
    expect(localities.length).toBeGreaterThan(1000);

    const inMemory = await t.services.geo.checkAndPlacePoints(points, 'mexico-and-us');
    const inDatabase = await sql<{ i: number; cvegeo: string | null; abbr: string | null }>`
      select v.i, m.cvegeo, u.abbr
      from json_to_recordset(${JSON.stringify(points.map((p, i) => ({ i, lat: p.lat, lon: p.lon })))}::json) as v(i int, lat float8, lon float8)
      cross join lateral (select ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326) as g) p
      left join lateral (
        select b.cvegeo from geo_municipal_boundary b where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, p.g) limit 1
      ) m on true
      left join lateral (select u.abbr from us_state u where m.cvegeo is null and ST_Covers(u.geom, p.g) limit 1) u on true
      order by v.i`.execute(t.database.db);

    const disagreements = inDatabase.rows.filter((r) => {
      const placement = inMemory[r.i]!.placement;
      return (placement?.cvegeo ?? null) !== r.cvegeo || (placement?.usStateAbbr ?? null) !== r.abbr;
    });
    expect(disagreements).toEqual([]);
    // The comparison means something: most points are placed, in both countries.
    expect(inMemory.filter((r) => r.placement?.cvegeo).length).toBeGreaterThan(localities.length * 0.95);
    expect(inMemory.filter((r) => r.placement?.usStateAbbr).length).toBeGreaterThan(100);
  });

  it("accepts a point inside a municipality's boundary even where the simplified state outline is more than 11 km away", async () => {
    // Laguna de Términos, in Carmen (Campeche): inside the municipal boundary, 0.116° from the simplified state outline.
    const [lagoon] = await t.services.geo.checkAndPlacePoints([{ lat: 18.567024, lon: -91.665254 }], 'mexico');
    expect(lagoon).toEqual({ problem: null, placement: { cvegeo: '04003', cveEnt: '04', usStateAbbr: null } });
    // Out at sea, still rejected: the database's tolerance check decides what no boundary covers.
    const [sea] = await t.services.geo.checkAndPlacePoints([{ lat: 20.5, lon: -94.5 }], 'mexico');
    expect(sea?.problem?.code).toBe('IMPORT.ROW_OUTSIDE_MEXICO');
    // Swapped coordinates are still recognised.
    const [swapped] = await t.services.geo.checkAndPlacePoints([{ lat: -99.13, lon: 19.43 }], 'mexico');
    expect(swapped?.problem?.code).toBe('IMPORT.ROW_SWAPPED_COORDINATES');
  });
});
