import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { aLocationWithEvses, connectChargePoint, eventually, rawSocket, upgradeStatus } from './ocpp.test-support.js';

/*
 * The CSMS end to end: real OCPP-J clients over WebSocket (plain and TLS) against the
 * app listening on a free port, real SQL behind it. Charge points, tokens, locations and
 * organisations are SYNTHETIC.
 */
let t: TestApp;
let ws: string;
let wss: string;
let certPem: string;
let orgId: string;
let locationId: string;
const password = 'contraseña-sintética-16';
const cpPassword = 'SYNTHETIC-pass-0001';
const db = () => t.database.db;

async function provision(identity: string, options: { locationId?: string | null; ports?: Array<{ ocppEvseId: number; ocppConnectorId: number | null; evseUid: string }> } = {}) {
  return t.services.chargePoints.provisionTrusted(
    { identity, password: cpPassword, operatorOrganisationId: orgId, locationId: options.locationId ?? null, ports: options.ports ?? [] },
    { userId: null, label: 'test' },
  );
}
const chargePoint = (identity: string) => db().selectFrom('charge_point').selectAll().where('identity', '=', identity).executeTakeFirstOrThrow();
const evseStatus = (evseUid: string) => db().selectFrom('charging_evse_status').selectAll().where('location_id', '=', locationId).where('evse_uid', '=', evseUid).executeTakeFirst();
const session = (chargePointId: string, transactionId: string) =>
  db().selectFrom('charging_session').selectAll().where('charge_point_id', '=', chargePointId).where('transaction_id', '=', transactionId).executeTakeFirstOrThrow();

beforeAll(async () => {
  // A throw-away certificate for security profile 2 (selfsigned: pure JavaScript, no openssl binary needed on CI).
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048, algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocpp-tls-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), pems.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), pems.private);
  certPem = pems.cert;
  t = await createTestApp({ ocppUnknownChargePoints: 'pending', ocppTls: { port: 0, certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem') }, host: '127.0.0.1' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  await t.services.csms.started;
  const address = t.app.server.address();
  ws = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ocpp`;
  wss = `wss://127.0.0.1:${t.services.csms.tlsPort}/ocpp`;

  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  orgId = (await t.services.accounts.createOrganisation(admin, { name: 'Cargas Sintéticas', type: 'charge_point_operator' })).id;
  locationId = await aLocationWithEvses(db(), 'test:ocpp-1', ['E1', 'E2']);
});
afterAll(async () => {
  await t?.dispose();
});

describe('OCPP 1.6', () => {
  it('boots, beats, reports status onto the census EVSE and keeps connector 0 on the charge point', async () => {
    await provision('CP16-A', { locationId });
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP16-A', password: cpPassword, protocol: 'ocpp1.6' });
    const boot = await client.call('BootNotification', { chargePointVendor: 'Sintética', chargePointModel: 'DC-150', chargePointSerialNumber: 'S-1', firmwareVersion: '1.2.3' });
    expect(boot).toMatchObject({ status: 'Accepted', interval: 60 });
    expect(Date.parse(boot.currentTime)).not.toBeNaN();
    const hb = await client.call('Heartbeat', {});
    expect(Date.parse(hb.currentTime)).not.toBeNaN();
    expect(await client.call('StatusNotification', { connectorId: 1, status: 'SuspendedEV', errorCode: 'NoError', timestamp: '2026-11-01T12:00:00Z' })).toEqual({});
    await client.call('StatusNotification', { connectorId: 0, status: 'Unavailable', errorCode: 'OtherError', vendorErrorCode: 'E42' });

    const cp = await chargePoint('CP16-A');
    expect(cp).toMatchObject({ vendor: 'Sintética', model: 'DC-150', serial_number: 'S-1', firmware_version: '1.2.3', ocpp_version: 'ocpp1.6', connected: true });
    expect(cp.last_seen_at).not.toBeNull();
    expect(await evseStatus('E1')).toMatchObject({ status: 'CHARGING', source: 'ocpp' });
    const history = await db().selectFrom('charging_status_event').selectAll().where('charge_point_id', '=', cp.id).orderBy('id').execute();
    expect(history.map((h) => [h.ocpp_evse_id, h.evse_uid, h.status, h.protocol_status, h.error_code, h.info])).toEqual([
      [1, 'E1', 'CHARGING', 'SuspendedEV', null, null],
      [0, null, 'INOPERATIVE', 'Unavailable', 'OtherError', 'vendor error E42'],
    ]);
    const ports = await db().selectFrom('charge_point_port').selectAll().where('charge_point_id', '=', cp.id).orderBy('ocpp_evse_id').execute();
    expect(ports.map((p) => [p.ocpp_evse_id, p.evse_uid, p.protocol_status])).toEqual([[0, null, 'Unavailable'], [1, 'E1', 'SuspendedEV']]);
    await client.close();
    expect((await eventually(() => chargePoint('CP16-A'), (c) => !c.connected)).connected).toBe(false);
  });

  it('authorizes id tokens of the operator and records a transaction with its energy', async () => {
    const { id } = await provision('CP16-B', { locationId, ports: [{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'E2' }] });
    await db().insertInto('ocpp_id_token').values([
      { operator_organisation_id: orgId, id_token: 'RFID-OK', status: 'Accepted', expires_at: null },
      { operator_organisation_id: orgId, id_token: 'RFID-OLD', status: 'Accepted', expires_at: new Date('2020-01-01') },
    ]).execute();
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP16-B', password: cpPassword, protocol: 'ocpp1.6' });
    expect(await client.call('Authorize', { idTag: 'RFID-OK' })).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await client.call('Authorize', { idTag: 'RFID-OLD' })).toEqual({ idTagInfo: { status: 'Expired' } });
    expect(await client.call('Authorize', { idTag: 'NOBODY' })).toEqual({ idTagInfo: { status: 'Invalid' } });

    const start = await client.call('StartTransaction', { connectorId: 1, idTag: 'RFID-OK', meterStart: 1_000, timestamp: '2026-11-01T12:00:00Z' });
    expect(start.idTagInfo).toEqual({ status: 'Accepted' });
    expect(Number.isInteger(start.transactionId)).toBe(true);
    await client.call('MeterValues', {
      connectorId: 1, transactionId: start.transactionId,
      meterValue: [{ timestamp: '2026-11-01T12:10:00Z', sampledValue: [{ value: '5.5', unit: 'kWh', measurand: 'Energy.Active.Import.Register' }, { value: '7000', measurand: 'Power.Active.Import', unit: 'W' }] }],
    });
    expect(await session(id, String(start.transactionId))).toMatchObject({ meter_start_wh: 1000, meter_last_wh: 5500, energy_wh: 4500, evse_uid: 'E2', location_id: locationId });
    expect(await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: 9_000, timestamp: '2026-11-01T12:30:00Z', reason: 'EVDisconnected', idTag: 'RFID-OK' }))
      .toEqual({ idTagInfo: { status: 'Accepted' } });
    const s = await session(id, String(start.transactionId));
    expect(s).toMatchObject({ meter_last_wh: 9000, energy_wh: 8000, stop_reason: 'EVDisconnected', id_token: 'RFID-OK' });
    expect(new Date(s.stopped_at!).toISOString()).toBe('2026-11-01T12:30:00.000Z');
    await client.close();
  });

  it('answers payloads that break the official schema with the CALLERROR the protocol names, actions it does not take NotSupported and unknown ones NotImplemented', async () => {
    await provision('CP16-C');
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP16-C', password: cpPassword, protocol: 'ocpp1.6' });
    await expect(client.call('BootNotification', { chargePointVendor: 'X' })).rejects.toMatchObject({ rpcErrorCode: 'OccurrenceConstraintViolation' });
    await expect(client.call('StatusNotification', { connectorId: 'one', status: 'Available', errorCode: 'NoError' })).rejects.toMatchObject({ rpcErrorCode: 'TypeConstraintViolation' });
    // A value outside an enumeration: ocpp-rpc names it a format violation (OCPP 1.6 spells it FormationViolation).
    await expect(client.call('StatusNotification', { connectorId: 1, status: 'Dancing', errorCode: 'NoError' })).rejects.toMatchObject({ rpcErrorCode: 'FormationViolation' });
    await expect(client.call('DataTransfer', { vendorId: 'x' })).rejects.toMatchObject({ rpcErrorCode: 'NotSupported' });
    await expect(client.call('MakeCoffee', {})).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
    // Still serving.
    expect(await client.call('Heartbeat', {})).toHaveProperty('currentTime');
    await client.close();
  });

  it('answers malformed frames and wrong message types without dropping the connection or the process', async () => {
    const raw = await rawSocket(`${ws}/CP16-C`, 'CP16-C', cpPassword);
    raw.send('this is not json');
    expect(await raw.next()).toEqual([4, '-1', 'RpcFrameworkError', 'Message must be a JSON structure', {}]);
    raw.send(JSON.stringify({ not: 'an array' }));
    expect(await raw.next()).toEqual([4, '-1', 'RpcFrameworkError', 'Message must be an array', {}]);
    // An unknown message type is refused before its id is read, so the answer carries id -1.
    raw.send(JSON.stringify([7, 'm-1', 'Heartbeat', {}]));
    expect(((await raw.next()) as unknown[]).slice(0, 3)).toEqual([4, '-1', 'MessageTypeNotSupported']);
    raw.send(JSON.stringify([2, 'm-2', 'Heartbeat', {}]));
    expect(await raw.next()).toEqual([3, 'm-2', { currentTime: expect.any(String) }]);
    raw.ws.close();
  });
});

describe('OCPP 2.0.1', () => {
  it('boots, maps EVSE n onto the location’s n-th EVSE and records a transaction from its events', async () => {
    const { id } = await provision('CP201-A', { locationId });
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP201-A', password: cpPassword, protocol: 'ocpp2.0.1' });
    expect(await client.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'AC-22', vendorName: 'Sintética', firmwareVersion: '2.0' } }))
      .toMatchObject({ status: 'Accepted', interval: 60 });
    await client.call('StatusNotification', { timestamp: '2026-11-02T08:00:00Z', connectorStatus: 'Faulted', evseId: 2, connectorId: 1 });
    expect(await evseStatus('E2')).toMatchObject({ status: 'OUTOFORDER', source: 'ocpp' });

    const event = (eventType: string, at: string, wh: number | null, extra: object = {}) => client.call('TransactionEvent', {
      eventType, timestamp: at, triggerReason: 'Authorized', seqNo: 0, transactionInfo: { transactionId: 'TX-201-1', ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : {}) },
      ...(wh === null ? {} : { meterValue: [{ timestamp: at, sampledValue: [{ value: wh, unitOfMeasure: { unit: 'kWh' } }] }] }),
      ...extra,
    });
    expect(await event('Started', '2026-11-02T09:00:00Z', 10, { evse: { id: 1, connectorId: 1 }, idToken: { idToken: 'NOBODY', type: 'ISO14443' } }))
      .toEqual({ idTokenInfo: { status: 'Invalid' } });
    expect(await event('Updated', '2026-11-02T09:15:00Z', 20.5)).toEqual({});
    await event('Ended', '2026-11-02T09:30:00Z', 31);
    expect(await session(id, 'TX-201-1')).toMatchObject({ evse_uid: 'E1', meter_start_wh: 10_000, meter_last_wh: 31_000, energy_wh: 21_000, stop_reason: 'EVDisconnected', id_token: 'NOBODY' });
    expect((await chargePoint('CP201-A')).ocpp_version).toBe('ocpp2.0.1');
    await client.close();
  });
});

describe('admission', () => {
  it('refuses wrong passwords with 401, requires an OCPP subprotocol and serves only /ocpp/{identity}', async () => {
    await provision('CP-AUTH');
    expect(await upgradeStatus(`${ws}/CP-AUTH`, { identity: 'CP-AUTH', password: 'wrong-password-123456' })).toBe(401);
    expect(await upgradeStatus(`${ws}/CP-AUTH`, {})).toBe(401);
    expect(await upgradeStatus(`${ws}/CP-AUTH`, { identity: 'CP-AUTH', password: cpPassword, protocols: ['chat'] })).toBe(400);
    expect(await upgradeStatus(`${ws}/CP-AUTH`, { identity: 'CP-AUTH', password: cpPassword })).toBe(101);
    expect(await upgradeStatus(ws.replace('/ocpp', '/api/v1/ws'), {})).toBe(404);
    expect(await upgradeStatus(`${ws}/bad%20identity`, {})).toBe(400);
    // The process is still up and answers HTTP.
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('serves security profile 2 over TLS with the same credentials', async () => {
    await provision('CP-TLS');
    const client = await connectChargePoint({ endpoint: wss, identity: 'CP-TLS', password: cpPassword, protocol: 'ocpp1.6', wsOpts: { ca: certPem, minVersion: 'TLSv1.2' } });
    expect(await client.call('BootNotification', { chargePointVendor: 'Sintética', chargePointModel: 'TLS' })).toMatchObject({ status: 'Accepted' });
    await client.close();
    await expect(connectChargePoint({ endpoint: wss, identity: 'CP-TLS', password: 'wrong-password-123456', protocol: 'ocpp1.6', wsOpts: { ca: certPem } })).rejects.toThrow(/Unauthorized/);
  });

  it('holds unknown charge points as pending, stores what they report, and lets an admin claim them', async () => {
    const client = await connectChargePoint({ endpoint: ws, identity: 'UNKNOWN-1', protocol: 'ocpp2.0.1' });
    expect(await client.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V', serialNumber: 'SN-9' } }))
      .toMatchObject({ status: 'Pending', interval: 60 });
    const pending = await chargePoint('UNKNOWN-1');
    expect(pending).toMatchObject({ registration_status: 'pending', operator_organisation_id: null, password_hash: null, serial_number: 'SN-9' });
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    const listed = await t.services.chargePoints.list(admin, { registrationStatus: 'pending', limit: 50, offset: 0 });
    expect(listed.items.map((i) => i.identity)).toContain('UNKNOWN-1');

    const claimed = await t.services.chargePoints.claim(admin, pending.id, { operatorOrganisationId: orgId, password: cpPassword });
    expect(claimed).toMatchObject({ registrationStatus: 'accepted', operatorOrganisationId: orgId });
    // Claiming ends the password-less connection; it must come back with the password.
    await eventually(async () => client.state, (s) => s === 3);
    expect(await upgradeStatus(`${ws}/UNKNOWN-1`, { protocols: ['ocpp2.0.1'] })).toBe(401);
    const again = await connectChargePoint({ endpoint: ws, identity: 'UNKNOWN-1', password: cpPassword, protocol: 'ocpp2.0.1' });
    expect(await again.call('BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } })).toMatchObject({ status: 'Accepted' });
    await again.close();
  });

  it('answers BootNotification Rejected to a rejected charge point and nothing else but SecurityError', async () => {
    const { id } = await provision('CP-REJ');
    await db().updateTable('charge_point').set({ registration_status: 'rejected' }).where('id', '=', id).execute();
    t.services.csms.invalidate('CP-REJ');
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP-REJ', password: cpPassword, protocol: 'ocpp1.6' });
    expect(await client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Rejected' });
    await expect(client.call('Heartbeat', {})).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
    await client.close();
  });
});

describe('offline and restart', () => {
  it('marks a charge point that missed its heartbeats offline, UNKNOWN on its EVSEs, until it is heard again', async () => {
    const { id } = await provision('CP-OFF', { locationId, ports: [{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'E1' }] });
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP-OFF', password: cpPassword, protocol: 'ocpp1.6' });
    await client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError', timestamp: new Date(Date.now() - 3_600_000).toISOString() });
    const lastSeen = new Date(Date.now() - 3_600_000);
    await db().updateTable('charge_point').set({ last_seen_at: lastSeen }).where('id', '=', id).execute();

    expect(await t.services.csms.sweepOffline(new Date())).toBe(1);
    const cp = await chargePoint('CP-OFF');
    expect(new Date(cp.offline_since!).getTime()).toBe(lastSeen.getTime() + 180_000);
    expect(await evseStatus('E1')).toMatchObject({ status: 'UNKNOWN', source: 'system' });
    const event = await db().selectFrom('charging_status_event').selectAll().where('charge_point_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ status: 'UNKNOWN', info: 'heartbeat missed', evse_uid: 'E1' });
    // A second sweep finds nothing new.
    expect(await t.services.csms.sweepOffline(new Date())).toBe(0);

    await client.call('Heartbeat', {});
    expect((await chargePoint('CP-OFF')).offline_since).toBeNull();
    await client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    expect(await evseStatus('E1')).toMatchObject({ status: 'AVAILABLE', source: 'ocpp' });
    await client.close();
  });

  it('keeps status across a restart: the charge point reconnects to a new process and carries on', async () => {
    await provision('CP-RESTART', { locationId, ports: [{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'E2' }] });
    const client = await connectChargePoint({ endpoint: ws, identity: 'CP-RESTART', password: cpPassword, protocol: 'ocpp1.6' });
    await client.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
    const closed = new Promise((resolve) => client.once('close', resolve));
    await t.app.close();
    await closed;
    expect(await chargePoint('CP-RESTART')).toMatchObject({ connected: false });
    expect(await evseStatus('E2')).toMatchObject({ status: 'CHARGING' });

    const next = await createApp(t.config, { database: t.database });
    try {
      await next.app.listen({ port: 0, host: '127.0.0.1' });
      const address = next.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const back = await connectChargePoint({ endpoint: `ws://127.0.0.1:${port}/ocpp`, identity: 'CP-RESTART', password: cpPassword, protocol: 'ocpp1.6' });
      expect((await eventually(() => chargePoint('CP-RESTART'), (c) => c.connected)).connected).toBe(true);
      await back.call('StatusNotification', { connectorId: 1, status: 'Finishing', errorCode: 'NoError' });
      await back.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
      expect(await evseStatus('E2')).toMatchObject({ status: 'AVAILABLE' });
      const n = await sql<{ n: number }>`select count(*)::int as n from charging_status_event where evse_uid = 'E2' and location_id = ${locationId} and source = 'ocpp'`.execute(db());
      expect(n.rows[0]!.n).toBeGreaterThanOrEqual(3);
      await back.close();
    } finally {
      await next.close();
    }
  });
});
