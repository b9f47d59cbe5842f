/**
 * Supplier census benchmarks (issue: national census and directory of automotive suppliers):
 *  1. import of N SYNTHETIC DENUE-shaped rows (Latin-1 CSV, INEGI's 42 columns) through the
 *     real pipeline — parsing, validation, municipality assignment, the merge and matching —
 *     in rows/s, against two COPY baselines in the same process: the file itself into a table
 *     of 42 text columns without indexes, and the rows the import stored into a copy of the
 *     establishment table with all its indexes;
 *  2. faceted text search over the directory (bench/suppliers-search.ts);
 *  3. matching N incoming establishments against N existing ones, with planted duplicates
 *     (bench/suppliers-matching.ts): seconds, rows/s, recall and false merges.
 * On embedded PGlite and, when BENCH_DATABASE_URL (or DATABASE_URL) names a server, on
 * PostgreSQL + PostGIS. Prints tables and one `BENCH_SUPPLIERS_RESULT {json}` line.
 * No thresholds: the figures are for reading and comparing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { automotiveClasses, denueHeader, loadLocalities, writeSyntheticDenue } from '../apps/server/src/modules/suppliers/import/denue.synthetic.js';
import { loadScian, scianCataloguePath } from '../apps/server/src/modules/suppliers/import/scian.js';
import { createPostgresTarget, engineLabels, preparePglite, preparePostgres, type EngineName, type PreparedEngine } from './engines.js';
import { benchDir, localitiesCsv } from './generate-points.js';
import { fixed, int, ratio, roundForJson, table } from './report.js';
import { seedSyntheticEstablishments } from './suppliers-data.js';
import { benchSuppliersMatching, matchingPgliteRows, matchingRows, printMatchingReport, type MatchingFigures } from './suppliers-matching.js';
import { benchSuppliersSearch, printSearchReport, type SearchFigures } from './suppliers-search.js';

const setting = (name: string, fallback: number) => {
  const raw = process.env[name]?.replace(/[_,]/g, '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number; got "${process.env[name]}"`);
  return value;
};
const rows = setting('BENCH_SUPPLIERS_ROWS', 1_000_000);
/** Establishments the directory holds for the search figures (seeded in SQL, faceted like a directory). */
const searchRows = setting('BENCH_SUPPLIERS_SEARCH_ROWS', 1_000_000);
const pgliteRows = setting('BENCH_SUPPLIERS_PGLITE_ROWS', rows);
const seed = setting('BENCH_SUPPLIERS_SEED', 2022);
const engines = (process.env.BENCH_ENGINES?.trim() || 'pglite,postgres').split(',').map((s) => s.trim()) as EngineName[];
const parts = new Set((process.env.BENCH_SUPPLIERS_PARTS?.trim() || 'import,search,matching').split(',').map((s) => s.trim()));
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;

const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const seconds = (since: number) => (performance.now() - since) / 1000;
const mb = (bytes: number) => Math.round(bytes / 1e6);

/** The synthetic DENUE file for `n` rows, written once and reused by later runs. */
async function denueFile(n: number): Promise<string> {
  const dir = path.resolve(benchDir, '../.tmp/bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `denue-synthetic-${n}-${seed}.csv`);
  if (fs.existsSync(file)) return file;
  const reference = path.resolve(benchDir, '../data/reference');
  const scian = loadScian(path.join(reference, scianCataloguePath));
  const t0 = performance.now();
  await writeSyntheticDenue(`${file}.part`, { rows: n, seed, localities: loadLocalities(localitiesCsv), scianClasses: automotiveClasses(scian), scian });
  fs.renameSync(`${file}.part`, file);
  log(`generated ${int(n)} synthetic DENUE rows (${mb(fs.statSync(file).size)} MB, Latin-1) in ${fixed(seconds(t0), 1)} s`);
  return file;
}

/** The establishment columns an import writes (generated and defaulted ones excluded). */
const storedColumns = [
  'id', 'source_key', 'company_id', 'name', 'name_key', 'legal_name', 'rfc', 'search_document', 'street', 'exterior_number', 'neighbourhood',
  'postal_code', 'locality', 'industrial_park', 'municipality_as_given', 'state_as_given', 'cvegeo_as_given', 'lat', 'lon', 'geom', 'cve_ent',
  'cvegeo', 'location_flags', 'scian', 'employees_stratum', 'size_class', 'tiers', 'processes', 'components', 'certifications', 'oem_customers',
  'export_markets', 'ev_readiness', 'phone', 'email', 'website', 'contact_consent', 'registered_on', 'content_hash', 'provenance',
];

interface ImportResult {
  engine: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  imported: number;
  rejected: number;
  peakRssMb: number;
  copyFile: { seconds: number; rowsPerSecond: number };
  copyStored: { seconds: number; rowsPerSecond: number };
}

async function benchImport(engine: PreparedEngine, file: string, n: number): Promise<ImportResult> {
  const label = engineLabels[engine.name];
  const { database } = engine;
  const content = new Uint8Array(fs.readFileSync(file));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  log(`  ${label}: importing ${int(n)} synthetic DENUE rows (suppliers.denue)…`);
  const t0 = performance.now();
  let run;
  try {
    run = await engine.electrifica.services.imports.runNow({
      kind: 'suppliers.denue', filename: path.basename(file), mediaType: 'text/csv', content, strict: false, principal: null, trusted: true, actorLabel: 'bench',
    });
  } finally {
    clearInterval(sampler);
  }
  const importSeconds = seconds(t0);
  if (run.status !== 'completed') throw new Error(`suppliers.denue import ${run.status}: ${run.fileError?.message}`);
  log(`  ${label}: ${int(run.newRows)} new, ${int(run.rejectedRows)} rejected in ${fixed(importSeconds, 1)} s (${int(run.totalRows / importSeconds)} rows/s)`);

  // Baseline 1: the same file, COPY'd as it is into 42 text columns (encoding converted, nothing checked).
  await sql`drop table if exists bench_denue_raw`.execute(database.db);
  await sql.raw(`create table bench_denue_raw (${denueHeader.map((c) => `"${c.toLowerCase()}" text`).join(', ')})`).execute(database.db);
  const utf8 = new TextEncoder().encode(new TextDecoder('latin1').decode(content));
  const c0 = performance.now();
  const copiedFile = await database.copyIn('bench_denue_raw', denueHeader.map((c) => c.toLowerCase()), utf8);
  const copyFileSeconds = seconds(c0);
  await sql`drop table bench_denue_raw`.execute(database.db);

  // Baseline 2: the rows the import stored, COPY'd into an empty copy of the table with every index.
  const stored = await database.copyOut(`select ${storedColumns.join(', ')} from supplier_establishment where source = 'denue'`);
  await sql`drop table if exists bench_establishment_copy`.execute(database.db);
  await sql`create table bench_establishment_copy (like supplier_establishment including all)`.execute(database.db);
  const c1 = performance.now();
  const copiedRows = await database.copyIn('bench_establishment_copy', storedColumns, stored);
  const copyStoredSeconds = seconds(c1);
  await sql`drop table bench_establishment_copy`.execute(database.db);
  log(`  ${label}: COPY of the file ${int(copiedFile / copyFileSeconds)} rows/s; COPY of the stored rows ${int(copiedRows / copyStoredSeconds)} rows/s`);

  return {
    engine: label, rows: run.totalRows, seconds: importSeconds, rowsPerSecond: run.totalRows / importSeconds, imported: run.newRows,
    rejected: run.rejectedRows, peakRssMb: mb(peakRss),
    copyFile: { seconds: copyFileSeconds, rowsPerSecond: copiedFile / copyFileSeconds },
    copyStored: { seconds: copyStoredSeconds, rowsPerSecond: copiedRows / copyStoredSeconds },
  };
}

async function withEngine<T>(name: EngineName, fn: (engine: PreparedEngine) => Promise<T>): Promise<T | null> {
  if (name === 'pglite') {
    const engine = await preparePglite({ analyze: true, log });
    try {
      return await fn(engine);
    } finally {
      await engine.close();
    }
  }
  if (!serverUrl) {
    log('PostgreSQL: skipped — set BENCH_DATABASE_URL to include it');
    return null;
  }
  const target = await createPostgresTarget(serverUrl);
  if (!target.ok) {
    log(`PostgreSQL: skipped — ${target.reason}`);
    return null;
  }
  const engine = await preparePostgres(target, { analyze: true, log });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

async function main() {
  const imports: ImportResult[] = [];
  if (parts.has('import')) {
    for (const name of engines) {
      const n = name === 'pglite' ? pgliteRows : rows;
      const file = await denueFile(n);
      const result = await withEngine(name, (engine) => benchImport(engine, file, n));
      if (result) imports.push(result);
    }
  }

  const searches: SearchFigures[] = [];
  if (parts.has('search')) {
    for (const name of engines) {
      const result = await withEngine(name, async (engine) => {
        log(`${engineLabels[engine.name]}: seeding ${int(searchRows)} synthetic establishments for the search figures…`);
        await seedSyntheticEstablishments(engine.database.db, { count: searchRows, source: 'bench', log });
        return benchSuppliersSearch(engine, log);
      });
      if (result) searches.push(result);
    }
  }

  const matching: MatchingFigures[] = [];
  if (parts.has('matching')) {
    for (const name of engines) {
      const result = await withEngine(name, (engine) => benchSuppliersMatching(engine, name === 'pglite' ? matchingPgliteRows() : matchingRows(), log));
      if (result) matching.push(result);
    }
  }

  if (imports.length > 0) {
    console.log('\nSupplier import: SYNTHETIC DENUE rows through suppliers.denue (parse, validate, place, merge, match), one transaction');
    console.log(table(
      ['engine', 'rows', 'import s', 'rows/s', 'COPY file rows/s', 'import vs COPY file', 'COPY stored rows/s', 'import vs COPY stored', 'peak RSS MB'],
      imports.map((r) => [
        r.engine, int(r.rows), fixed(r.seconds, 1), int(r.rowsPerSecond), int(r.copyFile.rowsPerSecond), ratio(r.rowsPerSecond / r.copyFile.rowsPerSecond),
        int(r.copyStored.rowsPerSecond), ratio(r.rowsPerSecond / r.copyStored.rowsPerSecond), int(r.peakRssMb),
      ]),
    ));
  }
  if (searches.length > 0) printSearchReport(searches);
  printMatchingReport(matching);
  console.log(`BENCH_SUPPLIERS_RESULT ${JSON.stringify(roundForJson({ schema: 1, rows, pgliteRows, seed, imports, matching }))}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
