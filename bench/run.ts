import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { municipalBoundaryVintage } from '../apps/server/src/modules/geo/geo.domain.js';
import { dropAssignmentTables, runAssignment, type AssignmentResult } from './assign.js';
import { createPostgresTarget, engineLabels, preparePglite, preparePostgres, redactUrl, type EngineName, type PreparedEngine } from './engines.js';
import { generatePoints, mexicoBox, readLocalities, type PointSet } from './generate-points.js';
import { measureRoute, type LoadStats } from './http-load.js';
import { fixed, int, ms, percent, ratio, roundForJson, table } from './report.js';

/**
 * Electrifica benchmarks (`npm run bench`):
 *  1. point-in-polygon assignment of many synthetic points to municipalities, in SQL;
 *  2. latency and throughput of GET /api/v1/geo/locate under concurrent load, against
 *     GET /api/health in the same process as the baseline.
 * On embedded PGlite always, and on PostgreSQL + PostGIS when BENCH_DATABASE_URL (or
 * DATABASE_URL) names a reachable server. Prints a table and one `BENCH_RESULT {json}` line.
 * No thresholds: the figures are for reading and comparing, not for passing or failing.
 */

// ---------------------------------------------------------------- settings

class SettingsError extends Error {}

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.replace(/[_,]/g, '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new SettingsError(`${name} must be a whole number from ${min} to ${max}; got "${process.env[name]}"`);
  return value;
}

function numberSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new SettingsError(`${name} must be a number from ${min} to ${max}; got "${raw}"`);
  return value;
}

function readSettings() {
  const connections = [...new Set((process.env.BENCH_CONNECTIONS?.trim() || '10,50').split(',').map((s) => Number(s.trim())))];
  if (connections.some((c) => !Number.isInteger(c) || c < 1 || c > 1000)) {
    throw new SettingsError(`BENCH_CONNECTIONS must be a comma-separated list of whole numbers from 1 to 1000; got "${process.env.BENCH_CONNECTIONS}"`);
  }
  const engines = (process.env.BENCH_ENGINES?.trim() || 'pglite,postgres').split(',').map((s) => s.trim().toLowerCase());
  if (engines.some((e) => e !== 'pglite' && e !== 'postgres')) throw new SettingsError(`BENCH_ENGINES must list pglite and/or postgres; got "${process.env.BENCH_ENGINES}"`);
  return {
    points: intSetting('BENCH_POINTS', 1_000_000, 1, 50_000_000),
    seed: intSetting('BENCH_SEED', 2020, 0, 0xffffffff),
    uniformShare: numberSetting('BENCH_UNIFORM_SHARE', 0.2, 0, 1),
    subdivideVertices: intSetting('BENCH_SUBDIVIDE_VERTICES', 32, 8, 100_000),
    loadBatch: intSetting('BENCH_LOAD_BATCH', 50_000, 100, 1_000_000),
    updateChunk: intSetting('BENCH_UPDATE_CHUNK', 100_000, 1_000, 10_000_000),
    durationS: intSetting('BENCH_DURATION', 10, 1, 600),
    warmupS: intSetting('BENCH_WARMUP', 2, 0, 60),
    connections,
    locatePoints: intSetting('BENCH_LOCATE_POINTS', 4000, 1, 100_000),
    analyze: (process.env.BENCH_ANALYZE?.trim() || '1') !== '0',
    engines: engines as EngineName[],
    databaseUrl: process.env.BENCH_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || null,
  };
}

type Settings = ReturnType<typeof readSettings>;

// ---------------------------------------------------------------- progress and phases

const startedAt = new Date();
const loadAverageAtStart = os.loadavg()[0] ?? 0;
const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
const log = (message: string) => console.log(`[${elapsed().toFixed(1).padStart(6)} s] ${message}`);

const phases: Array<{ name: string; seconds: number }> = [];

async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  log(`${name}…`);
  try {
    return await fn();
  } finally {
    const seconds = (performance.now() - start) / 1000;
    phases.push({ name, seconds });
    log(`${name}: ${seconds.toFixed(1)} s`);
  }
}

// ---------------------------------------------------------------- HTTP load

interface HttpResult {
  locatePoints: number;
  durationS: number;
  warmupS: number;
  runs: LoadStats[];
  /** locate ÷ health, per connection count: latency ratios (> 1 = locate slower) and the throughput ratio. */
  ratios: Array<{ connections: number; p50: number; p95: number; p99: number; reqPerSec: number }>;
}

/** Synthetic points that fall inside a municipal boundary, so every locate request takes the usual path. */
async function locatePaths(engine: PreparedEngine, candidates: PointSet, wanted: number): Promise<string[]> {
  const lons = `{${candidates.lon.join(',')}}`;
  const lats = `{${candidates.lat.join(',')}}`;
  const rows = await sql<{ lon: number; lat: number }>`
    select t.lon, t.lat from unnest(${lons}::float8[], ${lats}::float8[]) with ordinality as t(lon, lat, n)
    where exists (
      select 1 from geo_municipal_boundary b
      where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)))
    order by t.n limit ${wanted}`.execute(engine.database.db);
  return rows.rows.map((r) => `/api/v1/geo/locate?lat=${r.lat}&lon=${r.lon}`);
}

async function runHttp(engine: PreparedEngine, settings: Settings, candidates: PointSet): Promise<HttpResult> {
  const label = engineLabels[engine.name];
  const paths = await locatePaths(engine, candidates, settings.locatePoints);
  if (paths.length === 0) throw new Error('none of the synthetic locate points fell inside a municipality');
  const { app } = engine.electrifica;
  // Closed with the engine.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // One request each first: a load test of error responses would measure the wrong thing.
  for (const path of ['/api/health', paths[0]!]) {
    const res = await fetch(baseUrl + path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
  }
  const routes = [
    { route: 'health', paths: ['/api/health'] },
    { route: 'locate', paths },
  ];
  if (settings.warmupS > 0) {
    log(`  ${label}: warming up each route for ${settings.warmupS} s (not reported)…`);
    for (const r of routes) await measureRoute({ baseUrl, ...r, connections: settings.connections[0]!, durationS: settings.warmupS });
  }
  const runs: LoadStats[] = [];
  for (const connections of settings.connections) {
    for (const r of routes) {
      log(`  ${label}: GET ${r.route === 'health' ? '/api/health' : '/api/v1/geo/locate'}, ${connections} connections, ${settings.durationS} s…`);
      const stats = await measureRoute({ baseUrl, ...r, connections, durationS: settings.durationS });
      runs.push(stats);
      log(`    ${int(stats.reqPerSec)} req/s, p50 ${ms(stats.p50Ms)} ms, p95 ${ms(stats.p95Ms)} ms, p99 ${ms(stats.p99Ms)} ms` +
        (stats.non2xx + stats.errors + stats.timeouts > 0 ? `, ${stats.non2xx} non-2xx, ${stats.errors} errors, ${stats.timeouts} timeouts` : ''));
    }
  }
  const ratios = settings.connections.map((connections) => {
    const h = runs.find((r) => r.route === 'health' && r.connections === connections)!;
    const l = runs.find((r) => r.route === 'locate' && r.connections === connections)!;
    return { connections, p50: l.p50Ms / h.p50Ms, p95: l.p95Ms / h.p95Ms, p99: l.p99Ms / h.p99Ms, reqPerSec: l.reqPerSec / h.reqPerSec };
  });
  return { locatePoints: paths.length, durationS: settings.durationS, warmupS: settings.warmupS, runs, ratios };
}

// ---------------------------------------------------------------- one engine

interface EngineResult {
  engine: EngineName;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  version?: string;
  setup?: PreparedEngine['timings'];
  assignment?: AssignmentResult;
  http?: HttpResult;
}

let activeEngine: PreparedEngine | null = null;
/** Drops the PostgreSQL scratch database while it exists but no engine owns it yet. */
let pendingDrop: (() => Promise<void>) | null = null;

async function runEngine(engine: PreparedEngine, settings: Settings, points: PointSet, candidates: PointSet): Promise<EngineResult> {
  const label = engineLabels[engine.name];
  activeEngine = engine;
  try {
    const assignment = await phase(`${label}: point-in-polygon assignment of ${int(points.count)} points`, () =>
      runAssignment(engine.database.db, points, {
        loadBatch: settings.loadBatch,
        updateChunk: settings.updateChunk,
        subdivideVertices: settings.subdivideVertices,
        log,
      }));
    log(`  ${label}: load ${int(assignment.load.pointsPerSecond)} points/s; naive ${int(assignment.naive.pointsPerSecond)} points/s; ` +
      `subdivided ${int(assignment.subdivided.pointsPerSecond)} points/s; ${int(assignment.naive.assigned)} points got a municipality`);
    await dropAssignmentTables(engine.database.db);
    const http = await phase(`${label}: HTTP load on /api/v1/geo/locate and /api/health`, () => runHttp(engine, settings, candidates));
    return { engine: engine.name, status: 'ok', version: engine.version, setup: engine.timings, assignment, http };
  } finally {
    await phase(`${label}: close${engine.name === 'postgres' ? ' and drop the scratch database' : ''}`, () => engine.close());
    activeEngine = null;
  }
}

// ---------------------------------------------------------------- report

function printReport(settings: Settings, points: PointSet, localityCount: number, results: EngineResult[]) {
  const out: string[] = [];
  const ok = results.filter((r): r is EngineResult & { assignment: AssignmentResult; http: HttpResult } => r.status === 'ok' && !!r.assignment && !!r.http);
  const label = (r: EngineResult) => engineLabels[r.engine];

  out.push('', '='.repeat(100), 'Electrifica benchmark results', '='.repeat(100));
  out.push(`Points: ${int(points.count)} SYNTHETIC points (seed ${settings.seed}): ${int(points.count - points.uniformCount)} around ${int(localityCount)} Census 2020 localities ` +
    `(population-weighted, Gaussian jitter), ${int(points.uniformCount)} uniform over lon ${mexicoBox.minLon}..${mexicoBox.maxLon}, lat ${mexicoBox.minLat}..${mexicoBox.maxLat}.`);
  for (const r of ok) out.push(`${label(r)}: ${r.version}`);

  if (ok.length) {
    out.push('', `1. Point-in-polygon assignment to municipalities (${municipalBoundaryVintage} boundaries), points/s` +
      (settings.analyze ? '; tables ANALYZEd after the reference data import' : '; tables NOT analyzed after the reference data import'));
    out.push(table(
      ['engine', 'boundaries', 'points', 'load', 'naive', `subdivided (≤${settings.subdivideVertices} v)`, 'got a municipality', 'subdivide prep', 'disagree'],
      ok.map((r) => [
        label(r), int(r.assignment.boundaries), int(r.assignment.points), int(r.assignment.load.pointsPerSecond), int(r.assignment.naive.pointsPerSecond),
        int(r.assignment.subdivided.pointsPerSecond),
        `${int(r.assignment.naive.assigned)} (${percent(r.assignment.naive.assigned, r.assignment.points)})`,
        `${fixed(r.assignment.subdivided.prepareSeconds, 2)} s, ${int(r.assignment.subdivided.pieces)} pieces`, int(r.assignment.disagreements),
      ]),
    ));
    out.push(table(
      ['seconds', 'points', 'load', 'naive', 'subdivided'],
      ok.map((r) => [label(r), int(r.assignment.points), fixed(r.assignment.load.seconds, 1), fixed(r.assignment.naive.seconds, 1), fixed(r.assignment.subdivided.seconds, 1)]),
    ));
    const pgA = ok.find((r) => r.engine === 'postgres');
    const plA = ok.find((r) => r.engine === 'pglite');
    if (pgA && plA) {
      out.push(`  PostgreSQL/PGlite throughput: load ${ratio(pgA.assignment.load.pointsPerSecond / plA.assignment.load.pointsPerSecond)}, ` +
        `naive ${ratio(pgA.assignment.naive.pointsPerSecond / plA.assignment.naive.pointsPerSecond)}, ` +
        `subdivided ${ratio(pgA.assignment.subdivided.pointsPerSecond / plA.assignment.subdivided.pointsPerSecond)}`);
    }
    if (new Set(ok.map((r) => r.assignment.boundaries)).size > 1) {
      out.push(`  NOTE: the engines hold different numbers of municipal boundaries after the same import (${ok.map((r) => `${label(r)} ${int(r.assignment.boundaries)}`).join(', ')}).`);
    }
    for (const r of ok) {
      out.push(`  ${label(r)}: subdivided/naive throughput ${ratio(r.assignment.subdivided.pointsPerSecond / r.assignment.naive.pointsPerSecond)}`);
    }

    const h0 = ok[0]!.http;
    out.push('', `2. GET /api/v1/geo/locate vs GET /api/health (baseline, same process): autocannon in a worker thread, ${h0.durationS} s per run after a ${h0.warmupS} s warm-up, ` +
      `${int(h0.locatePoints)} synthetic points inside Mexico`);
    out.push(table(
      ['engine', 'route', 'conns', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-2xx/errors'],
      ok.flatMap((r) => r.http.runs.map((s) => [
        label(r), s.route, String(s.connections), int(s.requests), int(s.reqPerSec), ms(s.p50Ms), ms(s.p95Ms), ms(s.p99Ms), ms(s.maxMs), `${s.non2xx}/${s.errors + s.timeouts}`,
      ])),
    ));
    out.push('  locate/health ratio (latency: > 1 means locate is slower; req/s: share of the baseline throughput):');
    out.push(table(
      ['engine', 'conns', 'p50', 'p95', 'p99', 'req/s'],
      ok.flatMap((r) => r.http.ratios.map((x) => [label(r), String(x.connections), ratio(x.p50), ratio(x.p95), ratio(x.p99), ratio(x.reqPerSec)])),
    ));
    if (pgA && plA) {
      out.push('  PostgreSQL/PGlite for locate (req/s: > 1 means PostgreSQL serves more; latency: < 1 means PostgreSQL is faster):');
      out.push(table(
        ['conns', 'req/s', 'p50', 'p95', 'p99'],
        settings.connections.map((c) => {
          const p = pgA.http.runs.find((s) => s.route === 'locate' && s.connections === c)!;
          const l = plA.http.runs.find((s) => s.route === 'locate' && s.connections === c)!;
          return [String(c), ratio(p.reqPerSec / l.reqPerSec), ratio(p.p50Ms / l.p50Ms), ratio(p.p95Ms / l.p95Ms), ratio(p.p99Ms / l.p99Ms)];
        }),
      ));
    }
  }

  for (const r of results.filter((x) => x.status !== 'ok')) {
    out.push('', `${label(r)}: ${r.status} — ${r.reason}`);
  }

  out.push('', 'Elapsed per phase:');
  out.push(table(['phase', 'seconds'], phases.map((p) => [p.name, fixed(p.seconds, 1)])));
  out.push(`  total: ${fixed(elapsed(), 1)} s; load average (1 min) ${fixed(loadAverageAtStart, 2)} at start, ${fixed(os.loadavg()[0] ?? Number.NaN, 2)} at the end ` +
    `on ${os.cpus().length} CPUs (other work on the machine skews the figures)`);
  console.log(out.join('\n'));
}

function resultJson(settings: Settings, points: PointSet, localityCount: number, results: EngineResult[]) {
  const byEngine = Object.fromEntries(results.map((r) => [r.engine, r]));
  const pg = byEngine.postgres;
  const pl = byEngine.pglite;
  let postgresOverPglite: Record<string, unknown> | null = null;
  if (pg?.assignment && pl?.assignment && pg.http && pl.http) {
    const pgHttp = pg.http;
    const plHttp = pl.http;
    postgresOverPglite = {
      loadPointsPerSecond: pg.assignment.load.pointsPerSecond / pl.assignment.load.pointsPerSecond,
      naivePointsPerSecond: pg.assignment.naive.pointsPerSecond / pl.assignment.naive.pointsPerSecond,
      subdividedPointsPerSecond: pg.assignment.subdivided.pointsPerSecond / pl.assignment.subdivided.pointsPerSecond,
      locate: settings.connections.map((c) => {
        const p = pgHttp.runs.find((s) => s.route === 'locate' && s.connections === c)!;
        const l = plHttp.runs.find((s) => s.route === 'locate' && s.connections === c)!;
        return { connections: c, reqPerSec: p.reqPerSec / l.reqPerSec, p50: p.p50Ms / l.p50Ms, p95: p.p95Ms / l.p95Ms, p99: p.p99Ms / l.p99Ms };
      }),
    };
  }
  return roundForJson({
    schema: 1,
    startedAt: startedAt.toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    loadAverage1m: { start: loadAverageAtStart, end: os.loadavg()[0] ?? null },
    settings: { ...settings, databaseUrl: settings.databaseUrl ? redactUrl(settings.databaseUrl) : null },
    points: { synthetic: true, count: points.count, seed: settings.seed, uniform: points.uniformCount, aroundLocalities: points.count - points.uniformCount, localities: localityCount, bbox: mexicoBox },
    engines: byEngine,
    postgresOverPglite,
    phases,
    totalSeconds: elapsed(),
  });
}

// ---------------------------------------------------------------- main

async function main() {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`bench: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const cpus = os.cpus();
  console.log(`Electrifica benchmark — ${startedAt.toISOString()}, node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ` +
    `load average ${loadAverageAtStart.toFixed(2)} at start`);
  console.log(`BENCH_POINTS=${settings.points} BENCH_SEED=${settings.seed} BENCH_DURATION=${settings.durationS} BENCH_CONNECTIONS=${settings.connections.join(',')} ` +
    `BENCH_ENGINES=${settings.engines.join(',')}${settings.databaseUrl ? ` database ${redactUrl(settings.databaseUrl)}` : ''}`);

  const localityCount = readLocalities().length;
  const points = await phase(`generate ${int(settings.points)} synthetic points`, async () =>
    generatePoints({ count: settings.points, seed: settings.seed, uniformShare: settings.uniformShare }));
  // A separate, smaller set for the HTTP load; twice the wanted count leaves room for the points outside Mexico.
  const candidates = generatePoints({ count: settings.locatePoints * 2 + 100, seed: settings.seed + 1, uniformShare: settings.uniformShare });

  const results: EngineResult[] = [];

  if (settings.engines.includes('pglite')) {
    try {
      const engine = await phase('PGlite: open, migrate, load reference data', () => preparePglite({ analyze: settings.analyze, log }));
      results.push(await runEngine(engine, settings, points, candidates));
    } catch (error) {
      log(`PGlite failed: ${(error as Error).stack ?? String(error)}`);
      results.push({ engine: 'pglite', status: 'failed', reason: (error as Error).message });
      process.exitCode = 1;
    }
  }

  if (settings.engines.includes('postgres')) {
    if (!settings.databaseUrl) {
      results.push({ engine: 'postgres', status: 'skipped', reason: 'set BENCH_DATABASE_URL (or DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/postgres' });
    } else {
      const target = await createPostgresTarget(settings.databaseUrl);
      if (!target.ok) {
        results.push({ engine: 'postgres', status: 'skipped', reason: target.reason });
      } else {
        let engine: PreparedEngine | null = null;
        pendingDrop = target.drop;
        try {
          engine = await phase('PostgreSQL: create scratch database, migrate, load reference data', () => preparePostgres(target, { analyze: settings.analyze, log }));
        } catch (error) {
          results.push({ engine: 'postgres', status: 'skipped', reason: `setup failed: ${(error as Error).message}` });
        } finally {
          pendingDrop = null;
        }
        if (engine) {
          try {
            results.push(await runEngine(engine, settings, points, candidates));
          } catch (error) {
            log(`PostgreSQL failed: ${(error as Error).stack ?? String(error)}`);
            results.push({ engine: 'postgres', status: 'failed', reason: (error as Error).message });
            process.exitCode = 1;
          }
        }
      }
    }
  }

  if (interrupted) return;
  for (const r of results.filter((x) => x.status === 'skipped')) log(`${engineLabels[r.engine]}: skipped — ${r.reason}`);
  printReport(settings, points, localityCount, results);
  console.log(`BENCH_RESULT ${JSON.stringify(resultJson(settings, points, localityCount, results))}`);
}

// Interrupted: close the engine in use (which drops a PostgreSQL scratch database) before leaving.
// A second signal (a parent process relaying the first, or an impatient Ctrl-C) must not cut that short.
let interrupted = false;
function onSignal(signal: NodeJS.Signals) {
  if (interrupted) return;
  interrupted = true;
  console.error(`\nbench: ${signal}, cleaning up (at most 15 s)…`);
  // Connections cut by the cleanup fail loudly in code that is about to stop anyway.
  process.on('uncaughtException', () => {});
  process.on('unhandledRejection', () => {});
  const engine = activeEngine;
  const cleanup = engine ? () => engine.close() : pendingDrop;
  const done = () => process.exit(130);
  setTimeout(done, 15_000).unref();
  if (cleanup) cleanup().then(done, done);
  else done();
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

await main();
