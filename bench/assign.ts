import { sql } from 'kysely';
import type { Db } from '../apps/server/src/platform/db/database.js';
import { municipalBoundaryVintage } from '../apps/server/src/modules/geo/geo.domain.js';
import type { PointSet } from './generate-points.js';

/**
 * Point-in-polygon assignment of many points to municipalities, in SQL, the same way on
 * PGlite and PostgreSQL: load the points into a table, then set each point's municipality
 * with an UPDATE … FROM joined on ST_Covers (the predicate `/geo/locate` uses), once
 * against the boundaries as stored ("naive") and once against the boundaries cut into
 * small pieces with ST_Subdivide ("subdivided"). Large UPDATEs run in id ranges, as they
 * would in production, which also lets the benchmark report progress.
 */

export interface AssignmentOptions {
  /** Points per INSERT statement. */
  loadBatch: number;
  /** Points per UPDATE statement. */
  updateChunk: number;
  /** ST_Subdivide's max_vertices. */
  subdivideVertices: number;
  log: (message: string) => void;
}

export interface PassResult {
  seconds: number;
  pointsPerSecond: number;
  assigned: number;
}

export interface AssignmentResult {
  points: number;
  boundaries: number;
  boundaryVertices: number;
  load: { seconds: number; pointsPerSecond: number };
  naive: PassResult;
  subdivided: PassResult & { prepareSeconds: number; pieces: number; maxVertices: number };
  /** Points whose municipality differs between the two passes (points on shared borders). */
  disagreements: number;
}

const pointTable = 'bench_point';
/** A fresh copy of the points for the second pass, so it does not run on a table the first pass churned. */
const pointCopyTable = 'bench_point_copy';
const pieceTable = 'bench_municipal_boundary_piece';

const since = (start: number) => (performance.now() - start) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Logs at most every few seconds, so long steps show they are moving without flooding the log. */
function progress(log: (message: string) => void, label: string, total: number) {
  const start = performance.now();
  let last = start;
  return (done: number) => {
    const now = performance.now();
    if (done < total && now - last < 5000) return;
    last = now;
    const s = (now - start) / 1000;
    log(`  ${label}: ${fmt(done)}/${fmt(total)} points (${((100 * done) / Math.max(1, total)).toFixed(0)} %) in ${s.toFixed(1)} s, ${fmt(done / Math.max(s, 1e-9))} points/s`);
  };
}

async function loadPoints(db: Db, points: PointSet, options: AssignmentOptions): Promise<void> {
  const tick = progress(options.log, 'load', points.count);
  for (let offset = 0; offset < points.count; offset += options.loadBatch) {
    const end = Math.min(points.count, offset + options.loadBatch);
    // Arrays travel as one text parameter each, which both drivers pass through unchanged.
    const lons = `{${points.lon.subarray(offset, end).join(',')}}`;
    const lats = `{${points.lat.subarray(offset, end).join(',')}}`;
    await sql`
      insert into ${sql.table(pointTable)} (id, geom)
      select ${offset}::int + t.n::int - 1, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)
      from unnest(${lons}::float8[], ${lats}::float8[]) with ordinality as t(lon, lat, n)`.execute(db);
    tick(end);
  }
}

async function assignPass(db: Db, table: string, count: number, boundaries: 'naive' | 'subdivided', options: AssignmentOptions): Promise<PassResult> {
  const tick = progress(options.log, boundaries, count);
  const start = performance.now();
  for (let lo = 0; lo < count; lo += options.updateChunk) {
    const hi = Math.min(count, lo + options.updateChunk);
    if (boundaries === 'naive') {
      await sql`
        update ${sql.table(table)} p set cvegeo = b.cvegeo
        from geo_municipal_boundary b
        where p.id >= ${lo} and p.id < ${hi} and b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, p.geom)`.execute(db);
    } else {
      await sql`
        update ${sql.table(table)} p set cvegeo = b.cvegeo
        from ${sql.table(pieceTable)} b
        where p.id >= ${lo} and p.id < ${hi} and ST_Covers(b.geom, p.geom)`.execute(db);
    }
    tick(hi);
  }
  const seconds = since(start);
  const r = await sql<{ n: number }>`select count(cvegeo)::int as n from ${sql.table(table)}`.execute(db);
  return { seconds, pointsPerSecond: count / seconds, assigned: r.rows[0]?.n ?? 0 };
}

export async function dropAssignmentTables(db: Db): Promise<void> {
  for (const table of [pointTable, pointCopyTable, pieceTable]) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}

export async function runAssignment(db: Db, points: PointSet, options: AssignmentOptions): Promise<AssignmentResult> {
  const { log } = options;
  const stats = await sql<{ n: number; v: number }>`
    select count(*)::int as n, coalesce(sum(ST_NPoints(geom)), 0)::int as v
    from geo_municipal_boundary where vintage = ${municipalBoundaryVintage}`.execute(db);
  const boundaries = stats.rows[0]?.n ?? 0;
  if (boundaries === 0) throw new Error('no municipal boundaries in the database; the reference data did not load');

  await dropAssignmentTables(db);
  await sql`
    create table ${sql.table(pointTable)} (
      id integer primary key,
      geom geometry(Point, 4326) not null,
      cvegeo char(5)
    )`.execute(db);

  log(`  loading ${fmt(points.count)} points (${fmt(options.loadBatch)} per INSERT … SELECT FROM unnest)…`);
  const loadStart = performance.now();
  await loadPoints(db, points, options);
  const loadSeconds = since(loadStart);
  await sql`analyze ${sql.table(pointTable)}`.execute(db);

  log(`  naive assignment: UPDATE … FROM geo_municipal_boundary WHERE ST_Covers, ${fmt(options.updateChunk)} points per statement…`);
  const naive = await assignPass(db, pointTable, points.count, 'naive', options);

  // Not timed: the second pass gets a freshly written table, as the first did.
  await sql`create table ${sql.table(pointCopyTable)} as select id, geom, null::char(5) as cvegeo from ${sql.table(pointTable)} order by id`.execute(db);
  await sql`alter table ${sql.table(pointCopyTable)} add primary key (id)`.execute(db);
  await sql`analyze ${sql.table(pointCopyTable)}`.execute(db);

  const prepStart = performance.now();
  await sql`
    create table ${sql.table(pieceTable)} as
    select cvegeo, ST_Subdivide(geom, ${options.subdivideVertices}::int) as geom
    from geo_municipal_boundary where vintage = ${municipalBoundaryVintage}`.execute(db);
  await sql`create index on ${sql.table(pieceTable)} using gist (geom)`.execute(db);
  await sql`analyze ${sql.table(pieceTable)}`.execute(db);
  const prepareSeconds = since(prepStart);
  const pieces = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(pieceTable)}`.execute(db)).rows[0]?.n ?? 0;
  log(`  subdivided ${fmt(boundaries)} boundaries into ${fmt(pieces)} pieces of ≤ ${options.subdivideVertices} vertices in ${prepareSeconds.toFixed(1)} s; subdivided assignment…`);
  const subdivided = await assignPass(db, pointCopyTable, points.count, 'subdivided', options);

  const d = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(pointTable)} a join ${sql.table(pointCopyTable)} c using (id)
    where a.cvegeo is distinct from c.cvegeo`.execute(db);

  return {
    points: points.count,
    boundaries,
    boundaryVertices: stats.rows[0]?.v ?? 0,
    load: { seconds: loadSeconds, pointsPerSecond: points.count / loadSeconds },
    naive,
    subdivided: { ...subdivided, prepareSeconds, pieces, maxVertices: options.subdivideVertices },
    disagreements: d.rows[0]?.n ?? 0,
  };
}
