import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { connectChargePoint, rawSocket, upgradeStatus } from './ocpp.test-support.js';

/*
 * Faults at the edge, on an app with small limits: unknown identities refused, a flooding
 * client, oversize frames. Every charge point here is SYNTHETIC.
 */
let t: TestApp;
let ws: string;
const cpPassword = 'SYNTHETIC-pass-0001';
const perMinute = 20;

beforeAll(async () => {
  t = await createTestApp({ ocppUnknownChargePoints: 'reject', ocppMaxMessagesPerMinute: perMinute, ocppMaxMessageBytes: 2048 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  ws = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ocpp`;
  for (const identity of ['FLOOD-1', 'FLOOD-2', 'BIG-1']) {
    await t.services.chargePoints.provisionTrusted({ identity, password: cpPassword, operatorOrganisationId: null, locationId: null, ports: [] }, { userId: null, label: 'test' });
  }
});
afterAll(async () => {
  await t?.dispose();
});

const metric = async (reason: string) => {
  const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`electrifica_ocpp_refused_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('OCPP edge faults', () => {
  it('refuses identities nobody provisioned when set to reject, and creates nothing for them', async () => {
    expect(await upgradeStatus(`${ws}/STRANGER-1`, {})).toBe(401);
    expect(await t.database.db.selectFrom('charge_point').select('id').where('identity', '=', 'STRANGER-1').executeTakeFirst()).toBeUndefined();
    expect(await metric('unknown_identity')).toBeGreaterThanOrEqual(1);
  });

  it('answers calls beyond the per-minute budget SecurityError, and serves the connection again after refill', async () => {
    const client = await connectChargePoint({ endpoint: ws, identity: 'FLOOD-1', password: cpPassword, protocol: 'ocpp1.6' });
    const outcomes = await Promise.allSettled(Array.from({ length: perMinute + 10 }, () => client.call('Heartbeat', {})));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(perMinute);
    expect(refused).toHaveLength(10);
    expect(refused.every((o) => o.status === 'rejected' && (o.reason as { rpcErrorCode?: string }).rpcErrorCode === 'SecurityError')).toBe(true);
    expect(await metric('rate_limited')).toBeGreaterThanOrEqual(10);
    // One message's worth refills in 60 s / 20 = 3 s.
    await new Promise((r) => setTimeout(r, 3_100));
    expect(await client.call('Heartbeat', {})).toHaveProperty('currentTime');
    await client.close();
  });

  it('closes a client that keeps flooding past a minute of refusals with 1008', async () => {
    const raw = await rawSocket(`${ws}/FLOOD-2`, 'FLOOD-2', cpPassword);
    for (let i = 0; i < 3 * perMinute; i++) raw.send(JSON.stringify([2, `f-${i}`, 'Heartbeat', {}]));
    expect((await raw.closed).code).toBe(1008);
    // The process is fine.
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('closes the connection with 1009 on a frame larger than the limit', async () => {
    const raw = await rawSocket(`${ws}/BIG-1`, 'BIG-1', cpPassword);
    raw.send(JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'x', data: 'x'.repeat(4096) }]));
    expect((await raw.closed).code).toBe(1009);
    expect(await metric('oversize')).toBeGreaterThanOrEqual(1);
    // Reconnecting works.
    const client = await connectChargePoint({ endpoint: ws, identity: 'BIG-1', password: cpPassword, protocol: 'ocpp1.6' });
    expect(await client.call('Heartbeat', {})).toHaveProperty('currentTime');
    await client.close();
  });
});
