import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { tokenHeader } from './ocpi.domain.js';

/*
 * The Location objects are the OCPI 2.2.1 specification's examples (see
 * charging/import/fixtures/ocpi/SOURCE.md). They lie in Europe; here they are moved to
 * SYNTHETIC points in Mexico City and pushed under a SYNTHETIC party (MX*EVM) of a
 * SYNTHETIC operator. Every other field is the specification's.
 */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../charging/import/fixtures/ocpi');
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as Record<string, unknown>;
const inMexico = (name: string, coordinates = { latitude: '19.432608', longitude: '-99.133209' }): Record<string, unknown> =>
  ({ ...example(name), country_code: 'MX', party_id: 'EVM', country: 'MEX', coordinates });
const gentZuid = () => inMexico('location_example');

let t: TestApp;
let peer: http.Server;
let peerUrl: string;
const peerSeen: Array<{ url: string; authorization: string | undefined }> = [];
const tokenB = 'token-b-del-operador-sintetico';
const password = 'caballo correcto batería';
let adminToken: string;
let memberToken: string;
let operatorOrg: string;
let tokenC: string;
/** Before anything was pushed: the test database may already hold census locations. */
let since: string;

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, bearer: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, ...(payload ? { payload } : {}) });
const ocpi = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string | null, payload?: unknown) =>
  t.app.inject({ method, url, headers: token ? { authorization: tokenHeader(token) } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
const push = (method: 'PUT' | 'PATCH', suffix: string, payload: unknown, token = tokenC) => ocpi(method, `/ocpi/2.2.1/locations/MX/EVM/${suffix}`, token, payload);

const censusOf = (key: string) => t.database.db.selectFrom('charging_location').selectAll().where('source_key', '=', key).executeTakeFirst();
const statusEvents = (locationId: string) =>
  t.database.db.selectFrom('charging_status_event').select(['evse_uid', 'status', 'source', 'occurred_at']).where('location_id', '=', locationId).orderBy('id').execute();
const currentStatus = (locationId: string, evseUid: string) =>
  t.database.db.selectFrom('charging_evse_status').select(['status', 'status_at', 'source']).where('location_id', '=', locationId).where('evse_uid', '=', evseUid).executeTakeFirst();
const count = async (table: 'charging_location' | 'ocpi_location') => Number((await t.database.db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A fake peer platform: its versions and 2.2.1 details, answered only to token B (Base64). */
function startPeer() {
  return new Promise<void>((resolve) => {
    peer = http.createServer((req, res) => {
      peerSeen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== tokenHeader(tokenB)) return send(401, { status_code: 2000, timestamp: new Date().toISOString() });
      if (req.url === '/ocpi/versions') {
        return send(200, { data: [{ version: '2.1.1', url: `${peerUrl}/ocpi/2.1.1` }, { version: '2.2.1', url: `${peerUrl}/ocpi/2.2.1` }], status_code: 1000, timestamp: new Date().toISOString() });
      }
      if (req.url === '/ocpi/2.2.1') {
        return send(200, {
          data: { version: '2.2.1', endpoints: [{ identifier: 'credentials', role: 'RECEIVER', url: `${peerUrl}/ocpi/2.2.1/credentials` }, { identifier: 'locations', role: 'SENDER', url: `${peerUrl}/ocpi/2.2.1/locations` }] },
          status_code: 1000, timestamp: new Date().toISOString(),
        });
      }
      return send(404, { status_code: 2000, timestamp: new Date().toISOString() });
    });
    peer.listen(0, '127.0.0.1', () => {
      peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
      resolve();
    });
  });
}

const credentials = (over: Record<string, unknown> = {}) => ({
  token: tokenB, url: `${peerUrl}/ocpi/versions`,
  roles: [{ role: 'CPO', party_id: 'EVM', country_code: 'MX', business_details: { name: 'Electromovilidad Sintética' } }],
  ...over,
});

beforeAll(async () => {
  await startPeer();
  t = await createTestApp({ publicBaseUrl: 'https://electrifica.example' });
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  adminToken = (await t.services.accounts.createApiToken(admin, 'test')).token;
  const { principal: member } = await t.services.accounts.signUp({ email: 'miembro@example.mx', password, displayName: 'Miembro' }, null);
  memberToken = (await t.services.accounts.createApiToken(member, 'test')).token;
  operatorOrg = (await t.services.accounts.createOrganisation(admin, { name: 'Electromovilidad Sintética', type: 'charge_point_operator' })).id;
  await t.services.accounts.updateOrganisation(admin, operatorOrg, { ocpiCountryCode: 'MX', ocpiPartyId: 'EVM' });
  since = new Date().toISOString();
});
afterAll(async () => {
  await t?.dispose();
  await new Promise((resolve) => peer?.close(resolve));
});

describe('registering an operator and the credentials handshake', () => {
  let tokenA: string;

  it('lets only admins issue token A, only for operators with an OCPI party', async () => {
    expect((await api('POST', '/api/v1/live/ocpi/parties', memberToken, { organisationId: operatorOrg })).statusCode).toBe(403);
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    const company = (await t.services.accounts.createOrganisation(admin, { name: 'Flotilla Sintética', type: 'company' })).id;
    const noParty = await api('POST', '/api/v1/live/ocpi/parties', adminToken, { organisationId: company });
    expect(noParty.statusCode).toBe(422);
    expect(noParty.json().code).toBe('OCPI.ORGANISATION_WITHOUT_PARTY');

    const res = await api('POST', '/api/v1/live/ocpi/parties', adminToken, { organisationId: operatorOrg });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ countryCode: 'MX', partyId: 'EVM', status: 'pending', versionsUrl: 'https://electrifica.example/ocpi/versions' });
    tokenA = body.tokenA;
    const stored = await t.database.db.selectFrom('ocpi_party').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    // Stored hashed, never as issued.
    expect(stored.token_a_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(tokenA);
    expect((await api('POST', '/api/v1/live/ocpi/parties', adminToken, { organisationId: operatorOrg })).json().code).toBe('OCPI.PARTY_ACTIVE');
    const listed = (await api('GET', '/api/v1/live/ocpi/parties', adminToken)).json();
    expect(JSON.stringify(listed)).not.toContain(tokenA);
  });

  it('answers 401 with an OCPI status without a valid token, and keeps token A to versions and credentials', async () => {
    const none = await ocpi('GET', '/ocpi/versions', null);
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ status_code: 2000 });
    expect(none.json().timestamp).toBeTypeOf('string');
    expect((await ocpi('GET', '/ocpi/versions', 'not-a-token')).statusCode).toBe(401);

    const versions = await ocpi('GET', '/ocpi/versions', tokenA);
    expect(versions.statusCode).toBe(200);
    expect(versions.json()).toMatchObject({ status_code: 1000, data: [{ version: '2.2.1', url: 'https://electrifica.example/ocpi/2.2.1' }] });
    const details = (await ocpi('GET', '/ocpi/2.2.1', tokenA)).json();
    expect(details.data.endpoints).toContainEqual({ identifier: 'locations', role: 'RECEIVER', url: 'https://electrifica.example/ocpi/2.2.1/locations' });
    expect(details.data.endpoints).toContainEqual({ identifier: 'locations', role: 'SENDER', url: 'https://electrifica.example/ocpi/2.2.1/locations' });

    expect((await ocpi('GET', '/ocpi/2.2.1/locations', tokenA)).statusCode).toBe(401);
    expect((await push('PUT', 'LOC1', gentZuid(), tokenA)).statusCode).toBe(401);
    expect((await ocpi('PUT', '/ocpi/2.2.1/credentials', tokenA, credentials())).statusCode).toBe(405);
  });

  it('refuses credentials whose roles do not name the registered party', async () => {
    const res = await ocpi('POST', '/ocpi/2.2.1/credentials', tokenA, credentials({ roles: [{ role: 'CPO', party_id: 'XYZ', country_code: 'MX', business_details: { name: 'Otra' } }] }));
    expect(res.json()).toMatchObject({ status_code: 2001 });
    expect(res.json().status_message).toContain('MX*EVM');
  });

  it('answers 3001 when the party\'s platform cannot be used, and stays pending', async () => {
    const res = await ocpi('POST', '/ocpi/2.2.1/credentials', tokenA, credentials({ token: 'otro-token-b' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().status_code).toBe(3001);
    expect((await ocpi('GET', '/ocpi/versions', tokenA)).statusCode).toBe(200);
  });

  it('registers: fetches the party\'s endpoints with token B, issues token C and retires token A', async () => {
    peerSeen.length = 0;
    const res = await ocpi('POST', '/ocpi/2.2.1/credentials', tokenA, credentials());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status_code).toBe(1000);
    expect(body.data).toMatchObject({ url: 'https://electrifica.example/ocpi/versions', roles: [{ role: 'NAP', country_code: 'MX', party_id: 'ELF' }] });
    tokenC = body.data.token;
    expect(tokenC).not.toBe(tokenA);
    expect(peerSeen.map((s) => s.url)).toEqual(['/ocpi/versions', '/ocpi/2.2.1']);
    expect(peerSeen.every((s) => s.authorization === tokenHeader(tokenB))).toBe(true);

    const party = await t.database.db.selectFrom('ocpi_party').selectAll().where('organisation_id', '=', operatorOrg).where('status', '=', 'registered').executeTakeFirstOrThrow();
    expect(party.endpoints).toHaveLength(2);
    expect(party.peer_versions_url).toBe(`${peerUrl}/ocpi/versions`);
    expect((await ocpi('GET', '/ocpi/versions', tokenA)).statusCode).toBe(401);
    expect((await ocpi('POST', '/ocpi/2.2.1/credentials', tokenC, credentials())).statusCode).toBe(405);
    expect((await ocpi('GET', '/ocpi/2.2.1/credentials', tokenC)).json().data.token).toBe(tokenC);
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'actor_label']).where('entity_type', '=', 'ocpi.party').orderBy('id').execute();
    expect(audit.map((a) => a.actor_label)).toEqual(['admin@example.mx', 'ocpi:MX*EVM']);
  });
});

describe('the Locations receiver', () => {
  let locationId: string;

  it('PUTs a Location into the census under the key the charging.ocpi importer uses, with its statuses', async () => {
    const res = await push('PUT', 'LOC1', gentZuid());
    expect(res.statusCode).toBe(201);
    expect(res.json().status_code).toBe(1000);
    const census = await censusOf('ocpi:MX*EVM:LOC1');
    expect(census).toMatchObject({ name: 'Gent Zuid', access: 'public', operator_organisation_id: operatorOrg, cve_ent: '09' });
    expect(census!.provenance.record).toMatchObject({ source: 'ocpi', method: 'declared by operator', ocpiParty: 'MX*EVM' });
    locationId = census!.id;
    const events = await statusEvents(locationId);
    expect(events.map((e) => [e.evse_uid, e.status, e.source, new Date(e.occurred_at).toISOString()])).toEqual([
      ['3256', 'AVAILABLE', 'ocpi', '2015-06-28T08:12:01.000Z'],
      ['3257', 'RESERVED', 'ocpi', '2015-06-29T20:39:09.000Z'],
    ]);
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'actor_label']).where('entity_id', '=', locationId).orderBy('id').execute();
    expect(audit).toContainEqual({ action: 'create', actor_label: 'ocpi:MX*EVM' });
  });

  it('answers 200 to the same Location again and records no status that did not change', async () => {
    const res = await push('PUT', 'LOC1', gentZuid());
    expect(res.statusCode).toBe(200);
    expect(await statusEvents(locationId)).toHaveLength(2);
  });

  it('PATCHes an EVSE status into the history and the current status', async () => {
    const res = await push('PATCH', 'LOC1/3256', { status: 'CHARGING', last_updated: '2019-06-24T12:39:09Z' });
    expect(res.statusCode).toBe(200);
    expect(await currentStatus(locationId, '3256')).toMatchObject({ status: 'CHARGING', source: 'ocpi' });
    const events = await statusEvents(locationId);
    expect(events.at(-1)).toMatchObject({ evse_uid: '3256', status: 'CHARGING', source: 'ocpi' });
    expect(new Date(events.at(-1)!.occurred_at).toISOString()).toBe('2019-06-24T12:39:09.000Z');
    const stored = (await ocpi('GET', '/ocpi/2.2.1/locations/MX/EVM/LOC1', tokenC)).json().data;
    expect(stored.last_updated).toBe('2019-06-24T12:39:09Z');
    expect((await ocpi('GET', '/ocpi/2.2.1/locations/mx/evm/loc1/3256', tokenC)).json().data).toMatchObject({ uid: '3256', status: 'CHARGING' });
  });

  it('keeps a late status in the history without moving the current one back', async () => {
    const res = await push('PATCH', 'LOC1/3256', { status: 'OUTOFORDER', last_updated: '2018-01-01T00:00:00Z' });
    expect(res.json().status_code).toBe(1000);
    expect(res.json().status_message).toContain('Older');
    expect(await currentStatus(locationId, '3256')).toMatchObject({ status: 'CHARGING' });
    expect((await statusEvents(locationId)).at(-1)).toMatchObject({ status: 'OUTOFORDER' });
  });

  it('PUTs and PATCHes a Connector, and PATCHes the Location', async () => {
    const connector = { id: '3', standard: 'IEC_62196_T1_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 920, max_amperage: 200, max_electric_power: 150000, last_updated: '2020-03-01T00:00:00Z' };
    expect((await push('PUT', 'LOC1/3257/3', connector)).statusCode).toBe(201);
    expect((await push('PATCH', 'LOC1/3257/3', { max_electric_power: 120000, last_updated: '2020-03-02T00:00:00Z' })).statusCode).toBe(200);
    expect((await ocpi('GET', '/ocpi/2.2.1/locations/MX/EVM/LOC1/3257/3', tokenC)).json().data).toMatchObject({ max_electric_power: 120000 });
    const connectors = await t.database.db.selectFrom('charging_connector').innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
      .select(['charging_evse.evse_uid', 'charging_connector.connector_id', 'charging_connector.standard', 'charging_connector.max_electric_power_kw'])
      .where('charging_evse.location_id', '=', locationId).where('charging_evse.evse_uid', '=', '3257').orderBy('connector_id').execute();
    expect(connectors).toContainEqual({ evse_uid: '3257', connector_id: '3', standard: 'CCS1', max_electric_power_kw: 120 });

    expect((await push('PATCH', 'LOC1', { name: 'Zócalo Sur', last_updated: '2020-04-01T00:00:00Z' })).statusCode).toBe(200);
    expect((await censusOf('ocpi:MX*EVM:LOC1'))!.name).toBe('Zócalo Sur');
    // The status of an EVSE outlives the rewrite of the census EVSE rows.
    expect(await currentStatus(locationId, '3256')).toMatchObject({ status: 'CHARGING' });
  });

  it('refuses another party\'s URL, unknown objects and invalid bodies, writing nothing', async () => {
    const before = { census: await count('charging_location'), stored: await count('ocpi_location'), events: (await statusEvents(locationId)).length };
    const wrongParty = await ocpi('PUT', '/ocpi/2.2.1/locations/MX/ABC/LOC9', tokenC, { ...gentZuid(), party_id: 'ABC', id: 'LOC9' });
    expect(wrongParty.statusCode).toBe(404);
    expect(wrongParty.json().status_code).toBe(2001);

    const unknown = await push('PATCH', 'NOPE', { name: 'x', last_updated: '2020-01-01T00:00:00Z' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().status_code).toBe(2003);
    expect((await push('PUT', 'NOPE/3256', (gentZuid().evses as unknown[])[0])).json().status_code).toBe(2003);

    const cases: Array<[string, 'PUT' | 'PATCH', string, unknown, string]> = [
      ['a PATCH without last_updated', 'PATCH', 'LOC1/3256', { status: 'AVAILABLE' }, 'last_updated'],
      ['a status outside the enum', 'PATCH', 'LOC1/3256', { status: 'BROKEN', last_updated: '2021-01-01T00:00:00Z' }, 'status must be one of'],
      ['a field OCPI does not define', 'PATCH', 'LOC1', { nombre: 'x', last_updated: '2021-01-01T00:00:00Z' }, 'nombre'],
      ['an address beyond string(45)', 'PUT', 'LOC2', { ...gentZuid(), id: 'LOC2', address: 'x'.repeat(46) }, 'address'],
      ['an id that differs from the URL', 'PUT', 'LOC2', gentZuid(), 'differs'],
      ['a Location outside Mexico and the US (as the specification publishes it)', 'PUT', 'LOC2', { ...example('location_example'), country_code: 'MX', party_id: 'EVM', id: 'LOC2' }, 'census'],
      ['a body that is not an object', 'PUT', 'LOC2', [1, 2], 'Location'],
    ];
    for (const [what, method, suffix, body, mention] of cases) {
      const res = await push(method, suffix, body);
      expect(res.statusCode, what).toBe(200);
      expect(res.json().status_code, what).toBe(2001);
      expect(res.json().status_message, what).toContain(mention);
    }
    const notJson = await t.app.inject({ method: 'PUT', url: '/ocpi/2.2.1/locations/MX/EVM/LOC2', headers: { authorization: tokenHeader(tokenC), 'content-type': 'application/json' }, payload: '{"id": ' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().status_code).toBe(2000);

    expect({ census: await count('charging_location'), stored: await count('ocpi_location'), events: (await statusEvents(locationId)).length }).toEqual(before);
  });

  it('keeps a Location that is not published out of the sender', async () => {
    const home = inMexico('location_example_uc5_home_charge_point', { latitude: '19.400000', longitude: '-99.150000' });
    expect((await push('PUT', String(home.id), home)).statusCode).toBe(201);
    expect((await censusOf(`ocpi:MX*EVM:${String(home.id)}`))!.access).toBe('private');
  });
});

describe('the Locations sender', () => {
  const list = (query: string, token: string) => ocpi('GET', `/ocpi/2.2.1/locations${query}`, token);

  it('serves published locations with live status, to registered parties and API tokens', async () => {
    // A second published location, so there are pages.
    const garage = inMexico('location_example_parking_garage_opening_hours', { latitude: '20.588800', longitude: '-100.389900' });
    expect((await push('PUT', String(garage.id), garage)).statusCode).toBe(201);

    const all = (await list('?limit=1000', tokenC)).json().data;
    expect(all.every((l: { publish: boolean }) => l.publish)).toBe(true);
    const res = await list(`?date_from=${since}`, tokenC);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status_code).toBe(1000);
    // The home charge point (publish: false) is not among them.
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.headers.link).toBeUndefined();
    const names = body.data.map((l: { name: string }) => l.name);
    expect(names).toEqual(['Zócalo Sur', garage.name]);
    const zocalo = body.data[0];
    expect(zocalo).toMatchObject({ country_code: 'MX', party_id: 'EVM', publish: true, country: 'MEX' });
    expect(zocalo.evses.find((e: { uid: string }) => e.uid === '3256').status).toBe('CHARGING');
    expect(zocalo.evses.find((e: { uid: string }) => e.uid === '3257').status).toBe('RESERVED');

    expect((await list('', memberToken)).statusCode).toBe(200);
    const one = await ocpi('GET', `/ocpi/2.2.1/locations/${zocalo.id}/3256`, memberToken);
    expect(one.json().data).toMatchObject({ uid: '3256', status: 'CHARGING' });
    const unknown = await ocpi('GET', '/ocpi/2.2.1/locations/00000000-0000-4000-8000-000000000000', memberToken);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().status_code).toBe(2003);
  });

  it('pages with Link, X-Total-Count and X-Limit, keeping the filters in the next link', async () => {
    const first = await list(`?limit=1&date_from=${since}`, tokenC);
    expect(first.headers['x-total-count']).toBe('2');
    expect(first.headers['x-limit']).toBe('1');
    expect(first.headers.link).toBe(`<https://electrifica.example/ocpi/2.2.1/locations?date_from=${encodeURIComponent(since)}&offset=1&limit=1>; rel="next"`);
    const second = await list(`?date_from=${since}&offset=1&limit=1`, tokenC);
    expect(second.json().data).toHaveLength(1);
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id);
    expect(second.headers.link).toBeUndefined();
  });

  it('filters on last_updated, which a status change moves', async () => {
    await new Promise((r) => setTimeout(r, 20));
    const mark = new Date().toISOString();
    expect((await list(`?date_from=${mark}`, tokenC)).json().data).toEqual([]);
    expect((await list(`?date_from=${since}&date_to=${mark}`, tokenC)).headers['x-total-count']).toBe('2');

    await new Promise((r) => setTimeout(r, 20));
    await push('PATCH', 'LOC1/3257', { status: 'AVAILABLE', last_updated: '2021-01-01T00:00:00Z' });
    const moved = await list(`?date_from=${mark}`, tokenC);
    expect(moved.json().data.map((l: { name: string }) => l.name)).toEqual(['Zócalo Sur']);
    // date_to is exclusive of what changed after it.
    expect((await list(`?date_from=${since}&date_to=${mark}`, tokenC)).headers['x-total-count']).toBe('1');
    expect((await list('?date_from=last-week', tokenC)).json().status_code).toBe(2001);
  });
});

describe('ending a registration', () => {
  it('replaces token C on PUT, stops it on DELETE, and an admin can revoke', async () => {
    const put = await ocpi('PUT', '/ocpi/2.2.1/credentials', tokenC, credentials());
    expect(put.json().status_code).toBe(1000);
    const newC = put.json().data.token;
    expect((await ocpi('GET', '/ocpi/versions', tokenC)).statusCode).toBe(401);
    tokenC = newC;
    expect((await ocpi('DELETE', '/ocpi/2.2.1/credentials', tokenC)).json().status_code).toBe(1000);
    expect((await ocpi('GET', '/ocpi/versions', tokenC)).statusCode).toBe(401);
    const party = await t.database.db.selectFrom('ocpi_party').selectAll().where('organisation_id', '=', operatorOrg).executeTakeFirstOrThrow();
    expect(party).toMatchObject({ status: 'unregistered', peer_token: null, token_c_hash: null });

    const again = (await api('POST', '/api/v1/live/ocpi/parties', adminToken, { organisationId: operatorOrg })).json();
    expect((await ocpi('GET', '/ocpi/versions', again.tokenA)).statusCode).toBe(200);
    const revoked = await api('DELETE', `/api/v1/live/ocpi/parties/${again.id}`, adminToken);
    expect(revoked.json().status).toBe('revoked');
    expect((await ocpi('GET', '/ocpi/versions', again.tokenA)).statusCode).toBe(401);
  });
});
