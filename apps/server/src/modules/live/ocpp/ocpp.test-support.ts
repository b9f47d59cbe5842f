/**
 * Helpers for the CSMS tests: real OCPP-J clients (ocpp-rpc's RPCClient, the same library
 * a charge point simulator would use) and raw WebSocket frames. Everything they send is
 * SYNTHETIC.
 */
import { RPCClient } from 'ocpp-rpc';
import WebSocket from 'ws';
import type { Db } from '../../../platform/db/database.js';
import { mergeLocations, type ImportedLocation } from '../../charging/import/location-merge.js';

export interface ChargePointClientOptions {
  endpoint: string;
  identity: string;
  password?: string;
  protocol: 'ocpp1.6' | 'ocpp2.0.1';
  wsOpts?: object;
}

/** A test's client: answers are read as whatever the test expects them to be. */
export type ChargePointClient = Omit<RPCClient, 'call'> & { call(method: string, params?: unknown): Promise<any> };

/** A connected OCPP client; `call` rejects with the CALLERROR the CSMS answered. */
export async function connectChargePoint(o: ChargePointClientOptions): Promise<ChargePointClient> {
  // ocpp-rpc's typings mark every option required; its defaults fill what is left out.
  const client = new RPCClient({
    endpoint: o.endpoint, identity: o.identity, protocols: [o.protocol], reconnect: false, callTimeoutMs: 10_000,
    ...(o.password ? { password: o.password } : {}), ...(o.wsOpts ? { wsOpts: o.wsOpts } : {}),
  } as unknown as ConstructorParameters<typeof RPCClient>[0]);
  await client.connect();
  return client as ChargePointClient;
}

/** The Authorization header of OCPP security profiles 1 and 2 (HTTP Basic, user = identity). */
export const basicAuthHeader = (identity: string, password: string) => `Basic ${Buffer.from(`${identity}:${password}`).toString('base64')}`;

/** The HTTP status the upgrade was refused with, or 101 when it was accepted (and closed again). */
export function upgradeStatus(url: string, options: { protocols?: string[]; password?: string; identity?: string } = {}): Promise<number> {
  const headers: Record<string, string> = {};
  if (options.password !== undefined) headers.authorization = basicAuthHeader(options.identity ?? '', options.password);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? ['ocpp1.6'], { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (err) => reject(err));
  });
}

/** A raw WebSocket (for frames no OCPP library would send); `send` takes text as is and anything else as JSON. */
export async function rawSocket(url: string, identity: string, password: string, protocol = 'ocpp1.6', options: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(url, [protocol], { headers: { authorization: basicAuthHeader(identity, password) }, ...options });
  const inbox: unknown[] = [];
  const waiters: Array<(m: unknown) => void> = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    const w = waiters.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    closed,
    send: (frame: unknown) => ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame)),
    next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise<unknown>((resolve) => waiters.push(resolve))),
  };
}

/** A SYNTHETIC census location with the given EVSEs (one CCS1 connector each). */
export async function aLocationWithEvses(db: Db, sourceKey: string, evseUids: string[]): Promise<string> {
  const location: ImportedLocation = {
    sourceKey, name: `Sintética ${sourceKey}`, address: null, city: null, postalCode: null, countryCode: 'MX', stateAsGiven: null,
    lat: 20.5931, lon: -100.392, access: 'public', operatorName: null, lifecycleStatus: 'operational', lastVerifiedAt: null,
    evses: evseUids.map((evseUid) => ({ evseUid, connectors: [{ connectorId: '1', standard: 'CCS1', sourceCode: 'test:ccs1', sourceLabel: null, format: 'CABLE', powerType: 'DC', maxVoltageV: null, maxAmperageA: null, maxPowerKw: 150 }] })),
  };
  await db.transaction().execute((trx) => mergeLocations(trx, [{ rowNumber: 1, key: location.sourceKey, value: location }], {
    actor: { userId: null, label: 'test' }, importId: '00000000-0000-4000-8000-000000000000', provenance: (rowNumber) => ({ source: 'test', method: 'import', rowNumber }),
  }));
  return (await db.selectFrom('charging_location').select('id').where('source_key', '=', sourceKey).executeTakeFirstOrThrow()).id;
}

/** Polls until `check` passes (database writes of a disconnect happen after the socket closes). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, tries = 100): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 20));
    value = await read();
  }
  return value;
}
