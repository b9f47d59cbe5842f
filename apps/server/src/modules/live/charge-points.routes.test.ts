import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { aLocationWithEvses } from './ocpp/ocpp.test-support.js';

/* Charge point provisioning over the API. Every organisation, person and charger is SYNTHETIC. */
let t: TestApp;
const tokens: Record<string, string> = {};
let orgA: string;
let orgB: string;
let companyOrg: string;
let locationId: string;
const password = 'caballo correcto batería';
const cpPassword = 'SYNTHETIC-pass-0001';

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

async function user(name: string) {
  const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: name }, null);
  tokens[name] = (await t.services.accounts.createApiToken(principal, 'test')).token;
  return principal;
}
const audit = (id: string) => t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'live.charge-point').where('entity_id', '=', id).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'test')).token;
  const opA = await user('opa');
  const opB = await user('opb');
  await user('stranger');
  orgA = (await t.services.accounts.createOrganisation(opA, { name: 'Cargas del Bajío (sintética)', type: 'charge_point_operator' })).id;
  orgB = (await t.services.accounts.createOrganisation(opB, { name: 'Red Norte (sintética)', type: 'charge_point_operator' })).id;
  companyOrg = (await t.services.accounts.createOrganisation(opB, { name: 'Transportes Sintéticos', type: 'company' })).id;
  locationId = await aLocationWithEvses(t.database.db, 'test:cp-routes-1', ['EVSE-1', 'EVSE-2']);
});
afterAll(async () => {
  await t?.dispose();
});

describe('charge point provisioning API', () => {
  it('provisions for an operator the caller edits, stores only a hash, and audits it', async () => {
    const res = await call('POST', '/api/v1/live/charge-points', 'opa', {
      identity: 'BAJIO-001', password: cpPassword, operatorOrganisationId: orgA, locationId, ports: [{ ocppEvseId: 1, evseUid: 'EVSE-2' }],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      identity: 'BAJIO-001', operatorOrganisationId: orgA, operatorName: 'Cargas del Bajío (sintética)', locationId, registrationStatus: 'accepted', connected: false,
      ports: [{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'EVSE-2', status: null }], portMap: [{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'EVSE-2' }],
    });
    expect(body).not.toHaveProperty('password');
    const row = await t.database.db.selectFrom('charge_point').select('password_hash').where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    const entries = await audit(body.id);
    expect(entries.map((e) => e.action)).toEqual(['create']);
    expect(JSON.stringify(entries[0]!.after)).not.toContain('scrypt');
  });

  it('generates a password when none is given and shows it once', async () => {
    const res = await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'BAJIO-002', operatorOrganisationId: orgA });
    expect(res.statusCode).toBe(201);
    expect(res.json().password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await call('GET', `/api/v1/live/charge-points/${res.json().id}`, 'opa')).json()).not.toHaveProperty('password');
  });

  it('answers 409 for a taken identity, 422 for bad identities, passwords and mappings, 403 for foreign or non-operator organisations', async () => {
    expect((await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'BAJIO-001', password: cpPassword, operatorOrganisationId: orgA })).json().code).toBe('OCPP.IDENTITY_TAKEN');
    expect((await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'bad id', password: cpPassword, operatorOrganisationId: orgA })).statusCode).toBe(400);
    const short = await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'BAJIO-003', password: 'short', operatorOrganisationId: orgA });
    expect(short.statusCode).toBe(400);
    const mapping = await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'BAJIO-003', password: cpPassword, operatorOrganisationId: orgA, locationId, ports: [{ ocppEvseId: 1, evseUid: 'NOPE' }] });
    expect(mapping.statusCode).toBe(422);
    expect(mapping.json()).toMatchObject({ code: 'OCPP.INVALID_PORTS', errors: [{ path: '/ports/0/evseUid' }] });
    expect((await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'BAJIO-003', password: cpPassword, operatorOrganisationId: orgB })).json().code).toBe('OCPP.NOT_AN_OPERATOR');
    expect((await call('POST', '/api/v1/live/charge-points', 'opb', { identity: 'BAJIO-003', password: cpPassword, operatorOrganisationId: companyOrg })).json().code).toBe('OCPP.NOT_AN_OPERATOR');
    expect((await call('POST', '/api/v1/live/charge-points', undefined, { identity: 'BAJIO-003', password: cpPassword, operatorOrganisationId: orgA })).statusCode).toBe(401);
  });

  it('lists each editor its operators’ charge points and admins all, pending ones included, with filters', async () => {
    await t.services.chargePoints.provisionTrusted({ identity: 'NORTE-001', password: cpPassword, operatorOrganisationId: orgB, locationId: null, ports: [] }, { userId: null, label: 'test' });
    await t.database.db.insertInto('charge_point').values({
      identity: 'PENDING-001', registration_status: 'pending', password_hash: null, operator_organisation_id: null, location_id: null, ocpp_version: null,
      vendor: 'V', model: 'M', serial_number: null, firmware_version: null, last_boot_at: null, last_seen_at: null, offline_since: null,
    }).execute();
    const a = (await call('GET', '/api/v1/live/charge-points', 'opa')).json();
    expect(a.items.map((i: { identity: string }) => i.identity)).toEqual(['BAJIO-001', 'BAJIO-002']);
    expect(a.total).toBe(2);
    expect((await call('GET', '/api/v1/live/charge-points', 'stranger')).json()).toMatchObject({ items: [], total: 0 });
    const all = (await call('GET', '/api/v1/live/charge-points', 'admin')).json();
    expect(all.items.map((i: { identity: string }) => i.identity)).toEqual(['BAJIO-001', 'BAJIO-002', 'NORTE-001', 'PENDING-001']);
    expect((await call('GET', '/api/v1/live/charge-points?registrationStatus=pending', 'admin')).json().items.map((i: { identity: string }) => i.identity)).toEqual(['PENDING-001']);
    expect((await call('GET', `/api/v1/live/charge-points?operator=${orgB}`, 'admin')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/live/charge-points?connected=true', 'admin')).json().total).toBe(0);
  });

  it('changes password, location, mapping and status of its own charge points only, auditing each change', async () => {
    const id = (await call('GET', '/api/v1/live/charge-points', 'opa')).json().items[0].id as string;
    expect((await call('GET', `/api/v1/live/charge-points/${id}`, 'opb')).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/live/charge-points/${id}`, 'opb', { registrationStatus: 'rejected' })).statusCode).toBe(404);
    const before = await t.database.db.selectFrom('charge_point').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    const patched = await call('PATCH', `/api/v1/live/charge-points/${id}`, 'opa', { password: 'SYNTHETIC-pass-0002', ports: [{ ocppEvseId: 1, evseUid: 'EVSE-1' }, { ocppEvseId: 2, evseUid: 'EVSE-2' }], registrationStatus: 'rejected' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ registrationStatus: 'rejected', portMap: [{ evseUid: 'EVSE-1' }, { evseUid: 'EVSE-2' }] });
    const after = await t.database.db.selectFrom('charge_point').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.password_hash).not.toBe(before.password_hash);
    // Unlinking the location clears a mapping onto its EVSEs.
    expect((await call('PATCH', `/api/v1/live/charge-points/${id}`, 'opa', { locationId: null })).json()).toMatchObject({ locationId: null, portMap: [] });
    const entries = await audit(id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(entries[1]!.after).toMatchObject({ registrationStatus: 'rejected', passwordChanged: true });
  });

  it('lets an editor claim a pending charge point for its operator, once', async () => {
    const pending = await t.database.db.selectFrom('charge_point').select('id').where('identity', '=', 'PENDING-001').executeTakeFirstOrThrow();
    expect((await call('POST', `/api/v1/live/charge-points/${pending.id}/claim`, 'opa', { operatorOrganisationId: orgB, password: cpPassword })).json().code).toBe('OCPP.NOT_AN_OPERATOR');
    const claimed = await call('POST', `/api/v1/live/charge-points/${pending.id}/claim`, 'opa', { operatorOrganisationId: orgA, password: cpPassword });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ identity: 'PENDING-001', registrationStatus: 'accepted', operatorOrganisationId: orgA });
    expect((await call('POST', `/api/v1/live/charge-points/${pending.id}/claim`, 'admin', { operatorOrganisationId: orgB, password: cpPassword })).json().code).toBe('OCPP.NOT_PENDING');
  });

  it('deletes a charge point but keeps the history of the census EVSEs it reported for', async () => {
    const created = (await call('POST', '/api/v1/live/charge-points', 'opa', { identity: 'BAJIO-DEL', password: cpPassword, operatorOrganisationId: orgA, locationId })).json();
    await t.database.db.insertInto('charging_status_event').values([
      { location_id: locationId, evse_uid: 'EVSE-1', charge_point_id: created.id, ocpp_evse_id: 1, ocpp_connector_id: 0, status: 'AVAILABLE', protocol_status: 'Available', error_code: null, info: null, source: 'ocpp', occurred_at: new Date() },
      { location_id: null, evse_uid: null, charge_point_id: created.id, ocpp_evse_id: 0, ocpp_connector_id: 0, status: 'AVAILABLE', protocol_status: 'Available', error_code: null, info: null, source: 'ocpp', occurred_at: new Date() },
    ]).execute();
    expect((await call('DELETE', `/api/v1/live/charge-points/${created.id}`, 'opb')).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/live/charge-points/${created.id}`, 'opa')).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/live/charge-points/${created.id}`, 'opa')).statusCode).toBe(404);
    const left = await t.database.db.selectFrom('charging_status_event').select(['evse_uid', 'charge_point_id']).where('location_id', '=', locationId).where('evse_uid', '=', 'EVSE-1').execute();
    expect(left).toEqual([{ evse_uid: 'EVSE-1', charge_point_id: null }]);
    expect((await audit(created.id)).map((e) => e.action)).toEqual(['create', 'delete']);
  });

  it('provisions many charge points at once with the same hashing, idempotently', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ identity: `BULK-${String(i).padStart(3, '0')}`, password: `SYNTHETIC-bulk-${String(i).padStart(4, '0')}` }));
    const first = await t.services.chargePoints.provisionMany(items, { operatorOrganisationId: orgA, actor: { userId: null, label: 'bench' } });
    expect(first).toHaveLength(30);
    const again = await t.services.chargePoints.provisionMany(items.slice(0, 5), { operatorOrganisationId: orgA, actor: { userId: null, label: 'bench' } });
    expect(again.map((r) => r.id)).toEqual(first.slice(0, 5).map((r) => r.id));
    const hashes = await t.database.db.selectFrom('charge_point').select('password_hash').where('identity', 'like', 'BULK-%').execute();
    expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(30);
    expect(hashes.every((h) => h.password_hash!.startsWith('scrypt$'))).toBe(true);
  });
});
