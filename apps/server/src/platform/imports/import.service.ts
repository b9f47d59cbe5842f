import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { ImportStatus } from '@electrifica/contracts';
import type { Actor } from '../audit.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { ImportKind, ImportKindRegistry, MergeOutcome, PointPlacer, ValidRow } from './import-kind.js';
import type { ImportRepository, ImportRun, Rejection } from './import.repository.js';
import { ImportFileError, openImportFile, type ImportFileStream, type ParsedRecord } from './parse/index.js';
import { hasRole, type Principal } from '../../modules/accounts/accounts.domain.js';

export const importTaskName = 'imports.run';

export interface SubmitImport {
  kind: string;
  filename: string;
  mediaType: string | null;
  content: Uint8Array;
  strict: boolean;
  principal: Principal | null;
  /** The command line and the reference-data loader act with the operator's authority. */
  trusted?: boolean;
  /** Label when there is no principal (reference data, CLI). */
  actorLabel?: string;
}

const finalStatuses: ImportStatus[] = ['completed', 'rejected', 'failed'];
export const isFinal = (status: ImportStatus) => finalStatuses.includes(status);

/** How often progress is written while rows are validated. */
const progressEveryRows = 1000;
/** Points checked per round trip. */
const pointsPerCheck = 20_000;
/** Rejected rows kept in memory before they are written to the report. */
const rejectionsPerWrite = 5_000;

/**
 * The import pipeline: store the raw file with its hash → parse → validate row by
 * row (rejections kept with reasons) → merge all valid rows in ONE transaction with
 * audit. A whole-file problem, or a failure while merging, leaves canonical tables as
 * they were.
 */
export function createImportService(deps: {
  db: Db;
  repository: ImportRepository;
  kinds: ImportKindRegistry;
  enqueue: (runId: string) => Promise<void>;
  /** Checks each valid row's point and places it; the merge receives the placement with the row. */
  checkAndPlacePoints: PointPlacer;
}) {
  const { db, repository, kinds } = deps;

  function kindOrThrow(kind: string): ImportKind<unknown> {
    const definition = kinds.get(kind);
    if (!definition) {
      throw new AppError(
        'IMPORT.UNKNOWN_KIND',
        `"${kind}" is not an import kind. Known kinds: ${kinds.list().map((k) => k.kind).join(', ')}.`,
      );
    }
    return definition;
  }

  async function createRun(input: SubmitImport): Promise<string> {
    const definition = kindOrThrow(input.kind);
    if (!input.trusted && !hasRole(input.principal, definition.requiredRole)) {
      throw new AppError(
        input.principal ? 'ACCOUNTS.FORBIDDEN' : 'ACCOUNTS.UNAUTHENTICATED',
        `Importing ${definition.kind} needs the ${definition.requiredRole} role.`,
      );
    }
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    const fileId = await repository.storeFile({
      sha256,
      filename: input.filename,
      mediaType: input.mediaType,
      content: input.content,
      uploadedBy: input.principal?.userId ?? null,
    });
    return repository.createRun({
      kind: definition.kind,
      fileId,
      strict: input.strict,
      createdBy: input.principal?.userId ?? null,
      createdByLabel: input.principal ? input.principal.email : input.actorLabel ?? 'system',
    });
  }

  async function reject(runId: string, code: string, message: string, extra: { totalRows?: number; processedRows?: number } = {}) {
    await repository.update(runId, {
      status: 'rejected',
      fileError: { code, message },
      finishedAt: new Date(),
      ...(extra.totalRows !== undefined && { totalRows: extra.totalRows }),
      ...(extra.processedRows !== undefined && { processedRows: extra.processedRows }),
    });
  }

  /** Runs one import to its end. Never throws for bad files; they become a report. */
  async function execute(runId: string, stored?: { content: Uint8Array; filename: string }): Promise<ImportRun> {
    const run = await repository.findRun(runId);
    if (!run) throw new AppError('IMPORT.NOT_FOUND', `Import ${runId} does not exist.`);
    if (isFinal(run.status)) return run;
    const definition = kindOrThrow(run.kind);
    await repository.update(runId, { status: 'parsing', startedAt: new Date(), fileError: null });

    // runNow() hands over the bytes it just stored; a queued run reads them back.
    const { content, filename } = stored ?? (await repository.fileContent(run.fileId));
    // A problem with the file as a whole, found before or while reading its rows: nothing of it is used.
    const fileProblem = async (error: unknown) => {
      if (!(error instanceof ImportFileError)) throw error;
      await repository.clearRejections(runId);
      await reject(runId, error.code, error.message, { totalRows: 0, processedRows: 0 });
      return (await repository.findRun(runId))!;
    };
    let file: ImportFileStream | null;
    try {
      file = await openImportFile(content, {
        filename,
        acceptedFormats: definition.formats,
        columns: definition.columns,
        ...(definition.topojsonObject ? { topojsonObject: definition.topojsonObject } : {}),
      });
    } catch (error) {
      return fileProblem(error);
    }

    // A CSV's records are read as they are validated, so the exact count is known at the end; until
    // then the progress bar runs against the lines below the header.
    const { warnings } = file;
    await repository.update(runId, { status: 'validating', totalRows: file.expectedRecords, processedRows: 0, warnings });

    // Rejected rows go to the report as they pile up: in a national DENUE file most rows are out of
    // scope, and each keeps its raw values.
    await repository.clearRejections(runId);
    let rejections: Rejection[] = [];
    let rejectedRows = 0;
    const storeRejections = async () => {
      rejectedRows += rejections.length;
      const batch = rejections;
      rejections = [];
      await repository.addRejections(runId, batch);
    };
    const valid: ValidRow<unknown>[] = [];
    const firstRowOfKey = new Map<string, number>();
    // Valid rows whose points are not checked yet, with their records (a rejected point reports the raw values).
    let unchecked: Array<{ row: ValidRow<unknown>; record: ParsedRecord }> = [];
    const checkPending = async () => {
      const pending = unchecked;
      unchecked = [];
      if (!definition.pointOf) {
        for (const p of pending) valid.push(p.row);
        return;
      }
      const placed = pending.map((p) => ({ ...p, point: definition.pointOf!(p.row.value) }));
      const withPoint = placed.filter((p) => p.point !== null);
      const checked = await deps.checkAndPlacePoints(withPoint.map((p) => p.point!), definition.pointArea ?? 'mexico');
      const rejected = new Set<ValidRow<unknown>>();
      checked.forEach(({ problem, placement }, i) => {
        const { row, record } = withPoint[i]!;
        if (!problem) {
          row.placement = placement;
          return;
        }
        rejections.push({ rowNumber: row.rowNumber, ...problem, raw: { ...record.values, ...record.extra } });
        rejected.add(row);
      });
      for (const p of pending) if (!rejected.has(p.row)) valid.push(p.row);
    };
    let processed = 0;
    let progressAt = performance.now();
    try {
      // A million-row file is never held whole: records are read a batch at a time and, once a row
      // is validated (and its point checked), only its value, or its rejection, is kept.
      for await (const records of file.batches) {
        for (const record of records) {
          const result = definition.validateRow(record);
          // Only rejected rows keep their raw values for the report.
          const raw = result.ok && !firstRowOfKey.has(result.key) ? null : { ...record.values, ...record.extra };
          if (!result.ok) {
            rejections.push({ rowNumber: record.rowNumber, code: result.code, message: result.message, raw });
          } else if (firstRowOfKey.has(result.key)) {
            rejections.push({
              rowNumber: record.rowNumber,
              code: 'IMPORT.ROW_DUPLICATE_KEY',
              message: `${result.key} already appears on row ${firstRowOfKey.get(result.key)}; each record may appear once per file.`,
              raw,
            });
          } else {
            firstRowOfKey.set(result.key, record.rowNumber);
            unchecked.push({ row: { rowNumber: record.rowNumber, key: result.key, value: result.value }, record });
            if (unchecked.length === pointsPerCheck) await checkPending();
          }
          if (rejections.length >= rejectionsPerWrite) await storeRejections();
          processed++;
          // Progress at most twice a second: enough for the progress bar, cheap for 200,000 rows.
          if (processed % progressEveryRows === 0 && performance.now() - progressAt > 500) {
            progressAt = performance.now();
            await repository.update(runId, { processedRows: processed });
          }
        }
      }
    } catch (error) {
      return fileProblem(error);
    }
    // The file's reader holds its decoded text (as large as the file): let it go before the merge.
    file = null;
    const totalRows = processed;
    await checkPending();
    await storeRejections();
    const baseCounts = { newRows: 0, updatedRows: 0, unchangedRows: 0, rejectedRows };
    await repository.update(runId, { totalRows, processedRows: processed, counts: baseCounts, warnings });

    if (valid.length === 0) {
      await reject(runId, 'IMPORT.ALL_ROWS_REJECTED', `All ${totalRows} rows were rejected; nothing was changed. See the rejected rows for each reason.`);
      return (await repository.findRun(runId))!;
    }
    if (run.strict && rejectedRows > 0) {
      await reject(
        runId,
        'IMPORT.STRICT_REJECTED',
        `${rejectedRows} of ${totalRows} rows were rejected and the import was strict, so nothing was changed. Fix those rows or import without strict mode.`,
      );
      return (await repository.findRun(runId))!;
    }

    await repository.update(runId, { status: 'merging' });
    const actor: Actor = { userId: run.createdBy, label: `import:${runId} (${run.createdByLabel})`, importId: runId };
    let outcomes: MergeOutcome[];
    const touchedTables = new Set<string>();
    try {
      outcomes = await db.transaction().execute(async (trx) => {
        return definition.merge(trx, valid, {
          actor,
          importId: runId,
          touchedTables,
          provenance: (rowNumber) => ({
            source: definition.sourceId,
            ...(definition.sourceVintage ? { vintage: definition.sourceVintage } : {}),
            method: 'import',
            importId: runId,
            rowNumber,
          }),
        });
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await repository.update(runId, {
        status: 'failed',
        finishedAt: new Date(),
        fileError: { code: 'PLATFORM.INTERNAL', message: `Merging failed and was rolled back; nothing was changed. Cause: ${message}` },
      });
      throw error;
    }
    const counts = {
      newRows: outcomes.filter((o) => o === 'new').length,
      updatedRows: outcomes.filter((o) => o === 'updated').length,
      unchangedRows: outcomes.filter((o) => o === 'unchanged').length,
      rejectedRows,
    };
    // PGlite has no autovacuum: without fresh statistics the planner keeps choosing scans.
    for (const table of touchedTables) await sql`analyze ${sql.table(table)}`.execute(db);
    await repository.update(runId, { status: 'completed', finishedAt: new Date(), counts });
    return (await repository.findRun(runId))!;
  }

  return {
    kinds,
    /** Stores the file and queues the run (web, API). */
    async submit(input: SubmitImport): Promise<ImportRun> {
      const runId = await createRun(input);
      await deps.enqueue(runId);
      return (await repository.findRun(runId))!;
    },
    /** Stores the file and runs it now (CLI, reference data). */
    async runNow(input: SubmitImport): Promise<ImportRun> {
      const runId = await createRun(input);
      return execute(runId, { content: input.content, filename: input.filename });
    },
    execute,
    findRun: repository.findRun,
    listRuns: repository.listRuns,
    listRejections: repository.listRejections,
  };
}

export type ImportService = ReturnType<typeof createImportService>;
