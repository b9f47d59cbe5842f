import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidRow } from '../../platform/imports/import-kind.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { mergeLocations, type ImportedLocation } from './import/location-merge.js';

let t: TestApp;
let analystToken: string;

/** The 8 public OCM sample locations in the test database (all NACS, none declaring OCPP or payment). */
const ocmPublic = 8;

/**
 * SYNTHETIC census rows (not real chargers), written through the shared merge every importer
 * uses, with the fields OCM lacks: uses, payment methods, OCPP, status, private access, and a
 * record folded into another (`merged_into`). Points are real city centres far from the OCM sample.
 */
const synthetic = (over: Partial<ImportedLocation> & Pick<ImportedLocation, 'sourceKey' | 'name' | 'lat' | 'lon' | 'evses'>): ImportedLocation => ({
  address: 'Dirección sintética', city: null, postalCode: null, countryCode: 'MX', stateAsGiven: null, access: 'public',
  operatorName: 'Operadora Sintética', lifecycleStatus: 'operational', lastVerifiedAt: null, ...over,
});
const connector = (id: string, standard: ImportedLocation['evses'][number]['connectors'][number]['standard'], powerKw: number, dc: boolean, sourceCode?: string) => ({
  connectorId: id, standard, sourceCode: sourceCode ?? `synthetic:${standard}`, sourceLabel: null, format: 'CABLE' as const,
  powerType: dc ? ('DC' as const) : ('AC_1_PHASE' as const), maxVoltageV: dc ? 920 : 240, maxAmperageA: dc ? 200 : 32, maxPowerKw: powerKw,
});
const syntheticRows: ImportedLocation[] = [
  synthetic({
    sourceKey: 'synthetic:A', name: 'Electrolinera Aguascalientes (sintética)', lat: 21.8818, lon: -102.2916, uses: ['light_duty'],
    paymentMethods: ['bank_card', 'app'], ocppSupport: true, openingHours: { twentyfourseven: true },
    evses: [
      { evseUid: 'A-1', connectors: [connector('1', 'CCS1', 150, true)] },
      { evseUid: 'A-2', connectors: [connector('1', 'J1772', 7.2, false)] },
    ],
  }),
  synthetic({
    sourceKey: 'synthetic:B', name: 'Patio de carga Zacatecas (sintético)', lat: 22.7709, lon: -102.5832, uses: ['heavy_duty', 'fleet'],
    paymentMethods: ['rfid'], ocppSupport: false, lifecycleStatus: 'planned',
    evses: [
      { evseUid: 'B-1', connectors: [connector('1', 'CHADEMO', 50, true)] },
      { evseUid: 'B-2', connectors: [connector('1', null, 22, false, 'synthetic:XYZ-99')] },
    ],
  }),
  synthetic({
    sourceKey: 'synthetic:C', name: 'Electrolinera Colima (sintética, duplicada)', lat: 19.2433, lon: -103.725, uses: ['bus_depot'],
    evses: [{ evseUid: 'C-1', connectors: [connector('1', 'TYPE_2', 22, false)] }],
  }),
  synthetic({
    sourceKey: 'synthetic:D', name: 'Cochera privada Durango (sintética)', lat: 24.0277, lon: -104.6532, access: 'private', uses: ['fleet'],
    ownerName: 'Propietaria sintética', evses: [{ evseUid: 'D-1', connectors: [connector('1', 'J1772', 7.2, false)] }],
  }),
];
const syntheticPublic = 2; // A and B; C is folded into A, D is private

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
  const db = t.database.db;
  await db.insertInto('data_source').values({
    id: 'synthetic', name: 'Datos sintéticos de prueba', publisher: 'Pruebas', licence: 'none (synthetic)', attribution: 'Synthetic test data',
    vintage: 'test', url: null, notes: 'Made in code for tests; not real chargers.',
  }).execute();
  const importId = randomUUID();
  await mergeLocations(db, syntheticRows.map((value, i): ValidRow<ImportedLocation> => ({ rowNumber: i + 2, key: value.sourceKey, value })), {
    actor: { userId: null, label: 'test', importId }, importId,
    provenance: (rowNumber) => ({ source: 'synthetic', method: 'import', rowNumber }),
  });
  // C is a duplicate of A: fold it as the duplicate matching (or a moderator) would.
  const a = await db.selectFrom('charging_location').select('id').where('source_key', '=', 'synthetic:A').executeTakeFirstOrThrow();
  await db.updateTable('charging_location').set({ merged_into: a.id }).where('source_key', '=', 'synthetic:C').execute();
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
    expect(body.total).toBe(ocmPublic + syntheticPublic);
    const matehuala = body.items.find((l: { stateName: string }) => l.stateName === 'San Luis Potosí');
    expect(matehuala).toMatchObject({ cveEnt: '24', operatorName: 'Tesla Motors (Worldwide)', access: 'public' });
    expect(matehuala.connectorStandards).toEqual(['NACS']);
  });

  it('filters by state, connector, power, operator and text (accent-insensitive)', async () => {
    expect((await get('/api/v1/charging/locations?state=03')).json().total).toBe(1);
    expect((await get('/api/v1/charging/locations?connector=CCS1')).json().total).toBe(1); // the synthetic Aguascalientes site
    expect((await get('/api/v1/charging/locations?connector=TYPE_2')).json().total).toBe(0); // only on the folded duplicate
    const fast = (await get('/api/v1/charging/locations?minPowerKw=50')).json();
    expect(fast.total).toBe(5); // 3 OCM Superchargers and the synthetic 150 kW and 50 kW sites
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
    expect(total).toBe(ocmPublic + syntheticPublic); // the private chargers and the folded duplicate are not counted
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
    expect(counted).toBe(ocmPublic + syntheticPublic); // private chargers and the folded duplicate are not on the public map
    expect(national.features.length).toBeLessThan(ocmPublic + syntheticPublic);
    const analystView = (await get('/api/v1/charging/clusters?bbox=-118.5,14.5,-86.5,32.8&zoom=4', analystToken)).json();
    expect(analystView.features.reduce((n: number, f: { properties: { count: number } }) => n + f.properties.count, 0)).toBe(ocmPublic + syntheticPublic + 2);
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

const list = async (query: string, token?: string) => {
  const res = await get(`/api/v1/charging/locations?${query}`, token);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Array<{ id: string; name: string; sourceKey: string; uses: string[] }>; total: number; nextCursor: string | null; offset: number };
};
const names = (body: { items: Array<{ name: string }> }) => body.items.map((l) => l.name);

describe('filters of the list (synthetic census rows)', () => {
  it('filters by use, status, access, municipality and bounding box', async () => {
    expect(names(await list('use=heavy_duty'))).toEqual(['Patio de carga Zacatecas (sintético)']);
    expect(names(await list('use=light_duty'))).toEqual(['Electrolinera Aguascalientes (sintética)']);
    expect((await list('use=fleet')).total).toBe(1); // the private Durango garage is hidden from the public
    expect(names(await list('use=fleet', analystToken)).sort()).toEqual(['Cochera privada Durango (sintética)', 'Patio de carga Zacatecas (sintético)']);
    expect((await list('status=planned')).total).toBe(1);
    expect((await list('access=restricted')).total).toBe(0);
    expect((await list('access=private')).total).toBe(0);
    expect((await list('access=private', analystToken)).total).toBe(2);
    expect(names(await list('municipality=01001'))).toEqual(['Electrolinera Aguascalientes (sintética)']);
    expect(names(await list('bbox=-102.7,22.5,-102.4,23'))).toEqual(['Patio de carga Zacatecas (sintético)']);
    expect(names(await list('connector=CCS1&minPowerKw=100'))).toEqual(['Electrolinera Aguascalientes (sintética)']);
    expect((await list('use=fleet&state=32')).total).toBe(1);
    expect((await list('use=light_duty&state=32')).total).toBe(0);
    const bad = await get('/api/v1/charging/locations?use=spaceship');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PLATFORM.VALIDATION_FAILED');
  });

  it('leaves records folded into another out of the list, map, CSV and exports, for everyone', async () => {
    expect((await list('q=colima')).total).toBe(0);
    expect((await list('q=colima', analystToken)).total).toBe(0);
    expect((await list('use=bus_depot', analystToken)).total).toBe(0);
    const csv = (await get('/api/v1/charging/locations.csv', analystToken)).body;
    expect(csv).toContain('Aguascalientes');
    expect(csv).not.toContain('Colima');
    expect((await get('/api/v1/charging/locations.geojson', analystToken)).body).not.toContain('Colima');
    expect((await get('/api/v1/charging/locations.ocpi.json', analystToken)).body).not.toContain('Colima');
    const colima = (await get('/api/v1/charging/clusters?bbox=-104.5,18.6,-103,19.6&zoom=10', analystToken)).json();
    expect(colima.features).toHaveLength(0);
  });
});

describe('statistics, private counts and the standards dashboard (synthetic census rows)', () => {
  it('counts private chargers per area without exposing their points or owners', async () => {
    const res = await get('/api/v1/charging/stats?groupBy=state');
    const body = res.json();
    const durango = body.items.find((r: { code: string }) => r.code === '10');
    expect(durango).toMatchObject({ name: 'Durango', publicLocations: 0, privateLocations: 1, connectors: 0 });
    expect(body.items.find((r: { code: string }) => r.code === '19')).toMatchObject({ privateLocations: 1 });
    expect(res.body).not.toContain('Cochera');
    expect(res.body).not.toContain('Propietaria');
    expect(res.body).not.toContain('24.0277');
    expect(Object.keys(durango).sort()).not.toEqual(expect.arrayContaining(['lat']));
    const byMunicipality = (await get('/api/v1/charging/stats?groupBy=municipality')).json();
    expect(byMunicipality.items.find((r: { code: string }) => r.code === '10005')).toMatchObject({ privateLocations: 1, publicLocations: 0 });
    expect(body.items.some((r: { code: string }) => r.code === '06')).toBe(false); // Colima's only record is folded into Aguascalientes'
  });

  it('adds OCPP declarations, payment methods and a national total row', async () => {
    const body = (await get('/api/v1/charging/stats?groupBy=state')).json();
    const ags = body.items.find((r: { code: string }) => r.code === '01');
    expect(ags).toMatchObject({
      publicLocations: 1, evses: 2, connectors: 2, connectorsByStandard: { CCS1: 1, J1772: 1 }, northAmericanStandardShare: 1, dcFastShare: 0.5,
      ocpp: { declaredYes: 1, declaredNo: 0, notDeclared: 0, share: 1 }, paymentMethods: { bank_card: 1, app: 1 }, paymentUndeclared: 0,
    });
    expect(ags.installedKw).toBeCloseTo(157.2, 1);
    const zac = body.items.find((r: { code: string }) => r.code === '32');
    expect(zac).toMatchObject({ connectorsByStandard: { CHADEMO: 1, UNKNOWN: 1 }, northAmericanStandardShare: 0, ocpp: { declaredYes: 0, declaredNo: 1, share: 0 } });
    expect(body.national).toMatchObject({
      code: 'MX', publicLocations: ocmPublic + syntheticPublic, privateLocations: 2,
      ocpp: { declaredYes: 1, declaredNo: 1, notDeclared: ocmPublic, share: 0.5 }, paymentMethods: { bank_card: 1, app: 1, rfid: 1 }, paymentUndeclared: ocmPublic,
    });
    expect(body.national.population2020).toBeGreaterThan(126_000_000);
    expect(body.national.publicLocationsPer100k).toBeCloseTo(((ocmPublic + syntheticPublic) / body.national.population2020) * 100_000, 3);
  });

  it('gives the standards dashboard on known data, citing every source present and the date', async () => {
    const body = (await get('/api/v1/charging/standards')).json();
    // OCM sample: 25 NACS connectors; synthetic: CCS1, J1772, CHADEMO and one unknown code.
    expect(body.connectorsByStandard).toEqual({ NACS: 25, CCS1: 1, J1772: 1, CHADEMO: 1, UNKNOWN: 1 });
    expect(body.connectors).toBe(29);
    expect(body.northAmericanStandardConnectors).toBe(27);
    expect(body.northAmericanStandardShare).toBeCloseTo(27 / 29, 4);
    expect(body.northAmericanStandards).toEqual(['J1772', 'CCS1', 'NACS']);
    expect(body.ocpp).toEqual({ declaredYes: 1, declaredNo: 1, notDeclared: ocmPublic, share: 0.5 });
    expect(body.paymentMethods).toEqual({ bank_card: 1, app: 1, rfid: 1 });
    expect(body.paymentUndeclared).toBe(ocmPublic);
    expect(body.sources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['ocm', 'synthetic']));
    expect(body.asOf).not.toBeNull();
    expect(body.method).toContain('J1772, CCS1 and NACS');

    const csv = await get('/api/v1/charging/standards.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = csv.body.trim().split('\n');
    expect(header).toBe('table,item,value,share,method,sources,as_of');
    expect(rows.find((r) => r.startsWith('connectors_by_standard,NACS,25,'))).toBeDefined();
    expect(rows.find((r) => r.startsWith('north_american_standard,J1772|CCS1|NACS,27,0.931,'))).toBeDefined();
    expect(rows.find((r) => r.startsWith('ocpp,not_declared,8,'))).toBeDefined();
    expect(csv.body).toContain('Synthetic test data');
  });

  it('puts private counts, OCPP, payment columns and the national row in stats.csv', async () => {
    const csv = (await get('/api/v1/charging/stats.csv?groupBy=state')).body.trim().split('\n');
    expect(csv[0]).toContain('private_locations');
    expect(csv[0]).toContain('ocpp_share');
    expect(csv[0]).toContain('payment_rfid');
    expect(csv.at(-1)).toMatch(/^MX,México,/);
  });
});

describe('GeoJSON and OCPI exports (synthetic census rows)', () => {
  it('exports the filtered list as a valid GeoJSON FeatureCollection with source and licence per feature', async () => {
    const res = await get('/api/v1/charging/locations.geojson');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const body = res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(ocmPublic + syntheticPublic);
    for (const f of body.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      expect(f.geometry.coordinates).toHaveLength(2);
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThanOrEqual(-180);
      expect(lon).toBeLessThan(-80); // [lon, lat] order (RFC 7946), not swapped
      expect(lat).toBeGreaterThan(14);
      expect(typeof f.properties.source).toBe('string');
    }
    const ocm = body.features.find((f: { properties: { sourceKey: string } }) => f.properties.sourceKey.startsWith('ocm:'));
    expect(ocm.properties.licence).toBe('CC BY-SA 4.0');
    const fleet = (await get('/api/v1/charging/locations.geojson?use=heavy_duty')).json();
    expect(fleet.features).toHaveLength(1);
    expect(fleet.features[0].properties).toMatchObject({ name: 'Patio de carga Zacatecas (sintético)', source: 'Synthetic test data', uses: ['fleet', 'heavy_duty'] });
  });

  it('exports OCPI 2.2.1 Location objects: alpha-3 country, string coordinates, power in W, unknown connectors left out', async () => {
    const res = await get('/api/v1/charging/locations.ocpi.json?operator=sint%C3%A9tica');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.map((l: { name: string }) => l.name).sort()).toEqual(['Electrolinera Aguascalientes (sintética)', 'Patio de carga Zacatecas (sintético)']);
    const ags = body.find((l: { name: string }) => l.name.startsWith('Electrolinera'));
    expect(ags).toMatchObject({
      publish: true, country: 'MEX', state: 'Aguascalientes', address: 'Dirección sintética',
      coordinates: { latitude: '21.881800', longitude: '-102.291600' }, operator: { name: 'Operadora Sintética' }, opening_times: { twentyfourseven: true },
    });
    expect(ags.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(ags.last_updated).toISOString()).toBe(ags.last_updated);
    expect(ags.evses).toHaveLength(2);
    const connectors = ags.evses.flatMap((e: { connectors: unknown[] }) => e.connectors);
    expect(connectors).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: '1', standard: 'IEC_62196_T1_COMBO', power_type: 'DC', max_electric_power: 150_000, max_voltage: 920, max_amperage: 200, format: 'CABLE' }),
      expect.objectContaining({ standard: 'IEC_62196_T1', power_type: 'AC_1_PHASE', max_electric_power: 7200 }),
    ]));
    expect(ags.evses.every((e: { status: string }) => e.status === 'UNKNOWN')).toBe(true);
    const zac = body.find((l: { name: string }) => l.name.startsWith('Patio'));
    expect(zac.evses).toEqual([expect.objectContaining({ uid: 'B-1', status: 'PLANNED', connectors: [expect.objectContaining({ standard: 'CHADEMO', max_electric_power: 50_000 })] })]);

    const analystView = (await get('/api/v1/charging/locations.ocpi.json?access=private', analystToken)).json();
    expect(analystView).toHaveLength(2);
    expect(analystView.every((l: { publish: boolean }) => l.publish === false)).toBe(true);
    expect((await get('/api/v1/charging/locations.ocpi.json?access=private')).json()).toEqual([]);
  });
});

describe('cursor pagination', () => {
  it('joins cursor pages into the full list with no gap or repeat, keeping total on every page', async () => {
    const full = await list('limit=50', analystToken);
    expect(full.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, analystToken);
      expect(page.total).toBe(full.total);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(full.items.map((l) => l.id));
    expect(pages).toBe(Math.ceil(full.total / 3));
    // Offset paging still works and gives the same order.
    expect((await list('limit=3&offset=3', analystToken)).items.map((l) => l.id)).toEqual(full.items.slice(3, 6).map((l) => l.id));
  });

  it('stays stable when locations are added between pages', async () => {
    const first = await list('limit=4&operator=sint%C3%A9tica', analystToken);
    expect(names(first)).toEqual([
      'Cochera privada Durango (sintética)', 'Electrolinera Aguascalientes (sintética)', 'Patio de carga Zacatecas (sintético)',
    ].slice(0, 4));
    const firstTwo = await list('limit=2&operator=sint%C3%A9tica', analystToken);
    expect(firstTwo.nextCursor).not.toBeNull();
    // Two new SYNTHETIC locations land, one sorting before the cursor and one after it.
    await mergeLocations(t.database.db, [
      synthetic({ sourceKey: 'synthetic:E', name: 'Anexo sintético Querétaro', lat: 20.5888, lon: -100.3899, evses: [{ evseUid: 'E-1', connectors: [connector('1', 'J1772', 7, false)] }] }),
      synthetic({ sourceKey: 'synthetic:F', name: 'Zona sintética Tlaxcala', lat: 19.3139, lon: -98.2404, evses: [{ evseUid: 'F-1', connectors: [connector('1', 'J1772', 7, false)] }] }),
    ].map((value, i) => ({ rowNumber: i + 2, key: value.sourceKey, value })), {
      actor: { userId: null, label: 'test' }, importId: randomUUID(), provenance: (rowNumber) => ({ source: 'synthetic', method: 'import', rowNumber }),
    });
    const next = await list(`limit=10&operator=sint%C3%A9tica&cursor=${encodeURIComponent(firstTwo.nextCursor!)}`, analystToken);
    expect(next.total).toBe(5);
    expect(names(next)).toEqual(['Patio de carga Zacatecas (sintético)', 'Zona sintética Tlaxcala']);
  });

  it('rejects a malformed cursor with a stable code', async () => {
    for (const cursor of ['not a cursor', Buffer.from('{"name":1}').toString('base64url'), Buffer.from('["x","not-a-uuid"]').toString('base64url')]) {
      const res = await get(`/api/v1/charging/locations?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CHARGING.INVALID_CURSOR');
    }
  });
});
