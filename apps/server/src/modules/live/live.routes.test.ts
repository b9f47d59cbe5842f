import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { mergeLocations, type ImportedLocation } from '../charging/import/location-merge.js';
import { recordStatusChanges } from './status.repository.js';

/*
 * SYNTHETIC data made for these tests: locations, organisations, people, charge points and
 * every status report. Points are real city centres (Querétaro, Monterrey) so that
 * placement by state can be checked.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const password = 'caballo correcto batería';
let orgA: string;
let orgB: string;
const ids: Record<string, string> = {};

const call = (method: 'GET' | 'POST', url: string, who?: string, payload?: object) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload }) });

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

const location = (key: string, name: string, point: { lat: number; lon: number }, evseUids: string[]): ImportedLocation => ({
  sourceKey: `test:${key}`, name, address: null, city: null, postalCode: null, countryCode: 'MX', stateAsGiven: null, ...point,
  access: 'public', operatorName: 'Operadora sintética', lifecycleStatus: 'operational', lastVerifiedAt: null,
  evses: evseUids.map((evseUid) => ({
    evseUid,
    connectors: [{ connectorId: '1', standard: 'CCS1', sourceCode: 'test:ccs1', sourceLabel: null, format: 'CABLE', powerType: 'DC', maxVoltageV: null, maxAmperageA: null, maxPowerKw: 150 }],
  })),
});

async function user(name: string, role?: 'analyst') {
  const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: name }, null);
  if (role) {
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    await t.services.accounts.setUserRole(admin, principal.userId, role);
  }
  tokens[name] = (await t.services.accounts.createApiToken(principal, 'test')).token;
  return principal;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'test')).token;
  const opA = await user('opa');
  const opB = await user('opb');
  await user('stranger');
  await user('analyst', 'analyst');
  orgA = (await t.services.accounts.createOrganisation(opA, { name: 'Cargas del Bajío (sintética)', type: 'charge_point_operator' })).id;
  orgB = (await t.services.accounts.createOrganisation(opB, { name: 'Red Norte (sintética)', type: 'charge_point_operator' })).id;

  const rows = [
    location('live-a', 'Sitio A con estado (sintético)', { lat: 20.5888, lon: -100.3899 }, ['A-1', 'A-2', 'A-3']),
    location('live-b', 'Sitio B sin estado (sintético)', { lat: 20.6, lon: -100.4 }, ['B-1']),
    location('live-c', 'Sitio C averiado (sintético)', { lat: 25.6866, lon: -100.3161 }, ['C-1']),
  ];
  await db.transaction().execute((trx) => mergeLocations(trx, rows.map((value, i) => ({ rowNumber: i + 1, key: value.sourceKey, value })), {
    actor: { userId: null, label: 'test' }, importId: '00000000-0000-4000-8000-000000000001', provenance: (rowNumber) => ({ source: 'test', method: 'import', rowNumber }),
  }));
  for (const r of await db.selectFrom('charging_location').select(['id', 'source_key']).where('source_key', 'like', 'test:live-%').execute()) {
    ids[r.source_key.slice('test:live-'.length)] = r.id;
  }
  await db.updateTable('charging_location').set({ operator_organisation_id: orgA }).where('id', 'in', [ids.a!, ids.b!]).execute();
  await db.updateTable('charging_location').set({ operator_organisation_id: orgB }).where('id', '=', ids.c!).execute();

  await recordStatusChanges(db, [
    { locationId: ids.a!, evseUid: 'A-1', status: 'CHARGING', protocolStatus: 'Charging', source: 'ocpp', occurredAt: minutesAgo(30) },
    { locationId: ids.a!, evseUid: 'A-2', status: 'OUTOFORDER', protocolStatus: 'Faulted', errorCode: 'GroundFailure', source: 'ocpp', occurredAt: minutesAgo(180) },
    { locationId: ids.c!, evseUid: 'C-1', status: 'INOPERATIVE', source: 'ocpi', occurredAt: minutesAgo(10) },
    // A port the census no longer has: history, but not shown or counted.
    { locationId: ids.a!, evseUid: 'A-OLD', status: 'AVAILABLE', source: 'ocpi', occurredAt: minutesAgo(5) },
  ]);

  // Charge points as the OCPP endpoint keeps them: one silent for 2 h, one connected, one of operator B silent for 3 h.
  await db.insertInto('charge_point').values([
    { identity: 'SINT-A-OFF', operator_organisation_id: orgA, location_id: ids.a!, password_hash: null, ocpp_version: 'ocpp1.6', vendor: null, model: null, serial_number: null, firmware_version: null, connected: false, last_boot_at: null, last_seen_at: minutesAgo(120), offline_since: minutesAgo(110) },
    { identity: 'SINT-A-ON', operator_organisation_id: orgA, location_id: ids.b!, password_hash: null, ocpp_version: 'ocpp2.0.1', vendor: null, model: null, serial_number: null, firmware_version: null, connected: true, last_boot_at: null, last_seen_at: minutesAgo(1), offline_since: null },
    { identity: 'SINT-B-OFF', operator_organisation_id: orgB, location_id: ids.c!, password_hash: null, ocpp_version: 'ocpp1.6', vendor: null, model: null, serial_number: null, firmware_version: null, connected: false, last_boot_at: null, last_seen_at: minutesAgo(180), offline_since: null },
  ]).execute();
});
afterAll(async () => {
  await t?.dispose();
});

describe('live status on the location detail', () => {
  it('gives each EVSE its current status with time and source, null when it never reported, and sums them up', async () => {
    const res = await call('GET', `/api/v1/charging/locations/${ids.a}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byUid = Object.fromEntries(body.evses.map((e: { evseUid: string; liveStatus: unknown }) => [e.evseUid, e.liveStatus]));
    expect(Object.keys(byUid).sort()).toEqual(['A-1', 'A-2', 'A-3']);
    expect(byUid['A-1']).toMatchObject({ status: 'CHARGING', publicStatus: 'occupied', source: 'ocpp' });
    expect(new Date(byUid['A-1'].statusAt).getTime()).toBeCloseTo(minutesAgo(30).getTime(), -4);
    expect(byUid['A-2']).toMatchObject({ status: 'OUTOFORDER', publicStatus: 'out_of_service' });
    expect(byUid['A-3']).toBeNull();
    expect(body.liveStatusSummary).toMatchObject({ counts: { available: 0, occupied: 1, out_of_service: 1, unknown: 1 }, evsesReporting: 2 });
    expect(body.liveStatusSummary.newestStatusAt).toBe(byUid['A-1'].statusAt);
  });

  it('shows a location no one reports on as such', async () => {
    const body = (await call('GET', `/api/v1/charging/locations/${ids.b}`)).json();
    expect(body.evses[0].liveStatus).toBeNull();
    expect(body.liveStatusSummary).toEqual({ counts: { available: 0, occupied: 0, out_of_service: 0, unknown: 1 }, evsesReporting: 0, newestStatusAt: null });
  });
});

describe('the live status filter and the map', () => {
  const listed = async (liveStatus: string) =>
    ((await call('GET', `/api/v1/charging/locations?liveStatus=${liveStatus}&q=sintetico&limit=50`)).json() as { items: Array<{ name: string }> }).items.map((i) => i.name).sort();

  it('lists the locations with some EVSE in the status; unknown includes EVSEs that never reported', async () => {
    expect(await listed('occupied')).toEqual(['Sitio A con estado (sintético)']);
    expect(await listed('out_of_service')).toEqual(['Sitio A con estado (sintético)', 'Sitio C averiado (sintético)']);
    expect(await listed('unknown')).toEqual(['Sitio A con estado (sintético)', 'Sitio B sin estado (sintético)']);
    // A-OLD reported AVAILABLE but is no longer in the census.
    expect(await listed('available')).toEqual([]);
    expect((await call('GET', '/api/v1/charging/locations?liveStatus=broken')).statusCode).toBe(400);
  });

  it('colours each map point by its best status now, without waiting for the cluster index', async () => {
    const points = async (query = '') => {
      const res = await call('GET', `/api/v1/charging/clusters?bbox=-101,20,-100,21&zoom=16${query}`);
      expect(res.statusCode).toBe(200);
      return Object.fromEntries((res.json().features as Array<{ properties: { cluster: boolean; id: string; liveStatus: string | null } }>)
        .filter((f) => !f.properties.cluster).map((f) => [f.properties.id, f.properties.liveStatus]));
    };
    const before = await points();
    expect(before[ids.a!]).toBe('occupied');
    expect(before[ids.b!]).toBeNull();
    await recordStatusChanges(t.database.db, [{ locationId: ids.a!, evseUid: 'A-3', status: 'AVAILABLE', source: 'ocpi', occurredAt: minutesAgo(1) }]);
    expect((await points())[ids.a!]).toBe('available');
    const filtered = await points('&liveStatus=available');
    expect(Object.keys(filtered)).toEqual([ids.a]);
  });
});

describe('maintenance', () => {
  it('lists an operator’s charge points offline and ports faulted for longer than the threshold, and only its own', async () => {
    const res = await call('GET', '/api/v1/live/maintenance?offlineForMinutes=60', 'opa');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.chargePoints.map((c: { identity: string }) => c.identity)).toEqual(['SINT-A-OFF']);
    expect(body.chargePoints[0]).toMatchObject({ locationName: 'Sitio A con estado (sintético)', operatorName: 'Cargas del Bajío (sintética)', connected: false, stateName: 'Querétaro' });
    expect(body.chargePoints[0].offlineMinutes).toBeGreaterThanOrEqual(109);
    expect(body.ports).toHaveLength(1);
    expect(body.ports[0]).toMatchObject({ evseUid: 'A-2', status: 'OUTOFORDER', protocolStatus: 'Faulted', errorCode: 'GroundFailure', source: 'ocpp' });
    // A longer threshold leaves out what is recent enough.
    const longer = (await call('GET', '/api/v1/live/maintenance?offlineForMinutes=200', 'opa')).json();
    expect([longer.chargePoints.length, longer.ports.length]).toEqual([0, 0]);
  });

  it('shows admins every operator, and one when asked', async () => {
    const all = (await call('GET', '/api/v1/live/maintenance?offlineForMinutes=5', 'admin')).json();
    expect(all.chargePoints.map((c: { identity: string }) => c.identity).sort()).toEqual(['SINT-A-OFF', 'SINT-B-OFF']);
    expect(all.ports.map((p: { evseUid: string }) => p.evseUid).sort()).toEqual(['A-2', 'C-1']);
    const onlyB = (await call('GET', `/api/v1/live/maintenance?offlineForMinutes=5&operator=${orgB}`, 'admin')).json();
    expect(onlyB.chargePoints.map((c: { identity: string }) => c.identity)).toEqual(['SINT-B-OFF']);
  });

  it('is closed to anonymous callers, to people who edit no operator, and to other operators’ data', async () => {
    expect((await call('GET', '/api/v1/live/maintenance')).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/live/maintenance', 'stranger')).json().code).toBe('ACCOUNTS.FORBIDDEN');
    expect((await call('GET', `/api/v1/live/maintenance?operator=${orgB}`, 'opa')).statusCode).toBe(403);
  });
});

describe('national status by state', () => {
  it('counts ports reporting and per public status, per state and for Mexico, for analysts', async () => {
    const res = await call('GET', '/api/v1/live/status/by-state', 'analyst');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const qro = body.items.find((r: { code: string }) => r.code === '22');
    // The test database also holds the OCM sample; only the synthetic sites report.
    expect(qro).toMatchObject({ name: 'Querétaro', portsReporting: 3, counts: { available: 1, occupied: 1, out_of_service: 1, unknown: 0 }, outOfServiceShare: 0.3333 });
    expect(qro.ports).toBeGreaterThanOrEqual(4);
    const nl = body.items.find((r: { code: string }) => r.code === '19');
    expect(nl).toMatchObject({ portsReporting: 1, counts: { out_of_service: 1 }, outOfServiceShare: 1 });
    expect(body.national).toMatchObject({ code: 'MX', portsReporting: 4, counts: { available: 1, occupied: 1, out_of_service: 2, unknown: 0 }, outOfServiceShare: 0.5 });
    expect(body.method).toContain('OUTOFORDER');
  });

  it('downloads as CSV with the national row last, and is closed to the public', async () => {
    const csv = await call('GET', '/api/v1/live/status/by-state.csv', 'admin');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('ports_reporting');
    expect(lines.at(-1)).toMatch(/^MX,México,/);
    expect((await call('GET', '/api/v1/live/status/by-state', 'opa')).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/live/status/by-state.csv')).statusCode).toBe(401);
  });
});

describe('manual status reports', () => {
  it('lets the operator’s editor report a port, kept in the history with source manual and audited', async () => {
    const res = await call('POST', '/api/v1/live/status', 'opa', { locationId: ids.b, evseUid: 'B-1', status: 'OUTOFORDER', info: 'Pantalla rota' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'OUTOFORDER', publicStatus: 'out_of_service', source: 'manual' });
    const history = await t.database.db.selectFrom('charging_status_event').select(['status', 'source', 'info']).where('location_id', '=', ids.b!).execute();
    expect(history).toEqual([{ status: 'OUTOFORDER', source: 'manual', info: 'Pantalla rota' }]);
    const audit = await t.database.db.selectFrom('audit_event').select(['actor_label', 'after']).where('entity_type', '=', 'live.evse-status').where('entity_id', '=', `${ids.b}/B-1`).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe('opa@example.mx');
  });

  it('refuses other operators, unknown EVSEs and changes in the future', async () => {
    expect((await call('POST', '/api/v1/live/status', 'opb', { locationId: ids.b, evseUid: 'B-1', status: 'AVAILABLE' })).json().code).toBe('CHARGING.LOCATION_NOT_FOUND');
    expect((await call('POST', '/api/v1/live/status', 'opa', { locationId: ids.b, evseUid: 'B-9', status: 'AVAILABLE' })).json().code).toBe('LIVE.EVSE_NOT_FOUND');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await call('POST', '/api/v1/live/status', 'opa', { locationId: ids.b, evseUid: 'B-1', status: 'AVAILABLE', occurredAt: future })).json().code).toBe('LIVE.STATUS_IN_FUTURE');
    expect((await call('POST', '/api/v1/live/status', 'opa', { locationId: ids.b, evseUid: 'B-1', status: 'WORKING' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/live/status', undefined, { locationId: ids.b, evseUid: 'B-1', status: 'AVAILABLE' })).statusCode).toBe(401);
  });
});
