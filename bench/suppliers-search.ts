/**
 * Supplier directory search benchmark (issue #5: "Faceted text search over 1,000,000
 * establishments: p95 ≤ 50 ms on PostgreSQL, ≤ 150 ms on PGlite; print the ratio to the same
 * hand-written SQL query").
 *
 * A mix of directory requests as the web makes them (`GET /api/v1/suppliers/establishments`
 * with `facets=true&limit=20`): text alone (a very common, a common and a rare term, Spanish
 * and English, typed without accents), text + state, tier + component, radius around Saltillo,
 * and the unfiltered landing page. For each request:
 *
 * - **first after a write**: the directory caches counts and pages per data version, and any
 *   write to the establishments starts a new version. A no-op write (`updated_at = updated_at`
 *   on one row) is made before each of these requests, so they measure the uncached path.
 * - **steady**: rounds of the whole mix through `app.inject`, sequentially (one warm-up round
 *   not counted): p50/p95 per request and over all of them.
 * - **under load**: the mix cycled by 10 connections over HTTP (bench/http-load.ts).
 * - **hand-written SQL**: what a DBA would write for the same answer, run directly on the
 *   database: count, first page, and one GROUP BY per facet with every filter but the facet's
 *   own (drill-down). Its counts are compared with the API's (they must be equal), and each
 *   request's p95 is given as a ratio to it.
 *
 * Standalone: `BENCH_DB_NAME=electrifica_bench_search BENCH_SUPPLIERS_N=1000000 npx tsx bench/suppliers-search.ts`
 * seeds N SYNTHETIC establishments (bench/suppliers-data.ts) on PGlite, and on PostgreSQL too
 * when BENCH_DATABASE_URL names a server. The establishments are synthetic and labelled so.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createPostgresTarget, engineLabels, preparePglite, preparePostgres, type PreparedEngine } from './engines.js';
import { measureRoute, percentile, type LoadStats } from './http-load.js';
import { seedSyntheticEstablishments } from './suppliers-data.js';
import { fixed, int, ms, ratio, roundForJson, table } from './report.js';

type Log = (message: string) => void;

/** Saltillo, Coahuila: the centre of the radius request. */
const saltillo = { lat: 25.4232, lon: -101.0053 };
const radiusKm = 100;
/** A box holding the 100 km circle around Saltillo (1° of latitude ≥ 110.5 km; of longitude ≥ 99 km at 26.4° N), for the index. */
const saltilloBox = `ST_MakeEnvelope(${saltillo.lon - 1.03}, ${saltillo.lat - 0.92}, ${saltillo.lon + 1.03}, ${saltillo.lat + 0.92}, 4326)`;
const saltilloPoint = `ST_SetSRID(ST_MakePoint(${saltillo.lon}, ${saltillo.lat}), 4326)::geography`;

type FacetName = 'state' | 'municipality' | 'tier' | 'process' | 'component' | 'certification' | 'size' | 'evReadiness';

/** One request of the mix, with the conditions a DBA would write for it (keyed by facet when a facet filter, so drill-down can leave it out). */
interface MixRequest {
  label: string;
  query: string;
  /** Conditions that are not facet filters (text, radius). */
  where: string[];
  /** Facet filters by facet. */
  facetWhere: Partial<Record<FacetName, string>>;
  orderBy: string;
}

const text = (words: string) => `search_vector @@ to_tsquery('simple', '${words}')`;
const byRank = (words: string) => `ts_rank(search_vector, to_tsquery('simple', '${words}')) desc, name, id`;

export const searchMix: MixRequest[] = [
  { label: 'q very common es (bateria)', query: 'q=bateria', where: [text('bateria:*')], facetWhere: {}, orderBy: byRank('bateria:*') },
  { label: 'q common es (arneses)', query: 'q=arneses', where: [text('arneses:*')], facetWhere: {}, orderBy: byRank('arneses:*') },
  { label: 'q common en (harness)', query: 'q=harness', where: [text('harness:*')], facetWhere: {}, orderBy: byRank('harness:*') },
  { label: 'q rare es (tornillos)', query: 'q=tornillos', where: [text('tornillos:*')], facetWhere: {}, orderBy: byRank('tornillos:*') },
  { label: 'q rare en (driveline)', query: 'q=driveline', where: [text('driveline:*')], facetWhere: {}, orderBy: byRank('driveline:*') },
  { label: 'q + state (arneses, 05)', query: 'q=arneses&state=05', where: [text('arneses:*')], facetWhere: { state: `cve_ent = '05'` }, orderBy: byRank('arneses:*') },
  {
    label: 'tier + component', query: 'tier=tier1&component=wire_harness', where: [],
    facetWhere: { tier: `tiers && '{tier1}'::text[]`, component: `components && '{wire_harness}'::text[]` }, orderBy: 'name, id',
  },
  {
    label: `near Saltillo ${radiusKm} km`, query: `near=${saltillo.lat},${saltillo.lon}&radiusKm=${radiusKm}`,
    where: [`geom && ${saltilloBox}`, `ST_DWithin(geom::geography, ${saltilloPoint}, ${radiusKm * 1000})`], facetWhere: {},
    orderBy: `ST_Distance(geom::geography, ${saltilloPoint}), name, id`,
  },
  { label: 'no filter', query: '', where: [], facetWhere: {}, orderBy: 'name, id' },
];

const pathOf = (r: MixRequest) => `/api/v1/suppliers/establishments?${r.query ? `${r.query}&` : ''}facets=true&limit=20`;

/** The facets as a DBA groups them: a column, or the elements of an array. */
const facetGroups: Record<FacetName, { from: string; value: string; extra?: string }> = {
  state: { from: '', value: 'cve_ent::text' },
  municipality: { from: '', value: 'cvegeo::text' },
  size: { from: '', value: 'size_class' },
  evReadiness: { from: '', value: 'ev_readiness' },
  tier: { from: ', unnest(tiers) v', value: 'v' },
  process: { from: ', unnest(processes) v', value: 'v' },
  component: { from: ', unnest(components) v', value: 'v' },
  certification: {
    from: ', jsonb_array_elements(certifications) c', value: `c->>'code'`,
    extra: `coalesce(c->>'expiresOn', '9999-12-31') >= to_char(current_date, 'YYYY-MM-DD')`,
  },
};

/** The hand-written statements of one request: count, first page, one GROUP BY per facet (each without its own filter). */
export function handWrittenSql(r: MixRequest): { count: string; page: string; facets: Array<{ facet: FacetName; sql: string }> } {
  const all = ['merged_into is null', ...r.where, ...Object.values(r.facetWhere)];
  const count = `select count(*)::int as n from supplier_establishment where ${all.join(' and ')}`;
  const page = `select e.id, e.name, e.company_id, e.legal_name, e.scian, e.cve_ent, e.cvegeo, e.lat, e.lon, e.tiers, e.processes, e.components, e.certifications,
      e.size_class, e.employees_stratum, e.ev_readiness, e.source, s.name as state_name, m.name as municipality_name
    from (select * from supplier_establishment where ${all.join(' and ')} order by ${r.orderBy} limit 20) e
    left join geo_state s on s.cve_ent = e.cve_ent left join geo_municipality m on m.cvegeo = e.cvegeo`;
  const facets = (Object.keys(facetGroups) as FacetName[]).map((facet) => {
    const g = facetGroups[facet];
    const where = ['merged_into is null', ...r.where, ...Object.entries(r.facetWhere).filter(([f]) => f !== facet).map(([, w]) => w), ...(g.extra ? [g.extra] : [])];
    return { facet, sql: `select ${g.value} as value, count(*)::int as n from supplier_establishment${g.from} where ${where.join(' and ')} group by 1` };
  });
  return { count, page, facets };
}

interface Timing { p50Ms: number; p95Ms: number; maxMs: number; samples: number }
const timing = (values: number[]): Timing => {
  const sorted = Float64Array.from(values).sort();
  return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1] ?? Number.NaN, samples: sorted.length };
};

export interface RequestFigures {
  label: string;
  total: number;
  /** First request after a write (median of the runs). */
  firstAfterWriteMs: number;
  steady: Timing;
  handWrittenSql: Timing;
  /** steady p95 / hand-written SQL p95. */
  p95Ratio: number;
  /** first-after-write / hand-written SQL p50. */
  firstAfterWriteRatio: number;
  /** Facet values whose API count differs from the hand-written SQL's (must be 0). */
  mismatches: number;
}

export interface SearchFigures {
  engine: string;
  establishments: number;
  requests: RequestFigures[];
  overall: Timing;
  overallFirstAfterWrite: Timing;
  underLoad: LoadStats | null;
}

/** A no-op write: a new data version, so the next request computes everything again. */
const touch = (engine: PreparedEngine) =>
  sql`update supplier_establishment set updated_at = updated_at where id = (select id from supplier_establishment order by id limit 1)`.execute(engine.database.db);

/**
 * Measures the mix on an engine that already holds the establishments. Options: rounds of the
 * steady phase, runs of the first-after-write and hand-written phases, seconds under load (0: skip).
 */
export async function benchSuppliersSearch(
  engine: PreparedEngine,
  log: Log,
  options: { rounds?: number; coldRuns?: number; sqlRuns?: number; loadSeconds?: number; loadConnections?: number } = {},
): Promise<SearchFigures> {
  const label = engineLabels[engine.name];
  const rounds = options.rounds ?? 40;
  const coldRuns = options.coldRuns ?? 3;
  const sqlRuns = options.sqlRuns ?? 3;
  const loadSeconds = options.loadSeconds ?? 8;
  const { app } = engine.electrifica;
  const db = engine.database.db;
  const establishments = (await sql<{ n: number }>`select count(*)::int as n from supplier_establishment where merged_into is null`.execute(db)).rows[0]!.n;

  const inject = async (path: string) => {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: path });
    const elapsed = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${path}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { elapsed, body: res.json() as { total: number; facets: Record<string, Array<{ value: string; count: number }>> } };
  };

  // First request after a write, per request of the mix.
  const cold = new Map<string, number[]>();
  for (let run = 0; run < coldRuns; run++) {
    for (const r of searchMix) {
      await touch(engine);
      const { elapsed } = await inject(pathOf(r));
      cold.set(r.label, [...(cold.get(r.label) ?? []), elapsed]);
    }
    log(`  ${label}: first-after-write run ${run + 1}/${coldRuns} done`);
  }

  // Steady: one warm-up round, then rounds of the mix in order.
  const bodies = new Map<string, Awaited<ReturnType<typeof inject>>['body']>();
  for (const r of searchMix) bodies.set(r.label, (await inject(pathOf(r))).body);
  const steady = new Map<string, number[]>(searchMix.map((r) => [r.label, []]));
  for (let round = 0; round < rounds; round++) {
    for (const r of searchMix) steady.get(r.label)!.push((await inject(pathOf(r))).elapsed);
  }
  log(`  ${label}: ${rounds} steady rounds done`);

  // Hand-written SQL, run directly; its counts checked against the API's.
  const requests: RequestFigures[] = [];
  for (const r of searchMix) {
    const statements = handWrittenSql(r);
    const times: number[] = [];
    let counted: { total: number; facets: Map<string, number> } | null = null;
    for (let run = 0; run < sqlRuns; run++) {
      const t0 = performance.now();
      const total = (await sql.raw<{ n: number }>(statements.count).execute(db)).rows[0]!.n;
      await sql.raw(statements.page).execute(db);
      const facets = new Map<string, number>();
      for (const f of statements.facets) {
        for (const row of (await sql.raw<{ value: string | null; n: number }>(f.sql).execute(db)).rows) {
          if (row.value !== null) facets.set(`${f.facet}:${String(row.value).trimEnd()}`, row.n);
        }
      }
      times.push(performance.now() - t0);
      counted = { total, facets };
    }
    const body = bodies.get(r.label)!;
    const api = new Map<string, number>();
    for (const [facet, values] of Object.entries(body.facets)) for (const v of values) if (v.count > 0) api.set(`${facet}:${v.value}`, v.count);
    let mismatches = body.total === counted!.total ? 0 : 1;
    for (const key of new Set([...api.keys(), ...counted!.facets.keys()])) if ((api.get(key) ?? 0) !== (counted!.facets.get(key) ?? 0)) mismatches++;
    const st = timing(steady.get(r.label)!);
    const hw = timing(times);
    const first = timing(cold.get(r.label)!).p50Ms;
    requests.push({
      label: r.label, total: body.total, firstAfterWriteMs: first, steady: st, handWrittenSql: hw, p95Ratio: st.p95Ms / hw.p95Ms,
      firstAfterWriteRatio: first / hw.p50Ms, mismatches,
    });
    log(`  ${label}: ${r.label}: total ${int(body.total)}, steady p95 ${ms(st.p95Ms)} ms, first after a write ${ms(first)} ms, hand-written SQL p95 ${ms(hw.p95Ms)} ms` +
      `${mismatches ? `, ${mismatches} COUNTS DIFFER` : ''}`);
  }

  // Under load: the whole mix cycled by concurrent connections over HTTP (cached, as in steady).
  let underLoad: LoadStats | null = null;
  if (loadSeconds > 0) {
    // Listening stops when the engine closes.
    if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    underLoad = await measureRoute({ baseUrl, route: 'mix', paths: searchMix.map(pathOf), connections: options.loadConnections ?? 10, durationS: loadSeconds });
    log(`  ${label}: mix under load: ${int(underLoad.reqPerSec)} req/s, p50 ${ms(underLoad.p50Ms)} ms, p95 ${ms(underLoad.p95Ms)} ms`);
  }

  return {
    engine: label, establishments, requests,
    overall: timing([...steady.values()].flat()),
    overallFirstAfterWrite: timing([...cold.values()].flat()),
    underLoad,
  };
}

/** The report of one or more engines: one table per engine, then the JSON line. */
export function printSearchReport(results: SearchFigures[]) {
  for (const r of results) {
    console.log(`\nSupplier directory search, ${r.engine}, ${int(r.establishments)} establishments (SYNTHETIC but for the reference RETC rows); facets=true, limit=20`);
    console.log(table(
      ['request', 'total', 'p50 ms', 'p95 ms', 'first after write ms', 'SQL p50 ms', 'SQL p95 ms', 'p95 / SQL', 'first / SQL', 'counts differ'],
      [
        ...r.requests.map((q) => [
          q.label, int(q.total), ms(q.steady.p50Ms), ms(q.steady.p95Ms), ms(q.firstAfterWriteMs), ms(q.handWrittenSql.p50Ms), ms(q.handWrittenSql.p95Ms),
          ratio(q.p95Ratio), ratio(q.firstAfterWriteRatio), String(q.mismatches),
        ]),
        ['all (steady)', '', ms(r.overall.p50Ms), ms(r.overall.p95Ms), ms(r.overallFirstAfterWrite.p50Ms), '', '', '', '', ''],
      ],
    ));
    if (r.underLoad) {
      console.log(`  mix under load (${r.underLoad.connections} connections, ${fixed(r.underLoad.durationS, 0)} s): ${int(r.underLoad.reqPerSec)} req/s, ` +
        `p50 ${ms(r.underLoad.p50Ms)} ms, p95 ${ms(r.underLoad.p95Ms)} ms, p99 ${ms(r.underLoad.p99Ms)} ms, non-2xx ${r.underLoad.non2xx}`);
    }
  }
  console.log(`BENCH_SUPPLIERS_SEARCH_RESULT ${JSON.stringify(roundForJson({ schema: 1, results }))}`);
}

async function main() {
  const started = performance.now();
  const log: Log = (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
  const count = Number((process.env.BENCH_SUPPLIERS_N ?? '1000000').replace(/[_,]/g, ''));
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_SUPPLIERS_N must be a whole number above 0; got "${process.env.BENCH_SUPPLIERS_N}"`);
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;
  const engines = (process.env.BENCH_ENGINES?.trim() || 'pglite,postgres').split(',').map((s) => s.trim());
  const results: SearchFigures[] = [];

  const run = async (engine: PreparedEngine) => {
    log(`${engineLabels[engine.name]}: seeding ${int(count)} synthetic establishments…`);
    const seconds = await seedSyntheticEstablishments(engine.database.db, { count, source: 'bench', log });
    log(`${engineLabels[engine.name]}: seeded in ${fixed(seconds, 0)} s`);
    results.push(await benchSuppliersSearch(engine, log));
  };

  if (engines.includes('pglite')) {
    const pglite = await preparePglite({ analyze: true, log });
    try {
      await run(pglite);
    } finally {
      await pglite.close();
    }
  }
  if (engines.includes('postgres')) {
    if (!serverUrl) log('PostgreSQL: skipped — set BENCH_DATABASE_URL to include it');
    else {
      const target = await createPostgresTarget(serverUrl);
      if (!target.ok) log(`PostgreSQL: skipped — ${target.reason}`);
      else {
        const postgres = await preparePostgres(target, { analyze: true, log });
        try {
          await run(postgres);
        } finally {
          await postgres.close();
        }
      }
    }
  }
  printSearchReport(results);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
