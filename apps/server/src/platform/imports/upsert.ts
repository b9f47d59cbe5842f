import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { recordAudit, type AuditEntry } from '../audit.js';
import type { Db } from '../db/database.js';
import type { MergeContext, MergeOutcome, ValidRow } from './import-kind.js';

type Scalar = string | number | boolean | null;

export interface UpsertSpec<T> {
  table: string;
  keyColumn: string;
  entityType: string;
  /** Scalar columns this source owns; only these are compared and written. */
  columns(value: T): Record<string, Scalar>;
  /** Fixed column values that, with the key, identify the record (e.g. a boundary's vintage). */
  scope?: Record<string, Scalar>;
  /** Columns written only when the row is created (e.g. a required name for a stub). */
  insertOnlyColumns?(value: T): Record<string, Scalar>;
  /** A polygonal GeoJSON geometry stored as MultiPolygon with its hash in `geom_hash`. */
  polygon?(value: T): object;
  /** A point stored in `geom`. */
  point?(value: T): { lat: number; lon: number };
  /** Key of this source in the record's provenance map (e.g. 'population', 'boundary'). */
  provenanceKey: string;
  /** Extra column with the area of the polygon, in km². */
  areaColumn?: string;
}

export function geometryHash(geometry: object): string {
  return createHash('sha256').update(JSON.stringify(geometry)).digest('hex');
}

export const polygonSql = (geojson: object): RawBuilder<unknown> =>
  sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geojson)}), 4326)), 3))`;

/**
 * Whether a stored value equals an incoming one: nulls alike, dates by instant, numbers by
 * value, text ignoring the padding of `char(n)` columns. Every merge decides "unchanged" with it.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a).trimEnd() === String(b).trimEnd();
}

/**
 * Merges validated rows into a table by key: inserts what is new, updates what
 * changed, leaves the rest, and audits every write. Runs inside the caller's
 * transaction. Re-running the same rows yields only `unchanged`.
 */
export async function upsertByKey<T>(db: Db, rows: ValidRow<T>[], spec: UpsertSpec<T>, context: MergeContext): Promise<MergeOutcome[]> {
  const anyDb = db as unknown as Kysely<any>;
  const outcomes: MergeOutcome[] = [];
  const chunkSize = 500;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const sample = spec.columns(chunk[0]!.value);
    const compared = [...Object.keys(sample), ...(spec.polygon || spec.point ? ['geom_hash'] : [])];
    let existingQuery = anyDb
      .selectFrom(spec.table)
      .select([spec.keyColumn, ...compared.filter((c) => c !== 'geom_hash' || spec.polygon)])
      .where(spec.keyColumn, 'in', chunk.map((r) => r.key));
    for (const [column, value] of Object.entries(spec.scope ?? {})) existingQuery = existingQuery.where(column, '=', value);
    const existingRows = await existingQuery.execute();
    const existing = new Map(existingRows.map((r) => [String(r[spec.keyColumn]).trimEnd(), r]));
    const audits: AuditEntry[] = [];
    for (const row of chunk) {
      const columns: Record<string, Scalar> = spec.columns(row.value);
      const geometry = spec.polygon?.(row.value);
      if (geometry) columns.geom_hash = geometryHash(geometry);
      const before = existing.get(row.key);
      const provenance = JSON.stringify({ [spec.provenanceKey]: context.provenance(row.rowNumber) });
      const geomValues: Record<string, unknown> = {};
      if (geometry) {
        geomValues.geom = polygonSql(geometry);
        if (spec.areaColumn) geomValues[spec.areaColumn] = sql`ST_Area(${polygonSql(geometry)}::geography) / 1e6`;
      }
      const point = spec.point?.(row.value);
      if (point) geomValues.geom = sql`ST_SetSRID(ST_MakePoint(${point.lon}, ${point.lat}), 4326)`;

      if (!before) {
        const [inserted] = await anyDb
          .insertInto(spec.table)
          .values({ [spec.keyColumn]: row.key, ...spec.scope, ...spec.insertOnlyColumns?.(row.value), ...columns, ...geomValues, provenance })
          .execute();
        assertWrote(inserted?.numInsertedOrUpdatedRows, spec, row.key);
        audits.push({ entityType: spec.entityType, entityId: row.key, action: 'create', before: null, after: columns });
        outcomes.push('new');
        continue;
      }
      const changed = Object.keys(columns).filter((c) => !sameValue(before[c], columns[c]));
      if (changed.length === 0) {
        outcomes.push('unchanged');
        continue;
      }
      const changedColumns = Object.fromEntries(changed.map((c) => [c, columns[c]]));
      let update = anyDb
        .updateTable(spec.table)
        .set({
          ...changedColumns,
          ...(changed.includes('geom_hash') ? geomValues : {}),
          provenance: sql`provenance || ${provenance}::jsonb`,
        })
        .where(spec.keyColumn, '=', row.key);
      for (const [column, value] of Object.entries(spec.scope ?? {})) update = update.where(column, '=', value);
      const [updated] = await update.execute();
      assertWrote(updated?.numUpdatedRows, spec, row.key);
      audits.push({
        entityType: spec.entityType,
        entityId: row.key,
        action: 'update',
        before: Object.fromEntries(changed.map((c) => [c, before[c] ?? null])),
        after: changedColumns,
      });
      outcomes.push('updated');
    }
    await recordAudit(db, context.actor, audits);
  }
  context.touchedTables?.add(spec.table);
  return outcomes;
}

/**
 * A write that reports no row is a failure, never a success: some engines (PGlite's
 * PostGIS on a few invalid shapes) return no row instead of raising an error. Throwing
 * rolls the whole merge back and the import is reported as failed.
 */
function assertWrote(count: bigint | undefined, spec: UpsertSpec<unknown>, key: string) {
  if (count !== undefined && count !== 1n) {
    throw new Error(`The database stored nothing for ${spec.entityType} ${key} (${String(count)} rows written).`);
  }
}
