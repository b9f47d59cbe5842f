import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { basicAuthHeader, rawSocket } from './ocpp.test-support.js';
import { basicAuthPassword, createOcppTransport, OcppCallError, type OcppTransport, type TransportHooks } from './ocpp.transport.js';

/*
 * The OCPP-J transport on its own: a bare HTTP server, no database, SYNTHETIC identities.
 * The CSMS behaviour on top of it (admission, storage) is in ocpp.server.test.ts.
 */

interface Harness {
  url: string;
  transport: OcppTransport<{ n: number }>;
  events: string[];
  close(): Promise<void>;
}

let open: Harness | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function harness(hooks: Partial<TransportHooks<{ n: number }>> = {}, keepAliveMs = 30_000, perMinute = 600, maxPendingAdmissions = 100): Promise<Harness> {
  const events: string[] = [];
  const transport = createOcppTransport<{ n: number }>({ maxMessageBytes: 4096, maxMessagesPerMinute: perMinute, maxBadFrames: 3, keepAliveMs, maxPendingAdmissions }, {
    admit: async (h) => (h.password?.toString() === 'SYNTHETIC-secret-01' ? { accept: { n: 1 } } : { refuse: 401, reason: 'Unauthorized' }),
    handles: (_protocol, action) => action === 'Heartbeat' || action === 'BootNotification',
    call: async (_conn, action) => (action === 'Heartbeat' ? { currentTime: new Date().toISOString() } : { status: 'Accepted', currentTime: new Date().toISOString(), interval: 60 }),
    badFrame: (_c, reason) => events.push(`bad:${reason}`),
    closed: (_c, code) => events.push(`closed:${code}`),
    ...hooks,
  });
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => void transport.upgrade(req, socket, head, 'SYN-1'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const h: Harness = {
    url: `ws://127.0.0.1:${port}/ocpp/SYN-1`,
    transport,
    events,
    close: async () => {
      await transport.close(200);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  open = h;
  return h;
}

const auth = (password = 'SYNTHETIC-secret-01', user = 'SYN-1') => ({ authorization: basicAuthHeader(user, password) });

const connect = (url: string, protocol: string, options: WebSocket.ClientOptions = {}) => rawSocket(url, 'SYN-1', 'SYNTHETIC-secret-01', protocol, options);

describe('Basic auth of OCPP security profiles 1 and 2', () => {
  it('reads the password of the identity as bytes, and nothing when the header names another user or is not Basic', () => {
    expect(basicAuthPassword(auth().authorization, 'SYN-1')?.toString()).toBe('SYNTHETIC-secret-01');
    // A password may itself hold colons; only the first one after the identity separates.
    expect(basicAuthPassword(auth('a:b:c').authorization, 'SYN-1')?.toString()).toBe('a:b:c');
    // Binary keys survive (the OCPP security white paper recommends random bytes).
    const binary = Buffer.concat([Buffer.from('SYN-1:'), Buffer.from([0, 255, 128, 58])]);
    expect(basicAuthPassword(`basic ${binary.toString('base64')}`, 'SYN-1')).toEqual(Buffer.from([0, 255, 128, 58]));
    expect(basicAuthPassword(auth('x', 'OTHER-1').authorization, 'SYN-1')).toBeNull();
    expect(basicAuthPassword('Bearer abc', 'SYN-1')).toBeNull();
    expect(basicAuthPassword(undefined, 'SYN-1')).toBeNull();
  });
});

describe('OCPP-J transport', () => {
  it('refuses a wrong password with 401 and a challenge, before any WebSocket exists', async () => {
    const h = await harness();
    const status = await new Promise<{ code: number; challenge: string | undefined }>((resolve, reject) => {
      const ws = new WebSocket(h.url, ['ocpp1.6'], { headers: auth('wrong-wrong-wrong-1') });
      ws.on('unexpected-response', (_req, res) => resolve({ code: res.statusCode ?? 0, challenge: res.headers['www-authenticate'] }));
      ws.on('error', reject);
    });
    expect(status).toEqual({ code: 401, challenge: 'Basic realm="OCPP", charset="UTF-8"' });
    expect(h.transport.size).toBe(0);
  });

  it('answers 503 with Retry-After beyond the admissions it runs at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const h = await harness({
      admit: async () => {
        await gate;
        return { accept: { n: 1 } };
      },
    }, 30_000, 600, 1);
    const waiting = new WebSocket(h.url, ['ocpp1.6'], { headers: auth() });
    waiting.on('error', () => {});
    await new Promise((r) => setTimeout(r, 100));
    const busy = await new Promise<{ code: number; retryAfter: string | undefined }>((resolve, reject) => {
      const ws = new WebSocket(h.url, ['ocpp1.6'], { headers: auth() });
      ws.on('unexpected-response', (_req, res) => resolve({ code: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
      ws.on('error', reject);
    });
    expect(busy).toEqual({ code: 503, retryAfter: '5' });
    // Once the first is admitted, the queue is free again.
    const opened = new Promise<void>((resolve) => waiting.once('open', () => resolve()));
    release();
    await opened;
    const next = await connect(h.url, 'ocpp1.6');
    expect(h.transport.size).toBe(2);
    waiting.close();
    next.ws.close();
  });

  it('names schema violations as each version spells them (FormationViolation in 1.6, FormatViolation in 2.0.1)', async () => {
    const h = await harness();
    const v16 = await connect(h.url, 'ocpp1.6');
    v16.send([2, 'a', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M', chargeBoxSerialNumber: 'x'.repeat(30) }]);
    expect(((await v16.next()) as unknown[]).slice(0, 3)).toEqual([4, 'a', 'FormationViolation']);
    v16.send([2, 'b', 'BootNotification', { chargePointVendor: 'V' }]);
    expect(((await v16.next()) as unknown[]).slice(0, 3)).toEqual([4, 'b', 'OccurrenceConstraintViolation']);
    v16.ws.close();
    const v201 = await connect(h.url, 'ocpp2.0.1');
    v201.send([2, 'c', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'x'.repeat(21), vendorName: 'V' } }]);
    expect(((await v201.next()) as unknown[]).slice(0, 3)).toEqual([4, 'c', 'FormatViolation']);
    v201.send([2, 'd', 'BootNotification', { reason: 'PowerUp' }]);
    expect(((await v201.next()) as unknown[]).slice(0, 3)).toEqual([4, 'd', 'OccurrenceConstraintViolation']);
    v201.ws.close();
  });

  it('answers a handler failure InternalError without its details, and a response that breaks the schema likewise', async () => {
    const wrongResponses: string[] = [];
    const h = await harness({
      call: async (_c, action) => {
        if (action === 'Heartbeat') throw new Error('secret stack detail');
        return { status: 'Sideways', currentTime: 'now', interval: 60 };
      },
      invalidResponse: (_c, action) => wrongResponses.push(action),
    });
    const c = await connect(h.url, 'ocpp1.6');
    c.send([2, 'h', 'Heartbeat', {}]);
    const failed = (await c.next()) as unknown[];
    expect(failed.slice(0, 3)).toEqual([4, 'h', 'InternalError']);
    expect(JSON.stringify(failed)).not.toContain('secret');
    c.send([2, 'b', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]);
    expect(((await c.next()) as unknown[]).slice(0, 3)).toEqual([4, 'b', 'InternalError']);
    expect(wrongResponses).toEqual(['BootNotification']);
    c.ws.close();
  });

  it('refuses a second call with the id of one still being answered', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const h = await harness({ call: async () => { await gate; return { currentTime: new Date().toISOString() }; } });
    const c = await connect(h.url, 'ocpp1.6');
    c.send([2, 'same', 'Heartbeat', {}]);
    c.send([2, 'same', 'Heartbeat', {}]);
    expect(((await c.next()) as unknown[]).slice(0, 3)).toEqual([4, 'same', 'RpcFrameworkError']);
    release();
    expect(await c.next()).toMatchObject([3, 'same', { currentTime: expect.any(String) }]);
    c.ws.close();
  });

  it('does not answer answers, and closes with 1002 after more malformed frames in a row than allowed', async () => {
    const h = await harness();
    const c = await connect(h.url, 'ocpp1.6');
    c.send([3, 'nobody-asked', {}]);
    c.send([4, 'nobody-asked', 'GenericError', '', {}]);
    // A good frame in between resets the count and is answered first: nothing came for the two answers.
    c.send([2, 'ok', 'Heartbeat', {}]);
    expect(await c.next()).toMatchObject([3, 'ok', {}]);
    for (let i = 0; i < 4; i++) c.send('{');
    expect((await c.closed).code).toBe(1002);
    expect(h.events.filter((e) => e.startsWith('bad:'))).toHaveLength(6);
  });

  it('pings idle connections and drops one that never answers', async () => {
    const h = await harness({}, 300);
    const answering = await connect(h.url, 'ocpp1.6');
    const silent = await connect(h.url, 'ocpp1.6', { autoPong: false });
    // Terminated, not closed: a peer that ignores pings cannot answer a close frame either.
    expect((await silent.closed).code).toBe(1006);
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    // The server learns of the closed socket just after the client does.
    for (let i = 0; i < 50 && h.transport.size > 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(h.transport.size).toBe(1);
    answering.ws.close();
  });

  it('closes every connection with 1001 and refuses new ones while shutting down', async () => {
    const h = await harness();
    const c = await connect(h.url, 'ocpp2.0.1');
    await h.transport.close(200);
    expect((await c.closed).code).toBe(1001);
    await expect(connect(h.url, 'ocpp1.6')).rejects.toThrow(/503/);
  });

  it('charges malformed frames to the rate budget too: over it they go unanswered and calls get SecurityError', async () => {
    const h = await harness({}, 30_000, 4);
    const c = await connect(h.url, 'ocpp1.6');
    c.send('{');
    c.send('{');
    expect(((await c.next()) as unknown[]).slice(0, 3)).toEqual([4, '-1', 'RpcFrameworkError']);
    expect(((await c.next()) as unknown[]).slice(0, 3)).toEqual([4, '-1', 'RpcFrameworkError']);
    c.send([2, 'ok', 'Heartbeat', {}]);
    expect(await c.next()).toMatchObject([3, 'ok', {}]);
    c.send([2, 'last', 'Heartbeat', {}]);
    expect(await c.next()).toMatchObject([3, 'last', {}]);
    // The budget of four is spent: a malformed frame is not answered, a call is refused.
    c.send('{');
    c.send([2, 'over', 'Heartbeat', {}]);
    expect(((await c.next()) as unknown[]).slice(0, 3)).toEqual([4, 'over', 'SecurityError']);
    c.ws.close();
  });

  it('turns an OcppCallError from a handler into its CALLERROR code', async () => {
    const h = await harness({ call: async () => { throw new OcppCallError('SecurityError', 'Not now.'); } });
    const c = await connect(h.url, 'ocpp2.0.1');
    c.send([2, 's', 'Heartbeat', {}]);
    expect(await c.next()).toEqual([4, 's', 'SecurityError', 'Not now.', {}]);
    c.ws.close();
  });
});
