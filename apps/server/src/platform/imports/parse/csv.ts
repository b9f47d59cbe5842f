import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse, type Options } from 'csv-parse/sync';
import type { ColumnMatcher } from './columns.js';
import { findHeaderRow, HEADER_SEARCH_ROWS, isBlankRow, missingColumnsError, TableBuilder, type HeaderSearch, type RawRow } from './table.js';
import { ImportFileError, type ParsedRecord } from './types.js';

const DELIMITERS = [',', ';', '\t', '|'] as const;
type Delimiter = (typeof DELIMITERS)[number];

const delimiterNames: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function csvOptions(delimiter: Delimiter): Options {
  return {
    delimiter,
    // Line endings are normalised to \n before parsing, so mixed \r\n / \n / \r files split correctly.
    record_delimiter: '\n',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: false,
  };
}

function countNewlines(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** Each record starts on the line after the previous one ended; quoted values can span lines. */
function withLineNumbers(records: string[][]): RawRow[] {
  const rows: RawRow[] = new Array(records.length);
  let line = 1;
  for (let i = 0; i < records.length; i++) {
    const cells = records[i]!;
    rows[i] = { rowNumber: line, cells };
    line += 1 + countNewlines(cells);
  }
  return rows;
}

interface Trial {
  delimiter: Delimiter;
  rows: RawRow[];
  search: HeaderSearch;
}

/**
 * The start of the text, enough for the first HEADER_SEARCH_ROWS records: the trial parses need no
 * more, and csv-parse would otherwise re-encode the whole text for each of them.
 */
function headOf(text: string): string {
  const maxChars = 1 << 20;
  let end = 0;
  for (let lines = 0; lines < HEADER_SEARCH_ROWS * 8; lines++) {
    const newline = text.indexOf('\n', end);
    if (newline === -1) return text.length <= maxChars ? text : text.slice(0, maxChars);
    if (newline >= maxChars) break;
    end = newline + 1;
  }
  return text.slice(0, end || maxChars);
}

function trialParse(sample: string, delimiter: Delimiter, matcher: ColumnMatcher): Trial {
  const records: string[][] = [];
  try {
    parse(sample, {
      ...csvOptions(delimiter),
      to: HEADER_SEARCH_ROWS,
      on_record: (record: string[]) => {
        records.push(record);
        return null;
      },
    });
  } catch {
    // Keep the rows read before the error (the sample may end inside a quoted value); the full parse reports real errors.
  }
  const rows = withLineNumbers(records);
  return { delimiter, rows, search: findHeaderRow(rows, matcher) };
}

/** How regular the rows look with this delimiter: [rows sharing the most common cell count, that count]. */
function regularity(rows: readonly RawRow[]): [number, number] {
  const counts = new Map<number, number>();
  for (const row of rows) {
    if (isBlankRow(row.cells) || row.cells.length < 2) continue;
    counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  }
  let best: [number, number] = [0, 0];
  for (const [cells, frequency] of counts) if (frequency > best[0] || (frequency === best[0] && cells > best[1])) best = [frequency, cells];
  return best;
}

function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/**
 * The delimiter is the one among , ; tab | with which a header row naming the required columns
 * appears; failing that, the one that splits the first rows most regularly (used only to report
 * which headers were found).
 */
function chooseDelimiter(text: string, matcher: ColumnMatcher): Trial {
  const sample = normaliseLineEnds(headOf(text));
  const trials = DELIMITERS.map((d) => trialParse(sample, d, matcher));
  let chosen: Trial | null = null;
  let chosenScore: number[] = [];
  for (const trial of trials) {
    const found = trial.search.found;
    if (found === null) continue;
    const s = [found.match.indexByCanonical.size, found.headers.filter((h) => h !== '').length];
    if (chosen === null || greater(s, chosenScore)) {
      chosen = trial;
      chosenScore = s;
    }
  }
  if (chosen !== null) return chosen;
  let fallback = trials[0]!;
  let fallbackScore = regularity(fallback.rows);
  for (const trial of trials.slice(1)) {
    const s = regularity(trial.rows);
    if (greater(s, fallbackScore)) {
      fallback = trial;
      fallbackScore = s;
    }
  }
  return fallback;
}

interface CsvParseError extends Error {
  code?: string;
  lines?: number;
}

function parseError(error: unknown, text: string, delimiter: Delimiter): ImportFileError {
  const err = error as CsvParseError;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    // Re-read up to the failure to find the line where the unclosed record starts.
    let lastCompleteLine = 0;
    try {
      parse(text, {
        ...csvOptions(delimiter),
        on_record: (_record: string[], context: { lines: number }) => {
          lastCompleteLine = context.lines;
          return null;
        },
      });
    } catch {
      // Expected: it is the same error.
    }
    const line = lastCompleteLine + 1;
    return new ImportFileError(
      'IMPORT.TRUNCATED',
      `Line ${line} opens a quoted value that is never closed, so the file ends inside quotes. ` +
        `Either the file was cut off during download or export, or a value contains a stray double quote ("). ` +
        `Download or export the file again; inside quoted values, write a double quote as two ("").`,
      { line, reason: 'unclosed-quote' },
    );
  }
  const line = err.lines ?? null;
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return new ImportFileError(
      'IMPORT.TRUNCATED',
      `Line ${line ?? '?'} has a quoted value followed by other characters before the next ${delimiterNames[delimiter]} ` +
        `(like "abc"def). Quote the whole value and write any double quote inside it as two ("abc""def"), or export the file again.`,
      { line, reason: 'invalid-closing-quote' },
    );
  }
  return new ImportFileError(
    'IMPORT.TRUNCATED',
    `The CSV could not be read${line === null ? '' : ` at line ${line}`}: ${err.message}. Export the file again as CSV UTF-8.`,
    { line, reason: err.code ?? 'csv-error' },
  );
}

/**
 * A last line with fewer cells than the header, and than the row before it, with no line break
 * after it, is a file cut off mid-row rather than a short row.
 */
function assertNotCutOff(text: string, end: ReturnType<TableBuilder['finish']>, width: number): void {
  if (/[\r\n]$/.test(text) || !end.endsOnDataRow || end.lastDataRow === null) return;
  const last = end.lastDataRow;
  if (last.cells.length >= width) return;
  const previous = end.dataRowBeforeLast;
  if (previous !== null && previous.cells.length <= last.cells.length) return;
  throw new ImportFileError(
    'IMPORT.TRUNCATED',
    `The last line (${last.rowNumber}) has ${last.cells.length} of ${width} cells and the file ends without a line break: ` +
      `the file appears to have been cut off. Download or export it again.`,
    { line: last.rowNumber, expectedCells: width, actualCells: last.cells.length, reason: 'cut-off-row' },
  );
}

/** \r\n and lone \r as \n, so mixed line endings split alike. */
function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The text in slices of about `sliceChars`, line ends normalised; a slice never ends between the
 * \r and \n of one line end (that would read as two).
 */
function* normalisedSlices(text: string, sliceChars: number): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + sliceChars, text.length);
    if (end < text.length && text.charCodeAt(end - 1) === 13) end++;
    yield normaliseLineEnds(text.slice(start, end));
    start = end;
  }
}

export interface CsvStream {
  delimiter: Delimiter;
  /** Filled as the rows are read; its skipped lines and warnings are complete once `batches` ends. */
  table: TableBuilder;
  /** Lines below the header: at least the number of records to come (a quoted value may span lines). */
  linesBelowHeader: number;
  /**
   * The records in file order, in batches of about `batchRows`. Throws an ImportFileError when the
   * file turns out unreadable further in (an unclosed quote, a cut-off last line, no data rows).
   */
  batches: AsyncIterable<ParsedRecord[]>;
}

export interface CsvStreamOptions {
  /** Characters handed to the CSV parser at a time (tests use small slices to cross their edges). */
  sliceChars?: number;
  batchRows?: number;
}

/**
 * Reads a CSV text as it goes: the delimiter and header from the first lines, then the records in
 * batches, so a million-row file never holds all its cells at once (only the text and the batch).
 */
export async function openCsv(text: string, matcher: ColumnMatcher, options: CsvStreamOptions = {}): Promise<CsvStream> {
  const trial = chooseDelimiter(text, matcher);
  if (trial.search.found === null) {
    if (trial.rows.every((row) => isBlankRow(row.cells))) {
      throw new ImportFileError('IMPORT.EMPTY_FILE', 'The file contains no text, only blank lines. Check that you uploaded the right file.');
    }
    throw missingColumnsError(matcher, trial.search.best, trial.rows, 'the file', 'line', { delimiter: trial.delimiter });
  }
  const { delimiter } = trial;
  const rows = rawRows(text, delimiter, options.sliceChars ?? 1 << 20)[Symbol.asyncIterator]();
  const first: RawRow[] = [];
  try {
    while (first.length < HEADER_SEARCH_ROWS) {
      const next = await rows.next();
      if (next.done) break;
      first.push(next.value);
    }
    const search = findHeaderRow(first, matcher);
    const header = search.found;
    if (header === null) throw missingColumnsError(matcher, search.best, first, 'the file', 'line');
    const table = new TableBuilder(header, first[header.index]!, first.slice(0, header.index), {
      unit: 'line',
      checkCellCount: true,
      where: 'the file',
    });
    const linesBelowHeader = Math.max(0, countNewlines([text]) + (/\n$/.test(text) ? 0 : 1) - table.headerRowNumber);
    const batchRows = options.batchRows ?? 5000;
    async function* batches(): AsyncGenerator<ParsedRecord[]> {
      try {
        let batch: ParsedRecord[] = [];
        for (const row of first.slice(header!.index + 1)) batch.push(...table.push(row));
        for (let next = await rows.next(); !next.done; next = await rows.next()) {
          for (const record of table.push(next.value)) batch.push(record);
          if (batch.length >= batchRows) {
            yield batch;
            batch = [];
          }
        }
        assertNotCutOff(text, table.finish(), table.width);
        if (batch.length > 0) yield batch;
      } finally {
        await rows.return?.(undefined);
      }
    }
    return { delimiter, table, linesBelowHeader, batches: batches() };
  } catch (error) {
    await rows.return?.(undefined);
    throw error;
  }
}

/** The parser's records with the line each starts on; a parse error becomes the file's ImportFileError. */
async function* rawRows(text: string, delimiter: Delimiter, sliceChars: number): AsyncGenerator<RawRow> {
  const parser = parseStream(csvOptions(delimiter));
  const source = Readable.from(normalisedSlices(text, sliceChars), { objectMode: false });
  source.pipe(parser);
  let line = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      yield { rowNumber: line, cells };
      line += 1 + countNewlines(cells);
    }
  } catch (error) {
    throw parseError(error, normaliseLineEnds(text), delimiter);
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }
}
