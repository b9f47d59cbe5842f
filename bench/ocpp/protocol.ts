/**
 * The messages between the benchmark driver (which runs the server) and the load generator
 * (a child process: each side of 10,000 WebSockets needs 10,000 file descriptors, and the
 * two event loops must not slow each other down). Plain JSON over Node's IPC channel.
 */
import type { OcppVersion } from './frames.js';

export interface ChargerSpec {
  identity: string;
  password: string;
  version: OcppVersion;
  connectors: number;
}

export interface GeneratorOptions {
  /** `ws://host:port/ocpp`; the identity is appended as the last path segment. */
  baseUrl: string;
  /** Heartbeat every this many seconds instead of the interval the CSMS returns; null follows the CSMS. */
  heartbeatOverrideS: number | null;
  /** A CALL unanswered after this long counts as a timeout (and a status is sent again). */
  callTimeoutS: number;
  /** Reconnection backoff after a lost connection, and retry backoff after a CALLERROR. */
  reconnectBaseMs: number;
  reconnectCapMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** A BootNotification answered Pending/Rejected is sent again after the CSMS's interval, at most this long. */
  bootRetryCapS: number;
  /** Connections opened per second while ramping up, and at most this many handshakes at once. */
  rampPerS: number;
  rampConcurrency: number;
  seed: number;
}

export type Command =
  | { type: 'configure'; options: GeneratorOptions; chargers: ChargerSpec[] }
  /** Opens every connection (bounded rate), boots, reports each connector's status; answers when all are idle. */
  | { type: 'connect'; timeoutS: number }
  /** Status changes and transactions at a rate that, with the heartbeats, adds up to `totalPerS`. */
  | { type: 'steady'; label: string; totalPerS: number; durationS: number; drainTimeoutS: number }
  /** Every charge point drops its connection at a random moment within `windowS` and reconnects at once. */
  | { type: 'storm'; label: string; windowS: number; timeoutS: number }
  /** Starts a phase that collects everything until `awaitAll` (used around a server restart). */
  | { type: 'begin'; label: string }
  /** Waits until every charge point is connected, booted and has nothing left to send; ends the phase begun by `begin`. */
  | { type: 'awaitAll'; timeoutS: number }
  /** Open-loop GETs of an HTTP URL (the baseline), from this process. */
  | { type: 'http'; url: string; perS: number; durationS: number }
  | { type: 'exit' };

/** One status a charge point sent and the CSMS acknowledged with a CALLRESULT. */
export interface AckedStatus {
  identity: string;
  /** OCPP 1.6: connectorId; OCPP 2.0.1: evseId. */
  evseId: number;
  /** OCPP 2.0.1: connectorId; OCPP 1.6: 0. */
  connectorId: number;
  version: OcppVersion;
  protocolStatus: string;
  /** The StatusNotification's timestamp (ISO 8601, ms). */
  timestamp: string;
  /** When the CALLRESULT arrived (epoch ms). */
  ackedAtMs: number;
  /** 1 when the first try was acknowledged. */
  attempts: number;
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PhaseReport {
  label: string;
  startedAtMs: number;
  endedAtMs: number;
  /** The measurement window of a steady phase (load on), else the whole phase. */
  windowS: number;
  /** CALLs sent, answered (CALLRESULT or CALLERROR) and timed out, and answers per second, within the window. */
  sent: number;
  answered: number;
  sentPerS: number;
  answeredPerS: number;
  callResults: number;
  callErrors: number;
  timeouts: number;
  /** Answers to CALLs that had already timed out. */
  lateAnswers: number;
  errorsByCode: Record<string, number>;
  /** Epoch ms of each CALLERROR and timeout, to line them up with a database outage. */
  errorTimesMs: number[];
  latency: LatencySummary;
  latencyByAction: Record<string, LatencySummary>;
  /** CALLRESULT payloads that do not validate against the official `.conf` schema, per action, with one example. */
  invalidResults: Record<string, { count: number; example: string }>;
  /** Frames from the CSMS that are not OCPP-J at all. */
  invalidFrames: number;
  /** CALLs the CSMS sent to the charge points, per action (answered NotSupported). */
  csmsCalls: Record<string, number>;
  statusesSent: number;
  statusesAcked: number;
  acked: AckedStatus[];
  /** Status steps that could not be paced because the generator fell behind (should be 0). */
  skippedSteps: number;
  connections: {
    opened: number;
    /** Handshakes refused, by HTTP status or error. */
    refused: Record<string, number>;
    closedByServer: Record<string, number>;
    boots: Record<string, number>;
  };
  /** Charge points not back to idle (connected, booted, nothing queued) when the phase ended. */
  notIdle: number;
  /** The generator's own health: CPU used and event-loop delay, to tell its limits from the server's. */
  generator: { cpuPercent: number; loopDelayP99Ms: number; rssMb: number };
  /** Per second of the phase: CALLs sent, answers, CALLERRORs + timeouts, connections opened. */
  /** Per second of the phase; \`slow\` (answers over 100 ms) and \`maxMs\` count against the second the CALL was sent. */
  timeline: Array<{ s: number; sent: number; answered: number; errors: number; opened: number; slow: number; maxMs: number }>;
}

export interface HttpReport {
  requests: number;
  perS: number;
  non2xx: number;
  errors: number;
  latency: LatencySummary;
}

export type Reply =
  | { type: 'ready' }
  | { type: 'log'; message: string }
  | { type: 'phase'; report: PhaseReport }
  | { type: 'begun' }
  | { type: 'http'; report: HttpReport }
  | { type: 'failed'; message: string };
