import fs from 'node:fs';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { VerifiedCredentials } from './ocpp.credentials.js';
import { handledActions, identityProblem, perProtocol } from './ocpp.domain.js';
import { createHandlers, viewOf, type ChargePointView } from './ocpp.handlers.js';
import type { OcppRepository } from './ocpp.repository.js';
import { createOcppTransport, OcppCallError, refuseUpgrade, type Admission, type Handshake, type OcppConnection } from './ocpp.transport.js';
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

/** What an admitted connection keeps besides the socket; the rest is in the shared directory. */
interface Session {
  chargePointId: string;
}

// Provisioning changes in this process drop an entry at once; the TTL catches changes made
// elsewhere (the command line, a re-import changing a location's EVSEs).
const directoryTtlMs = 5 * 60_000;
const pathPrefix = '/ocpp/';

function tlsPortOf(server: https.Server | null): number | null {
  const address = server?.address();
  return address && typeof address === 'object' ? address.port : null;
}

/**
 * Electrifica's CSMS: OCPP-J 1.6 and 2.0.1 over WebSocket at /ocpp/{chargePointIdentity},
 * security profiles 1 (basic auth) and 2 (the same over TLS). Framing, CALLERROR codes, the
 * rate limit and strict validation against the official schemas are the transport's
 * (`ocpp.transport.ts`); admission, the charge point directory, the handlers, metrics and
 * storage (group commit) are here.
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
  /** The open connection of each charge point (OCPP: one per identity; a newer one replaces an older one). */
  const connections = new Map<string, OcppConnection<Session>>();

  const handlers = createHandlers({ writer, repository, heartbeatIntervalS: settings.heartbeatIntervalS, now: () => new Date() });

  async function admit(handshake: Handshake): Promise<Admission<Session>> {
    try {
      return await checkAdmission(handshake);
    } catch (err) {
      // The transport answers 503 (try again later).
      log.error({ err, identity: handshake.identity }, 'OCPP: admission failed');
      throw err;
    }
  }

  async function checkAdmission(handshake: Handshake): Promise<Admission<Session>> {
    const { identity } = handshake;
    let cp = await lookup(identity);
    if (!cp) {
      if (settings.unknownChargePoints === 'reject') {
        metrics.refused.inc({ reason: 'unknown_identity' });
        return { refuse: 401, reason: 'Unauthorized' };
      }
      cp = viewOf(await repository.createPending(identity));
      directory.set(identity, { at: Date.now(), view: Promise.resolve(cp) });
      log.info({ identity }, 'OCPP: unknown charge point held as pending');
    }
    // Only a charge point nobody provisioned (pending, no password) is admitted without one.
    const admitted = cp.passwordHash !== null
      ? handshake.password !== null && await credentials.verify(cp.id, cp.passwordHash, handshake.password)
      : cp.registrationStatus === 'pending';
    if (!admitted) {
      metrics.refused.inc({ reason: 'wrong_credentials' });
      return { refuse: 401, reason: 'Unauthorized' };
    }
    return { accept: { chargePointId: cp.id } };
  }

  async function call(conn: OcppConnection<Session>, action: string, payload: unknown): Promise<object> {
    try {
      const cp = await lookup(conn.identity);
      if (!cp || cp.id !== conn.session.chargePointId) {
        conn.close(1008, 'Charge point no longer provisioned');
        throw new OcppCallError('SecurityError', 'This charge point is no longer provisioned.');
      }
      if (cp.registrationStatus === 'rejected' && action !== 'BootNotification') {
        throw new OcppCallError('SecurityError', 'The charge point was rejected; only BootNotification is answered.');
      }
      return await handlers[conn.protocol][action]!(cp, payload as never);
    } catch (err) {
      if (err instanceof OcppCallError) throw err;
      if (err instanceof StorageUnavailableError) {
        metrics.refused.inc({ reason: 'storage_unavailable' });
        throw new OcppCallError('InternalError', err.message);
      }
      // The transport answers anything else InternalError, without its details.
      log.error({ err, identity: conn.identity, action }, 'OCPP: handler failed');
      throw err;
    }
  }

  const handled = perProtocol((p): ReadonlySet<string> => new Set(handledActions[p]));

  const transport = createOcppTransport<Session>({
    maxMessageBytes: settings.maxMessageBytes,
    maxMessagesPerMinute: settings.maxMessagesPerMinute,
    maxBadFrames: 10,
    keepAliveMs: 30_000,
    maxPendingAdmissions: 256,
  }, {
    admit,
    call,
    handles: (protocol, action) => handled[protocol].has(action),
    opened(conn) {
      const previous = connections.get(conn.identity);
      connections.set(conn.identity, conn);
      if (previous) previous.close(1000, 'Replaced by a newer connection');
      metrics.connections.inc();
      // Connecting is a sign of life.
      writer.submit({ chargePointId: conn.session.chargePointId, seenAt: new Date(), connected: true }).catch((err) => {
        log.error({ err, identity: conn.identity }, 'OCPP: could not store a connection');
      });
    },
    closed(conn) {
      metrics.connections.dec();
      if (connections.get(conn.identity) !== conn) return;
      connections.delete(conn.identity);
      writer.submit({ chargePointId: conn.session.chargePointId, seenAt: null, connected: false }).catch((err) => {
        log.error({ err, identity: conn.identity }, 'OCPP: could not store a disconnect; the offline sweep will catch it');
      });
    },
    refusedUpgrade(identity, status, reason, by) {
      if (by === 'no_subprotocol' || by === 'busy') metrics.refused.inc({ reason: by });
      if (by === 'admission_failed') metrics.refused.inc({ reason: 'storage_unavailable' });
      log.warn({ identity, status, reason }, 'OCPP: connection refused');
    },
    badFrame(conn, reason) {
      metrics.refused.inc({ reason: 'bad_message' });
      log.warn({ identity: conn.identity, reason }, 'OCPP: malformed message');
    },
    invalidPayload(conn, action, reason) {
      metrics.refused.inc({ reason: 'invalid_payload' });
      log.warn({ identity: conn.identity, method: action, reason }, 'OCPP: payload failed the schema');
    },
    invalidResponse(conn, action, reason) {
      log.error({ identity: conn.identity, method: action, reason }, 'OCPP: our own response failed the schema');
    },
    rateLimited(conn, closing) {
      metrics.refused.inc({ reason: 'rate_limited' });
      if (closing) log.warn({ identity: conn.identity }, 'OCPP: closing a flooding connection');
    },
    socketError(conn, err) {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.refused.inc({ reason: 'oversize' });
      log.warn({ identity: conn.identity, reason: err.message }, 'OCPP: socket error');
    },
    answered(_conn, action, ok, ms) {
      metrics.calls.observe({ action, outcome: ok ? 'ok' : 'error' }, ms / 1000);
    },
  });

  /** HTTP upgrade requests: /ocpp/{identity} goes to the CSMS, everything else is refused. */
  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => socket.destroy());
    const pathname = (request.url ?? '').split('?')[0]!;
    if (!pathname.startsWith(pathPrefix)) {
      metrics.refused.inc({ reason: 'bad_path' });
      return refuseUpgrade(socket, 404, 'Not Found');
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
      return refuseUpgrade(socket, 400, 'Bad Request');
    }
    transport.upgrade(request, socket, head, identity).catch((err) => {
      log.error({ err, identity }, 'OCPP: upgrade failed');
      refuseUpgrade(socket, 500, 'Internal Server Error');
    });
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
      if (options.disconnect) connections.get(identity)?.close(1000, 'Provisioning changed; connect again');
    },

    /** Closes every connection, stores what is queued, and stops. */
    async close(): Promise<void> {
      if (sweepTimer) clearInterval(sweepTimer);
      for (const server of attached) server.off('upgrade', onUpgrade);
      const held = [...connections.values()].map((c) => c.session.chargePointId);
      await transport.close();
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
