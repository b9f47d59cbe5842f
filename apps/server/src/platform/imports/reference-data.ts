import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { ImportService } from './import.service.js';
import type { ImportRun } from './import.repository.js';

export interface ReferenceManifest {
  sources: Array<{ id: string; name: string; publisher: string; licence: string; attribution: string; vintage: string; url: string | null; notes: string | null }>;
  imports: Array<{ kind: string; file: string }>;
}

export interface ReferenceLoadResult {
  kind: string;
  file: string;
  skipped: boolean;
  run: ImportRun | null;
}

/**
 * Loads the shipped reference data through the same import pipeline users use.
 * A file whose exact bytes were already imported for its kind is skipped, so
 * restarts are fast and a changed file is picked up.
 */
export async function loadReferenceData(
  deps: { db: Db; imports: ImportService; log: (message: string) => void },
  referenceDataDir: string,
): Promise<ReferenceLoadResult[]> {
  const manifest = JSON.parse(await fs.readFile(path.join(referenceDataDir, 'manifest.json'), 'utf8')) as ReferenceManifest;
  for (const source of manifest.sources) {
    await deps.db.insertInto('data_source').values(source).onConflict((oc) => oc.column('id').doUpdateSet(source)).execute();
  }
  const results: ReferenceLoadResult[] = [];
  for (const entry of manifest.imports) {
    const content = new Uint8Array(await fs.readFile(path.join(referenceDataDir, entry.file)));
    const sha256 = createHash('sha256').update(content).digest('hex');
    const done = await deps.db
      .selectFrom('import_run')
      .innerJoin('import_file', 'import_file.id', 'import_run.file_id')
      .select('import_run.id')
      .where('import_run.kind', '=', entry.kind)
      .where('import_file.sha256', '=', sha256)
      .where('import_run.status', '=', 'completed')
      .executeTakeFirst();
    if (done) {
      results.push({ ...entry, skipped: true, run: null });
      continue;
    }
    const started = Date.now();
    deps.log(`reference data: importing ${entry.file} as ${entry.kind}…`);
    const run = await deps.imports.runNow({
      kind: entry.kind,
      filename: path.basename(entry.file),
      mediaType: null,
      content,
      strict: false,
      principal: null,
      trusted: true,
      actorLabel: 'system:reference-data',
    });
    deps.log(
      `reference data: ${entry.kind} ${run.status} in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
        `${run.newRows} new, ${run.updatedRows} updated, ${run.unchangedRows} unchanged, ${run.rejectedRows} rejected`,
    );
    results.push({ ...entry, skipped: false, run });
  }
  return results;
}
