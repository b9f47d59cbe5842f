/**
 * Supplier matching benchmark (issue #5: "Matching 1,000,000 incoming rows against 1,000,000
 * existing: ≤ 5 minutes").
 *
 * Seeds 2·N SYNTHETIC DENUE-shaped establishments with bench/suppliers-data.ts (names saying
 * "SINTÉTICO", points at real localities moved by up to ~300 m — about 190 plants per
 * locality at N = 1,000,000, far denser than any real industrial park), splits them into N
 * existing (source `bench`) and N incoming (source `benchnew`), and plants known duplicates:
 * every 10th incoming record becomes another source's report of an existing plant, in five
 * kinds (see `plantedKinds`): the same name in capitals 20–120 m away with the same phone;
 * the same name with another legal form 40–140 m away; the name with "Planta" in front
 * 50–140 m away with the same phone; "Planta Norte" and the same RFC 300–900 m away (the
 * same company close enough to merge); the same name 250–450 m away and nothing else (a
 * moderator's call: queued, not merged).
 *
 * Then `matchEstablishments` runs on the N incoming records in one transaction, as an import
 * ends, and only that is timed. Printed: seconds, incoming rows/s, pairs merged and queued,
 * recall on the planted pairs (merged or queued), false merges (merged pairs that were not
 * planted), and the seconds per phase of the matching. The machine's load average is
 * printed with the figures: the benchmark shares the machine with whatever else runs.
 *
 * Standalone: `BENCH_DB_NAME=electrifica_bench_match BENCH_SUPPLIERS_MATCHING_N=100000 npx tsx bench/suppliers-matching.ts`
 * (PGlite, and PostgreSQL when BENCH_DATABASE_URL names a server; `BENCH_ENGINES=postgres`
 * for the server alone). Also the `matching` part of bench/suppliers.ts. No thresholds.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { nameKey } from '../apps/server/src/modules/suppliers/suppliers.domain.js';
import { matchEstablishments, type MatchTimings } from '../apps/server/src/modules/suppliers/suppliers.matching.js';
import { createPostgresTarget, engineLabels, preparePglite, preparePostgres, type EngineName, type PreparedEngine } from './engines.js';
import { fixed, int, percent, roundForJson, table } from './report.js';
import { seedSyntheticEstablishments } from './suppliers-data.js';

type Log = (message: string) => void;

/** The planted duplicates, by kind (the incoming record's number / 10, modulo 5). */
export const plantedKinds = [
  { kind: 'same name, capitals, same phone, 20–120 m', expect: 'merged' },
  { kind: 'same name, other legal form, 40–140 m', expect: 'merged' },
  { kind: '"Planta" + name, same phone, 50–140 m', expect: 'merged' },
  { kind: '"Planta Norte" + name, same RFC, 300–900 m', expect: 'merged' },
  { kind: 'same name, 250–450 m, nothing else', expect: 'queued' },
] as const;

export interface MatchingFigures {
  engine: string;
  version: string;
  existing: number;
  incoming: number;
  planted: number;
  seedSeconds: number;
  seconds: number;
  rowsPerSecond: number;
  merged: number;
  queued: number;
  recall: number;
  plantedFound: number;
  plantedMerged: number;
  plantedQueued: number;
  byKind: Array<{ kind: string; expect: string; planted: number; merged: number; queued: number }>;
  falseMerges: number;
  timings: MatchTimings;
  loadBefore: number[];
  loadAfter: number[];
  /** The server's memory and checkpoint settings, which move the figure (the bench README, 2026-12-04). */
  settings: { sharedBuffers: string; maxWalSize: string };
}

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/**
 * Seeds N existing + N incoming synthetic establishments with planted duplicates (see the
 * module comment). Returns the incoming ids.
 */
export async function seedMatchingData(engine: PreparedEngine, n: number, log: Log): Promise<string[]> {
  const { db } = engine.database;
  await seedSyntheticEstablishments(db, { count: 2 * n, source: 'bench', log });
  // Records n+1…2n become the incoming source; name keys as `nameKey` gives them (the seed
  // keeps accents in `name_key`; these names carry no legal form or abbreviation, so folding
  // accents and case is all `nameKey` does — checked on a sample below).
  log(`  splitting into ${int(n)} existing and ${int(n)} incoming, planting duplicates…`);
  await sql`
    update supplier_establishment set
      source_key = case when substr(source_key, 7)::int > ${n} then 'benchnew:' || substr(source_key, 7) else source_key end,
      name_key = lower(translate(name, 'ÁÉÍÓÚÑÜáéíóúñü', 'AEIOUNUaeiounu'))
    where source = 'bench'`.execute(db);
  // Every 10th incoming record reports an existing plant again (kind = its number / 10 mod 5).
  await sql`
    with planted as (
      select i.id, e.id as existing_id, e.name, e.legal_name, e.phone, e.lat, e.lon, e.cve_ent, e.cvegeo, e.scian,
        ((substr(i.source_key, 10)::int - ${n}) / 10) % 5 as kind, substr(e.source_key, 7)::int as j,
        -- a distance within the kind's range and a bearing, drawn from the number
        ((substr(i.source_key, 10)::int * 2654435761::bigint) % 4294967296) / 4294967296.0 as u,
        ((substr(i.source_key, 10)::int * 2246822519::bigint) % 4294967296) / 4294967296.0 * 2 * pi() as bearing
      from supplier_establishment i
      join supplier_establishment e on e.source_key = 'bench:' || lpad((substr(i.source_key, 10)::int - ${n})::text, 7, '0')
      where i.source = 'benchnew' and (substr(i.source_key, 10)::int - ${n}) % 10 = 0
    ),
    moved as (
      select p.*, (array[20, 40, 50, 300, 250])[p.kind + 1] + p.u * (array[100, 100, 90, 600, 200])[p.kind + 1] as distance_m from planted p
    ),
    v as (
      select m.id, m.kind, m.j, m.phone, m.cve_ent, m.cvegeo, m.scian,
        m.lat + m.distance_m * cos(m.bearing) / 111320.0 as lat,
        m.lon + m.distance_m * sin(m.bearing) / (111320.0 * cos(radians(m.lat))) as lon,
        case m.kind
          when 0 then upper(translate(m.name, 'ÁÉÍÓÚÑÜáéíóúñü', 'AEIOUNUaeiounu'))
          when 1 then m.name
          when 2 then 'Planta ' || m.name
          when 3 then 'Planta Norte ' || m.name
          else m.name end as name,
        case m.kind when 0 then upper(translate(m.name, 'ÁÉÍÓÚÑÜáéíóúñü', 'AEIOUNUaeiounu')) || ' SA DE CV'
          when 1 then m.name || ', S. de R.L. de C.V.' else m.legal_name end as legal_name,
        case when m.kind = 3 then 'SIN' || lpad(m.j::text, 7, '0') || 'S1' end as rfc
      from moved m
    )
    update supplier_establishment e set
      name = v.name, name_key = lower(translate(v.name, 'ÁÉÍÓÚÑÜáéíóúñü', 'AEIOUNUaeiounu')), legal_name = v.legal_name, rfc = v.rfc,
      phone = case when v.kind in (0, 2) then v.phone end, email = null,
      lat = v.lat, lon = v.lon, geom = ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326), cve_ent = v.cve_ent, cvegeo = v.cvegeo, scian = v.scian
    from v where e.id = v.id`.execute(db);
  // Their existing twins of kind 3 carry the same RFC.
  await sql`
    update supplier_establishment e set rfc = 'SIN' || substr(e.source_key, 7) || 'S1'
    where e.source = 'bench' and substr(e.source_key, 7)::int % 10 = 0 and (substr(e.source_key, 7)::int / 10) % 5 = 3`.execute(db);
  // The name keys must be what `nameKey` makes of the names (a sample of both sources, planted ones included).
  const sample = await sql<{ name: string; name_key: string }>`
    select name, name_key from supplier_establishment where source in ('bench', 'benchnew') order by md5(id::text) limit 2000`.execute(db);
  const wrong = sample.rows.filter((r) => nameKey(r.name) !== r.name_key);
  if (wrong.length > 0) throw new Error(`synthetic name keys differ from nameKey(), e.g. "${wrong[0]!.name}" → "${wrong[0]!.name_key}"`);
  // Vacuumed as well as analyzed: the split and the planting rewrite every row once, and a census
  // in service has had its dead row versions cleared by autovacuum. Left alone, autovacuum would
  // clear these two million during the timed match and the figure would measure it too.
  await sql`vacuum analyze supplier_establishment`.execute(db);
  const ids = await sql<{ id: string }>`select id from supplier_establishment where source = 'benchnew'`.execute(db);
  return ids.rows.map((r) => r.id);
}

/** Seeds, matches the incoming records against the existing ones (timed), and checks the result against the planted pairs. */
export async function benchSuppliersMatching(engine: PreparedEngine, n: number, log: Log): Promise<MatchingFigures> {
  const label = engineLabels[engine.name];
  const { db } = engine.database;
  log(`${label}: seeding ${int(2 * n)} synthetic establishments (${int(n)} existing + ${int(n)} incoming) for the matching figures…`);
  const s0 = performance.now();
  const incoming = await seedMatchingData(engine, n, log);
  const seedSeconds = (performance.now() - s0) / 1000;
  return { ...(await measureMatching(engine, n, incoming, log)), seedSeconds };
}

/**
 * Matches the incoming records of a database seeded by `seedMatchingData` (timed, one
 * transaction, committed) and checks the result against the planted pairs.
 */
export async function measureMatching(
  engine: Pick<PreparedEngine, 'name' | 'version' | 'database'>, n: number, incoming: string[], log: Log,
): Promise<Omit<MatchingFigures, 'seedSeconds'>> {
  const label = engineLabels[engine.name];
  const { db } = engine.database;
  const timings: MatchTimings = {};
  const shown = await sql<{ shared_buffers: string; max_wal_size: string }>`
    select current_setting('shared_buffers') as shared_buffers, current_setting('max_wal_size') as max_wal_size`.execute(db);
  const settings = { sharedBuffers: shown.rows[0]!.shared_buffers, maxWalSize: shown.rows[0]!.max_wal_size };
  const loadBefore = loadAverage();
  log(`${label}: matching ${int(incoming.length)} incoming against ${int(n)} existing (load average ${loadBefore.join(' ')}; ` +
    `shared_buffers ${settings.sharedBuffers}, max_wal_size ${settings.maxWalSize})…`);
  const t0 = performance.now();
  const outcome = await db.transaction().execute((tx) =>
    matchEstablishments(tx, incoming, { userId: null, label: 'bench:matching' }, undefined, { timings }));
  const seconds = (performance.now() - t0) / 1000;
  const loadAfter = loadAverage();
  log(`${label}: ${int(outcome.merged)} merged, ${int(outcome.queued)} queued in ${fixed(seconds, 1)} s (load average ${loadAfter.join(' ')})`);

  // Planted pair: incoming number i, existing number i − n, i − n a multiple of 10.
  const byKind = await sql<{ kind: number; planted: string; merged: string; queued: string }>`
    with planted as (
      select i.id as incoming_id, e.id as existing_id, ((substr(i.source_key, 10)::int - ${n}) / 10) % 5 as kind
      from supplier_establishment i
      join supplier_establishment e on e.source_key = 'bench:' || lpad((substr(i.source_key, 10)::int - ${n})::text, 7, '0')
      where i.source = 'benchnew' and (substr(i.source_key, 10)::int - ${n}) % 10 = 0
    )
    select p.kind, count(*) as planted,
      count(*) filter (where m.status = 'merged') as merged, count(*) filter (where m.status = 'pending') as queued
    from planted p
    left join supplier_match m on (m.establishment_id = p.incoming_id and m.match_id = p.existing_id)
                               or (m.establishment_id = p.existing_id and m.match_id = p.incoming_id)
    group by p.kind order by p.kind`.execute(db);
  // Every merge of an incoming record that is not its planted pair is a false merge (with another synthetic record or a real one).
  const mergedIncoming = await sql<{ n: string }>`
    select count(*) as n from supplier_match m
    join supplier_establishment a on a.id = m.establishment_id
    join supplier_establishment b on b.id = m.match_id
    where m.status = 'merged' and (a.source = 'benchnew' or b.source = 'benchnew')`.execute(db);
  const kinds = byKind.rows.map((r) => ({
    kind: plantedKinds[r.kind]!.kind, expect: plantedKinds[r.kind]!.expect, planted: Number(r.planted), merged: Number(r.merged), queued: Number(r.queued),
  }));
  const plantedCount = kinds.reduce((s, k) => s + k.planted, 0);
  const plantedMerged = kinds.reduce((s, k) => s + k.merged, 0);
  const plantedQueued = kinds.reduce((s, k) => s + k.queued, 0);
  return {
    engine: label, version: engine.version, existing: n, incoming: incoming.length, planted: plantedCount, seconds,
    rowsPerSecond: incoming.length / seconds, merged: outcome.merged, queued: outcome.queued,
    recall: plantedCount > 0 ? (plantedMerged + plantedQueued) / plantedCount : NaN, plantedFound: plantedMerged + plantedQueued,
    plantedMerged, plantedQueued, byKind: kinds, falseMerges: Number(mergedIncoming.rows[0]!.n) - plantedMerged, timings, loadBefore, loadAfter,
    settings,
  };
}

export function printMatchingReport(results: MatchingFigures[]): void {
  if (results.length === 0) return;
  console.log('\nSupplier matching: N SYNTHETIC incoming establishments against N existing, one transaction (matching alone timed)');
  console.log(table(
    ['engine', 'existing', 'incoming', 'seconds', 'rows/s', 'merged', 'queued', 'planted', 'recall', 'false merges', 'load before → after'],
    results.map((r) => [
      r.engine, int(r.existing), int(r.incoming), fixed(r.seconds, 1), int(r.rowsPerSecond), int(r.merged), int(r.queued), int(r.planted),
      percent(r.plantedFound, r.planted), int(r.falseMerges), `${r.loadBefore[0]} → ${r.loadAfter[0]}`,
    ]),
  ));
  for (const r of results) {
    console.log(`\n  ${r.engine} (${r.version}; shared_buffers ${r.settings.sharedBuffers}, max_wal_size ${r.settings.maxWalSize}): planted pairs by kind`);
    console.log(table(['kind', 'expected', 'planted', 'merged', 'queued', 'missed'], r.byKind.map((k) => [
      k.kind, k.expect, int(k.planted), int(k.merged), int(k.queued), int(k.planted - k.merged - k.queued),
    ]), '    '));
    const phases = Object.entries(r.timings).sort((a, b) => b[1] - a[1]);
    console.log(`\n  ${r.engine}: seconds per phase (reads run ahead while a batch is scored, so they overlap the other phases)`);
    console.log(table(['phase', 'seconds', 'share of the run'], phases.map(([phase, s]) => [phase, fixed(s, 1), percent(s, r.seconds)]), '    '));
  }
}

const setting = (name: string, fallback: number) => {
  const raw = process.env[name]?.replace(/[_,]/g, '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number; got "${process.env[name]}"`);
  return value;
};
/** Establishments on each side (existing and incoming) on PostgreSQL. */
export const matchingRows = () => setting('BENCH_SUPPLIERS_MATCHING_N', 1_000_000);
/** The same on PGlite (single-threaded WebAssembly: a tenth by default). */
export const matchingPgliteRows = () => setting('BENCH_SUPPLIERS_MATCHING_PGLITE_N', 100_000);

async function main() {
  const started = performance.now();
  const log: Log = (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
  const engines = (process.env.BENCH_ENGINES?.trim() || 'pglite,postgres').split(',').map((s) => s.trim()) as EngineName[];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
  const results: MatchingFigures[] = [];
  for (const name of engines) {
    let engine: PreparedEngine;
    if (name === 'pglite') engine = await preparePglite({ analyze: true, log });
    else {
      if (!serverUrl) {
        log('PostgreSQL: skipped — set BENCH_DATABASE_URL to include it');
        continue;
      }
      const target = await createPostgresTarget(serverUrl);
      if (!target.ok) {
        log(`PostgreSQL: skipped — ${target.reason}`);
        continue;
      }
      engine = await preparePostgres(target, { analyze: true, log });
    }
    try {
      results.push(await benchSuppliersMatching(engine, name === 'pglite' ? matchingPgliteRows() : matchingRows(), log));
    } finally {
      await engine.close();
    }
  }
  printMatchingReport(results);
  console.log(`BENCH_SUPPLIERS_MATCHING_RESULT ${JSON.stringify(roundForJson({ schema: 1, results }))}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
