import type { ErrorCode, ImportFormat, LocalizedText } from '@electrifica/contracts';
import type { Actor } from '../audit.js';
import type { Db } from '../db/database.js';
import type { Provenance } from '../db/schema.js';
import type { ParsedRecord } from './parse/index.js';
import type { RequiredRole } from '../../modules/accounts/accounts.domain.js';
import type { PointPlacement } from '../../modules/geo/point-locator.js';

export type RowResult<T> =
  | { ok: true; key: string; value: T }
  | { ok: false; code: ErrorCode; message: string };

export type MergeOutcome = 'new' | 'updated' | 'unchanged';

export interface ValidRow<T> {
  rowNumber: number;
  key: string;
  value: T;
  /**
   * For kinds with a point: where the pipeline placed it, or null when the boundaries did not
   * cover it (the merge then places it in SQL). Absent for kinds without points.
   */
  placement?: PointPlacement | null;
}

/** Where a kind's records may lie: Mexico only, or Mexico and the United States (e.g. AFDC). */
export type PointArea = 'mexico' | 'mexico-and-us';

export interface PointProblem {
  code: ErrorCode;
  message: string;
}

/** Checks points against the loaded boundaries; null where the point is fine. */
export type PointChecker = (points: Array<{ lat: number; lon: number }>, area: PointArea) => Promise<Array<PointProblem | null>>;

/**
 * A checked point: its problem, or where it lies when the boundaries cover it (null when
 * they do not, e.g. on a shore in the gaps of the simplified boundaries: the database's
 * nearest-boundary rules then decide when the record is written).
 */
export type CheckedPoint = { problem: PointProblem; placement: null } | { problem: null; placement: PointPlacement | null };

/** {@link PointChecker} that also places the points it accepts. */
export type PointPlacer = (points: Array<{ lat: number; lon: number }>, area: PointArea) => Promise<CheckedPoint[]>;

export interface MergeContext {
  actor: Actor;
  importId: string;
  /** Provenance for a row of this import, to store on the record. */
  provenance(rowNumber: number): Provenance;
  /** Tables the merge wrote to; their planner statistics are refreshed after commit. */
  touchedTables?: Set<string>;
}

/**
 * One kind of import (`<module>.<source>`): which files it reads, how a row is
 * validated (pure), and how valid rows merge into canonical tables (inside one
 * transaction, with audit). The pipeline does the rest: storage, progress, report.
 */
export interface ImportKind<T = unknown> {
  kind: string;
  module: string;
  title: LocalizedText;
  description: LocalizedText;
  formats: readonly ImportFormat[];
  columns: Record<string, { aliases: string[]; required: boolean }>;
  /** For TopoJSON files: which object to read. */
  topojsonObject?: string;
  requiredRole: RequiredRole;
  /** Data source this kind's records are attributed to (see `data_source`). */
  sourceId: string;
  sourceVintage?: string;
  validateRow(record: ParsedRecord): RowResult<T>;
  /** For placed records: their point, checked by the pipeline against the boundaries of `pointArea`. */
  pointOf?(value: T): { lat: number; lon: number } | null;
  /** Default 'mexico'. */
  pointArea?: PointArea;
  merge(db: Db, rows: ValidRow<T>[], context: MergeContext): Promise<MergeOutcome[]>;
}

export class ImportKindRegistry {
  readonly #kinds = new Map<string, ImportKind<any>>();

  register<T>(kind: ImportKind<T>): void {
    if (!/^[a-z]+\.[a-z0-9-]+$/.test(kind.kind)) throw new Error(`Import kind "${kind.kind}" must be named <module>.<source>`);
    if (this.#kinds.has(kind.kind)) throw new Error(`Import kind "${kind.kind}" is registered twice`);
    this.#kinds.set(kind.kind, kind);
  }

  get(kind: string): ImportKind<unknown> | undefined {
    return this.#kinds.get(kind);
  }

  list(): ImportKind<unknown>[] {
    return [...this.#kinds.values()];
  }
}
