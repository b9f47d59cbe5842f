import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/** The five levels of SCIAN, as INEGI names them (sector 2 digits … clase 6 digits). */
export type ScianLevel = 'sector' | 'subsector' | 'rama' | 'subrama' | 'clase';

export interface ScianEntry {
  code: string;
  title: string;
  level: ScianLevel;
  /** Null for sectors. Sectors 31-33, 48-49 and 44-45 are written as INEGI writes them. */
  parent: string | null;
}

/** SCIAN México 2018: code → title and level, read once from the shipped catalogue. */
export interface ScianLookup {
  get(code: string): ScianEntry | undefined;
  /** Title of a code, or null when the code is not in the classification. */
  titleOf(code: string | null | undefined): string | null;
  /** Whether the code is a six-digit class of SCIAN 2018 (what DENUE and RETC classify establishments by). */
  isClass(code: string): boolean;
  readonly size: number;
  /** Every code, in catalogue order. */
  readonly codes: readonly string[];
}

const levels = new Set<ScianLevel>(['sector', 'subsector', 'rama', 'subrama', 'clase']);

/** Builds the lookup from the catalogue's CSV text (`codigo,titulo,nivel,codigo_padre`). */
export function scianFromCsv(csvText: string): ScianLookup {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  const byCode = new Map<string, ScianEntry>();
  for (const row of rows) {
    const code = row.codigo ?? '';
    const level = row.nivel as ScianLevel;
    if (code === '' || !levels.has(level)) throw new Error(`SCIAN catalogue: row ${JSON.stringify(row)} has no code or an unknown level.`);
    byCode.set(code, { code, title: row.titulo ?? '', level, parent: row.codigo_padre ? row.codigo_padre : null });
  }
  return {
    get: (code) => byCode.get(code),
    titleOf: (code) => (code ? byCode.get(code)?.title ?? null : null),
    isClass: (code) => byCode.get(code)?.level === 'clase',
    size: byCode.size,
    codes: [...byCode.keys()],
  };
}

/** Loads `data/reference/suppliers/scian2018_mx.csv` (or another copy of it) into a lookup. */
export function loadScian(file: string): ScianLookup {
  return scianFromCsv(fs.readFileSync(file, 'utf8'));
}

/** Where the catalogue lives under the reference data directory. */
export const scianCataloguePath = 'suppliers/scian2018_mx.csv';
