import { ColumnMatcher, formatMissingColumnsMessage, headerText, uniqueHeaderNames, type HeaderMatch } from './columns.js';
import { ImportFileError, type ParsedRecord, type SkipReason } from './types.js';

/** One row of a CSV or worksheet, before the header is known. */
export interface RawRow {
  /** CSV line where the row starts, or worksheet row number. */
  rowNumber: number;
  cells: unknown[];
}

/** The header must be among the first this-many rows. */
export const HEADER_SEARCH_ROWS = 30;

/** Sets a key as an own property even when it is "__proto__" (headers and JSON keys come from the file). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function normaliseCell(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return value;
}

function isEmptyCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every(isEmptyCell);
}

export interface HeaderCandidate {
  index: number;
  headers: string[];
  match: HeaderMatch;
}

export interface HeaderSearch {
  /** The header row, if one matches every required column. */
  found: HeaderCandidate | null;
  /** The row that came closest, for the error message. */
  best: HeaderCandidate | null;
}

function score(candidate: HeaderCandidate, matcher: ColumnMatcher): number[] {
  const filled = candidate.headers.filter((h) => h !== '').length;
  return [matcher.requiredNames.length - candidate.match.missingRequired.length, candidate.match.indexByCanonical.size, filled];
}

function isBetter(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/**
 * The header is the first row, among the first HEADER_SEARCH_ROWS, that names every required
 * column (through the aliases). When the kind requires no column, it is the first row naming any
 * known column, or failing that the first non-blank row.
 */
export function findHeaderRow(rows: readonly RawRow[], matcher: ColumnMatcher): HeaderSearch {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let best: HeaderCandidate | null = null;
  let bestScore: number[] = [];
  let firstNonBlank: HeaderCandidate | null = null;
  for (let index = 0; index < limit; index++) {
    const cells = rows[index]!.cells;
    if (isBlankRow(cells)) continue;
    const headers = cells.map(headerText);
    const candidate: HeaderCandidate = { index, headers, match: matcher.match(headers) };
    firstNonBlank ??= candidate;
    const complete =
      matcher.requiredNames.length > 0 ? candidate.match.missingRequired.length === 0 : candidate.match.indexByCanonical.size > 0;
    if (complete) return { found: candidate, best: candidate };
    const s = score(candidate, matcher);
    if (best === null || isBetter(s, bestScore)) {
      best = candidate;
      bestScore = s;
    }
  }
  if (matcher.requiredNames.length === 0 && firstNonBlank !== null) return { found: firstNonBlank, best: firstNonBlank };
  return { found: null, best };
}

export function missingColumnsError(
  matcher: ColumnMatcher,
  best: HeaderCandidate | null,
  rows: readonly RawRow[],
  where: string,
  unit: 'line' | 'row',
  extraDetails: Record<string, unknown> = {},
): ImportFileError {
  const missing = best?.match.missingRequired ?? matcher.requiredNames;
  const found = best?.headers ?? [];
  const rowNumber = best === null ? null : rows[best.index]!.rowNumber;
  const place =
    rowNumber === null
      ? `No header row was found in ${where};`
      : `No header row with all of them was found in the first ${HEADER_SEARCH_ROWS} ${unit}s of ${where}; in the closest match (${unit} ${rowNumber})`;
  return new ImportFileError('IMPORT.MISSING_COLUMNS', formatMissingColumnsMessage(matcher, missing, found, place), {
    missingColumns: matcher.describeMissing(missing),
    headersFound: found.filter((h) => h !== ''),
    closestHeaderRow: rowNumber,
    ...extraDetails,
  });
}

/** Words that open the source notes and footnotes printed below statistical tables. */
const footerStart =
  /^(?:fuentes?|notas?|notes?|sources?|elaborad[oa]|elaboraci[oó]n|nd|n\.d\.|actualizad[oa]|[uú]ltima actualizaci[oó]n|fecha de (?:corte|actualizaci[oó]n)|cifras)(?![\p{L}\p{N}])|^(?:\*|†|‡|[¹²³⁴⁵⁶⁷⁸⁹]|\(\d{1,2}\)|\d{1,2}\s?\/(?!\d))/iu;

function firstText(cells: readonly unknown[]): string | null {
  const first = normaliseCell(cells[0]);
  return typeof first === 'string' ? first : null;
}

/**
 * A footer is a trailing row that reads like a note: it starts with "Fuente", "Nota", "*", "1/"…
 * and has fewer cells than the header, or it is a single sentence in the first cell.
 */
function isFooterRow(cells: readonly unknown[], headerWidth: number): boolean {
  const first = firstText(cells);
  if (first === null) return false;
  const onlyFirst = cells.every((cell, i) => i === 0 || isEmptyCell(cell));
  if (footerStart.test(first) && (cells.length < headerWidth || onlyFirst)) return true;
  return onlyFirst && headerWidth > 1 && /\s/.test(first) && /\p{L}/u.test(first);
}

export interface TableResult {
  headerRowNumber: number;
  columns: string[];
  columnMapping: Record<string, string>;
  records: ParsedRecord[];
  skippedLines: Array<{ rowNumber: number; reason: SkipReason }>;
  warnings: string[];
}

export interface TableOptions {
  /** 'line' for CSV, 'row' for worksheets, used in messages. */
  unit: 'line' | 'row';
  /** Flag rows whose cell count differs from the header's (CSV only: a worksheet is a grid). */
  checkCellCount: boolean;
  /** Where the rows came from, for messages: 'the file', 'worksheet "Datos"'. */
  where: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Splits rows into notes, header, data, blanks and footers, and turns data rows into records, row
 * by row: a file's records can be taken as they are read. Blank and footnote-like rows are held
 * back until a data row follows them (then they were inside the data: blanks are skipped, the
 * others are records) or the rows end (then they were the table's trailer).
 */
export class TableBuilder {
  readonly columns: string[];
  readonly columnMapping: Record<string, string> = {};
  readonly headerRowNumber: number;
  readonly skippedLines: TableResult['skippedLines'] = [];
  readonly warnings: string[] = [];
  /** Records taken so far. */
  recordCount = 0;
  readonly #options: TableOptions;
  readonly #width: number;
  readonly #fullWidth: number;
  readonly #unnamed: boolean[];
  readonly #mapped: Array<[string, number]> = [];
  readonly #extraIndices: number[];
  readonly #notes: number;
  #held: RawRow[] = [];
  #blanks = 0;
  #mismatches = 0;
  #firstMismatch: number | null = null;
  #lastData: RawRow | null = null;
  #beforeLastData: RawRow | null = null;

  /** `rowsAboveHeader`: the rows before the header (skipped as notes or blanks). */
  constructor(header: HeaderCandidate, headerRow: RawRow, rowsAboveHeader: readonly RawRow[], options: TableOptions) {
    this.#options = options;
    this.headerRowNumber = headerRow.rowNumber;
    // Trailing empty header cells are not columns; they only come from stray delimiters or formatting.
    let width = header.headers.length;
    while (width > 0 && header.headers[width - 1] === '') width--;
    this.#width = width;
    this.#fullWidth = header.headers.length;
    this.columns = uniqueHeaderNames(header.headers.slice(0, width));
    this.#unnamed = header.headers.slice(0, width).map((h) => h === '');
    const mappedIndices = new Set<number>();
    for (const [canonical, index] of header.match.indexByCanonical) {
      if (index >= width) continue;
      this.columnMapping[canonical] = this.columns[index]!;
      this.#mapped.push([canonical, index]);
      mappedIndices.add(index);
    }
    this.#extraIndices = this.columns.map((_, i) => i).filter((i) => !mappedIndices.has(i));
    let notes = 0;
    for (const row of rowsAboveHeader) {
      const reason: SkipReason = isBlankRow(row.cells) ? 'blank' : 'note';
      if (reason === 'note') notes++;
      this.skippedLines.push({ rowNumber: row.rowNumber, reason });
    }
    this.#notes = notes;
  }

  /** Takes the next row below the header; returns the records it releases (held rows first). */
  push(row: RawRow): ParsedRecord[] {
    if (isBlankRow(row.cells) || isFooterRow(row.cells, this.#width)) {
      this.#held.push(row);
      return [];
    }
    const released: ParsedRecord[] = [];
    for (const held of this.#held) {
      if (isBlankRow(held.cells)) {
        this.skippedLines.push({ rowNumber: held.rowNumber, reason: 'blank' });
        this.#blanks++;
      } else released.push(this.#record(held));
    }
    this.#held = [];
    released.push(this.#record(row));
    return released;
  }

  #record(row: RawRow): ParsedRecord {
    const cells = row.cells;
    const values: Record<string, unknown> = {};
    for (const [canonical, index] of this.#mapped) values[canonical] = normaliseCell(cells[index]);
    const extra: Record<string, unknown> = {};
    for (const index of this.#extraIndices) {
      const value = normaliseCell(cells[index]);
      if (this.#unnamed[index] && value === null) continue;
      setOwn(extra, this.columns[index]!, value);
    }
    for (let index = this.#width; index < cells.length; index++) {
      const value = normaliseCell(cells[index]);
      if (value !== null) setOwn(extra, `column_${index + 1}`, value);
    }
    if (this.#options.checkCellCount && cells.length !== this.#fullWidth) {
      const onlyEmptyBeyond = cells.length > this.#fullWidth && cells.slice(this.#fullWidth).every(isEmptyCell);
      const onlyUnnamedMissing = cells.length < this.#fullWidth && cells.length >= this.#width;
      if (!onlyEmptyBeyond && !onlyUnnamedMissing) {
        values.__cellCountMismatch = { expected: this.#width, actual: cells.length };
        this.#mismatches++;
        this.#firstMismatch ??= row.rowNumber;
      }
    }
    this.#beforeLastData = this.#lastData;
    this.#lastData = row;
    this.recordCount++;
    return { rowNumber: row.rowNumber, values, extra };
  }

  /**
   * Ends the table: the rows still held are its trailer. Throws when no data row was found.
   * Returns whether the table ended on a data row, with its last data row and the one before
   * it, for truncation checks.
   */
  finish(): { endsOnDataRow: boolean; lastDataRow: RawRow | null; dataRowBeforeLast: RawRow | null } {
    const { unit } = this.#options;
    let footers = 0;
    let firstFooter: string | null = null;
    let blanks = this.#blanks;
    for (const row of this.#held) {
      if (isBlankRow(row.cells)) {
        this.skippedLines.push({ rowNumber: row.rowNumber, reason: 'blank' });
        blanks++;
      } else {
        this.skippedLines.push({ rowNumber: row.rowNumber, reason: 'footer' });
        footers++;
        firstFooter ??= firstText(row.cells);
      }
    }
    const endsOnDataRow = this.#held.length === 0;
    this.#held = [];

    if (this.recordCount === 0) {
      throw new ImportFileError(
        'IMPORT.EMPTY_FILE',
        `The header was found at ${unit} ${this.headerRowNumber} of ${this.#options.where}, but there are no data ${unit}s below it` +
          `${footers > 0 ? ' (only notes/footnotes)' : ''}. Check that this is the right file${unit === 'row' ? ' and worksheet' : ''} and that the data was exported.`,
        { headerRowNumber: this.headerRowNumber },
      );
    }

    const notes = this.#notes;
    if (notes > 0) this.warnings.push(`${plural(notes, `note ${unit}`)} above the header ${notes === 1 ? 'was' : 'were'} skipped.`);
    if (footers > 0) {
      const excerpt = firstFooter !== null && firstFooter.length > 60 ? `${firstFooter.slice(0, 60)}…` : firstFooter;
      this.warnings.push(`${plural(footers, `footer ${unit}`)} below the data ${footers === 1 ? 'was' : 'were'} skipped (e.g. "${excerpt}").`);
    }
    if (blanks > 0) this.warnings.push(`${plural(blanks, `blank ${unit}`)} ${blanks === 1 ? 'was' : 'were'} skipped.`);
    const mismatches = this.#mismatches;
    if (mismatches > 0) {
      const one = mismatches === 1;
      this.warnings.push(
        `${plural(mismatches, unit)} ${one ? 'has' : 'have'} a different number of cells than the header's ${this.#width} ` +
          `(first at ${unit} ${this.#firstMismatch}); ${one ? 'it is' : 'they are'} passed on with the cells ${one ? 'it has' : 'they have'} ` +
          `and validation decides whether ${one ? 'it' : 'they'} can be used. A common cause is an unquoted delimiter inside a value.`,
      );
    }
    return { endsOnDataRow, lastDataRow: this.#lastData, dataRowBeforeLast: this.#beforeLastData };
  }

  /** The header width that counts: trailing unnamed empty header cells are not columns. */
  get width(): number {
    return this.#width;
  }
}

/** {@link TableBuilder} over rows already in memory (worksheets). */
export function buildTable(rows: RawRow[], header: HeaderCandidate, options: TableOptions): TableResult {
  const builder = new TableBuilder(header, rows[header.index]!, rows.slice(0, header.index), options);
  const records: ParsedRecord[] = [];
  for (let i = header.index + 1; i < rows.length; i++) {
    for (const record of builder.push(rows[i]!)) records.push(record);
  }
  builder.finish();
  return {
    headerRowNumber: builder.headerRowNumber,
    columns: builder.columns,
    columnMapping: builder.columnMapping,
    records,
    skippedLines: builder.skippedLines,
    warnings: builder.warnings,
  };
}
