import fs from 'node:fs';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { RPCServer, createRPCError } from 'ocpp-rpc';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { VerifiedCredentials } from './ocpp.credentials.js';
import { handledActions, identityProblem, ocppProtocols, TokenBucket, type OcppProtocol } from './ocpp.domain.js';
import { createHandlers, viewOf, type ChargePointView } from './ocpp.handlers.js';
import type { OcppRepository } from './ocpp.repository.js';
import { GroupCommitWriter, StorageUnavailableError } from './ocpp.writer.js';

export interface CsmsSettings {
  heartbeatIntervalS: number;
  offlineAfterS: number;
  unknownChargePoints: 'reject' | 'pending';
  maxMessageBytes: number;
  maxMessagesPerMinute: number;
  flushIntervalMs: number;
  tls: { port: number; certFile: string; keyFile: string } | null;
  /** Where the TLS server binds (the app's host). */
  host: string;
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What an accepted connection keeps: a few fields, the rest is in the shared directory. */
interface Connection {
  identity: string;
  chargePointId: string;
  protocol: OcppProtocol;
  bucket: TokenBucket;
  /** Did the frame being handled fit in the rate limit? Set on each inbound frame, read synchronously by its handler. */
  allowed: boolean;
  limitedInWindow: number;
  windowStart: number;
}

// Provisioning changes in this process drop an entry at once; the TTL catches changes made
// elsewhere (the command line, a re-import changing a location's EVSEs).
const directoryTtlMs = 5 * 60_000;
const pathPrefix = '/ocpp/';

function tlsPortOf(server: https.Server | null): number | null {
  const address = server?.address();
  return address && typeof address === 'object' ? address.port : null;
}

function refuse(socket: Duplex, status: 400 | 404, reason: string) {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * Electrifica's CSMS: OCPP-J 1.6 and 2.0.1 over WebSocket at /ocpp/{chargePointIdentity},
 * security profiles 1 (basic auth) and 2 (the same over TLS). Transport, framing, CALLERROR
 * codes and strict validation against the official schemas are ocpp-rpc's; admission, the
 * rate limit, the charge point directory and storage (group commit) are here.
 */
export function createCsms(deps: { repository: OcppRepository; settings: CsmsSettings; log: Log; registry: Registry }) {
  const { repository, settings, log } = deps;

  const metrics = {
    connections: new Gauge({ name: 'electrifica_ocpp_connections', help: 'Open OCPP connections', registers: [deps.registry] }),
    calls: new Histogram({
      name: 'electrifica_ocpp_call_duration_seconds', help: 'Time to answer an OCPP call, by action and outcome',
      labelNames: ['action', 'outcome'] as const, buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [deps.registry],
    }),
    refused: new Counter({
      name: 'electrifica_ocpp_refused_total', help: 'OCPP connections and messages refused, by reason',
      labelNames: ['reason'] as const, registers: [deps.registry],
    }),
    flushes: new Histogram({
      name: 'electrifica_ocpp_flush_writes', help: 'Messages stored per group-commit transaction',
      buckets: [1, 5, 20, 100, 500, 2000], registers: [deps.registry],
    }),
    flushFailures: new Counter({ name: 'electrifica_ocpp_flush_failures_total', help: 'Group-commit transactions that failed', registers: [deps.registry] }),
    offline: new Counter({ name: 'electrifica_ocpp_offline_total', help: 'Charge points marked offline by the heartbeat sweep', registers: [deps.registry] }),
  };

  const writer = new GroupCommitWriter({
    repository,
    flushIntervalMs: settings.flushIntervalMs,
    onFlush: ({ writes, ok, error }) => {
      metrics.flushes.observe(writes);
      if (!ok) {
        metrics.flushFailures.inc();
        log.error({ err: error, writes }, 'OCPP: storing a batch failed; its messages were answered InternalError');
      }
    },
  });

  // ---- the directory of charge points (cached; provisioning invalidates) ----
  const directory = new Map<string, { at: number; view: Promise<ChargePointView | null> }>();
  function lookup(identity: string): Promise<ChargePointView | null> {
    const hit = directory.get(identity);
    if (hit && Date.now() - hit.at < directoryTtlMs) return hit.view;
    const view = repository.findByIdentity(identity).then((r) => (r ? viewOf(r) : null));
    directory.set(identity, { at: Date.now(), view });
    // Unknown identities and failed lookups are asked again next time.
    view.then((v) => { if (!v) directory.delete(identity); }, () => directory.delete(identity));
    return view;
  }
  const credentials = new VerifiedCredentials();
  const connections = new Map<string, { client: { close(o: object): Promise<unknown> }; conn: Connection }>();

  const handlers = createHandlers({ writer, repository, heartbeatIntervalS: settings.heartbeatIntervalS, now: () => new Date() });

  const rpc = new RPCServer({
    protocols: [...ocppProtocols],
    strictMode: true,
    // A few malformed frames in a row are answered; more close the connection (1002).
    maxBadMessages: 10,
    callTimeoutMs: 30_000,
    pingIntervalMs: 30_000,
    deferPingsOnActivity: true,
    respondWithDetailedErrors: false,
    wssOptions: { maxPayload: settings.maxMessageBytes },
  });

  rpc.on('upgradeAborted', ({ error, identity }: { error: Error & { code?: number }; identity: string }) => {
    log.warn({ identity, status: error?.code, reason: error?.message }, 'OCPP: connection refused');
  });
  rpc.on('error', (err: Error) => log.error({ err }, 'OCPP: WebSocket server error'));

  rpc.auth(async (accept, reject, handshake) => {
    const identity: string = handshake.identity;
    try {
      const protocol = ocppProtocols.find((p) => handshake.protocols.has(p));
      if (!protocol) {
        metrics.refused.inc({ reason: 'no_subprotocol' });
        return reject(400, 'Offer the WebSocket subprotocol ocpp2.0.1 or ocpp1.6');
      }
      let cp = await lookup(identity);
      if (!cp) {
        if (settings.unknownChargePoints === 'reject') {
          metrics.refused.inc({ reason: 'unknown_identity' });
          return reject(401, 'Unauthorized');
        }
        cp = viewOf(await repository.createPending(identity));
        directory.set(identity, { at: Date.now(), view: Promise.resolve(cp) });
        log.info({ identity }, 'OCPP: unknown charge point held as pending');
      }
      // Only a charge point nobody provisioned (pending, no password) is admitted without one.
      if (cp.passwordHash !== null) {
        const ok = handshake.password ? await credentials.verify(cp.id, cp.passwordHash, handshake.password) : false;
        if (!ok) {
          metrics.refused.inc({ reason: 'wrong_credentials' });
          return reject(401, 'Unauthorized');
        }
      } else if (cp.registrationStatus !== 'pending') {
        metrics.refused.inc({ reason: 'wrong_credentials' });
        return reject(401, 'Unauthorized');
      }
      accept({ chargePointId: cp.id }, protocol);
    } catch (err) {
      metrics.refused.inc({ reason: 'storage_unavailable' });
      log.error({ err, identity }, 'OCPP: admission failed');
      reject(503, 'Service Unavailable');
    }
  });

  rpc.on('client', (client) => {
    const identity: string = client.identity;
    const protocol = client.protocol as OcppProtocol;
    const conn: Connection = {
      identity, chargePointId: (client.session as { chargePointId: string }).chargePointId, protocol,
      bucket: new TokenBucket(settings.maxMessagesPerMinute, Date.now()), allowed: true, limitedInWindow: 0, windowStart: Date.now(),
    };
    const previous = connections.get(identity);
    connections.set(identity, { client, conn });
    // OCPP: one connection per charge point; a new one replaces a stale one.
    if (previous) void previous.client.close({ code: 1000, reason: 'Replaced by a newer connection' });
    metrics.connections.inc();

    client.on('message', ({ outbound }: { outbound: boolean }) => {
      if (outbound) return;
      const now = Date.now();
      conn.allowed = conn.bucket.take(now);
      if (conn.allowed) return;
      metrics.refused.inc({ reason: 'rate_limited' });
      if (now - conn.windowStart > 60_000) {
        conn.windowStart = now;
        conn.limitedInWindow = 0;
      }
      // A client that ignores a minute's worth of SecurityErrors is cut off (1008 policy violation).
      if (++conn.limitedInWindow > settings.maxMessagesPerMinute) {
        log.warn({ identity }, 'OCPP: closing a flooding connection');
        void client.close({ code: 1008, reason: 'Rate limit exceeded' });
      }
    });
    client.on('badMessage', ({ error }: { error: Error }) => {
      metrics.refused.inc({ reason: 'bad_message' });
      log.warn({ identity, reason: error.message }, 'OCPP: malformed message');
    });
    client.on('strictValidationFailure', ({ method, outbound, error }: { method: string; outbound: boolean; error: Error }) => {
      if (outbound) {
        log.error({ identity, method, err: error }, 'OCPP: our own response failed the schema');
      } else {
        metrics.refused.inc({ reason: 'invalid_payload' });
        log.warn({ identity, method, reason: error.message }, 'OCPP: payload failed the schema');
      }
    });
    client.on('socketError', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.refused.inc({ reason: 'oversize' });
      log.warn({ identity, reason: err.message }, 'OCPP: socket error');
    });
    client.on('close', () => {
      metrics.connections.dec();
      if (connections.get(identity)?.client !== client) return;
      connections.delete(identity);
      writer.submit({ chargePointId: conn.chargePointId, seenAt: null, connected: false }).catch((err) => {
        log.error({ err, identity }, 'OCPP: could not store a disconnect; the offline sweep will catch it');
      });
    });

    for (const action of handledActions[protocol]) {
      const handler = handlers[protocol][action]!;
      client.handle(action, async ({ params }: { params: unknown }) => {
        // Read before any await: the flag belongs to this frame.
        if (!conn.allowed) {
          throw createRPCError('SecurityError', `Rate limit: at most ${settings.maxMessagesPerMinute} messages a minute; send this again later.`);
        }
        const started = performance.now();
        let outcome = 'ok';
        try {
          const cp = await lookup(identity);
          if (!cp || cp.id !== conn.chargePointId) {
            void client.close({ code: 1008, reason: 'Charge point no longer provisioned' });
            throw createRPCError('SecurityError', 'This charge point is no longer provisioned.');
          }
          if (cp.registrationStatus === 'rejected' && action !== 'BootNotification') {
            throw createRPCError('SecurityError', 'The charge point was rejected; only BootNotification is answered.');
          }
          return await handler(cp, params as never);
        } catch (err) {
          outcome = 'error';
          if (err instanceof StorageUnavailableError) {
            metrics.refused.inc({ reason: 'storage_unavailable' });
            throw createRPCError('InternalError', err.message);
          }
          if (err instanceof Error && 'rpcErrorCode' in err) throw err;
          log.error({ err, identity, action }, 'OCPP: handler failed');
          throw createRPCError('InternalError', 'The CSMS could not process the message; send it again.');
        } finally {
          metrics.calls.observe({ action, outcome }, (performance.now() - started) / 1000);
        }
      });
    }
    // Connecting is a sign of life.
    writer.submit({ chargePointId: conn.chargePointId, seenAt: new Date(), connected: true }).catch((err) => {
      log.error({ err, identity }, 'OCPP: could not store a connection');
    });
  });

  /** HTTP upgrade requests: /ocpp/{identity} goes to the CSMS, everything else is refused. */
  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => socket.destroy());
    const pathname = (request.url ?? '').split('?')[0]!;
    if (!pathname.startsWith(pathPrefix)) {
      metrics.refused.inc({ reason: 'bad_path' });
      return refuse(socket, 404, 'Not Found');
    }
    const raw = pathname.slice(pathPrefix.length);
    let identity: string;
    try {
      identity = decodeURIComponent(raw);
    } catch {
      identity = '';
    }
    if (raw.includes('/') || identityProblem(identity)) {
      metrics.refused.inc({ reason: 'bad_identity' });
      return refuse(socket, 400, 'Bad Request');
    }
    // The HTTP server hands upgrades a net.Socket (a TLSSocket on the wss server), typed as its Duplex parent.
    void rpc.handleUpgrade(request, socket as Socket, head);
  }

  let sweepTimer: NodeJS.Timeout | null = null;
  let tlsServer: https.Server | null = null;
  const attached: HttpServer[] = [];

  async function sweepOffline(now = new Date()): Promise<number> {
    const n = await repository.sweepOffline(now, settings.offlineAfterS);
    if (n > 0) {
      metrics.offline.inc(n);
      log.info({ chargePoints: n }, 'OCPP: charge points missed their heartbeats and are offline');
    }
    return n;
  }

  let started: Promise<void> | null = null;
  async function startServing(): Promise<void> {
    const sweepEveryMs = Math.min(30_000, Math.max(1000, (settings.offlineAfterS * 1000) / 4));
    sweepTimer = setInterval(() => {
      sweepOffline().catch((err) => log.error({ err }, 'OCPP: offline sweep failed; it runs again'));
    }, sweepEveryMs);
    sweepTimer.unref();
    if (settings.tls) {
      const tls = settings.tls;
      const server = https.createServer({ cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile), minVersion: 'TLSv1.2' }, (_req, res) => {
        res.statusCode = 404;
        res.end();
      });
      server.on('upgrade', onUpgrade);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(tls.port, settings.host, () => resolve());
      });
      tlsServer = server;
      log.info({ port: tlsPortOf(server) }, 'OCPP: security profile 2 (wss) listening');
    }
  }

  return {
    writer,
    sweepOffline,
    /** How many charge points are connected to this process. */
    get connectedCount() {
      return connections.size;
    },

    /**
     * Before the app's server listens: whatever the database says is connected is not any
     * more (no connection survives a restart), and /ocpp/* upgrades go to the CSMS.
     */
    async prepare(server: HttpServer): Promise<void> {
      await repository.markAllDisconnected();
      if (!attached.includes(server)) {
        server.on('upgrade', onUpgrade);
        attached.push(server);
      }
    },

    /** Once listening: the offline sweep, and with TLS settings the wss server of security profile 2. */
    start(): Promise<void> {
      started ??= startServing();
      return started;
    },

    /** Resolves when {@link start} has finished (the wss port is bound). */
    get started(): Promise<void> {
      return started ?? Promise.resolve();
    },

    /** The TLS port actually bound (0 in settings picks a free one). */
    get tlsPort(): number | null {
      return tlsPortOf(tlsServer);
    },

    /** After a provisioning change: the next message or connection reads the charge point again. */
    invalidate(identity: string, options: { disconnect?: boolean } = {}): void {
      directory.delete(identity);
      if (options.disconnect) void connections.get(identity)?.client.close({ code: 1000, reason: 'Provisioning changed; connect again' });
    },

    /** Closes every connection, stores what is queued, and stops. */
    async close(): Promise<void> {
      if (sweepTimer) clearInterval(sweepTimer);
      for (const server of attached) server.off('upgrade', onUpgrade);
      const held = [...connections.values()].map((c) => c.conn.chargePointId);
      await rpc.close({ code: 1001, reason: 'Server shutting down', force: true });
      if (tlsServer) {
        const server = tlsServer;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }
      await writer.drain().catch(() => undefined);
      await repository.markDisconnected(held).catch((err) => log.error({ err }, 'OCPP: could not mark connections closed at shutdown'));
    },
  };
}

export type Csms = ReturnType<typeof createCsms>;
