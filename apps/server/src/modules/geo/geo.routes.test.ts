import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('geography reference data (loaded through the import pipeline)', () => {
  it('lists the 32 states with INEGI codes, official names and 2020 population', async () => {
    const res = await get('/api/v1/geo/states');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(32);
    const coahuila = body.items.find((s: { cveEnt: string }) => s.cveEnt === '05');
    expect(coahuila.name).toBe('Coahuila de Zaragoza');
    const total = body.items.reduce((sum: number, s: { population2020: number }) => sum + s.population2020, 0);
    expect(total).toBe(126_014_024);
    expect(body.sources.map((s: { publisher: string }) => s.publisher)).toContain('INEGI');
    expect(body.items.every((s: { municipalityCount: number }) => s.municipalityCount > 0)).toBe(true);
  });

  it('has every municipality of the catalogue, and their populations add up to the census total', async () => {
    const ids = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
    let count = 0;
    let population = 0;
    for (const id of ids) {
      for (let offset = 0; ; offset += 500) {
        const body = (await get(`/api/v1/geo/states/${id}/municipalities?limit=500&offset=${offset}`)).json();
        if (offset === 0) count += body.total;
        population += body.items.reduce((s: number, m: { population2020: number | null }) => s + (m.population2020 ?? 0), 0);
        if (offset + 500 >= body.total) break;
      }
    }
    expect(count).toBe(2478);
    expect(population).toBe(126_014_024);
  });

  it('says which municipalities have no boundary in the 2010 shapes', async () => {
    const villaDePozos = (await get('/api/v1/geo/municipalities/24059')).json();
    expect(villaDePozos.name).toBe('Villa de Pozos');
    expect(villaDePozos.hasBoundary).toBe(false);
    expect(villaDePozos.boundaryVintage).toBeNull();
    expect(villaDePozos.notes).toContain('no_boundary_in_vintage');

    const queretaro = (await get('/api/v1/geo/municipalities/22014')).json();
    expect(queretaro.hasBoundary).toBe(true);
    expect(queretaro.boundaryVintage).toBe('MGN 2010');
    expect(queretaro.areaKm2).toBeGreaterThan(500);
    expect(queretaro.areaKm2).toBeLessThan(900);
    expect(queretaro.notes).toEqual([]);

    const bajaCalifornia = (await get('/api/v1/geo/states/02/municipalities?limit=50')).json();
    const withoutShape = bajaCalifornia.items.filter((m: { hasBoundary: boolean }) => !m.hasBoundary).map((m: { cvegeo: string }) => m.cvegeo);
    expect(withoutShape.sort()).toEqual(['02006', '02007']);
  });

  it('keeps all 2,450 municipal shapes, repairing self-intersecting ones', async () => {
    const { n } = await t.database.db.selectFrom('geo_municipal_boundary').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(2450);
    // Tixpéhual's 2010 polygon intersects itself; it is repaired on import, not dropped.
    const tixpehual = (await get('/api/v1/geo/municipalities/31095')).json();
    expect(tixpehual.hasBoundary).toBe(true);
    expect(tixpehual.areaKm2).toBeGreaterThan(10);
    const invalid = await t.database.db
      .selectFrom('geo_municipal_boundary')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`not ST_IsValid(geom)`)
      .executeTakeFirstOrThrow();
    expect(Number(invalid.n)).toBe(0);
  });

  it('answers 404 with a stable code for unknown states and municipalities', async () => {
    const res = await get('/api/v1/geo/states/40');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('GEO.STATE_NOT_FOUND');
    expect((await get('/api/v1/geo/municipalities/99999')).json().code).toBe('GEO.MUNICIPALITY_NOT_FOUND');
    expect((await get('/api/v1/geo/states/abc')).json().code).toBe('PLATFORM.VALIDATION_FAILED');
  });
});

describe('GET /api/v1/geo/locate', () => {
  it.each([
    // [place, lat, lon, expected cvegeo]
    ['Querétaro city centre', 20.5931, -100.3920, '22014'],
    ['Monterrey city centre', 25.6866, -100.3161, '19039'],
    ['Guadalajara cathedral', 20.6767, -103.3475, '14039'],
    ['Mérida main square', 20.9671, -89.6237, '31050'],
    ['Tijuana centre', 32.5309, -117.0370, '02004'],
  ])('places %s in its municipality', async (_place, lat, lon, cvegeo) => {
    const res = await get(`/api/v1/geo/locate?lat=${lat}&lon=${lon}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.municipality.cvegeo).toBe(cvegeo);
    expect(body.state.cveEnt).toBe(cvegeo.slice(0, 2));
    expect(body.boundaryVintage).toBe('MGN 2010');
  });

  it('flags points in states that have municipalities without a boundary', async () => {
    const body = (await get('/api/v1/geo/locate?lat=22.1565&lon=-100.9855')).json(); // San Luis Potosí
    expect(body.state.cveEnt).toBe('24');
    expect(body.notes).toContain('state_has_municipalities_without_boundary');
  });

  it('rejects points outside Mexico and hints at swapped coordinates', async () => {
    const ocean = await get('/api/v1/geo/locate?lat=0&lon=-140');
    expect(ocean.statusCode).toBe(404);
    expect(ocean.json().code).toBe('GEO.POINT_OUTSIDE_COVERAGE');
    const houston = await get('/api/v1/geo/locate?lat=29.7604&lon=-95.3698');
    expect(houston.json().code).toBe('GEO.POINT_OUTSIDE_COVERAGE');
    const swapped = await get('/api/v1/geo/locate?lat=-100.39&lon=20.59');
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().code).toBe('PLATFORM.VALIDATION_FAILED');
    const swappedInRange = await get('/api/v1/geo/locate?lat=-89.62&lon=20.97');
    expect(swappedInRange.json().detail).toContain('swapped');
    const positiveLongitude = await get('/api/v1/geo/locate?lat=19.43&lon=99.13');
    expect(positiveLongitude.json().detail).toContain('lon=-99.13');
  });

  it('requires numeric lat and lon', async () => {
    const res = await get('/api/v1/geo/locate?lat=abc&lon=-99');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PLATFORM.VALIDATION_FAILED');
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: '/lat' }));
    const missing = await get('/api/v1/geo/locate?lat=19');
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ path: '/lon' }));
  });
});

describe('GET /api/v1/geo/search', () => {
  it('is accent- and case-insensitive', async () => {
    const body = (await get('/api/v1/geo/search?q=queretaro')).json();
    expect(body.items[0]).toMatchObject({ type: 'state', code: '22', name: 'Querétaro' });
    expect(body.items.some((i: { type: string; code: string }) => i.type === 'municipality' && i.code === '22014')).toBe(true);
    const upper = (await get('/api/v1/geo/search?q=QUERÉTARO')).json();
    expect(upper.items[0].code).toBe('22');
  });
  it('finds localities and returns a point to fly to', async () => {
    const body = (await get('/api/v1/geo/search?q=juarez&limit=50')).json();
    const hit = body.items.find((i: { type: string; stateName: string }) => i.type === 'locality' && i.stateName === 'Chihuahua');
    // The ITER export spells it without the accent; the search finds it either way.
    expect(hit.name).toBe('Juarez');
    expect((await get('/api/v1/geo/search?q=ju%C3%A1rez&limit=50')).json().items).toContainEqual(hit);
    expect(hit.center[0]).toBeCloseTo(-106.4, 0);
  });
  it('asks for at least two letters, and treats LIKE wildcards as text', async () => {
    const res = await get('/api/v1/geo/search?q=%25%25');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PLATFORM.VALIDATION_FAILED');
    expect((await get('/api/v1/geo/search?q=x_z')).json().total).toBe(0);
  });
});

describe('vector tiles', () => {
  it('serves state and municipality tiles as protobuf', async () => {
    const states = await get('/tiles/states/4/3/6.pbf');
    expect(states.statusCode).toBe(200);
    expect(states.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(states.rawPayload.byteLength).toBeGreaterThan(1000);
    const municipalities = await get('/tiles/municipalities/6/14/28.pbf');
    expect(municipalities.statusCode).toBe(200);
    const empty = await get('/tiles/states/6/0/0.pbf');
    expect(empty.statusCode).toBe(204);
    expect((await get('/tiles/nope/1/1/1.pbf')).statusCode).toBe(400);
  });
});
