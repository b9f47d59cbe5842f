/**
 * Skills taxonomy benchmark (issue "Skills and jobs platform": taxonomy search p95 ≤ 30 ms).
 *
 *  1. loads the shipped taxonomy (data/reference/skills: ESCO + O*NET, both languages) into a
 *     fresh database and times it;
 *  2. runs a mix of real-world queries — Spanish and English, with and without accents, word
 *     prefixes, typos, EV terms, Mexican wording — through the service (the route's code path:
 *     typo corrections, ranking, total), occupations and skills, and prints p50/p95/p99;
 *  3. runs, for the same queries, a hand-written SQL baseline (the word-index match alone,
 *     no ranking, no corrections, no total) and prints the ratio.
 *
 * The first pass over the queries is timed on its own: it is the one that looks typo corrections
 * up (later passes find them in the per-word cache), so both figures are shown. The machine's
 * load average is printed with the figures, as it weighs on them as much as the code does.
 *
 * On embedded PGlite (in memory) and, when BENCH_DATABASE_URL names a server, on PostgreSQL in a
 * scratch database created and dropped here. No thresholds: figures are for reading. The data
 * are the shipped reference files; the queries are written here.
 */
import pg from 'pg';
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseHandle } from '../apps/server/src/platform/db/database.js';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.js';
import { searchTerms } from '../apps/server/src/modules/skills/taxonomy/taxonomy.domain.js';
import { loadSkillsTaxonomy } from '../apps/server/src/modules/skills/taxonomy/taxonomy.seed.js';
import { createTaxonomyService } from '../apps/server/src/modules/skills/taxonomy/taxonomy.service.js';
import { ms, ratio, table } from './report.js';

const referenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/reference');
const rounds = Number(process.env.BENCH_SKILLS_ROUNDS ?? 10);
const serverUrl = process.env.BENCH_DATABASE_URL ?? null;
const scratchDb = 'electrifica_bench_skills';

/** What people type: es/en, accents or not, prefixes, typos, EV terms, Mexican wording. */
const queries: Array<{ kind: 'occupations' | 'skills'; q: string; lang?: 'es' | 'en' }> = [
  { kind: 'occupations', q: 'tecnico en baterias' }, { kind: 'occupations', q: 'técnico de baterías de automoción' },
  { kind: 'occupations', q: 'mecanico automotriz' }, { kind: 'occupations', q: 'mecánico' }, { kind: 'occupations', q: 'electricista' },
  { kind: 'occupations', q: 'electricista automotriz' }, { kind: 'occupations', q: 'ingeniero automotriz' }, { kind: 'occupations', q: 'ingeniero electrico' },
  { kind: 'occupations', q: 'soldador' }, { kind: 'occupations', q: 'operador de montacargas' }, { kind: 'occupations', q: 'ensamblador' },
  { kind: 'occupations', q: 'vehiculo electrico' }, { kind: 'occupations', q: 'instalador de cargadores' }, { kind: 'occupations', q: 'mecatronica' },
  { kind: 'occupations', q: 'bat' }, { kind: 'occupations', q: 'ing' }, { kind: 'occupations', q: 'tec' },
  { kind: 'occupations', q: 'battery', lang: 'en' }, { kind: 'occupations', q: 'battery technician', lang: 'en' }, { kind: 'occupations', q: 'power electronics engineer', lang: 'en' },
  { kind: 'occupations', q: 'EV electrician', lang: 'en' }, { kind: 'occupations', q: 'automotive service technician', lang: 'en' }, { kind: 'occupations', q: 'electrical engineer', lang: 'en' },
  { kind: 'occupations', q: 'fuel cell', lang: 'en' }, { kind: 'occupations', q: 'high voltage', lang: 'en' }, { kind: 'occupations', q: 'welder', lang: 'en' },
  { kind: 'occupations', q: 'baterya' }, { kind: 'occupations', q: 'electrisista' }, { kind: 'occupations', q: 'mecanco automotris' },
  { kind: 'occupations', q: 'enginer', lang: 'en' }, { kind: 'occupations', q: 'techncian batery', lang: 'en' },
  { kind: 'skills', q: 'alto voltaje' }, { kind: 'skills', q: 'electronica de potencia' }, { kind: 'skills', q: 'baterias' },
  { kind: 'skills', q: 'instalacion de estaciones de carga' }, { kind: 'skills', q: 'software BMS' }, { kind: 'skills', q: 'seguridad electrica' },
  { kind: 'skills', q: 'diagnostico' }, { kind: 'skills', q: 'soldadura' }, { kind: 'skills', q: 'programacion' },
  { kind: 'skills', q: 'power electronics', lang: 'en' }, { kind: 'skills', q: 'battery management', lang: 'en' }, { kind: 'skills', q: 'electric motors', lang: 'en' },
  { kind: 'skills', q: 'charger installation', lang: 'en' }, { kind: 'skills', q: 'troubleshooting', lang: 'en' }, { kind: 'skills', q: 'teamwork', lang: 'en' },
  { kind: 'skills', q: 'elctronica' }, { kind: 'skills', q: 'hybird vehicle', lang: 'en' },
];

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function run(engine: string, handle: DatabaseHandle) {
  const { db } = handle;
  await migrateToLatest(db);
  const load = await loadSkillsTaxonomy(db, referenceDir, { force: true });
  const service = createTaxonomyService({ db });
  const viaService = (x: (typeof queries)[number]) => (x.kind === 'occupations'
    ? service.searchOccupations({ q: x.q, lang: x.lang ?? 'es', limit: 20, offset: 0 })
    : service.searchSkills({ q: x.q, lang: x.lang ?? 'es', limit: 20, offset: 0 }));
  // The baseline: the same words against the same index, nothing else.
  const handWritten = (x: (typeof queries)[number]) => sql`
    select id, coalesce(label_es, label_en) as label from ${sql.raw(x.kind === 'occupations' ? 'skills_occupation' : 'skills_skill')}
    where search_vector @@ to_tsquery('simple', ${searchTerms(x.q)!.tsquery}) order by length(coalesce(label_es, label_en)) limit 20`.execute(db);
  // First pass: nothing cached (typo corrections are looked up here).
  const firstPass: number[] = [];
  for (const x of queries) {
    const t = performance.now();
    await viaService(x);
    firstPass.push(performance.now() - t);
    await handWritten(x);
  }
  const times = { service: [] as number[], sql: [] as number[] };
  const perQuery = new Map<string, number[]>();
  let found = 0;
  for (let round = 0; round < rounds; round++) {
    for (const x of queries) {
      let t = performance.now();
      const r = await viaService(x);
      const took = performance.now() - t;
      times.service.push(took);
      const key = `${x.kind}: ${x.q}`;
      perQuery.set(key, [...(perQuery.get(key) ?? []), took]);
      if (round === 0 && r.total > 0) found++;
      t = performance.now();
      await handWritten(x);
      times.sql.push(performance.now() - t);
    }
  }
  const s = { service: [...times.service].sort((a, b) => a - b), sql: [...times.sql].sort((a, b) => a - b), first: [...firstPass].sort((a, b) => a - b) };
  const median = (v: number[]) => quantile([...v].sort((a, b) => a - b), 0.5);
  const slowest = [...perQuery].map(([q, v]) => ({ q, p50: median(v) })).sort((a, b) => b.p50 - a.p50).slice(0, 5);
  return {
    engine, loadSeconds: load.durationMs / 1000, counts: load.counts, queries: queries.length, found, samples: s.service.length,
    p50: quantile(s.service, 0.5), p95: quantile(s.service, 0.95), p99: quantile(s.service, 0.99),
    firstP50: quantile(s.first, 0.5), firstP95: quantile(s.first, 0.95),
    sqlP50: quantile(s.sql, 0.5), sqlP95: quantile(s.sql, 0.95),
    slowest, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

const results = [];
{
  const handle = await openDatabase({ databaseUrl: null, dataDir: 'memory://' });
  try {
    results.push(await run('PGlite', handle));
  } finally {
    await handle.close();
  }
}
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${scratchDb} with (force)`);
  await admin.query(`create database ${scratchDb}`);
  const url = new URL(serverUrl);
  url.pathname = `/${scratchDb}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  try {
    results.push(await run('PostgreSQL', handle));
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${scratchDb} with (force)`);
    await admin.end();
  }
} else {
  console.log('(PostgreSQL skipped: set BENCH_DATABASE_URL to a server with PostGIS, pg_trgm and intarray)');
}

const first = results[0]!;
console.log(`\nSkills taxonomy: ${first.counts.occupations} occupations, ${first.counts.skills} skills, ${first.counts.occupationSkills} links; ` +
  `${queries.length} queries × ${rounds} rounds (limit 20, ranked, with total)\n`);
console.log(table(
  ['engine', 'load s', 'queries with hits', 'p50 ms', 'p95 ms', 'p99 ms', 'first pass p50 / p95 ms', 'hand-written SQL p50 / p95 ms', 'ratio p50', 'ratio p95', 'load avg 1/5/15 min'],
  results.map((r) => [r.engine, r.loadSeconds.toFixed(1), `${r.found}/${r.queries}`, ms(r.p50), ms(r.p95), ms(r.p99),
    `${ms(r.firstP50)} / ${ms(r.firstP95)}`, `${ms(r.sqlP50)} / ${ms(r.sqlP95)}`, ratio(r.p50 / r.sqlP50), ratio(r.p95 / r.sqlP95), r.loadAverage.join(' / ')]),
));
for (const r of results) console.log(`  slowest on ${r.engine} (p50 ms): ${r.slowest.map((x) => `${x.q} ${ms(x.p50)}`).join(' · ')}`);
console.log(`  machine: ${os.cpus().length} cores`);
console.log(`BENCH_SKILLS_TAXONOMY_RESULT ${JSON.stringify(results.map(({ counts: _c, ...r }) => r))}`);
