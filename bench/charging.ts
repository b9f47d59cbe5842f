/**
 * Charging census benchmarks (issue: charging infrastructure census):
 * - import of N generated OCM-shaped locations through the real pipeline (locations/s),
 *   with the import of the shipped localities file in the same process as the baseline;
 * - statistics by state over those locations (ms);
 * - map cluster requests at national, state and city zoom under load (p50/p95), against
 *   /api/health as the baseline.
 * The locations are SYNTHETIC: seeded points around real localities, labelled as such.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createPostgresTarget, engineLabels, preparePglite, preparePostgres, type PreparedEngine } from './engines.js';
import { benchDir, generatePoints } from './generate-points.js';
import { measureRoute, type LoadStats } from './http-load.js';
import { fixed, int, ms, ratio, roundForJson, table } from './report.js';

const count = Number(process.env.BENCH_CHARGING_LOCATIONS ?? 200_000);
const durationS = Number(process.env.BENCH_DURATION_S ?? 8);
const connections = Number(process.env.BENCH_CHARGING_CONNECTIONS ?? 10);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
/** As in the other benchmarks: `BENCH_ENGINES=postgres` skips PGlite. */
const engines = (process.env.BENCH_ENGINES?.trim() || 'pglite,postgres').split(',').map((s) => s.trim().toLowerCase());
const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

/** OCM compact POIs at synthetic points; connector mix loosely after OCM's global shares. */
function syntheticOcm(n: number): Uint8Array {
  const points = generatePoints({ count: n, seed: 20221118, uniformShare: 0.05 });
  const mix = [
    { ConnectionTypeID: 1, CurrentTypeID: 10, PowerKW: 7.2 },
    { ConnectionTypeID: 25, CurrentTypeID: 20, PowerKW: 22 },
    { ConnectionTypeID: 32, CurrentTypeID: 30, PowerKW: 50 },
    { ConnectionTypeID: 33, CurrentTypeID: 30, PowerKW: 150 },
    { ConnectionTypeID: 2, CurrentTypeID: 30, PowerKW: 50 },
    { ConnectionTypeID: 27, CurrentTypeID: 30, PowerKW: 250 },
  ];
  const pois = Array.from({ length: n }, (_, i) => ({
    ID: 5_000_000 + i,
    UsageTypeID: i % 10 === 0 ? 6 : 1,
    StatusTypeID: 50,
    OperatorID: 23,
    AddressInfo: { Title: `Sintético ${i}`, Latitude: points.lat[i], Longitude: points.lon[i], CountryID: 146 },
    Connections: [
      { ID: 1, ...mix[i % mix.length], Quantity: 1 + (i % 3) },
      { ID: 2, ...mix[(i * 7 + 3) % mix.length], Quantity: 1 },
    ],
  }));
  return new TextEncoder().encode(JSON.stringify(pois));
}

interface EngineResult {
  engine: string;
  locations: number;
  importSeconds: number;
  locationsPerSecond: number;
  rejected: number;
  baselineLocalitiesRowsPerSecond: number;
  statsByStateMs: number;
  clusters: Array<{ view: string; stats: LoadStats }>;
  health: LoadStats;
}

async function benchEngine(engine: PreparedEngine, file: Uint8Array): Promise<EngineResult> {
  const label = engineLabels[engine.name];
  const { imports, charging } = engine.electrifica.services;
  // Baseline in the same process: the pipeline importing the shipped localities file into an emptied table.
  const localities = new Uint8Array(fs.readFileSync(path.resolve(benchDir, '../data/reference/geo/localidades_1000plus_censo2020.csv')));
  await engine.database.db.deleteFrom('geo_locality').execute();
  const b0 = performance.now();
  const base = await imports.runNow({ kind: 'geo.localities', filename: 'baseline.csv', mediaType: null, content: localities, strict: false, principal: null, trusted: true, actorLabel: 'bench' });
  const baseSeconds = (performance.now() - b0) / 1000;
  log(`  ${label}: baseline geo.localities ${int(base.totalRows)} rows in ${fixed(baseSeconds, 1)} s`);

  log(`  ${label}: importing ${int(count)} synthetic OCM locations…`);
  const t0 = performance.now();
  const run = await imports.runNow({ kind: 'charging.ocm', filename: 'synthetic-ocm.json', mediaType: null, content: file, strict: false, principal: null, trusted: true, actorLabel: 'bench' });
  const importSeconds = (performance.now() - t0) / 1000;
  if (run.status !== 'completed') throw new Error(`charging import ${run.status}: ${run.fileError?.message}`);
  log(`  ${label}: ${int(run.newRows)} new, ${int(run.rejectedRows)} rejected in ${fixed(importSeconds, 1)} s`);

  const statsTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s0 = performance.now();
    await charging.stats('state');
    statsTimes.push(performance.now() - s0);
  }
  statsTimes.sort((a, b) => a - b);

  const { app } = engine.electrifica;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const views = [
    { view: 'national (z4)', paths: ['/api/v1/charging/clusters?bbox=-118.5,14.5,-86.5,32.8&zoom=4'] },
    { view: 'state (z7, Jalisco)', paths: ['/api/v1/charging/clusters?bbox=-105.7,18.9,-101.5,22.8&zoom=7'] },
    { view: 'city (z12, CDMX)', paths: ['/api/v1/charging/clusters?bbox=-99.25,19.35,-99.05,19.5&zoom=12', '/api/v1/charging/clusters?bbox=-99.2,19.3,-99.0,19.45&zoom=12'] },
  ];
  for (const v of views) await fetch(baseUrl + v.paths[0]).then((r) => r.arrayBuffer()); // build the cluster index once
  const health = await measureRoute({ baseUrl, route: 'health', paths: ['/api/health'], connections, durationS });
  const clusters: EngineResult['clusters'] = [];
  for (const v of views) {
    const stats = await measureRoute({ baseUrl, route: v.view, paths: v.paths, connections, durationS });
    clusters.push({ view: v.view, stats });
    log(`  ${label}: clusters ${v.view}: p50 ${ms(stats.p50Ms)} ms, p95 ${ms(stats.p95Ms)} ms, ${int(stats.reqPerSec)} req/s`);
  }
  return {
    engine: label, locations: run.newRows, importSeconds, locationsPerSecond: run.totalRows / importSeconds, rejected: run.rejectedRows,
    baselineLocalitiesRowsPerSecond: base.totalRows / baseSeconds, statsByStateMs: statsTimes[2]!, clusters, health,
  };
}

async function main() {
  log(`generating ${int(count)} synthetic OCM-shaped locations (seeded, around real localities)…`);
  const file = syntheticOcm(count);
  log(`  ${(file.byteLength / 1e6).toFixed(1)} MB of JSON`);
  const results: EngineResult[] = [];
  if (engines.includes('pglite')) {
    const pglite = await preparePglite({ analyze: true, log });
    try {
      results.push(await benchEngine(pglite, file));
    } finally {
      await pglite.close();
    }
  }
  if (!engines.includes('postgres')) {
    log('PostgreSQL: skipped — not in BENCH_ENGINES');
  } else if (serverUrl) {
    const target = await createPostgresTarget(serverUrl);
    if (!target.ok) log(`PostgreSQL: skipped — ${target.reason}`);
    else {
      const postgres = await preparePostgres(target, { analyze: true, log });
      try {
        results.push(await benchEngine(postgres, file));
      } finally {
        await postgres.close();
      }
    }
  } else {
    log('PostgreSQL: skipped — set BENCH_DATABASE_URL to include it');
  }

  console.log(`\nCharging census, ${int(count)} SYNTHETIC locations (OCM compact format, ${connections} connections, ${durationS} s per HTTP run)`);
  console.log(table(
    ['engine', 'import s', 'locations/s', 'vs localities rows/s', 'stats by state ms'],
    results.map((r) => [r.engine, fixed(r.importSeconds, 1), int(r.locationsPerSecond), ratio(r.locationsPerSecond / r.baselineLocalitiesRowsPerSecond), ms(r.statsByStateMs)]),
  ));
  console.log(table(
    ['engine', 'view', 'req/s', 'p50 ms', 'p95 ms', 'p95 vs health'],
    results.flatMap((r) => [
      [r.engine, '/api/health', int(r.health.reqPerSec), ms(r.health.p50Ms), ms(r.health.p95Ms), '1.00×'],
      ...r.clusters.map((c) => [r.engine, c.view, int(c.stats.reqPerSec), ms(c.stats.p50Ms), ms(c.stats.p95Ms), ratio(c.stats.p95Ms / r.health.p95Ms)]),
    ]),
  ));
  console.log(`BENCH_CHARGING_RESULT ${JSON.stringify(roundForJson({ schema: 1, locations: count, results }))}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
