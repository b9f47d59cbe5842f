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
  /** Index (into the rows) of the last data row, for truncation checks. */
  lastDataIndex: number;
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

/** Splits rows into notes, header, data, blanks and footers, and turns data rows into records. */
export function buildTable(rows: RawRow[], header: HeaderCandidate, matcher: ColumnMatcher, options: TableOptions): TableResult {
  const { unit } = options;
  const headerRow = rows[header.index]!;
  // Trailing empty header cells are not columns; they only come from stray delimiters or formatting.
  let width = header.headers.length;
  while (width > 0 && header.headers[width - 1] === '') width--;
  const fullWidth = header.headers.length;
  const columns = uniqueHeaderNames(header.headers.slice(0, width));
  const unnamed = header.headers.slice(0, width).map((h) => h === '');

  const columnMapping: Record<string, string> = {};
  const mapped: Array<[string, number]> = [];
  const mappedIndices = new Set<number>();
  for (const [canonical, index] of header.match.indexByCanonical) {
    if (index >= width) continue;
    columnMapping[canonical] = columns[index]!;
    mapped.push([canonical, index]);
    mappedIndices.add(index);
  }
  const extraIndices = columns.map((_, i) => i).filter((i) => !mappedIndices.has(i));

  const skippedLines: TableResult['skippedLines'] = [];
  let notes = 0;
  for (let i = 0; i < header.index; i++) {
    const row = rows[i]!;
    const reason: SkipReason = isBlankRow(row.cells) ? 'blank' : 'note';
    if (reason === 'note') notes++;
    skippedLines.push({ rowNumber: row.rowNumber, reason });
  }

  // Walk back from the end over blank rows and footnotes.
  const trailing: TableResult['skippedLines'] = [];
  let footers = 0;
  let firstFooter: string | null = null;
  let end = rows.length - 1;
  for (; end > header.index; end--) {
    const cells = rows[end]!.cells;
    if (isBlankRow(cells)) trailing.push({ rowNumber: rows[end]!.rowNumber, reason: 'blank' });
    else if (isFooterRow(cells, width)) {
      trailing.push({ rowNumber: rows[end]!.rowNumber, reason: 'footer' });
      footers++;
      firstFooter = firstText(cells);
    } else break;
  }

  const records: ParsedRecord[] = [];
  let blanks = trailing.length - footers;
  let mismatches = 0;
  let firstMismatch: number | null = null;
  for (let i = header.index + 1; i <= end; i++) {
    const row = rows[i]!;
    const cells = row.cells;
    if (isBlankRow(cells)) {
      skippedLines.push({ rowNumber: row.rowNumber, reason: 'blank' });
      blanks++;
      continue;
    }
    const values: Record<string, unknown> = {};
    for (const [canonical, index] of mapped) values[canonical] = normaliseCell(cells[index]);
    const extra: Record<string, unknown> = {};
    for (const index of extraIndices) {
      const value = normaliseCell(cells[index]);
      if (unnamed[index] && value === null) continue;
      setOwn(extra, columns[index]!, value);
    }
    for (let index = width; index < cells.length; index++) {
      const value = normaliseCell(cells[index]);
      if (value !== null) setOwn(extra, `column_${index + 1}`, value);
    }
    if (options.checkCellCount && cells.length !== fullWidth) {
      const onlyEmptyBeyond = cells.length > fullWidth && cells.slice(fullWidth).every(isEmptyCell);
      const onlyUnnamedMissing = cells.length < fullWidth && cells.length >= width;
      if (!onlyEmptyBeyond && !onlyUnnamedMissing) {
        values.__cellCountMismatch = { expected: width, actual: cells.length };
        mismatches++;
        firstMismatch ??= row.rowNumber;
      }
    }
    records.push({ rowNumber: row.rowNumber, values, extra });
  }
  skippedLines.push(...trailing.reverse());

  if (records.length === 0) {
    throw new ImportFileError(
      'IMPORT.EMPTY_FILE',
      `The header was found at ${unit} ${headerRow.rowNumber} of ${options.where}, but there are no data ${unit}s below it` +
        `${footers > 0 ? ' (only notes/footnotes)' : ''}. Check that this is the right file${options.unit === 'row' ? ' and worksheet' : ''} and that the data was exported.`,
      { headerRowNumber: headerRow.rowNumber },
    );
  }

  const warnings: string[] = [];
  if (notes > 0) warnings.push(`${plural(notes, `note ${unit}`)} above the header ${notes === 1 ? 'was' : 'were'} skipped.`);
  if (footers > 0) {
    const excerpt = firstFooter !== null && firstFooter.length > 60 ? `${firstFooter.slice(0, 60)}…` : firstFooter;
    warnings.push(`${plural(footers, `footer ${unit}`)} below the data ${footers === 1 ? 'was' : 'were'} skipped (e.g. "${excerpt}").`);
  }
  if (blanks > 0) warnings.push(`${plural(blanks, `blank ${unit}`)} ${blanks === 1 ? 'was' : 'were'} skipped.`);
  if (mismatches > 0) {
    const one = mismatches === 1;
    warnings.push(
      `${plural(mismatches, unit)} ${one ? 'has' : 'have'} a different number of cells than the header's ${width} ` +
        `(first at ${unit} ${firstMismatch}); ${one ? 'it is' : 'they are'} passed on with the cells ${one ? 'it has' : 'they have'} ` +
        `and validation decides whether ${one ? 'it' : 'they'} can be used. A common cause is an unquoted delimiter inside a value.`,
    );
  }

  return {
    headerRowNumber: headerRow.rowNumber,
    columns,
    columnMapping,
    records,
    skippedLines,
    warnings,
    lastDataIndex: end,
  };
}
