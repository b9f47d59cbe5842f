import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let analystToken: string;

beforeAll(async () => {
  t = await createTestApp();
  // One synthetic private charger, to check who sees it.
  const run = await t.services.imports.runNow({
    kind: 'charging.ocm', filename: 'private.json', mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test',
    content: new TextEncoder().encode(JSON.stringify([{
      ID: 990100, UsageTypeID: 2, StatusTypeID: 50,
      AddressInfo: { Title: 'Depósito de flotilla (sintético)', Latitude: 25.6866, Longitude: -100.3161, CountryID: 146 },
      Connections: [{ ID: 1, ConnectionTypeID: 1, CurrentTypeID: 10, PowerKW: 7.2, Quantity: 4 }],
    }])),
  });
  expect(run.status).toBe('completed');
  const password = 'caballo correcto batería';
  await t.services.accounts.createAdmin({ email: 'boss@example.mx', password, displayName: 'Boss' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'boss@example.mx', password }, null);
  const { principal: analyst } = await t.services.accounts.signUp({ email: 'analyst@example.mx', password, displayName: 'Analyst' }, null);
  await t.services.accounts.setUserRole(admin, analyst.userId, 'analyst');
  analystToken = (await t.services.accounts.createApiToken(analyst, 'stats')).token;
});
afterAll(async () => {
  await t?.dispose();
});

const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /api/v1/charging/locations', () => {
  it('lists public locations with total, placed in their state and municipality', async () => {
    const body = (await get('/api/v1/charging/locations')).json();
    expect(body.total).toBe(8);
    const matehuala = body.items.find((l: { stateName: string }) => l.stateName === 'San Luis Potosí');
    expect(matehuala).toMatchObject({ cveEnt: '24', operatorName: 'Tesla Motors (Worldwide)', access: 'public' });
    expect(matehuala.connectorStandards).toEqual(['NACS']);
  });

  it('filters by state, connector, power, operator and text (accent-insensitive)', async () => {
    expect((await get('/api/v1/charging/locations?state=03')).json().total).toBe(1);
    expect((await get('/api/v1/charging/locations?connector=CCS1')).json().total).toBe(0);
    const fast = (await get('/api/v1/charging/locations?minPowerKw=50')).json();
    expect(fast.total).toBe(3);
    expect(fast.items.every((l: { maxPowerKw: number }) => l.maxPowerKw >= 50)).toBe(true);
    expect((await get('/api/v1/charging/locations?operator=tesla')).json().total).toBe(8);
    expect((await get('/api/v1/charging/locations?q=mulege')).json().total).toBe(1);
    expect((await get('/api/v1/charging/locations?bbox=-100,19,-98,20&limit=1')).json()).toMatchObject({ limit: 1 });
  });

  it('keeps private chargers out of public view, and shows them to analysts', async () => {
    const publicList = (await get('/api/v1/charging/locations?q=deposito')).json();
    expect(publicList.total).toBe(0);
    const analystList = (await get('/api/v1/charging/locations?q=deposito', analystToken)).json();
    expect(analystList.total).toBe(1);
    const id = analystList.items[0].id;
    expect((await get(`/api/v1/charging/locations/${id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/charging/locations/${id}`, analystToken)).json().evses).toHaveLength(4);
  });

  it('rejects bad filters with problem details', async () => {
    const res = await get('/api/v1/charging/locations?connector=SCART&minPowerKw=-5');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PLATFORM.VALIDATION_FAILED');
  });
});

describe('GET /api/v1/charging/locations/{id}', () => {
  it('shows EVSEs and connectors with sources and date', async () => {
    const list = (await get('/api/v1/charging/locations?q=cuesta%20real')).json();
    const detail = (await get(`/api/v1/charging/locations/${list.items[0].id}`)).json();
    expect(detail).toMatchObject({ name: 'Hotel Cuesta Real', municipalityName: 'Mulegé', stateAsGiven: 'Baja California Sur' });
    expect(detail.evses).toHaveLength(2);
    expect(detail.evses[0].connectors[0]).toMatchObject({ standard: 'NACS', maxElectricPowerKw: 18, chargingLevel: 'ac_level_2', unknownStandard: false });
    expect(detail.sources.map((s: { id: string }) => s.id)).toContain('ocm');
    expect(detail.sources.find((s: { id: string }) => s.id === 'ocm').licence).toBe('CC BY-SA 4.0');
    expect(detail.asOf).not.toBeNull();
    const missing = await get('/api/v1/charging/locations/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CHARGING.LOCATION_NOT_FOUND');
  });
});

describe('GET /api/v1/charging/stats', () => {
  it('gives the baseline by state: locations, EVSEs, standards, kW, per 100,000 people, DC share', async () => {
    const body = (await get('/api/v1/charging/stats?groupBy=state')).json();
    const total = body.items.reduce((s: number, r: { publicLocations: number }) => s + r.publicLocations, 0);
    expect(total).toBe(8); // the private depot is not counted
    const slp = body.items.find((r: { code: string }) => r.code === '24');
    expect(slp.name).toBe('San Luis Potosí');
    expect(slp.publicLocationsPer100k).toBeCloseTo((slp.publicLocations / 2_822_255) * 100_000, 3);
    expect(slp.northAmericanStandardShare).toBe(1);
    expect(slp.dcFastShare).toBeGreaterThan(0);
    expect(Object.keys(slp.connectorsByStandard)).toEqual(['NACS']);
    expect(body.method).toContain('2020 census');
    expect(body.sources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['ocm', 'inegi-censo-2020-states']));
  });
  it('groups by municipality too', async () => {
    const body = (await get('/api/v1/charging/stats?groupBy=municipality')).json();
    expect(body.items.every((r: { code: string | null }) => r.code === null || /^[0-9]{5}$/.test(r.code))).toBe(true);
  });
});

describe('map clusters and CSV downloads', () => {
  it('clusters public locations at national zoom and separates them in a city', async () => {
    const national = (await get('/api/v1/charging/clusters?bbox=-118.5,14.5,-86.5,32.8&zoom=4')).json();
    expect(national.type).toBe('FeatureCollection');
    const counted = national.features.reduce((n: number, f: { properties: { count: number } }) => n + f.properties.count, 0);
    expect(counted).toBe(8); // the private depot is not on the public map
    expect(national.features.length).toBeLessThan(8);
    const analystView = (await get('/api/v1/charging/clusters?bbox=-118.5,14.5,-86.5,32.8&zoom=4', analystToken)).json();
    expect(analystView.features.reduce((n: number, f: { properties: { count: number } }) => n + f.properties.count, 0)).toBe(9);
    const mulege = (await get('/api/v1/charging/clusters?bbox=-112.1,26.8,-111.8,27.0&zoom=14')).json();
    expect(mulege.features).toHaveLength(1);
    expect(mulege.features[0].properties).toMatchObject({ cluster: false, name: 'Hotel Cuesta Real', maxPowerKw: 18 });
    const bad = await get('/api/v1/charging/clusters?bbox=nope&zoom=4');
    expect(bad.statusCode).toBe(400);
  });

  it('downloads the filtered locations and the statistics as CSV with sources', async () => {
    const locations = await get('/api/v1/charging/locations.csv?state=03');
    expect(locations.headers['content-type']).toContain('text/csv');
    const lines = locations.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('source_key');
    expect(lines[1]).toContain('Hotel Cuesta Real');
    expect(lines[1]).toContain('CC BY-SA 4.0');
    const stats = await get('/api/v1/charging/stats.csv?groupBy=state');
    const [header, ...rows] = stats.body.trim().split('\n');
    expect(header).toContain('public_locations_per_100k');
    expect(header).toContain('connectors_nacs');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(stats.body).toContain('Open Charge Map');
  });
});
