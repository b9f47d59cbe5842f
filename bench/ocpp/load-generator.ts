/**
 * The OCPP load generator: thousands of simulated charge points speaking OCPP-J 1.6 and
 * 2.0.1 over WebSocket, in a process of its own, driven by `run.ts` over IPC (`protocol.ts`).
 *
 * It uses `ws` directly rather than ocpp-rpc's RPCClient: with 3,000 clients against a bare
 * WebSocket server, RPCClient took about 22 KB of RSS and 11 KB of heap per connection and
 * 2.3× the CPU to connect, against 14 KB and 3 KB for a plain `ws` socket — and a charge
 * point here needs exactly the OCPP-J framing, one CALL in flight, retries and reconnection,
 * which are written out below so their behaviour is the one the benchmark states.
 *
 * Every payload sent and every CALLRESULT received is checked against the official OCPP JSON
 * schemas (the copies ocpp-rpc ships): a malformed frame from either side is counted, never
 * silently measured.
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createRandom } from '../generate-points.js';
import { basicAuthHeader, callErrorFrame, callFrame, parseFrame, type OcppVersion } from './frames.js';
import {
  bootNotification, heartbeat, idTagOf, newConnector, nextTimestamp, planCycle, statusNotification, transactionCall,
  type Call, type ConnectorState, type Step,
} from './messages.js';
import type { AckedStatus, ChargerSpec, Command, GeneratorOptions, HttpReport, LatencySummary, PhaseReport, Reply } from './protocol.js';
import { backoffMs, RateSchedule, Samples } from './rate.js';

// ---------------------------------------------------------------- schemas

interface SchemaValidator {
  subprotocol: string;
  validate(schemaId: string, params: unknown): unknown;
}
const require = createRequire(import.meta.url);
const validators = require('ocpp-rpc/lib/standard-validators.js') as SchemaValidator[];
const validatorOf = (version: OcppVersion) => {
  const v = validators.find((x) => x.subprotocol === version);
  if (!v) throw new Error(`no OCPP schemas for ${version}`);
  return v;
};
const schemaValidators: Record<OcppVersion, SchemaValidator> = { 'ocpp1.6': validatorOf('ocpp1.6'), 'ocpp2.0.1': validatorOf('ocpp2.0.1') };

/** The first schema problem of a payload, or null when it validates. */
function schemaProblem(version: OcppVersion, schemaId: string, payload: unknown): string | null {
  try {
    schemaValidators[version].validate(schemaId, payload);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// ---------------------------------------------------------------- phase statistics

class PhaseStats {
  readonly startedAtMs = Date.now();
  windowEndMs = Number.POSITIVE_INFINITY;
  sent = 0;
  answered = 0;
  sentInWindow = 0;
  answeredInWindow = 0;
  callResults = 0;
  callErrors = 0;
  timeouts = 0;
  lateAnswers = 0;
  errorsByCode: Record<string, number> = {};
  errorTimesMs: number[] = [];
  latency = new Samples();
  latencyByAction = new Map<string, Samples>();
  invalidResults: Record<string, { count: number; example: string }> = {};
  invalidFrames = 0;
  csmsCalls: Record<string, number> = {};
  statusesSent = 0;
  acked: AckedStatus[] = [];
  skippedSteps = 0;
  opened = 0;
  refused: Record<string, number> = {};
  closedByServer: Record<string, number> = {};
  boots: Record<string, number> = {};
  timeline = new Map<number, { sent: number; answered: number; errors: number; opened: number; slow: number; maxMs: number }>();
  private readonly cpu0 = process.cpuUsage();
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  constructor(readonly label: string) {
    this.loop.enable();
  }

  private inWindow(now: number) {
    return now <= this.windowEndMs;
  }

  private second(now: number) {
    const s = Math.floor((now - this.startedAtMs) / 1000);
    let row = this.timeline.get(s);
    if (!row) this.timeline.set(s, (row = { sent: 0, answered: 0, errors: 0, opened: 0, slow: 0, maxMs: 0 }));
    return row;
  }

  onSent(now: number) {
    this.sent += 1;
    if (this.inWindow(now)) this.sentInWindow += 1;
    this.second(now).sent += 1;
  }

  onAnswer(now: number, action: string, ms: number, sentAt: number) {
    this.answered += 1;
    if (this.inWindow(now)) this.answeredInWindow += 1;
    this.second(now).answered += 1;
    // Slow answers are counted against the second their CALL was sent, to line up with server-side events.
    const at = this.second(sentAt);
    if (ms > 100) at.slow += 1;
    if (ms > at.maxMs) at.maxMs = ms;
    // Response times of the CALLs sent within the window (their answers may come after it). A CALL
    // sent before the phase began belongs to the one before (or to the pause between them, when
    // the driver measures the server's memory after a full garbage collection).
    if (sentAt >= this.startedAtMs && this.inWindow(sentAt)) {
      this.latency.add(ms);
      let s = this.latencyByAction.get(action);
      if (!s) this.latencyByAction.set(action, (s = new Samples()));
      s.add(ms);
    }
  }

  onError(now: number, code: string) {
    this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1;
    this.errorTimesMs.push(now);
    this.second(now).errors += 1;
  }

  onOpened(now: number) {
    this.opened += 1;
    this.second(now).opened += 1;
  }

  report(notIdle: number): PhaseReport {
    const endedAtMs = Date.now();
    this.loop.disable();
    const cpu = process.cpuUsage(this.cpu0);
    const windowEnd = Math.min(this.windowEndMs, endedAtMs);
    const windowS = (windowEnd - this.startedAtMs) / 1000;
    const latencyByAction: Record<string, LatencySummary> = {};
    for (const [action, s] of this.latencyByAction) latencyByAction[action] = s.summary();
    const seconds = [...this.timeline.keys()].sort((a, b) => a - b);
    return {
      label: this.label,
      startedAtMs: this.startedAtMs,
      endedAtMs,
      windowS,
      sent: this.sentInWindow,
      answered: this.answeredInWindow,
      sentPerS: this.sentInWindow / windowS,
      answeredPerS: this.answeredInWindow / windowS,
      callResults: this.callResults,
      callErrors: this.callErrors,
      timeouts: this.timeouts,
      lateAnswers: this.lateAnswers,
      errorsByCode: this.errorsByCode,
      errorTimesMs: this.errorTimesMs,
      latency: this.latency.summary(),
      latencyByAction,
      invalidResults: this.invalidResults,
      invalidFrames: this.invalidFrames,
      csmsCalls: this.csmsCalls,
      statusesSent: this.statusesSent,
      statusesAcked: this.acked.length,
      acked: this.acked,
      skippedSteps: this.skippedSteps,
      connections: { opened: this.opened, refused: this.refused, closedByServer: this.closedByServer, boots: this.boots },
      notIdle,
      generator: {
        cpuPercent: (100 * (cpu.user + cpu.system)) / 1000 / Math.max(1, endedAtMs - this.startedAtMs),
        loopDelayP99Ms: this.loop.percentile(99) / 1e6,
        rssMb: process.memoryUsage().rss / 1024 / 1024,
      },
      timeline: seconds.map((s) => ({ s, ...this.timeline.get(s)! })),
    };
  }
}

/** Until the first phase, and between phases, events are counted here and dropped. */
let stats = new PhaseStats('idle');

// ---------------------------------------------------------------- simulated charge points

let options: GeneratorOptions;
let random: () => number = Math.random;
let messageCounter = 0;
const nextMessageId = () => (++messageCounter).toString(36);

interface WorkItem {
  /** Built when first sent (a 1.6 meter reading needs the transactionId the CSMS returned for the start). */
  build: () => Call;
  built: Call | null;
  /** Sent again after a CALLERROR or a timeout, as a charge point does with what it must deliver. */
  retry: boolean;
  attempts: number;
  /** A status is counted as sent once, however often it is retried. */
  counted: boolean;
}

interface InFlight {
  id: string;
  item: WorkItem | 'boot';
  action: string;
  sentAt: number;
  timer: NodeJS.Timeout;
}

type ChargerState = 'offline' | 'connecting' | 'booting' | 'ready';

class SimCharger {
  state: ChargerState = 'offline';
  ws: WebSocket | null = null;
  readonly connectors: ConnectorState[];
  readonly idTag: string;
  private readonly auth: string;
  private outbox: WorkItem[] = [];
  private inFlight: InFlight | null = null;
  private waiting: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectAttempt = 0;
  private lastTimestampMs = 0;
  private transactionCounter = 0;
  heartbeatIntervalS = 60;
  /** Incremented on every boot accepted; the storm waits for it to move. */
  bootCount = 0;

  constructor(readonly spec: ChargerSpec) {
    this.connectors = Array.from({ length: spec.connectors }, (_, i) => newConnector(spec.version, i));
    this.idTag = idTagOf(spec.identity);
    this.auth = basicAuthHeader(spec.identity, spec.password);
  }

  get idle(): boolean {
    return this.state === 'ready' && this.outbox.length === 0 && this.inFlight === null && this.waiting === null;
  }

  connect(onSettled?: () => void): void {
    if (this.state !== 'offline') return;
    this.state = 'connecting';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ws = new WebSocket(`${options.baseUrl}/${encodeURIComponent(this.spec.identity)}`, [this.spec.version], {
      headers: { authorization: this.auth },
      perMessageDeflate: false,
      handshakeTimeout: 30_000,
      maxPayload: 1024 * 1024,
    });
    this.ws = ws;
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        onSettled?.();
      }
    };
    ws.on('open', () => {
      settle();
      stats.onOpened(Date.now());
      if (ws.protocol !== this.spec.version) {
        stats.refused[`subprotocol ${ws.protocol || '(none)'}`] = (stats.refused[`subprotocol ${ws.protocol || '(none)'}`] ?? 0) + 1;
        ws.close(1002, 'subprotocol not negotiated');
        return;
      }
      this.state = 'booting';
      this.sendBoot();
    });
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? '' : data.toString()));
    ws.on('error', (error) => {
      settle();
      // "Unexpected server response: 401" → 401; ECONNREFUSED etc. by code.
      const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
      const key = status ? `HTTP ${status}` : ((error as NodeJS.ErrnoException).code ?? error.message);
      if (this.state === 'connecting') stats.refused[key] = (stats.refused[key] ?? 0) + 1;
    });
    ws.on('close', (code) => {
      settle();
      if (this.ws !== ws) return;
      const wasOpen = this.state === 'booting' || this.state === 'ready';
      if (wasOpen && !this.dropping) stats.closedByServer[String(code)] = (stats.closedByServer[String(code)] ?? 0) + 1;
      this.onDisconnected();
      if (this.stopped) return;
      if (this.dropping) {
        // The storm's drop: back at once, as chargers do when their connection breaks.
        this.dropping = false;
        this.connect();
        return;
      }
      const delay = backoffMs(this.reconnectAttempt++, options.reconnectBaseMs, options.reconnectCapMs, random());
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private dropping = false;
  private stopped = false;

  /** Breaks the connection the way a lost network does (no close handshake) and reconnects. */
  drop(): void {
    if (!this.ws || this.state === 'offline') {
      this.connect();
      return;
    }
    this.dropping = true;
    this.ws.terminate();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.ws?.terminate();
  }

  private onDisconnected(): void {
    this.state = 'offline';
    this.ws = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (this.waiting) clearTimeout(this.waiting);
    this.waiting = null;
    const f = this.inFlight;
    if (f) {
      clearTimeout(f.timer);
      this.inFlight = null;
      // What was in flight was not acknowledged: it goes out again after the next boot.
      if (f.item !== 'boot' && f.item.retry) this.outbox.unshift(f.item);
    }
  }

  private send(action: string, payload: Record<string, unknown>, item: WorkItem | 'boot'): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    const problem = schemaProblem(this.spec.version, `urn:${action}.req`, payload);
    if (problem) throw new Error(`the generator built an invalid ${this.spec.version} ${action}: ${problem}`);
    const id = nextMessageId();
    const sentAt = performance.now();
    const timer = setTimeout(() => this.onTimeout(id), options.callTimeoutS * 1000);
    this.inFlight = { id, item, action, sentAt, timer };
    stats.onSent(Date.now());
    ws.send(callFrame(id, action, payload));
  }

  private sendBoot(): void {
    const boot = bootNotification(this.spec.version, this.spec.identity);
    this.send(boot.action, boot.payload, 'boot');
  }

  /** Sends the next queued message, if the line is free. */
  private pump(): void {
    if (this.state !== 'ready' || this.inFlight || this.waiting) return;
    const item = this.outbox[0];
    if (!item) return;
    item.built ??= item.build();
    item.attempts += 1;
    if (item.built.status && !item.counted) {
      item.counted = true;
      stats.statusesSent += 1;
    }
    this.send(item.built.action, item.built.payload, item);
  }

  private onTimeout(id: string): void {
    const f = this.inFlight;
    if (!f || f.id !== id) return;
    stats.timeouts += 1;
    stats.onError(Date.now(), 'timeout');
    this.inFlight = null;
    this.lateIds.add(id);
    this.afterFailure(f);
  }

  private readonly lateIds = new Set<string>();

  /** After a CALLERROR or a timeout: the boot and anything that must be delivered are sent again after a backoff. */
  private afterFailure(f: InFlight): void {
    if (f.item === 'boot') {
      this.wait(backoffMs(this.reconnectAttempt++, options.retryBaseMs, options.retryCapMs, random()), () => this.sendBoot());
      return;
    }
    if (f.item.retry) {
      this.wait(backoffMs(f.item.attempts - 1, options.retryBaseMs, options.retryCapMs, random()), () => this.pump());
    } else {
      this.outbox.shift();
      this.pump();
    }
  }

  private wait(ms: number, then: () => void): void {
    this.waiting = setTimeout(() => {
      this.waiting = null;
      then();
    }, ms);
  }

  private onMessage(text: string): void {
    const now = performance.now();
    const frame = parseFrame(text);
    if (frame.kind === 'invalid') {
      stats.invalidFrames += 1;
      return;
    }
    if (frame.kind === 'call') {
      // What the CSMS asks of a charge point (configuration, triggers) is outside this benchmark.
      stats.csmsCalls[frame.action] = (stats.csmsCalls[frame.action] ?? 0) + 1;
      this.ws?.send(callErrorFrame(frame.id, 'NotSupported', 'The benchmark charge point does not implement this action.'));
      return;
    }
    const f = this.inFlight;
    if (!f || f.id !== frame.id) {
      if (this.lateIds.delete(frame.id)) stats.lateAnswers += 1;
      else stats.invalidFrames += 1;
      return;
    }
    clearTimeout(f.timer);
    this.inFlight = null;
    const wallNow = Date.now();
    stats.onAnswer(wallNow, f.action, now - f.sentAt, wallNow - (now - f.sentAt));
    if (frame.kind === 'error') {
      stats.callErrors += 1;
      stats.onError(wallNow, frame.code);
      this.afterFailure(f);
      return;
    }
    stats.callResults += 1;
    const problem = schemaProblem(this.spec.version, `urn:${f.action}.conf`, frame.payload);
    if (problem) {
      const entry = (stats.invalidResults[f.action] ??= { count: 0, example: problem.slice(0, 300) });
      entry.count += 1;
    }
    const payload = (frame.payload ?? {}) as Record<string, unknown>;
    if (f.item === 'boot') {
      this.onBootResult(payload);
      return;
    }
    const item = f.item;
    this.outbox.shift();
    const built = item.built!;
    if (built.action === 'StartTransaction') {
      const c = this.connectors.find((x) => x.evseId === (built.payload.connectorId as number));
      if (c && typeof payload.transactionId === 'number') c.transactionId = payload.transactionId;
    }
    if (built.status) {
      stats.acked.push({
        identity: this.spec.identity,
        evseId: (this.spec.version === 'ocpp1.6' ? built.payload.connectorId : built.payload.evseId) as number,
        connectorId: this.spec.version === 'ocpp1.6' ? 0 : (built.payload.connectorId as number),
        version: this.spec.version,
        protocolStatus: built.status.protocolStatus,
        timestamp: built.status.timestamp,
        ackedAtMs: wallNow,
        attempts: item.attempts,
      });
    }
    this.pump();
  }

  private onBootResult(payload: Record<string, unknown>): void {
    const status = String(payload.status);
    stats.boots[status] = (stats.boots[status] ?? 0) + 1;
    const interval = typeof payload.interval === 'number' && payload.interval > 0 ? payload.interval : 60;
    if (status !== 'Accepted') {
      // Pending or Rejected: the CSMS says when to ask again; capped so a run ends in minutes.
      this.wait(Math.min(interval, options.bootRetryCapS) * 1000, () => this.sendBoot());
      return;
    }
    this.state = 'ready';
    this.bootCount += 1;
    this.reconnectAttempt = 0;
    this.heartbeatIntervalS = options.heartbeatOverrideS ?? interval;
    this.startHeartbeat();
    // After a boot a charge point reports every connector, ahead of whatever it queued offline.
    const now = Date.now();
    const statuses = this.connectors.map((c) => this.statusItem(c, c.status, now));
    this.outbox.unshift(...statuses);
    this.pump();
  }

  private startHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const periodMs = this.heartbeatIntervalS * 1000;
    // Spread the first beat over one interval so 10,000 charge points do not beat in step.
    const first = setTimeout(() => {
      this.beat();
      this.heartbeatTimer = setInterval(() => this.beat(), periodMs);
    }, random() * periodMs);
    this.heartbeatTimer = first;
  }

  private beat(): void {
    if (this.state !== 'ready' || this.outbox.some((i) => i.built === heartbeat)) return;
    this.outbox.push({ build: () => heartbeat, built: heartbeat, retry: false, attempts: 0, counted: false });
    this.pump();
  }

  private timestamp(nowMs: number): string {
    this.lastTimestampMs = nextTimestamp(this.lastTimestampMs, nowMs);
    return new Date(this.lastTimestampMs).toISOString();
  }

  private statusItem(c: ConnectorState, status: string, nowMs: number, errorCode?: string): WorkItem {
    c.status = status;
    const call = statusNotification(this.spec.version, c, status, this.timestamp(nowMs), errorCode);
    return { build: () => call, built: call, retry: true, attempts: 0, counted: false };
  }

  /** The next event of one connector happens now: its message joins the queue. */
  step(connectorIndex: number): void {
    const c = this.connectors[connectorIndex];
    if (!c) return;
    if (c.plan.length === 0) c.plan = planCycle(this.spec.version, random());
    const step = c.plan.shift() as Step;
    const now = Date.now();
    if (step.kind === 'status') {
      this.outbox.push(this.statusItem(c, step.status, now, step.errorCode));
    } else {
      if (step.kind === 'meter' || step.kind === 'stop') c.meterWh += 2_000 + Math.floor(random() * 30_000);
      const ts = this.timestamp(now);
      const kind = step.kind;
      this.outbox.push({
        build: () => transactionCall(this.spec.version, kind, c, this.idTag, ts, () => `${this.spec.identity}-${++this.transactionCounter}`.slice(-36)),
        built: null,
        retry: true,
        attempts: 0,
        counted: false,
      });
    }
    this.pump();
  }
}

// ---------------------------------------------------------------- phases

let chargers: SimCharger[] = [];

const reply = (message: Reply) => process.send?.(message);
const log = (message: string) => reply({ type: 'log', message });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const countNotIdle = () => chargers.reduce((n, c) => n + (c.idle ? 0 : 1), 0);

/** Waits until every charge point is idle, or the timeout; logs progress every 5 s. */
async function untilIdle(timeoutS: number, what: string): Promise<number> {
  const deadline = Date.now() + timeoutS * 1000;
  let lastLog = Date.now();
  for (;;) {
    const notIdle = countNotIdle();
    if (notIdle === 0 || Date.now() > deadline) return notIdle;
    if (Date.now() - lastLog >= 5000) {
      lastLog = Date.now();
      log(`${what}: ${chargers.length - notIdle} of ${chargers.length} charge points idle`);
    }
    await sleep(100);
  }
}

async function connectAll(timeoutS: number): Promise<PhaseReport> {
  stats = new PhaseStats('connect');
  const schedule = new RateSchedule(options.rampPerS, performance.now(), options.rampConcurrency);
  let next = 0;
  let handshaking = 0;
  let lastLog = Date.now();
  while (next < chargers.length) {
    const due = schedule.due(performance.now());
    for (let i = 0; i < due && next < chargers.length && handshaking < options.rampConcurrency; i++) {
      handshaking += 1;
      chargers[next++]!.connect(() => (handshaking -= 1));
    }
    if (Date.now() - lastLog >= 5000) {
      lastLog = Date.now();
      log(`connecting: ${next} of ${chargers.length} started, ${stats.opened} open, ${chargers.length - countNotIdle()} idle`);
    }
    await sleep(5);
  }
  const notIdle = await untilIdle(timeoutS, 'connecting');
  return stats.report(notIdle);
}

async function steady(label: string, totalPerS: number, durationS: number, drainTimeoutS: number): Promise<PhaseReport> {
  stats = new PhaseStats(label);
  const heartbeatsPerS = chargers.reduce((s, c) => s + 1 / c.heartbeatIntervalS, 0);
  const stepsPerS = Math.max(0, totalPerS - heartbeatsPerS);
  const connectorSlots = chargers.flatMap((c, ci) => c.connectors.map((_, k) => [ci, k] as const));
  log(`${label}: ${Math.round(heartbeatsPerS)} heartbeats/s + ${Math.round(stepsPerS)} status and transaction messages/s for ${durationS} s`);
  const started = performance.now();
  const schedule = new RateSchedule(stepsPerS, started);
  stats.windowEndMs = stats.startedAtMs + durationS * 1000;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now - started >= durationS * 1000) {
        clearInterval(tick);
        resolve();
        return;
      }
      const n = schedule.due(now);
      for (let i = 0; i < n; i++) {
        const [ci, k] = connectorSlots[Math.floor(random() * connectorSlots.length)]!;
        chargers[ci]!.step(k);
      }
    }, 5);
  });
  stats.skippedSteps = schedule.skipped;
  const notIdle = await untilIdle(drainTimeoutS, `${label}: draining`);
  return stats.report(notIdle);
}

async function storm(label: string, windowS: number, timeoutS: number): Promise<PhaseReport> {
  stats = new PhaseStats(label);
  const before = chargers.map((c) => c.bootCount);
  for (const c of chargers) setTimeout(() => c.drop(), random() * windowS * 1000);
  const deadline = Date.now() + (windowS + timeoutS) * 1000;
  let lastLog = Date.now();
  // Done when every charge point booted again after its drop and has nothing left to send.
  for (;;) {
    const pending = chargers.reduce((n, c, i) => n + (c.bootCount > before[i]! && c.idle ? 0 : 1), 0);
    if (pending === 0 || Date.now() > deadline) return stats.report(pending);
    if (Date.now() - lastLog >= 5000) {
      lastLog = Date.now();
      log(`${label}: ${chargers.length - pending} of ${chargers.length} charge points back`);
    }
    await sleep(100);
  }
}

/** Open-loop GETs at a fixed rate over keep-alive connections: the HTTP baseline. */
async function httpLoad(url: string, perS: number, durationS: number): Promise<HttpReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const samples = new Samples();
  let non2xx = 0;
  let errors = 0;
  let outstanding = 0;
  const started = performance.now();
  const schedule = new RateSchedule(perS, started);
  const one = () => {
    const t = performance.now();
    outstanding += 1;
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        outstanding -= 1;
        samples.add(performance.now() - t);
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
      });
    });
    req.on('error', () => {
      outstanding -= 1;
      errors += 1;
    });
  };
  while (performance.now() - started < durationS * 1000) {
    const n = schedule.due(performance.now());
    for (let i = 0; i < n; i++) one();
    await sleep(5);
  }
  const deadline = Date.now() + 30_000;
  while (outstanding > 0 && Date.now() < deadline) await sleep(20);
  agent.destroy();
  return { requests: samples.count, perS: samples.count / durationS, non2xx, errors, latency: samples.summary() };
}

// ---------------------------------------------------------------- IPC

async function handle(command: Command): Promise<void> {
  switch (command.type) {
    case 'configure': {
      options = command.options;
      random = createRandom(options.seed);
      chargers = command.chargers.map((spec) => new SimCharger(spec));
      reply({ type: 'ready' });
      return;
    }
    case 'connect':
      reply({ type: 'phase', report: await connectAll(command.timeoutS) });
      return;
    case 'steady':
      reply({ type: 'phase', report: await steady(command.label, command.totalPerS, command.durationS, command.drainTimeoutS) });
      return;
    case 'storm':
      reply({ type: 'phase', report: await storm(command.label, command.windowS, command.timeoutS) });
      return;
    case 'begin':
      stats = new PhaseStats(command.label);
      reply({ type: 'begun' });
      return;
    case 'awaitAll': {
      const notIdle = await untilIdle(command.timeoutS, `${stats.label}: reconnecting`);
      reply({ type: 'phase', report: stats.report(notIdle) });
      return;
    }
    case 'http':
      reply({ type: 'http', report: await httpLoad(command.url, command.perS, command.durationS) });
      return;
    case 'exit':
      for (const c of chargers) c.stop();
      setTimeout(() => process.exit(0), 200);
      return;
  }
}

if (!process.send) {
  console.error('The OCPP load generator runs as a child process of bench/ocpp/run.ts (npm run bench:ocpp).');
  process.exit(2);
}

// One command at a time, in order.
let queue = Promise.resolve();
process.on('message', (command: Command) => {
  queue = queue.then(() => handle(command)).catch((error: unknown) => {
    reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
// The driver gone means the run is over.
process.on('disconnect', () => process.exit(0));
