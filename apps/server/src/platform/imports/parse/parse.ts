import type { ImportFormat } from '@electrifica/contracts';
import { ColumnMatcher } from './columns.js';
import { openCsv, type CsvStreamOptions } from './csv.js';
import { classifyZip, decodeText, describeContainer, sniffContainer } from './encoding.js';
import { classifyJson, geojsonRecords, jsonRecords, parseJsonText, topojsonRecords, type JsonResult } from './json.js';
import { ImportFileError, type ImportFileStream, type ParsedFile, type ParsedRecord, type ParseOptions } from './types.js';
import { parseXlsx } from './xlsx.js';

export { excelSerialToIsoDate } from './dates.js';
export { ImportFileError } from './types.js';
export type { ColumnSpec, ImportFileStream, ParsedFile, ParsedRecord, ParseOptions, SkipReason } from './types.js';

const formatNames: Record<ImportFormat, string> = {
  csv: 'CSV',
  xlsx: 'XLSX (Excel workbook)',
  json: 'JSON',
  geojson: 'GeoJSON',
  topojson: 'TopoJSON',
};

const jsonFamily: readonly ImportFormat[] = ['json', 'geojson', 'topojson'];

const csvFix = 'save the file as UTF-8 CSV (in Excel: "Save As" → "CSV UTF-8 (Comma delimited)")';
const jsonFix = 'save the file as UTF-8 text';

/** What the extension says; 'xls' is the legacy binary workbook (or something saved under its name). */
function formatFromExtension(filename: string): ImportFormat | 'xls' | null {
  const name = filename.toLowerCase().trim();
  if (name.endsWith('.topo.json') || name.endsWith('.topojson')) return 'topojson';
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1];
  switch (ext) {
    case 'csv':
    case 'tsv':
    case 'tab':
    case 'txt':
      return 'csv';
    case 'xlsx':
    case 'xlsm':
      return 'xlsx';
    case 'xls':
      return 'xls';
    case 'json':
      return 'json';
    case 'geojson':
      return 'geojson';
    default:
      return null;
  }
}

function firstTextChar(buf: Buffer): string {
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const head = buf.subarray(start, start + 1024).toString('latin1');
  return head.trimStart().charAt(0);
}

function htmlError(filename: string): ImportFileError {
  return new ImportFileError(
    'IMPORT.UNSUPPORTED_FORMAT',
    `"${filename}" is an HTML or XML document (often a web page table saved with an .xls extension), not a data file. ` +
      `Open it in Excel and save it as .xlsx or as CSV UTF-8.`,
    { found: 'html-or-xml' },
  );
}

function unsupported(
  filename: string,
  what: string,
  accepted: readonly ImportFormat[],
  fix?: string,
  found?: ImportFormat,
): ImportFileError {
  const list = accepted.map((f) => formatNames[f]).join(', ');
  return new ImportFileError(
    'IMPORT.UNSUPPORTED_FORMAT',
    `This import accepts ${list}; "${filename}" is ${what}. ${fix ?? `Export the data as ${accepted.length === 1 ? list : `one of: ${list}`}.`}`,
    { ...(found === undefined ? {} : { format: found }), acceptedFormats: [...accepted] },
  );
}

function assertAccepted(format: ImportFormat, options: ParseOptions): void {
  if (!options.acceptedFormats.includes(format)) {
    throw unsupported(options.filename, formatNames[format], options.acceptedFormats, undefined, format);
  }
}

interface Resolved {
  format: ImportFormat;
  warnings: string[];
}

/**
 * Declared format (option, else extension), checked against the bytes: a workbook is always a ZIP,
 * so a ZIP named .csv that holds a workbook is read as XLSX, and text named .xlsx is read as CSV.
 */
function resolveFormat(buf: Buffer, options: ParseOptions): Resolved {
  const { filename } = options;
  const declared = options.format ?? formatFromExtension(filename);
  const explicit = options.format !== undefined;
  const container = sniffContainer(buf);
  const warnings: string[] = [];

  if (container === 'zip') {
    const kind = classifyZip(buf);
    if (kind === 'xlsx' || (kind === 'other' && (declared === 'xlsx' || declared === 'xls'))) {
      if (declared !== 'xlsx' && declared !== null) {
        warnings.push(`"${filename}" is ${declared === 'xls' ? 'named .xls' : `declared as ${formatNames[declared]}`} but is an Excel (XLSX) workbook; it was read as XLSX.`);
      }
      return { format: 'xlsx', warnings };
    }
    if (kind === 'ods') {
      throw unsupported(filename, 'an OpenDocument spreadsheet (.ods)', options.acceptedFormats, 'Open it and save it as .xlsx or as CSV UTF-8.');
    }
    if (kind === 'shapefile') {
      throw unsupported(
        filename,
        'a zipped Shapefile',
        options.acceptedFormats,
        'Convert it to GeoJSON in WGS84 longitude/latitude, e.g. `ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.shp`.',
      );
    }
    throw new ImportFileError(
      'IMPORT.BAD_ENCODING',
      `"${filename}" is a ZIP archive, not a text or spreadsheet file. Unzip it and upload the data file inside.`,
      { found: 'zip' },
    );
  }
  if (container === 'ole2') {
    throw unsupported(
      filename,
      describeContainer('ole2'),
      options.acceptedFormats,
      'Open it in Excel and save it as .xlsx (without a password) or as CSV UTF-8.',
    );
  }
  if (container !== null) {
    const fix = declared !== null && jsonFamily.includes(declared as ImportFormat) ? jsonFix : csvFix;
    throw new ImportFileError(
      'IMPORT.BAD_ENCODING',
      `"${filename}" is ${describeContainer(container)}, not UTF-8 or Latin-1 text or an XLSX workbook. To fix it, ${fix}.`,
      { found: container },
    );
  }
  if (declared === 'xlsx' || declared === 'xls') {
    // Not a ZIP, so not a workbook: an HTML table, or text saved under a workbook's name.
    if (firstTextChar(buf) === '<') throw htmlError(filename);
    if (explicit) {
      throw new ImportFileError(
        'IMPORT.TRUNCATED',
        `"${filename}" is not a valid XLSX workbook (an XLSX file is a ZIP archive, and this one does not start like one). ` +
          `Open it in Excel and save it again as .xlsx, or export CSV UTF-8.`,
        { reason: 'not-a-workbook' },
      );
    }
    warnings.push(`"${filename}" is named like a workbook but holds text; it was read as CSV.`);
    return { format: 'csv', warnings };
  }
  if (declared !== null) return { format: declared, warnings };
  const first = firstTextChar(buf);
  if (first === '{' || first === '[') return { format: 'json', warnings };
  if (first === '<') throw htmlError(filename);
  return { format: 'csv', warnings };
}


/** Records already in memory (workbooks, JSON), handed out in batches like a CSV's. */
async function* inBatches(records: ParsedRecord[], batchRows = 5000): AsyncGenerator<ParsedRecord[]> {
  for (let i = 0; i < records.length; i += batchRows) yield records.slice(i, i + batchRows);
}

/**
 * Turns the bytes of an uploaded data file into records keyed by canonical column names, or throws
 * an ImportFileError explaining what is wrong with the file as a whole and how to fix it. The
 * header, columns and format are known when this returns; a CSV's records are read as
 * `batches` is, and a problem further in the file (an unclosed quote, a cut-off last line) is
 * thrown from there.
 */
export async function openImportFile(bytes: Uint8Array, options: ParseOptions, csvOptions?: CsvStreamOptions): Promise<ImportFileStream> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) {
    throw new ImportFileError('IMPORT.EMPTY_FILE', `"${options.filename}" is empty (0 bytes). Check that you uploaded the right file.`);
  }
  const matcher = new ColumnMatcher(options.columns);
  const resolved = resolveFormat(buf, options);
  const warnings = [...resolved.warnings];

  if (resolved.format === 'xlsx') {
    assertAccepted('xlsx', options);
    const table = await parseXlsx(buf, matcher);
    return {
      format: 'xlsx',
      encoding: 'binary',
      headerRowNumber: table.headerRowNumber,
      skippedLines: table.skippedLines,
      columns: table.columns,
      columnMapping: table.columnMapping,
      expectedRecords: table.records.length,
      batches: inBatches(table.records),
      warnings: [...warnings, ...table.warnings],
    };
  }

  if (resolved.format === 'csv') {
    assertAccepted('csv', options);
    const decoded = decodeText(buf, csvFix);
    if (decoded.text.trim() === '') {
      throw new ImportFileError('IMPORT.EMPTY_FILE', `"${options.filename}" contains only blank lines. Check that you uploaded the right file.`);
    }
    const csv = await openCsv(decoded.text, matcher, csvOptions);
    const { table } = csv;
    const fileWarnings = [...warnings, ...decoded.warnings];
    return {
      format: 'csv',
      encoding: decoded.encoding,
      headerRowNumber: table.headerRowNumber,
      skippedLines: table.skippedLines,
      columns: table.columns,
      columnMapping: table.columnMapping,
      expectedRecords: csv.linesBelowHeader,
      batches: (async function* () {
        yield* csv.batches;
        // The table's warnings are known once its last row is read.
        fileWarnings.push(...table.warnings);
      })(),
      warnings: fileWarnings,
    };
  }

  // JSON, GeoJSON or TopoJSON: the content says which.
  const acceptedJson = options.acceptedFormats.filter((f) => jsonFamily.includes(f));
  if (acceptedJson.length === 0) assertAccepted(resolved.format, options);
  const decoded = decodeText(buf, jsonFix);
  if (decoded.text.trim() === '') {
    throw new ImportFileError('IMPORT.EMPTY_FILE', `"${options.filename}" contains only whitespace. Check that you uploaded the right file.`);
  }
  const doc = parseJsonText(decoded.text);
  const format = classifyJson(doc);
  // GeoJSON and TopoJSON are often named .json; only a contradiction of a stated format is worth a warning.
  if (format !== resolved.format && (options.format !== undefined || resolved.format !== 'json')) {
    warnings.push(`"${options.filename}" was ${options.format !== undefined ? 'declared' : 'named'} as ${formatNames[resolved.format]} but contains ${formatNames[format]}; it was read as ${formatNames[format]}.`);
  }
  assertAccepted(format, options);
  let result: JsonResult;
  if (format === 'topojson') result = topojsonRecords(doc as Record<string, unknown>, matcher, options.topojsonObject);
  else if (format === 'geojson') result = geojsonRecords(doc as Record<string, unknown>, matcher);
  else result = jsonRecords(doc, matcher);
  return {
    format,
    encoding: decoded.encoding,
    headerRowNumber: null,
    skippedLines: [],
    columns: result.columns,
    columnMapping: result.columnMapping,
    expectedRecords: result.records.length,
    batches: inBatches(result.records),
    warnings: [...warnings, ...decoded.warnings, ...result.warnings],
  };
}

/** {@link openImportFile} with every record read into memory. */
export async function parseImportFile(bytes: Uint8Array, options: ParseOptions, csvOptions?: CsvStreamOptions): Promise<ParsedFile> {
  const { batches, expectedRecords: _expected, ...file } = await openImportFile(bytes, options, csvOptions);
  const records: ParsedRecord[] = [];
  for await (const batch of batches) for (const record of batch) records.push(record);
  return { ...file, records };
}
