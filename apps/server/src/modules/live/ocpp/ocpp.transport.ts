import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { createValidator } from 'ocpp-rpc';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { ocppProtocols, perProtocol, TokenBucket, type OcppProtocol } from './ocpp.domain.js';

/**
 * OCPP-J framing over WebSocket for the CSMS side (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4):
 * CALL in, CALLRESULT or CALLERROR out, each inbound CALL validated strictly against the
 * official JSON schemas and each answer against its response schema.
 *
 * Why our own and not ocpp-rpc's server (ADR 0011): at 10,000 connections its client object
 * (event buffers, a pending-call queue, an AbortController per incoming call, timers per
 * connection) kept ~8 KB per charge point and most of the garbage that major collections
 * marked, and those pauses were the steady-state tail. Here a connection is one small object
 * on the `ws` socket; listeners are shared functions; one timer keeps every connection alive.
 * The schemas and the validator (Ajv, with OCPP's error codes) are still ocpp-rpc's.
 */

const MSG_CALL = 2;
const MSG_CALLRESULT = 3;
const MSG_CALLERROR = 4;

/** The RPC framework error codes both versions share (1.6 spells two of them differently; see {@link wireCode}). */
export type OcppErrorCode =
  | 'FormatViolation' | 'GenericError' | 'InternalError' | 'MessageTypeNotSupported' | 'NotImplemented' | 'NotSupported'
  | 'OccurrenceConstraintViolation' | 'PropertyConstraintViolation' | 'ProtocolError' | 'RpcFrameworkError'
  | 'SecurityError' | 'TypeConstraintViolation';

/** Thrown by a call handler (or the transport) to answer a CALL with CALLERROR. */
export class OcppCallError extends Error {
  constructor(readonly code: OcppErrorCode, message: string) {
    super(message);
    this.name = 'OcppCallError';
  }
}

/**
 * The code as each version writes it: OCPP-J 1.6 says FormationViolation where 2.0.1 says
 * FormatViolation. (Both write OccurrenceConstraintViolation: 1.6's "Occurence" was
 * corrected in its errata.)
 */
function wireCode(protocol: OcppProtocol, code: OcppErrorCode): string {
  return protocol === 'ocpp1.6' && code === 'FormatViolation' ? 'FormationViolation' : code;
}

const require = createRequire(import.meta.url);
const schemaFiles: Record<OcppProtocol, string> = { 'ocpp1.6': 'ocpp1_6.json', 'ocpp2.0.1': 'ocpp2_0_1.json' };
const schemas = perProtocol((p): Array<{ $id: string }> => require(`ocpp-rpc/lib/schemas/${schemaFiles[p]}`));
const validators = perProtocol((p): { validate(schemaId: string, params: unknown): unknown } => createValidator(p, schemas[p]));
/** Every action each version defines (a request schema `urn:<Action>.req`). */
const definedActions = perProtocol((p): ReadonlySet<string> => new Set(schemas[p].filter((x) => x.$id.endsWith('.req')).map((x) => x.$id.slice(4, -4))));

/** The first schema failure as OCPP names it, or null when the payload is valid. */
export function schemaProblem(protocol: OcppProtocol, schemaId: string, payload: unknown): OcppCallError | null {
  try {
    validators[protocol].validate(schemaId, payload);
    return null;
  } catch (err) {
    // ocpp-rpc's validator names the failing JSON Schema keyword's OCPP code, in its own spelling.
    const e = err as Error & { rpcErrorCode?: string };
    const code = e.rpcErrorCode === 'OccurenceConstraintViolation' ? 'OccurrenceConstraintViolation' : e.rpcErrorCode;
    return new OcppCallError((code as OcppErrorCode | undefined) ?? 'FormatViolation', e.message);
  }
}

export interface Handshake {
  identity: string;
  protocol: OcppProtocol;
  /** The Basic auth password, when the header named this identity as the user; bytes, as OCPP allows binary keys. */
  password: Buffer | null;
  remoteAddress: string | undefined;
}

export type Admission<S> = { accept: S } | { refuse: 400 | 401 | 503; reason: string };

/** What the transport tells its owner; every hook is optional except admission and calls. */
export interface TransportHooks<S> {
  /** Admission of an upgrade (credentials, the charge point directory). */
  admit(handshake: Handshake): Promise<Admission<S>>;
  /** A CALL that passed the schema; resolves with the response payload or throws {@link OcppCallError}. */
  call(connection: OcppConnection<S>, action: string, payload: unknown): Promise<object>;
  /** Is this action answered at all? The rest get NotSupported or NotImplemented before any validation. */
  handles(protocol: OcppProtocol, action: string): boolean;
  opened?(connection: OcppConnection<S>): void;
  closed?(connection: OcppConnection<S>, code: number): void;
  /**
   * An upgrade refused: by admission (`admission`: the owner counted it already), or by the
   * transport itself for want of an OCPP subprotocol, while busy or shutting down, or because
   * admission failed.
   */
  refusedUpgrade?(identity: string, status: number, reason: string, by: 'admission' | 'no_subprotocol' | 'busy' | 'shutting_down' | 'admission_failed'): void;
  badFrame?(connection: OcppConnection<S>, reason: string): void;
  invalidPayload?(connection: OcppConnection<S>, action: string, reason: string): void;
  invalidResponse?(connection: OcppConnection<S>, action: string, reason: string): void;
  rateLimited?(connection: OcppConnection<S>, closing: boolean): void;
  socketError?(connection: OcppConnection<S>, error: Error & { code?: string }): void;
  answered?(connection: OcppConnection<S>, action: string, ok: boolean, ms: number): void;
}

export interface TransportSettings {
  maxMessageBytes: number;
  maxMessagesPerMinute: number;
  /** Malformed frames in a row before the connection is closed (1002). */
  maxBadFrames: number;
  /** An idle connection is pinged after this long, and dropped if the ping is not answered within it. */
  keepAliveMs: number;
  /**
   * Handshakes admitted at once; beyond them an upgrade is answered 503 with Retry-After at
   * once. After a restart every charge point comes back together and each first admission
   * costs a password hash: a bounded queue answers them in time instead of letting
   * thousands wait until their handshakes time out, each hash computed for nobody.
   */
  maxPendingAdmissions: number;
}

/** One charge point's connection: the socket, its session and a few counters. */
export class OcppConnection<S> {
  /** Last frame or pong, for the keep-alive (see {@link heard}). */
  lastHeardMs: number;
  pingSentMs = 0;
  badFrames = 0;
  limitedInWindow = 0;
  windowStartMs: number;
  /** Message ids of calls being answered (OCPP forbids reusing one before its answer); created on demand. */
  inFlight: Set<string> | null = null;
  readonly bucket: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    readonly identity: string,
    readonly protocol: OcppProtocol,
    readonly session: S,
    perMinute: number,
    now: number,
  ) {
    this.lastHeardMs = now;
    this.windowStartMs = now;
    this.bucket = new TokenBucket(perMinute, now);
  }

  /** Any frame or pong: the peer is alive, and no ping is outstanding. */
  heard(now: number): void {
    this.lastHeardMs = now;
    this.pingSentMs = 0;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }
}

/** RFC 6455 §4.2.2 / RFC 7230: a refused upgrade is a plain HTTP response, then the socket closes. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
  if (socket.writable) {
    const head = Object.entries({ Connection: 'close', 'Content-Length': '0', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n`);
  }
  socket.destroy();
}

/** Comma-separated tokens of Sec-WebSocket-Protocol. */
function offeredProtocols(header: string | undefined): Set<string> {
  return new Set((header ?? '').split(',').map((p) => p.trim()).filter(Boolean));
}

/**
 * Basic auth of OCPP security profiles 1 and 2: the user is the identity; the password may be
 * binary (the OCPP security white paper recommends random keys), so it stays bytes. A header
 * naming another user counts as no password.
 */
export function basicAuthPassword(header: string | undefined, identity: string): Buffer | null {
  const m = header?.match(/^\s*basic\s+([A-Za-z0-9+/]+=*)\s*$/i);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64');
  const user = Buffer.from(`${identity}:`);
  return decoded.length >= user.length && user.equals(decoded.subarray(0, user.length)) ? decoded.subarray(user.length) : null;
}

// Shared listeners: `this` is the socket, its connection hangs off it (no closures per connection).
const connectionOf = Symbol('ocppConnection');
type Socket<S> = WebSocket & { [connectionOf]?: OcppConnection<S> };

export function createOcppTransport<S>(settings: TransportSettings, hooks: TransportHooks<S>) {
  const connections = new Set<OcppConnection<S>>();
  let closing = false;
  let admitting = 0;

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: settings.maxMessageBytes,
    // Admission already chose; this repeats the same preference for the 101 response.
    handleProtocols: (offered) => ocppProtocols.find((p) => offered.has(p)) ?? false,
  });

  function send(conn: OcppConnection<S>, frame: unknown[]): void {
    if (conn.isOpen) conn.ws.send(JSON.stringify(frame));
  }

  const callErrorFrame = (conn: OcppConnection<S>, messageId: string, code: OcppErrorCode, description: string) =>
    [MSG_CALLERROR, messageId, wireCode(conn.protocol, code), description, {}];

  function callError(conn: OcppConnection<S>, messageId: string, code: OcppErrorCode, description: string): void {
    send(conn, callErrorFrame(conn, messageId, code, description));
  }

  function badFrame(conn: OcppConnection<S>, messageId: string, code: OcppErrorCode, reason: string, answer: boolean): void {
    hooks.badFrame?.(conn, reason);
    if (++conn.badFrames > settings.maxBadFrames) {
      conn.close(1002, 'Protocol error');
      return;
    }
    if (answer) callError(conn, messageId, code, reason);
  }

  const overBudget = `Rate limit: at most ${settings.maxMessagesPerMinute} messages a minute; send this again later.`;

  /** The token bucket; false when this frame is over budget (and the flood may be cut off). */
  function withinRate(conn: OcppConnection<S>, now: number): boolean {
    if (conn.bucket.take(now)) return true;
    if (now - conn.windowStartMs > 60_000) {
      conn.windowStartMs = now;
      conn.limitedInWindow = 0;
    }
    // A client that ignores a minute's worth of SecurityErrors is cut off (1008 policy violation).
    const cutOff = ++conn.limitedInWindow > settings.maxMessagesPerMinute;
    hooks.rateLimited?.(conn, cutOff);
    if (cutOff) conn.close(1008, 'Rate limit exceeded');
    return false;
  }

  async function answer(conn: OcppConnection<S>, messageId: string, action: string, payload: unknown, startedMs: number): Promise<void> {
    let frame: unknown[];
    let ok = true;
    try {
      const result = await hooks.call(conn, action, payload);
      const wrong = schemaProblem(conn.protocol, `urn:${action}.conf`, result);
      if (wrong) {
        hooks.invalidResponse?.(conn, action, wrong.message);
        throw new OcppCallError('InternalError', 'The CSMS produced an invalid response; send the message again.');
      }
      frame = [MSG_CALLRESULT, messageId, result];
    } catch (err) {
      ok = false;
      const e = err instanceof OcppCallError ? err : new OcppCallError('InternalError', 'The CSMS could not process the message; send it again.');
      frame = callErrorFrame(conn, messageId, e.code, e.message);
    } finally {
      conn.inFlight?.delete(messageId);
      if (conn.inFlight?.size === 0) conn.inFlight = null;
    }
    hooks.answered?.(conn, action, ok, performance.now() - startedMs);
    send(conn, frame);
  }

  function onMessage(this: Socket<S>, data: RawData): void {
    const conn = this[connectionOf];
    if (!conn) return;
    const now = Date.now();
    conn.heard(now);
    const text = data.toString();
    // Some charge points send empty frames as keep-alives.
    if (text.length === 0) return;
    // Every frame spends from the budget, malformed ones too; over it, only CALLs are answered.
    const allowed = withinRate(conn, now);
    if (!conn.isOpen) return;

    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return badFrame(conn, '-1', 'RpcFrameworkError', 'Message must be a JSON structure', allowed);
    }
    if (!Array.isArray(frame)) return badFrame(conn, '-1', 'RpcFrameworkError', 'Message must be an array', allowed);
    const [type, messageId, action, payload] = frame as [unknown, unknown, unknown, unknown];
    if (typeof type !== 'number') return badFrame(conn, '-1', 'RpcFrameworkError', 'Message type must be a number', allowed);
    // OCPP 2.0.1 Part 4 §4.4: an unknown message type is answered before its id is read.
    if (type !== MSG_CALL && type !== MSG_CALLRESULT && type !== MSG_CALLERROR) {
      return badFrame(conn, '-1', 'MessageTypeNotSupported', 'Unrecognised message type', allowed);
    }
    if (typeof messageId !== 'string') return badFrame(conn, '-1', 'RpcFrameworkError', 'Message ID must be a string', allowed);
    // The CSMS sends no calls, so any answer is to nothing; answers are never answered.
    if (type !== MSG_CALL) return badFrame(conn, messageId, 'RpcFrameworkError', `Answer to unknown message ID: ${messageId}`, false);
    if (typeof action !== 'string') return badFrame(conn, messageId, 'RpcFrameworkError', 'Action must be a string', allowed);
    conn.badFrames = 0;

    if (!allowed) return callError(conn, messageId, 'SecurityError', overBudget);
    if (conn.inFlight?.has(messageId)) return callError(conn, messageId, 'RpcFrameworkError', `Already processing a call with message ID: ${messageId}`);
    // OCPP-J: NotSupported for an action the version defines that this CSMS does not take,
    // NotImplemented for one the version does not know.
    if (!hooks.handles(conn.protocol, action)) {
      return definedActions[conn.protocol].has(action)
        ? callError(conn, messageId, 'NotSupported', `${action} is not supported by this CSMS`)
        : callError(conn, messageId, 'NotImplemented', `${action} is not an OCPP ${conn.protocol.slice(4)} action`);
    }
    const wrong = schemaProblem(conn.protocol, `urn:${action}.req`, payload);
    if (wrong) {
      hooks.invalidPayload?.(conn, action, wrong.message);
      return callError(conn, messageId, wrong.code, wrong.message);
    }
    (conn.inFlight ??= new Set()).add(messageId);
    void answer(conn, messageId, action, payload, performance.now());
  }

  function onPong(this: Socket<S>): void {
    const conn = this[connectionOf];
    conn?.heard(Date.now());
  }

  function onError(this: Socket<S>, err: Error): void {
    const conn = this[connectionOf];
    if (conn) hooks.socketError?.(conn, err);
  }

  function onClose(this: Socket<S>, code: number): void {
    const conn = this[connectionOf];
    if (!conn) return;
    connections.delete(conn);
    hooks.closed?.(conn, code);
  }

  // One timer for every connection. Only idle connections are pinged, a few each second, so
  // 10,000 pings never leave in one burst (ocpp-rpc kept a timer per connection).
  const keepAlive = setInterval(() => {
    const now = Date.now();
    for (const conn of connections) {
      if (conn.pingSentMs > 0) {
        if (now - conn.pingSentMs > settings.keepAliveMs) conn.ws.terminate();
      } else if (now - conn.lastHeardMs > settings.keepAliveMs && conn.isOpen) {
        conn.pingSentMs = now;
        conn.ws.ping();
      }
    }
  }, Math.min(1000, settings.keepAliveMs));
  keepAlive.unref();

  return {
    get size(): number {
      return connections.size;
    },

    /** An upgrade to /ocpp/{identity} whose identity is well-formed: admit it or refuse it. */
    async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, identity: string): Promise<void> {
      const offered = offeredProtocols(request.headers['sec-websocket-protocol']);
      const protocol = ocppProtocols.find((p) => offered.has(p));
      const remoteAddress = request.socket.remoteAddress;
      const refuse = (status: number, reason: string, by: Parameters<NonNullable<TransportHooks<S>['refusedUpgrade']>>[3]) => {
        hooks.refusedUpgrade?.(identity, status, reason, by);
        const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Basic realm="OCPP", charset="UTF-8"' } : status === 503 ? { 'Retry-After': '5' } : {};
        refuseUpgrade(socket, status, status === 503 ? 'Service Unavailable' : reason, headers);
      };
      if (closing) return refuse(503, 'Server shutting down', 'shutting_down');
      if (!protocol) return refuse(400, 'Offer the WebSocket subprotocol ocpp2.0.1 or ocpp1.6', 'no_subprotocol');
      if (admitting >= settings.maxPendingAdmissions) return refuse(503, 'Busy admitting other charge points', 'busy');
      const handshake: Handshake = { identity, protocol, password: basicAuthPassword(request.headers.authorization, identity), remoteAddress };
      let admission: Admission<S>;
      admitting += 1;
      try {
        admission = await hooks.admit(handshake);
      } catch {
        return refuse(503, 'Admission failed', 'admission_failed');
      } finally {
        admitting -= 1;
      }
      if ('refuse' in admission) return refuse(admission.refuse, admission.reason, 'admission');
      if (closing || socket.destroyed) return refuseUpgrade(socket, 503, 'Service Unavailable');
      wss.handleUpgrade(request, socket, head, (ws: Socket<S>) => {
        const conn = new OcppConnection(ws, identity, protocol, admission.accept, settings.maxMessagesPerMinute, Date.now());
        ws[connectionOf] = conn;
        ws.on('message', onMessage);
        ws.on('pong', onPong);
        ws.on('error', onError);
        ws.on('close', onClose);
        connections.add(conn);
        hooks.opened?.(conn);
      });
    },

    /** Closes every connection (1001, going away) and stops accepting; resolves when all are closed. */
    async close(graceMs = 1000): Promise<void> {
      closing = true;
      clearInterval(keepAlive);
      const open = [...connections];
      const closed = open.map((conn) => new Promise<void>((resolve) => {
        if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
        conn.ws.once('close', () => resolve());
        conn.close(1001, 'Server shutting down');
      }));
      // A peer that does not answer the close frame is cut off after the grace period.
      const timer = setTimeout(() => { for (const conn of open) conn.ws.terminate(); }, graceMs);
      await Promise.all(closed);
      clearTimeout(timer);
      wss.close();
    },
  };
}

export type OcppTransport<S> = ReturnType<typeof createOcppTransport<S>>;
