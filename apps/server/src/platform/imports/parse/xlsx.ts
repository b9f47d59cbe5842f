import ExcelJS from 'exceljs';
import { normaliseHeader, type ColumnMatcher } from './columns.js';
import { EXCEL_1904_OFFSET, EXCEL_MAX_SERIAL, excelSerialToIsoDateTime, workbookDateToIso } from './dates.js';
import { buildTable, findHeaderRow, isBlankRow, missingColumnsError, type HeaderSearch, type RawRow, type TableResult } from './table.js';
import { ImportFileError } from './types.js';

interface ReadContext {
  formulasWithoutResult: number;
}

function richTextToString(parts: ReadonlyArray<{ text: string }>): string {
  return parts.map((part) => part.text).join('');
}

/** Flattens a cell value: formulas to their cached result, rich text and hyperlinks to plain text, dates to ISO strings. */
function cellValue(value: ExcelJS.CellValue | undefined, context: ReadContext): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return workbookDateToIso(value);
  if (typeof value === 'object') {
    if ('richText' in value) return cellValue(richTextToString(value.richText), context);
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined) context.formulasWithoutResult++;
      return cellValue(result as ExcelJS.CellValue, context);
    }
    if ('error' in value) return value.error;
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text;
      if (typeof text === 'object' && text !== null && 'richText' in text) {
        return cellValue(richTextToString((text as ExcelJS.CellRichTextValue).richText), context);
      }
      return cellValue((text ?? value.hyperlink) as ExcelJS.CellValue, context);
    }
  }
  return String(value);
}

/** All rows from 1 to the last row with a value; rows without any value come back with no cells. */
function readRows(worksheet: ExcelJS.Worksheet, context: ReadContext): RawRow[] {
  const rows: RawRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    for (let missing = rows.length + 1; missing < rowNumber; missing++) rows.push({ rowNumber: missing, cells: [] });
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      // A merged range holds its value in the top-left cell only; the others echo it.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      cells[columnNumber - 1] = cellValue(cell.value, context);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ rowNumber, cells });
  });
  return rows;
}

/** "Fecha de alta", "fecha_corte", "start_date", "Date", "startDate". */
function looksLikeDateHeader(header: string): boolean {
  return normaliseHeader(header).includes('fecha') || /(?:^|[^A-Za-z])date|[a-z]Date/.test(header) || /^date/i.test(header);
}

/**
 * Numbers in a date-named column that fall in the Excel serial range become ISO dates: the cell
 * lost its date format but still holds the serial. Whole numbers 1800–2200 are left alone, as
 * such a column more likely holds years than days of 1904–1906.
 */
function convertSerialDates(rows: RawRow[], headerIndex: number, headers: readonly string[], date1904: boolean): number {
  const dateColumns = headers.map((h, i) => (looksLikeDateHeader(h) ? i : -1)).filter((i) => i >= 0);
  let converted = 0;
  if (dateColumns.length === 0) return converted;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const cells = rows[r]!.cells;
    for (const c of dateColumns) {
      const value = cells[c];
      if (typeof value !== 'number') continue;
      if (Number.isInteger(value) && value >= 1800 && value <= 2200) continue;
      const serial = date1904 ? value + EXCEL_1904_OFFSET : value;
      if (serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) continue;
      cells[c] = excelSerialToIsoDateTime(serial);
      converted++;
    }
  }
  return converted;
}

export interface XlsxResult extends TableResult {
  worksheet: string;
}

export async function parseXlsx(buf: Buffer, matcher: ColumnMatcher): Promise<XlsxResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ImportFileError(
      'IMPORT.TRUNCATED',
      `The XLSX workbook could not be opened (${(error as Error).message}): it is truncated or corrupt. ` +
        `Download it again, or open it in Excel and save it again as .xlsx.`,
      { reason: 'corrupt-workbook' },
    );
  }
  const date1904 = Boolean(workbook.properties?.date1904);
  const sheets = workbook.worksheets;
  let closest: { worksheet: string; rows: RawRow[]; search: HeaderSearch } | null = null;
  let closestScore = -1;
  const skippedSheets: string[] = [];

  for (const worksheet of sheets) {
    const context: ReadContext = { formulasWithoutResult: 0 };
    const rows = readRows(worksheet, context);
    if (rows.every((row) => isBlankRow(row.cells))) {
      skippedSheets.push(worksheet.name);
      continue;
    }
    const search = findHeaderRow(rows, matcher);
    const header = search.found;
    if (header === null) {
      skippedSheets.push(worksheet.name);
      const s = search.best === null ? 0 : search.best.match.indexByCanonical.size + 1;
      if (s > closestScore) {
        closest = { worksheet: worksheet.name, rows, search };
        closestScore = s;
      }
      continue;
    }
    const converted = convertSerialDates(rows, header.index, header.headers, date1904);
    const table = buildTable(rows, header, { unit: 'row', checkCellCount: false, where: `worksheet "${worksheet.name}"` });
    const warnings: string[] = [];
    if (skippedSheets.length > 0) {
      warnings.push(
        `Read worksheet "${worksheet.name}"; the worksheet${skippedSheets.length === 1 ? '' : 's'} before it ` +
          `(${skippedSheets.map((s) => `"${s}"`).join(', ')}) had no row with the expected header.`,
      );
    }
    if (converted > 0) warnings.push(`${converted} numeric cell${converted === 1 ? '' : 's'} in date columns were read as Excel date serials.`);
    if (context.formulasWithoutResult > 0) {
      warnings.push(
        `${context.formulasWithoutResult} formula cell${context.formulasWithoutResult === 1 ? ' has' : 's have'} no saved result and ` +
          `${context.formulasWithoutResult === 1 ? 'was' : 'were'} read as empty; open the workbook in Excel and save it to store the results.`,
      );
    }
    return { ...table, warnings: [...warnings, ...table.warnings], worksheet: worksheet.name };
  }

  if (closest === null) {
    throw new ImportFileError(
      'IMPORT.EMPTY_FILE',
      sheets.length === 0
        ? 'The workbook has no worksheets. Check that you uploaded the right file.'
        : `The workbook's worksheets (${sheets.map((s) => `"${s.name}"`).join(', ')}) are all empty. Check that you uploaded the right file.`,
    );
  }
  const where =
    sheets.length === 1 ? `worksheet "${closest.worksheet}"` : `any worksheet (the closest was "${closest.worksheet}")`;
  throw missingColumnsError(matcher, closest.search.best, closest.rows, where, 'row', {
    worksheet: closest.worksheet,
    worksheets: sheets.map((s) => s.name),
  });
}
