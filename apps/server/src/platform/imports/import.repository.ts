import type { ImportCounts, ImportStatus } from '@electrifica/contracts';
import type { Db } from '../db/database.js';
import type { ImportRunTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { isoTimestamp as iso } from '../time.js';

export interface ImportRun extends ImportCounts {
  id: string;
  kind: string;
  status: ImportStatus;
  strict: boolean;
  fileId: string;
  filename: string;
  sha256: string;
  sizeBytes: number;
  createdBy: string | null;
  createdByLabel: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  fileError: { code: string; message: string } | null;
  warnings: string[];
}

export interface Rejection {
  rowNumber: number;
  code: string;
  message: string;
  raw: unknown;
}

function toImportRun(row: Selectable<ImportRunTable> & { filename: string; sha256: string; size_bytes: number }): ImportRun {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as ImportStatus,
    strict: row.strict,
    fileId: row.file_id,
    filename: row.filename,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    createdBy: row.created_by,
    createdByLabel: row.created_by_label,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    newRows: row.new_rows,
    updatedRows: row.updated_rows,
    unchangedRows: row.unchanged_rows,
    rejectedRows: row.rejected_rows,
    fileError: row.file_error_code ? { code: row.file_error_code, message: row.file_error_message ?? '' } : null,
    warnings: row.warnings ?? [],
  };
}

export function createImportRepository(db: Db) {
  const runQuery = (tx: Db) =>
    tx
      .selectFrom('import_run')
      .innerJoin('import_file', 'import_file.id', 'import_run.file_id')
      .selectAll('import_run')
      .select(['import_file.filename', 'import_file.sha256', 'import_file.size_bytes']);

  return {
    async storeFile(file: { sha256: string; filename: string; mediaType: string | null; content: Uint8Array; uploadedBy: string | null }) {
      // The same bytes are stored once; each upload still gets its own run.
      const existing = await db.selectFrom('import_file').select('id').where('sha256', '=', file.sha256).where('filename', '=', file.filename).executeTakeFirst();
      if (existing) return existing.id;
      const row = await db
        .insertInto('import_file')
        .values({
          sha256: file.sha256,
          filename: file.filename,
          media_type: file.mediaType,
          size_bytes: file.content.byteLength,
          content: file.content,
          uploaded_by: file.uploadedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async createRun(run: { kind: string; fileId: string; strict: boolean; createdBy: string | null; createdByLabel: string }) {
      const row = await db
        .insertInto('import_run')
        .values({
          kind: run.kind,
          file_id: run.fileId,
          strict: run.strict,
          options: JSON.stringify({}),
          created_by: run.createdBy,
          created_by_label: run.createdByLabel,
          warnings: JSON.stringify([]),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async findRun(id: string): Promise<ImportRun | null> {
      const row = await runQuery(db).where('import_run.id', '=', id).executeTakeFirst();
      return row ? toImportRun(row) : null;
    },

    async listRuns(filter: { createdBy?: string; limit: number; offset: number }) {
      let q = runQuery(db);
      let count = db.selectFrom('import_run').select((eb) => eb.fn.countAll<number>().as('n'));
      if (filter.createdBy) {
        q = q.where('import_run.created_by', '=', filter.createdBy);
        count = count.where('created_by', '=', filter.createdBy);
      }
      const rows = await q.orderBy('import_run.created_at', 'desc').limit(filter.limit).offset(filter.offset).execute();
      const { n } = await count.executeTakeFirstOrThrow();
      return { items: rows.map(toImportRun), total: Number(n) };
    },

    async fileContent(fileId: string) {
      const row = await db.selectFrom('import_file').select(['content', 'filename']).where('id', '=', fileId).executeTakeFirstOrThrow();
      return { content: new Uint8Array(row.content), filename: row.filename };
    },

    async update(id: string, patch: Partial<{
      status: ImportStatus;
      startedAt: Date;
      finishedAt: Date;
      totalRows: number;
      processedRows: number;
      counts: Omit<ImportCounts, 'totalRows' | 'processedRows'>;
      fileError: { code: string; message: string } | null;
      warnings: string[];
    }>, tx: Db = db) {
      await tx
        .updateTable('import_run')
        .set({
          ...(patch.status && { status: patch.status }),
          ...(patch.startedAt && { started_at: patch.startedAt }),
          ...(patch.finishedAt && { finished_at: patch.finishedAt }),
          ...(patch.totalRows !== undefined && { total_rows: patch.totalRows }),
          ...(patch.processedRows !== undefined && { processed_rows: patch.processedRows }),
          ...(patch.counts && {
            new_rows: patch.counts.newRows,
            updated_rows: patch.counts.updatedRows,
            unchanged_rows: patch.counts.unchangedRows,
            rejected_rows: patch.counts.rejectedRows,
          }),
          ...(patch.fileError !== undefined && {
            file_error_code: patch.fileError?.code ?? null,
            file_error_message: patch.fileError?.message ?? null,
          }),
          ...(patch.warnings && { warnings: JSON.stringify(patch.warnings) }),
        })
        .where('id', '=', id)
        .execute();
    },

    async clearRejections(importId: string) {
      await db.deleteFrom('import_rejection').where('import_id', '=', importId).execute();
    },

    /** Adds rejected rows to the run's report (listed by row number, whatever the order added). */
    async addRejections(importId: string, rejections: Rejection[]) {
      for (let i = 0; i < rejections.length; i += 500) {
        await db
          .insertInto('import_rejection')
          .values(
            rejections.slice(i, i + 500).map((r) => ({
              import_id: importId,
              row_number: r.rowNumber,
              code: r.code,
              message: r.message,
              raw: r.raw === undefined ? null : JSON.stringify(r.raw),
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },

    async listRejections(importId: string, page: { limit: number; offset: number }) {
      const items = await db
        .selectFrom('import_rejection')
        .select(['row_number', 'code', 'message', 'raw'])
        .where('import_id', '=', importId)
        .orderBy('row_number')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const { n } = await db
        .selectFrom('import_rejection')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('import_id', '=', importId)
        .executeTakeFirstOrThrow();
      return {
        items: items.map((r) => ({ rowNumber: r.row_number, code: r.code, message: r.message, raw: r.raw })),
        total: Number(n),
      };
    },
  };
}

export type ImportRepository = ReturnType<typeof createImportRepository>;
