/**
 * OCPP live-status benchmark (`npm run bench:ocpp -w @electrifica/server`, part of `npm run bench`).
 *
 * The app runs in this process, as `main.ts` runs it, on a PostgreSQL scratch database
 * (and on PGlite, smaller); the load generator (`load-generator.ts`) runs in a child process
 * and connects SYNTHETIC charge points over real OCPP-J. Phases:
 *  1. steady: every charge point connected, heartbeats plus status changes and transactions
 *     at a fixed total rate; response times of every CALL, CALLERRORs, server memory per
 *     connection, and GET /api/health at the same rate just before as the baseline;
 *  2. storm: every charge point drops its connection within a window and reconnects at once
 *     (BootNotification, then a StatusNotification per connector); then the database is
 *     checked for every acknowledged status;
 *  3. outage (PostgreSQL): the same storm with the database refusing connections for a few
 *     seconds in the middle; nothing acknowledged may be missing, and the charge points'
 *     retries must land after it;
 *  4. restart: the app is closed and created again on the same database; the charge points
 *     reconnect with backoff and their statuses after the restart are stored.
 * Prints a table and one `BENCH_OCPP_RESULT {json}` line. No thresholds.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp, type ElectrificaApp } from '../../apps/server/src/app.js';
import type { AppConfig } from '../../apps/server/src/config.js';
import { fromOcpp16, fromOcpp201, type Ocpp16Status, type Ocpp201Status } from '../../apps/server/src/modules/live/status.domain.js';
import { openDatabase, type DatabaseHandle } from '../../apps/server/src/platform/db/database.js';
import { benchConfig, redactUrl, type EngineName, engineLabels } from '../engines.js';
import { generatePoints } from '../generate-points.js';
import { fixed, int, ms, ratio, roundForJson, table } from '../report.js';
import type { AckedStatus, ChargerSpec, Command, GeneratorOptions, HttpReport, PhaseReport, Reply } from './protocol.js';
import { ServerTrace, type TraceSummary, withPromotedGarbageProfile } from './trace.js';

// ---------------------------------------------------------------- settings

class SettingsError extends Error {}

function numberSetting(name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = process.env[name]?.replace(/[_,]/g, '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new SettingsError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${process.env[name]}"`);
  }
  return value;
}

const allPhases = ['steady', 'storm', 'outage', 'restart'] as const;
type PhaseName = (typeof allPhases)[number];

function readSettings() {
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || null;
  const engines = (process.env.BENCH_OCPP_ENGINES?.trim() || 'postgres,pglite').split(',').map((s) => s.trim().toLowerCase());
  if (engines.some((e) => e !== 'pglite' && e !== 'postgres')) throw new SettingsError(`BENCH_OCPP_ENGINES must list postgres and/or pglite; got "${process.env.BENCH_OCPP_ENGINES}"`);
  const phases = (process.env.BENCH_OCPP_PHASES?.trim() || allPhases.join(',')).split(',').map((s) => s.trim());
  if (phases.some((p) => !(allPhases as readonly string[]).includes(p))) throw new SettingsError(`BENCH_OCPP_PHASES must list some of ${allPhases.join(', ')}; got "${process.env.BENCH_OCPP_PHASES}"`);
  const chargePoints = numberSetting('BENCH_OCPP_CHARGE_POINTS', 10_000, 1, 18_000);
  return {
    databaseUrl,
    engines: engines as EngineName[],
    phases: phases as PhaseName[],
    chargePoints,
    /** PGlite answers every message from the server's own thread: it gets a smaller fleet by default. */
    pgliteChargePoints: numberSetting('BENCH_OCPP_PGLITE_CHARGE_POINTS', Math.min(chargePoints, 2_000), 1, 18_000),
    connectors: numberSetting('BENCH_OCPP_CONNECTORS', 2, 1, 8),
    v201Share: numberSetting('BENCH_OCPP_V201_SHARE', 0.2, 0, 1, false),
    ratePerS: numberSetting('BENCH_OCPP_RATE', 1_100, 1, 100_000),
    pgliteRatePerS: numberSetting('BENCH_OCPP_PGLITE_RATE', 200, 1, 100_000),
    /** The baseline's rate: low enough not to queue on a busy machine, so it shows what a trivial request costs. */
    healthPerS: numberSetting('BENCH_OCPP_HEALTH_RATE', 100, 1, 100_000),
    durationS: numberSetting('BENCH_OCPP_DURATION_S', 60, 1, 3_600),
    heartbeatS: numberSetting('BENCH_OCPP_HEARTBEAT_S', 60, 5, 86_400),
    stormS: numberSetting('BENCH_OCPP_STORM_S', 30, 1, 600),
    outageS: numberSetting('BENCH_OCPP_OUTAGE_S', 5, 1, 120),
    restartGapS: numberSetting('BENCH_OCPP_RESTART_GAP_S', 2, 0, 120),
    afterRestartS: numberSetting('BENCH_OCPP_AFTER_RESTART_S', 10, 1, 600),
    rampPerS: numberSetting('BENCH_OCPP_RAMP_PER_S', 500, 1, 100_000),
    port: numberSetting('BENCH_OCPP_PORT', 4104, 0, 65_535),
    seed: numberSetting('BENCH_OCPP_SEED', 2026, 0, 0xffffffff),
  };
}
type Settings = ReturnType<typeof readSettings>;

// ---------------------------------------------------------------- progress

const t0 = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));

// The server's heap is measured after a full collection; tsx gives no --expose-gc, V8 can be told at run time.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function serverMemory() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rssBytes: m.rss, heapUsedBytes: m.heapUsed };
}

/**
 * The server runs in this process. An exception nothing catches would end a real server;
 * here it is recorded against the phase it happened in and the run goes on, so the report
 * can say what would have crashed instead of ending without one.
 */
const uncaught: Array<{ phase: string; message: string }> = [];
let currentPhase = 'setup';
process.on('uncaughtException', (error) => {
  uncaught.push({ phase: currentPhase, message: error instanceof Error ? error.message : String(error) });
  log(`UNCAUGHT EXCEPTION in the server process during ${currentPhase} (a real server would exit here): ${error instanceof Error ? error.message : String(error)}`);
});

// ---------------------------------------------------------------- the load generator process

class Generator {
  private readonly child: ChildProcess;
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private exited = false;

  constructor(label: string) {
    // The child inherits tsx's loader flags from this process (execArgv).
    this.child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.child.on('message', (m: Reply) => {
      if (m.type === 'log') return log(`  ${label}: ${m.message}`);
      const w = this.waiting;
      this.waiting = null;
      if (!w) return;
      if (m.type === 'failed') w.reject(new Error(`load generator: ${m.message}`));
      else w.resolve(m);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.waiting?.reject(new Error(`the load generator exited (${signal ?? code}) before answering`));
      this.waiting = null;
    });
  }

  request(command: Command): Promise<Reply> {
    if (this.exited) return Promise.reject(new Error('the load generator has exited'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.child.send(command);
    });
  }

  async phase(command: Command): Promise<PhaseReport> {
    const r = await this.request(command);
    if (r.type !== 'phase') throw new Error(`expected a phase report, got ${r.type}`);
    return r.report;
  }

  async http(url: string, perS: number, durationS: number): Promise<HttpReport> {
    const r = await this.request({ type: 'http', url, perS, durationS });
    if (r.type !== 'http') throw new Error(`expected an HTTP report, got ${r.type}`);
    return r.report;
  }

  async exit(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'exit' } satisfies Command);
    await Promise.race([gone, sleep(10_000)]);
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------- the database

/** Own scratch name, so this benchmark and the others can run at the same time on one server. */
const scratchName = 'electrifica_bench_ocpp';

interface Scratch {
  databaseUrl: string;
  admin: pg.Client;
  drop(): Promise<void>;
}

/** Dropped on Ctrl-C or SIGTERM too, when the process gets the chance (the next run replaces a leftover one). */
let activeScratch: Scratch | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping the scratch database and stopping`);
    void (activeScratch?.drop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

async function createScratch(serverUrl: string): Promise<Scratch> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`drop database if exists ${scratchName} with (force)`);
  await admin.query(`create database ${scratchName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${scratchName}`;
  return {
    databaseUrl: url.toString(),
    admin,
    async drop() {
      try {
        await admin.query(`alter database ${scratchName} allow_connections true`);
        await admin.query(`drop database if exists ${scratchName} with (force)`);
      } finally {
        await admin.end().catch(() => {});
      }
    },
  };
}

// ---------------------------------------------------------------- synthetic fleet

/**
 * SYNTHETIC census locations, one per charge point, as OCPI 2.2.1 Locations of the made-up
 * party MX*SYN, through the real import pipeline. Points are seeded around real localities;
 * EVSE uids `EVSE-1…n` so that OCPP connector (1.6) or EVSE (2.0.1) n is the n-th EVSE under
 * the CSMS's implicit port mapping.
 */
function syntheticLocations(count: number, connectors: number, seed: number): Uint8Array {
  const points = generatePoints({ count, seed, uniformShare: 0 });
  const locations = Array.from({ length: count }, (_, i) => ({
    country_code: 'MX',
    party_id: 'SYN',
    id: `BENCH-OCPP-${i}`,
    publish: true,
    name: `SINTÉTICO — banco de pruebas OCPP ${i}`,
    address: 'Dirección sintética',
    city: 'Sintética',
    country: 'MEX',
    coordinates: { latitude: points.lat[i]!.toFixed(6), longitude: points.lon[i]!.toFixed(6) },
    evses: Array.from({ length: connectors }, (_, k) => ({
      uid: `EVSE-${k + 1}`,
      status: 'AVAILABLE',
      connectors: [{ id: '1', standard: 'IEC_62196_T1_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 500, max_amperage: 125, last_updated: '2026-01-01T00:00:00Z' }],
      last_updated: '2026-01-01T00:00:00Z',
    })),
    last_updated: '2026-01-01T00:00:00Z',
  }));
  return new TextEncoder().encode(JSON.stringify(locations));
}

const identityOf = (i: number) => `SYN-BENCH-${String(i).padStart(5, '0')}`;

function fleet(settings: Settings, count: number): ChargerSpec[] {
  // Every 1/share-th charge point speaks 2.0.1, spread evenly through the fleet.
  const every = settings.v201Share > 0 ? 1 / settings.v201Share : Number.POSITIVE_INFINITY;
  let next201 = every / 2;
  return Array.from({ length: count }, (_, i) => {
    let version: ChargerSpec['version'] = 'ocpp1.6';
    if (i + 1 >= next201) {
      version = 'ocpp2.0.1';
      next201 += every;
    }
    return { identity: identityOf(i), password: syntheticPassword, version, connectors: settings.connectors };
  });
}

/** One password for the synthetic fleet (16–40 printable characters, as OCPP wants). */
const syntheticPassword = 'SINTETICO-bench-ocpp-2026';

// ---------------------------------------------------------------- storage checks

/** The census status a protocol status stands for (the core mapping, `status.domain.ts`). */
const ocpiOf = (a: Pick<AckedStatus, 'version' | 'protocolStatus'>) =>
  a.version === 'ocpp1.6' ? fromOcpp16(a.protocolStatus as Ocpp16Status) : fromOcpp201(a.protocolStatus as Ocpp201Status);

interface StorageCheck {
  acked: number;
  /** Acknowledged statuses with no history entry (same charge point, time and status). */
  lost: number;
  /** History entries received during the phase, for comparison with `acked` (retries may store a status twice). */
  storedInPhase: number;
  ports: number;
  /** Ports whose current status (charge_point_port) is not the newest acknowledged one. */
  portMismatches: number;
  /** Census EVSEs (charging_evse_status) whose current status is neither the newest acknowledged one nor newer. */
  censusMismatches: number;
  /** Census EVSEs showing a newer status from another source (e.g. the offline sweep). */
  censusNewer: number;
  /** Ports not linked to a census EVSE (should be 0: every synthetic port has one). */
  unmapped: number;
}

async function checkStorage(db: DatabaseHandle['db'], acked: AckedStatus[], latest: Map<string, AckedStatus>, phaseStartDb: string): Promise<StorageCheck> {
  let lost = 0;
  for (let i = 0; i < acked.length; i += 20_000) {
    const chunk = acked.slice(i, i + 20_000).map((a) => ({ identity: a.identity, ts: a.timestamp, status: a.protocolStatus }));
    const r = await sql<{ lost: number }>`
      select count(*)::int as lost
      from json_to_recordset(${JSON.stringify(chunk)}::json) as a(identity text, ts timestamptz, status text)
      left join charge_point cp on cp.identity = a.identity
      where not exists (
        select 1 from charging_status_event e
        where e.charge_point_id = cp.id and e.occurred_at = a.ts and e.protocol_status = a.status)`.execute(db);
    lost += r.rows[0]?.lost ?? 0;
  }
  const stored = await sql<{ n: number }>`
    select count(*)::int as n from charging_status_event e join charge_point cp on cp.id = e.charge_point_id
    where e.received_at >= ${phaseStartDb}::timestamptz and cp.identity like 'SYN-BENCH-%'`.execute(db);
  let portMismatches = 0;
  let censusMismatches = 0;
  let censusNewer = 0;
  let unmapped = 0;
  const last = [...latest.values()];
  for (let i = 0; i < last.length; i += 20_000) {
    const chunk = last.slice(i, i + 20_000).map((a) => ({ identity: a.identity, evse: a.evseId, connector: a.connectorId, ts: a.timestamp, status: a.protocolStatus, ocpi: ocpiOf(a) }));
    const r = await sql<{ port_mismatches: number; census_mismatches: number; census_newer: number; unmapped: number }>`
      select
        count(*) filter (where p.charge_point_id is null or p.status_at <> l.ts or p.protocol_status <> l.status)::int as port_mismatches,
        count(*) filter (where p.location_id is not null and (s.status_at is null or s.status_at < l.ts or (s.status_at = l.ts and s.status <> l.ocpi)))::int as census_mismatches,
        count(*) filter (where p.location_id is not null and s.status_at > l.ts)::int as census_newer,
        count(*) filter (where p.charge_point_id is not null and p.location_id is null)::int as unmapped
      from json_to_recordset(${JSON.stringify(chunk)}::json) as l(identity text, evse int, connector int, ts timestamptz, status text, ocpi text)
      left join charge_point cp on cp.identity = l.identity
      left join charge_point_port p on p.charge_point_id = cp.id and p.ocpp_evse_id = l.evse and p.ocpp_connector_id = l.connector
      left join charging_evse_status s on s.location_id = p.location_id and s.evse_uid = p.evse_uid`.execute(db);
    const row = r.rows[0];
    portMismatches += row?.port_mismatches ?? 0;
    censusMismatches += row?.census_mismatches ?? 0;
    censusNewer += row?.census_newer ?? 0;
    unmapped += row?.unmapped ?? 0;
  }
  return { acked: acked.length, lost, storedInPhase: stored.rows[0]?.n ?? 0, ports: last.length, portMismatches, censusMismatches, censusNewer, unmapped };
}

const dbNow = async (db: DatabaseHandle['db']) => (await sql<{ now: string }>`select now()::text as now`.execute(db)).rows[0]!.now;

/** Remembers the newest acknowledged status of every port, across phases. */
function track(latest: Map<string, AckedStatus>, acked: AckedStatus[]) {
  for (const a of acked) {
    const key = `${a.identity}/${a.evseId}/${a.connectorId}`;
    const prev = latest.get(key);
    if (!prev || prev.timestamp < a.timestamp) latest.set(key, a);
  }
}

// ---------------------------------------------------------------- one engine

interface PhaseResult {
  phase: string;
  report: Omit<PhaseReport, 'acked' | 'errorTimesMs' | 'timeline'> & { timeline?: PhaseReport['timeline'] };
  storage?: StorageCheck;
  extra?: Record<string, unknown>;
}

interface EngineResult {
  engine: string;
  chargePoints: number;
  v201: number;
  connectors: number;
  targetPerS: number;
  setupSeconds: { open: number; locations: number; provision: number };
  health?: HttpReport;
  memory?: { connections: number; rssPerConnectionKb: number; heapPerConnectionKb: number; rssBeforeMb: number; rssAfterMb: number };
  serverLoopDelayP99Ms?: number;
  steadyTrace?: TraceSummary;
  phases: PhaseResult[];
  error?: string;
}

const slim = (r: PhaseReport, keepTimeline = false): PhaseResult['report'] => {
  const { acked: _a, errorTimesMs: _e, timeline, ...rest } = r;
  return keepTimeline ? { ...rest, timeline } : rest;
};

function config(settings: Settings, databaseUrl: string | null): AppConfig {
  return {
    ...benchConfig(databaseUrl),
    port: settings.port,
    host: '127.0.0.1',
    ocppHeartbeatIntervalS: settings.heartbeatS,
    // The run is shorter than a few heartbeat windows; the sweep is part of the app as configured.
    ocppOfflineAfterS: 3 * settings.heartbeatS,
  };
}

async function runEngine(name: EngineName, settings: Settings): Promise<EngineResult> {
  const label = engineLabels[name];
  const count = name === 'pglite' ? settings.pgliteChargePoints : settings.chargePoints;
  const rate = name === 'pglite' ? settings.pgliteRatePerS : settings.ratePerS;
  const chargers = fleet(settings, count);
  const result: EngineResult = {
    engine: label, chargePoints: count, v201: chargers.filter((c) => c.version === 'ocpp2.0.1').length, connectors: settings.connectors,
    targetPerS: rate, setupSeconds: { open: 0, locations: 0, provision: 0 }, phases: [],
  };
  let scratch: Scratch | null = null;
  let database: DatabaseHandle | null = null;
  let electrifica: ElectrificaApp | null = null;
  let generator: Generator | null = null;
  try {
    const opened = performance.now();
    if (name === 'postgres') {
      scratch = await createScratch(settings.databaseUrl!);
      activeScratch = scratch;
      log(`${label}: scratch database ${scratchName} on ${redactUrl(settings.databaseUrl!)}`);
    }
    const appConfig = config(settings, scratch?.databaseUrl ?? null);
    database = await openDatabase({ databaseUrl: appConfig.databaseUrl, dataDir: 'memory://' });
    electrifica = await createApp(appConfig, { database });
    result.setupSeconds.open = (performance.now() - opened) / 1000;
    const { db } = database;

    log(`${label}: importing ${int(count)} SYNTHETIC locations (OCPI, ${settings.connectors} EVSEs each)…`);
    const l0 = performance.now();
    const run = await electrifica.services.imports.runNow({
      kind: 'charging.ocpi', filename: 'synthetic-ocpp-bench.json', mediaType: null, content: syntheticLocations(count, settings.connectors, settings.seed),
      strict: true, principal: null, trusted: true, actorLabel: 'bench',
    });
    if (run.status !== 'completed' || run.newRows !== count) throw new Error(`synthetic locations: import ${run.status}, ${run.newRows} new of ${count}: ${run.fileError?.message ?? ''}`);
    result.setupSeconds.locations = (performance.now() - l0) / 1000;

    log(`${label}: provisioning ${int(count)} SYNTHETIC charge points…`);
    const p0 = performance.now();
    await provision(electrifica, db, chargers);
    result.setupSeconds.provision = (performance.now() - p0) / 1000;
    log(`${label}: set up in ${fixed(result.setupSeconds.open + result.setupSeconds.locations + result.setupSeconds.provision, 1)} s`);

    await electrifica.app.listen({ port: settings.port, host: '127.0.0.1' });
    const baseHttp = `http://127.0.0.1:${settings.port}`;
    generator = new Generator(label);
    const options: GeneratorOptions = {
      baseUrl: `ws://127.0.0.1:${settings.port}/ocpp`,
      heartbeatOverrideS: null,
      callTimeoutS: 30,
      reconnectBaseMs: 1000,
      reconnectCapMs: 15_000,
      retryBaseMs: 1000,
      retryCapMs: 10_000,
      bootRetryCapS: 10,
      rampPerS: settings.rampPerS,
      rampConcurrency: 200,
      seed: settings.seed,
    };
    await generator.request({ type: 'configure', options, chargers });

    // Baseline: /api/health, from the generator's process, before any charge point connects.
    log(`${label}: GET /api/health at ${int(settings.healthPerS)}/s for 10 s (baseline)…`);
    result.health = await generator.http(`${baseHttp}/api/health`, settings.healthPerS, 10);
    log(`  p50 ${ms(result.health.latency.p50Ms)} ms, p99 ${ms(result.health.latency.p99Ms)} ms, ${result.health.non2xx + result.health.errors} failed`);

    const latest = new Map<string, AckedStatus>();
    currentPhase = `${label} connect`;
    const before = serverMemory();
    log(`${label}: connecting ${int(count)} charge points (at most ${int(settings.rampPerS)}/s)…`);
    const connect = await generator.phase({ type: 'connect', timeoutS: 600 });
    track(latest, connect.acked);
    const after = serverMemory();
    result.memory = {
      connections: count - connect.notIdle,
      rssPerConnectionKb: (after.rssBytes - before.rssBytes) / 1024 / Math.max(1, count - connect.notIdle),
      heapPerConnectionKb: (after.heapUsedBytes - before.heapUsedBytes) / 1024 / Math.max(1, count - connect.notIdle),
      rssBeforeMb: before.rssBytes / 1024 / 1024,
      rssAfterMb: after.rssBytes / 1024 / 1024,
    };
    result.phases.push({ phase: 'connect', report: slim(connect), extra: { seconds: (connect.endedAtMs - connect.startedAtMs) / 1000 } });
    log(`  ${int(count - connect.notIdle)} connected and booted in ${fixed((connect.endedAtMs - connect.startedAtMs) / 1000, 1)} s; ` +
      `server RSS +${fixed(result.memory.rssPerConnectionKb, 1)} KB, heap +${fixed(result.memory.heapPerConnectionKb, 1)} KB per connection`);
    if (connect.notIdle > 0) throw new Error(`${connect.notIdle} charge points did not connect: ${JSON.stringify(connect.connections.refused)}`);

    if (settings.phases.includes('steady')) {
      currentPhase = `${label} steady`;
      const start = await dbNow(db);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const trace = new ServerTrace();
      trace.start();
      const steady = await withPromotedGarbageProfile(() => generator!.phase({ type: 'steady', label: 'steady', totalPerS: rate, durationS: settings.durationS, drainTimeoutS: 120 }), log);
      trace.stop();
      loop.disable();
      result.steadyTrace = trace.summary(steady);
      result.serverLoopDelayP99Ms = loop.percentile(99) / 1e6;
      track(latest, steady.acked);
      const storage = await checkStorage(db, steady.acked, latest, start);
      result.phases.push({ phase: 'steady', report: slim(steady), storage });
      log(`  ${int(steady.answeredPerS)} answers/s; p50 ${ms(steady.latency.p50Ms)} ms, p99 ${ms(steady.latency.p99Ms)} ms, max ${ms(steady.latency.maxMs)} ms; ` +
        `${steady.callErrors} CALLERRORs, ${steady.timeouts} timeouts; lost ${storage.lost}`);
    }

    if (settings.phases.includes('storm')) {
      currentPhase = `${label} storm`;
      const start = await dbNow(db);
      log(`${label}: reconnect storm — ${int(count)} charge points drop and reconnect within ${settings.stormS} s…`);
      const storm = await generator.phase({ type: 'storm', label: 'storm', windowS: settings.stormS, timeoutS: 300 });
      track(latest, storm.acked);
      const storage = await checkStorage(db, storm.acked, latest, start);
      result.phases.push({ phase: 'storm', report: slim(storm), storage, extra: { windowS: settings.stormS, recoverySeconds: (storm.endedAtMs - storm.startedAtMs) / 1000 } });
      log(`  all back in ${fixed((storm.endedAtMs - storm.startedAtMs) / 1000, 1)} s; ${int(storm.statusesAcked)} statuses acknowledged; lost: ${storage.lost}`);
    }

    if (settings.phases.includes('outage') && scratch) {
      currentPhase = `${label} outage`;
      const admin = scratch.admin;
      const start = await dbNow(db);
      log(`${label}: storm with the database refusing connections for ${settings.outageS} s in the middle…`);
      let outageStartMs = 0;
      let outageEndMs = 0;
      const outage = (async () => {
        await sleep((settings.stormS * 1000) / 3);
        outageStartMs = Date.now();
        await admin.query(`alter database ${scratchName} allow_connections false`);
        await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [scratchName]);
        await sleep(settings.outageS * 1000);
        await admin.query(`alter database ${scratchName} allow_connections true`);
        outageEndMs = Date.now();
      })();
      const storm = await generator.phase({ type: 'storm', label: 'outage', windowS: settings.stormS, timeoutS: 300 });
      await outage;
      track(latest, storm.acked);
      const storage = await checkStorage(db, storm.acked, latest, start);
      const during = (t: number) => t >= outageStartMs && t <= outageEndMs;
      const extra = {
        outageSeconds: (outageEndMs - outageStartMs) / 1000,
        errorsDuringOutage: storm.errorTimesMs.filter(during).length,
        errorsAfterOutage: storm.errorTimesMs.filter((t) => t > outageEndMs).length,
        statusesAckedDuringOutage: storm.acked.filter((a) => during(a.ackedAtMs)).length,
        retriedStatusesAckedAfterOutage: storm.acked.filter((a) => a.attempts > 1 && a.ackedAtMs > outageEndMs).length,
        retriedStatusesAckedBeforeOutageEnd: storm.acked.filter((a) => a.attempts > 1 && a.ackedAtMs <= outageEndMs).length,
        recoverySeconds: (storm.endedAtMs - storm.startedAtMs) / 1000,
      };
      result.phases.push({ phase: 'outage', report: slim(storm, true), storage, extra });
      log(`  ${extra.errorsDuringOutage} CALLERRORs/timeouts during the outage; ${extra.retriedStatusesAckedAfterOutage} retried statuses acknowledged after it; lost: ${storage.lost}`);
    }

    if (settings.phases.includes('restart')) {
      currentPhase = `${label} restart`;
      const start = await dbNow(db);
      log(`${label}: restart — closing the app, starting it again on the same database after ${settings.restartGapS} s…`);
      await generator.request({ type: 'begin', label: 'restart' });
      const closing = performance.now();
      await withTimeout(electrifica.close(), 60_000, 'closing the app');
      electrifica = null;
      const closeSeconds = (performance.now() - closing) / 1000;
      await sleep(settings.restartGapS * 1000);
      const starting = performance.now();
      electrifica = await createApp(appConfig, { database });
      await electrifica.app.listen({ port: settings.port, host: '127.0.0.1' });
      const startSeconds = (performance.now() - starting) / 1000;
      const back = await generator.phase({ type: 'awaitAll', timeoutS: 600 });
      track(latest, back.acked);
      const backStorage = await checkStorage(db, back.acked, latest, start);
      const extra = { closeSeconds, startSeconds, recoverySeconds: (back.endedAtMs - back.startedAtMs) / 1000 };
      result.phases.push({ phase: 'restart', report: slim(back), storage: backStorage, extra });
      log(`  closed in ${fixed(closeSeconds, 1)} s, started in ${fixed(startSeconds, 1)} s; all charge points back ${fixed(extra.recoverySeconds, 1)} s after the close began; lost: ${backStorage.lost}`);

      const start2 = await dbNow(db);
      const afterRestart = await generator.phase({ type: 'steady', label: 'after restart', totalPerS: rate, durationS: settings.afterRestartS, drainTimeoutS: 120 });
      track(latest, afterRestart.acked);
      const storage = await checkStorage(db, afterRestart.acked, latest, start2);
      result.phases.push({ phase: 'after restart', report: slim(afterRestart), storage });
      log(`  after the restart: ${int(afterRestart.statusesAcked)} statuses acknowledged; lost: ${storage.lost}; p99 ${ms(afterRestart.latency.p99Ms)} ms`);
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`${label}: FAILED — ${result.error}`);
  } finally {
    await generator?.exit().catch(() => {});
    await withTimeout(electrifica?.close() ?? Promise.resolve(), 60_000, 'closing the app').catch(() => {});
    await database?.close().catch(() => {});
    await scratch?.drop().catch((e: Error) => log(`could not drop ${scratchName}: ${e.message}`));
    activeScratch = null;
  }
  return result;
}

function withTimeout<T>(p: Promise<T>, msLimit: number, what: string): Promise<T> {
  return Promise.race([p, sleep(msLimit).then(() => { throw new Error(`${what} took longer than ${msLimit / 1000} s`); })]);
}

// ---------------------------------------------------------------- provisioning

/**
 * A SYNTHETIC operator (a signed-up user's organisation) and its charge points, through the
 * provisioning service's bulk path (validation, scrypt hashes, audit). Each charge point is
 * then linked to its own synthetic location: the bulk path takes one location for the whole
 * batch, so the link is one UPDATE here, keyed by the location's source key.
 */
async function provision(electrifica: ElectrificaApp, db: DatabaseHandle['db'], chargers: ChargerSpec[]): Promise<void> {
  const { accounts, chargePoints } = electrifica.services;
  const { principal } = await accounts.signUp({ email: 'sintetico-ocpp@bench.invalid', password: `${syntheticPassword}-operador`, displayName: 'SINTÉTICO — banco de pruebas OCPP' }, 'bench');
  const operator = await accounts.createOrganisation(principal, { name: 'SINTÉTICO — operador del banco de pruebas OCPP', type: 'charge_point_operator' });
  await chargePoints.provisionMany(chargers.map((c) => ({ identity: c.identity, password: c.password })), {
    operatorOrganisationId: operator.id, actor: { userId: principal.userId, label: 'bench' },
  });
  const linked = await sql`
    update charge_point c set location_id = l.id, updated_at = now()
    from charging_location l
    where c.identity like 'SYN-BENCH-%' and l.source_key = 'ocpi:MX*SYN:BENCH-OCPP-' || substring(c.identity from 11)::int`.execute(db);
  if (Number(linked.numAffectedRows) !== chargers.length) throw new Error(`linked ${linked.numAffectedRows} of ${chargers.length} charge points to their locations`);
}

// ---------------------------------------------------------------- report

function printReport(settings: Settings, results: EngineResult[]) {
  const out: string[] = [];
  out.push('', '='.repeat(100), 'OCPP live status benchmark (SYNTHETIC charge points and locations)', '='.repeat(100));
  out.push(`Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end`);
  for (const r of results) {
    out.push('', `${r.engine}: ${int(r.chargePoints)} charge points (${int(r.v201)} OCPP 2.0.1, the rest 1.6), ${r.connectors} connectors each; target ${int(r.targetPerS)} messages/s in steady phases`);
    if (r.error) out.push(`  FAILED: ${r.error}`);
    out.push(`  setup: open + migrate ${fixed(r.setupSeconds.open, 1)} s, synthetic locations ${fixed(r.setupSeconds.locations, 1)} s, provisioning ${fixed(r.setupSeconds.provision, 1)} s`);
    if (r.memory) {
      out.push(`  server memory: ${fixed(r.memory.rssBeforeMb, 0)} → ${fixed(r.memory.rssAfterMb, 0)} MB RSS; per connection ${fixed(r.memory.rssPerConnectionKb, 1)} KB RSS, ${fixed(r.memory.heapPerConnectionKb, 1)} KB heap (${int(r.memory.connections)} connections)`);
    }
    if (r.health) out.push(`  baseline GET /api/health at ${int(r.health.perS)}/s: p50 ${ms(r.health.latency.p50Ms)} ms, p99 ${ms(r.health.latency.p99Ms)} ms`);
    if (r.serverLoopDelayP99Ms !== undefined) out.push(`  server event-loop delay p99 during steady: ${ms(r.serverLoopDelayP99Ms)} ms`);
    if (r.steadyTrace) {
      const t = r.steadyTrace;
      out.push(`  steady, server side: ${int(t.flushes)} group-commit flushes, ${t.writesPerFlush.p50}/${t.writesPerFlush.p99}/${t.writesPerFlush.max} messages each (p50/p99/max); ` +
        `flush ${ms(t.flushMs.p50)}/${ms(t.flushMs.p99)}/${ms(t.flushMs.max)} ms; oldest message queued ${ms(t.flushWaitMs.p50)}/${ms(t.flushWaitMs.p99)}/${ms(t.flushWaitMs.max)} ms before it`);
      out.push(`  steady, GC: ${int(t.gc.pauses)} pauses, ${ms(t.gc.totalMs)} ms in all, p99 ${ms(t.gc.p99Ms)} ms, max ${ms(t.gc.maxMs)} ms`);
      for (const w of t.worstSeconds) {
        out.push(`    second ${w.s}: ${w.slow} of ${w.sent} answers over 100 ms (max ${ms(w.maxMs)} ms); that second and the next: ` +
          `${w.flushes} flushes (longest ${ms(w.flushMaxMs)} ms, largest ${w.flushMaxWrites}), GC ${w.gcPauses} pauses (longest ${ms(w.gcMaxMs)} ms, ${ms(w.gcTotalMs)} ms in all), event loop late by up to ${ms(w.lagMs)} ms`);
      }
    }
    const rows = r.phases.map((p) => {
      const rep = p.report;
      const errors = rep.callErrors + rep.timeouts;
      return [
        p.phase, fixed(rep.windowS, 1), int(rep.answeredPerS), ms(rep.latency.p50Ms), ms(rep.latency.p95Ms), ms(rep.latency.p99Ms), ms(rep.latency.maxMs),
        r.health ? ratio(rep.latency.p99Ms / r.health.latency.p99Ms) : '—',
        int(errors), int(rep.statusesAcked), p.storage ? int(p.storage.lost) : '—', p.storage ? int(p.storage.portMismatches + p.storage.censusMismatches) : '—',
        fixed(rep.generator.cpuPercent, 0) + ' %',
      ];
    });
    out.push(table(['phase', 'seconds', 'answers/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p99 vs health', 'CALLERRORs+timeouts', 'statuses acked', 'lost', 'status mismatches', 'generator CPU'], rows));
    for (const p of r.phases) {
      const rep = p.report;
      const notes: string[] = [];
      if (Object.keys(rep.errorsByCode).length) notes.push(`errors ${JSON.stringify(rep.errorsByCode)}`);
      if (Object.keys(rep.connections.refused).length) notes.push(`refused handshakes ${JSON.stringify(rep.connections.refused)}`);
      if (Object.keys(rep.connections.closedByServer).length) notes.push(`closed by the server ${JSON.stringify(rep.connections.closedByServer)}`);
      if (Object.keys(rep.invalidResults).length) notes.push(`responses failing the official schema ${JSON.stringify(rep.invalidResults)}`);
      if (rep.invalidFrames) notes.push(`${rep.invalidFrames} frames that are not OCPP-J`);
      if (Object.keys(rep.csmsCalls).length) notes.push(`CSMS calls ${JSON.stringify(rep.csmsCalls)}`);
      if (rep.skippedSteps) notes.push(`${rep.skippedSteps} steps the generator could not pace`);
      if (rep.generator.loopDelayP99Ms > 50) notes.push(`generator event-loop delay p99 ${ms(rep.generator.loopDelayP99Ms)} ms (its own timing is skewed by this much)`);
      if (p.storage && (p.storage.censusNewer || p.storage.unmapped || p.storage.portMismatches || p.storage.censusMismatches)) notes.push(`storage ${JSON.stringify(p.storage)}`);
      if (p.extra) notes.push(Object.entries(p.extra).map(([k, v]) => `${k} ${typeof v === 'number' ? fixed(v, v % 1 ? 1 : 0) : String(v)}`).join(', '));
      if (notes.length) out.push(`  ${p.phase}: ${notes.join('; ')}`);
    }
  }
  if (uncaught.length) {
    out.push('', `UNCAUGHT EXCEPTIONS in the server process (each would have ended a real server): ${uncaught.length}`);
    const byKind = new Map<string, number>();
    for (const u of uncaught) byKind.set(`${u.phase}: ${u.message}`, (byKind.get(`${u.phase}: ${u.message}`) ?? 0) + 1);
    for (const [k, n] of byKind) out.push(`  ${n}× ${k}`);
  }
  console.log(out.join('\n'));
  console.log(`BENCH_OCPP_RESULT ${JSON.stringify(roundForJson({ schema: 1, settings: { ...settings, databaseUrl: settings.databaseUrl ? redactUrl(settings.databaseUrl) : null }, results, uncaught }))}`);
}

// ---------------------------------------------------------------- main

async function main() {
  const settings = readSettings();
  log(`OCPP benchmark: ${settings.engines.join(', ')}; phases ${settings.phases.join(', ')}; load average ${os.loadavg()[0]?.toFixed(2)}`);
  const results: EngineResult[] = [];
  for (const engine of settings.engines) {
    if (engine === 'postgres' && !settings.databaseUrl) {
      log('PostgreSQL: skipped — set BENCH_DATABASE_URL to include it');
      continue;
    }
    results.push(await runEngine(engine, settings));
  }
  printReport(settings, results);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof SettingsError ? error.message : error);
    process.exit(1);
  },
);
