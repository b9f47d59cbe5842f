import type { ErrorCode, ImportFormat } from '@electrifica/contracts';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { excelSerialToIsoDate, ImportFileError, openImportFile, parseImportFile, type ParseOptions } from './index.js';

const allFormats: readonly ImportFormat[] = ['csv', 'xlsx', 'json', 'geojson', 'topojson'];

/** A charging-station-like kind, with the spellings government files use. */
const stationColumns: ParseOptions['columns'] = {
  clave: { aliases: ['clave_estacion', 'cve', 'id_estacion'], required: true },
  nombre: { aliases: ['nombre_estacion', 'name'], required: true },
  latitud: { aliases: ['lat', 'latitude'], required: false },
  longitud: { aliases: ['lon', 'lng', 'longitude'], required: false },
  potencia_kw: { aliases: ['potencia', 'power_kw'], required: false },
  fecha_alta: { aliases: ['fecha de alta', 'fecha', 'opened'], required: false },
};

function options(filename: string, overrides: Partial<ParseOptions> = {}): ParseOptions {
  return { filename, acceptedFormats: allFormats, columns: stationColumns, ...overrides };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function fileError(promise: Promise<unknown>, code: ErrorCode, ...fragments: string[]): Promise<ImportFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(ImportFileError);
  const fileErr = error as ImportFileError;
  expect(fileErr.code).toBe(code);
  for (const fragment of fragments) expect(fileErr.message).toContain(fragment);
  return fileErr;
}

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('excelSerialToIsoDate', () => {
  it('converts 1900-system serials, including the 1900 leap-year bug', () => {
    expect(excelSerialToIsoDate(44197)).toBe('2021-01-01');
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60)).toBe('1900-02-29');
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(45658.75)).toBe('2025-01-01');
    expect(excelSerialToIsoDate(2958465)).toBe('9999-12-31');
    expect(() => excelSerialToIsoDate(0)).toThrow(RangeError);
    expect(() => excelSerialToIsoDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('encoding', () => {
  it('strips a UTF-8 byte-order mark', async () => {
    const parsed = await parseImportFile(utf8('\uFEFFclave,nombre\n01,Peñón\n'), options('e.csv'));
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.columns).toEqual(['clave', 'nombre']);
    expect(parsed.records[0]!.values).toEqual({ clave: '01', nombre: 'Peñón' });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads Latin-1 / Windows-1252 with a warning', async () => {
    const bytes = iconv.encode('Clave;Nombre;Potencia\n01;Añil Peñón “Centro”;50 €\n', 'windows-1252');
    const parsed = await parseImportFile(bytes, options('e.csv'));
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.warnings).toContain('Decoded as Windows-1252 (not valid UTF-8).');
    expect(parsed.records[0]!.values).toMatchObject({ clave: '01', nombre: 'Añil Peñón “Centro”', potencia_kw: '50 €' });
  });

  it('reads a Latin-1 header as well as values', async () => {
    const columns = { anio: { aliases: ['año'], required: true }, poblacion: { aliases: ['población'], required: true } };
    const parsed = await parseImportFile(iconv.encode('AÑO,POBLACIÓN\n2020,1425607\n', 'latin1'), options('p.csv', { columns }));
    expect(parsed.columnMapping).toEqual({ anio: 'AÑO', poblacion: 'POBLACIÓN' });
    expect(parsed.records[0]!.values).toEqual({ anio: '2020', poblacion: '1425607' });
  });

  it('rejects a PNG image named .csv', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const err = await fileError(parseImportFile(png, options('e.csv')), 'IMPORT.BAD_ENCODING', 'PNG image', 'save the file as UTF-8 CSV');
    expect(err.details).toMatchObject({ found: 'png' });
  });

  it('rejects a ZIP archive that is not a workbook', async () => {
    // A ZIP local file header for "notes.txt", stored uncompressed.
    const zip = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0, 9, 0, 0, 0,
      ...utf8('notes.txt'),
      ...utf8('hello'),
    ]);
    await fileError(parseImportFile(zip, options('e.csv')), 'IMPORT.BAD_ENCODING', 'ZIP archive', 'Unzip it');
  });

  it('rejects binary data containing NUL bytes', async () => {
    const bytes = new Uint8Array([...utf8('clave,nombre\n01,'), 0, 0, 1, 2, 0x42, 0, 0]);
    await fileError(parseImportFile(bytes, options('e.csv')), 'IMPORT.BAD_ENCODING', 'NUL byte', 'UTF-8 CSV');
  });

  it('rejects UTF-16 text and says how to re-save it', async () => {
    const bytes = iconv.encode('clave,nombre\r\n01,Uno\r\n', 'utf16le', { addBOM: true });
    await fileError(parseImportFile(bytes, options('e.csv')), 'IMPORT.BAD_ENCODING', 'UTF-16', 'CSV UTF-8');
    const bomless = iconv.encode('clave,nombre\r\n01,Uno\r\n02,Dos\r\n', 'utf16le');
    await fileError(parseImportFile(bomless, options('e.csv')), 'IMPORT.BAD_ENCODING', 'UTF-16');
  });

  it('rejects text that already contains replacement characters, naming the line', async () => {
    const err = await fileError(
      parseImportFile(utf8('clave,nombre\n01,Uno\n02,Pe\uFFFDón\n'), options('e.csv')),
      'IMPORT.BAD_ENCODING',
      'line 3',
      'UTF-8 CSV',
    );
    expect(err.details).toMatchObject({ line: 3 });
  });
});

describe('CSV', () => {
  it('detects the delimiter among comma, semicolon, tab and pipe', async () => {
    for (const delimiter of [',', ';', '\t', '|']) {
      const text = [['clave', 'nombre', 'lat'].join(delimiter), ['01', 'Uno, Dos', '19.4'].map((c) => (c.includes(delimiter) ? `"${c}"` : c)).join(delimiter)].join('\n');
      const parsed = await parseImportFile(utf8(text), options('e.csv'));
      expect(parsed.records[0]!.values, JSON.stringify(delimiter)).toEqual({ clave: '01', nombre: 'Uno, Dos', latitud: '19.4' });
    }
  });

  it('matches headers through aliases regardless of case, accents, spaces, underscores and trailing units', async () => {
    const columns = {
      clave_municipio: { aliases: ['cve_mun'], required: true },
      anio: { aliases: ['año'], required: true },
      potencia_kw: { aliases: ['potencia'], required: true },
      latitud: { aliases: [], required: true },
    };
    const parsed = await parseImportFile(utf8('CVE MUN,Ano,Potencia (kW),LATITUD_,Otra\n001,2020,50,19.4,x\n'), options('e.csv', { columns }));
    expect(parsed.columnMapping).toEqual({ clave_municipio: 'CVE MUN', anio: 'Ano', potencia_kw: 'Potencia (kW)', latitud: 'LATITUD_' });
    expect(parsed.records[0]!.values).toEqual({ clave_municipio: '001', anio: '2020', potencia_kw: '50', latitud: '19.4' });
    expect(parsed.records[0]!.extra).toEqual({ Otra: 'x' });
  });

  it('skips note lines above the header and blank and footer lines below the data', async () => {
    const text = [
      'Cuadro 3. Estaciones de carga por municipio',
      'Instituto Nacional de Estadística y Geografía, 2023',
      '',
      'Clave,Nombre,Potencia',
      '01,Uno,50',
      '02,Dos,22',
      ',,',
      '03,Tres,7.4',
      '',
      ',,',
      'Fuente: INEGI, Censo de Población y Vivienda 2020',
      'Nota: cifras preliminares',
      '',
    ].join('\r\n');
    const parsed = await parseImportFile(utf8(text), options('e.csv'));
    expect(parsed.headerRowNumber).toBe(4);
    expect(parsed.records.map((r) => [r.rowNumber, r.values.clave])).toEqual([
      [5, '01'],
      [6, '02'],
      [8, '03'],
    ]);
    expect(parsed.skippedLines).toEqual([
      { rowNumber: 1, reason: 'note' },
      { rowNumber: 2, reason: 'note' },
      { rowNumber: 3, reason: 'blank' },
      { rowNumber: 7, reason: 'blank' },
      { rowNumber: 9, reason: 'blank' },
      { rowNumber: 10, reason: 'blank' },
      { rowNumber: 11, reason: 'footer' },
      { rowNumber: 12, reason: 'footer' },
    ]);
    expect(parsed.warnings).toContain('2 note lines above the header were skipped.');
    expect(parsed.warnings.some((w) => w.startsWith('2 footer lines below the data were skipped'))).toBe(true);
  });

  it('counts original file lines through quoted multi-line values and mixed line endings', async () => {
    const text = 'clave,nombre\r\n01,"Calle 1\r\nColonia Centro"\n02,Dos\r03,"Tres ""T"""\n';
    const parsed = await parseImportFile(utf8(text), options('e.csv'));
    expect(parsed.records.map((r) => [r.rowNumber, r.values.nombre])).toEqual([
      [2, 'Calle 1\nColonia Centro'],
      [4, 'Dos'],
      [5, 'Tres "T"'],
    ]);
  });

  it('keeps trimmed strings, turns empty cells into null and puts unknown columns in extra', async () => {
    const parsed = await parseImportFile(utf8('clave,nombre,lat,Operador,,Operador\n 01 ,  ,19.4,CFE,,Otro\n'), options('e.csv'));
    expect(parsed.columns).toEqual(['clave', 'nombre', 'lat', 'Operador', 'column_5', 'Operador (2)']);
    expect(parsed.records[0]).toEqual({
      rowNumber: 2,
      values: { clave: '01', nombre: null, latitud: '19.4' },
      extra: { Operador: 'CFE', 'Operador (2)': 'Otro' },
    });
  });

  it('returns rows with the wrong number of cells as flagged records, not as a file error', async () => {
    const parsed = await parseImportFile(utf8('clave,nombre,lat\n01,Uno,19.4\n02,Dos, con coma,19.5\n03,Tres\n04,Cuatro,19.6,\n'), options('e.csv'));
    expect(parsed.records).toHaveLength(4);
    expect(parsed.records[1]!.values.__cellCountMismatch).toEqual({ expected: 3, actual: 4 });
    expect(parsed.records[1]!.extra).toEqual({ column_4: '19.5' });
    expect(parsed.records[2]!.values).toEqual({ clave: '03', nombre: 'Tres', latitud: null, __cellCountMismatch: { expected: 3, actual: 2 } });
    // A trailing empty cell is only a trailing delimiter.
    expect(parsed.records[3]!.values.__cellCountMismatch).toBeUndefined();
    expect(parsed.warnings.some((w) => w.startsWith('2 lines have a different number of cells'))).toBe(true);
  });

  it('reports missing required columns with the accepted spellings and the headers found', async () => {
    const text = 'Estaciones 2023\nID,Nombre de la estación,Latitud\n1,Uno,19.4\n';
    const err = await fileError(parseImportFile(utf8(text), options('e.csv')), 'IMPORT.MISSING_COLUMNS', '"clave"', '"cve"', '"ID"', 'line 2');
    expect(err.details).toMatchObject({
      missingColumns: [
        { column: 'clave', acceptedSpellings: ['clave', 'clave_estacion', 'cve', 'id_estacion'] },
        { column: 'nombre', acceptedSpellings: ['nombre', 'nombre_estacion', 'name'] },
      ],
      headersFound: ['ID', 'Nombre de la estación', 'Latitud'],
      closestHeaderRow: 2,
    });
  });

  it('looks for the header only in the first 30 rows', async () => {
    const notes = Array.from({ length: 30 }, (_, i) => `Nota ${i + 1}`).join('\n');
    await fileError(parseImportFile(utf8(`${notes}\nclave,nombre\n01,Uno\n`), options('e.csv')), 'IMPORT.MISSING_COLUMNS');
    const fewer = Array.from({ length: 29 }, (_, i) => `Nota ${i + 1}`).join('\n');
    const parsed = await parseImportFile(utf8(`${fewer}\nclave,nombre\n01,Uno\n`), options('e.csv'));
    expect(parsed.headerRowNumber).toBe(30);
  });

  it('reports an unterminated quote as truncated, naming the line where it opens', async () => {
    const err = await fileError(
      parseImportFile(utf8('clave,nombre\n01,Uno\n02,"Dos\n03,Tres\n04,Cuatro\n'), options('e.csv')),
      'IMPORT.TRUNCATED',
      'Line 3',
      'never closed',
    );
    expect(err.details).toMatchObject({ line: 3 });
  });

  it('reports a ragged last line with no line break as truncated', async () => {
    const err = await fileError(
      parseImportFile(utf8('clave,nombre,lat,lon\n01,Uno,19.4,-99.1\n02,Dos,19.5,-99.2\n03,Tr'), options('e.csv')),
      'IMPORT.TRUNCATED',
      'line (4)',
      'cut off',
    );
    expect(err.details).toMatchObject({ line: 4, expectedCells: 4, actualCells: 2 });
    // The same short row followed by a line break is an ordinary short row.
    const parsed = await parseImportFile(utf8('clave,nombre,lat,lon\n01,Uno,19.4,-99.1\n03,Tr\n'), options('e.csv'));
    expect(parsed.records[1]!.values.__cellCountMismatch).toEqual({ expected: 4, actual: 2 });
  });

  it('reports an empty file, a blank file and a header without data rows as empty', async () => {
    await fileError(parseImportFile(new Uint8Array(), options('e.csv')), 'IMPORT.EMPTY_FILE', '0 bytes');
    await fileError(parseImportFile(utf8('\uFEFF\n\n  \n'), options('e.csv')), 'IMPORT.EMPTY_FILE');
    await fileError(parseImportFile(utf8('Título\nclave,nombre\n\n,\nFuente: INEGI\n'), options('e.csv')), 'IMPORT.EMPTY_FILE', 'line 2', 'no data lines');
  });

  it('parses 100,000 generated rows', async () => {
    const lines = ['Clave,Nombre,Latitud,Longitud,Potencia,Fecha de alta,Operador'];
    for (let i = 0; i < 100_000; i++) {
      lines.push(`${String(i).padStart(6, '0')},"Estación ${i}, Centro",${(19 + i / 1e6).toFixed(6)},-99.1332,${i % 350},2023-01-01,CFE`);
    }
    const parsed = await parseImportFile(utf8(lines.join('\r\n')), options('big.csv'));
    expect(parsed.records).toHaveLength(100_000);
    expect(parsed.records[99_999]).toEqual({
      rowNumber: 100_001,
      values: { clave: '099999', nombre: 'Estación 99999, Centro', latitud: '19.099999', longitud: '-99.1332', potencia_kw: '249', fecha_alta: '2023-01-01' },
      extra: { Operador: 'CFE' },
    });
  });
});

describe('CSV read as it goes (openImportFile)', () => {
  /** Notes, quoted values over several lines, \r\n, lone \r, blank rows inside and a trailer. */
  const awkward = [
    'Cuadro 3. Estaciones',
    '',
    'clave,nombre,lat',
    '01,"Calle 1\r\nColonia Centro",19.4',
    ',,',
    '02,Dos,19.5\r03,"Tres ""T""",19.6',
    '04,"Cuatro, con coma",19.7',
    'Nota: una nota en medio',
    '05,Cinco,19.8',
    '',
    'Fuente: INEGI',
    '',
  ].join('\r\n');

  it('gives the same records, skipped lines and warnings whatever the slices and batches', async () => {
    const whole = await parseImportFile(utf8(awkward), options('e.csv'));
    expect(whole.records.map((r) => r.rowNumber)).toEqual([4, 7, 8, 9, 10, 11]);
    // Slices of 1 to 9 characters cut through every \r\n, quote and delimiter of the file.
    for (let sliceChars = 1; sliceChars <= 9; sliceChars++) {
      const sliced = await parseImportFile(utf8(awkward), options('e.csv'), { sliceChars, batchRows: 2 });
      expect(sliced, `slices of ${sliceChars}`).toEqual(whole);
    }
  });

  it('knows the header before reading the records, and hands them out in batches', async () => {
    const lines = ['clave,nombre'];
    for (let i = 1; i <= 12_001; i++) lines.push(`${i},Estación ${i}`);
    const file = await openImportFile(utf8(`${lines.join('\n')}\n`), options('e.csv'), { batchRows: 5000 });
    expect(file.headerRowNumber).toBe(1);
    expect(file.columnMapping).toEqual({ clave: 'clave', nombre: 'nombre' });
    expect(file.expectedRecords).toBe(12_001);
    const sizes: number[] = [];
    let last = 0;
    for await (const batch of file.batches) {
      sizes.push(batch.length);
      for (const record of batch) expect(record.rowNumber).toBe(++last + 1);
    }
    expect(sizes).toEqual([5000, 5000, 2001]);
  });

  it('throws a problem found further in the file from the batches, after the rows before it', async () => {
    const lines = ['clave,nombre'];
    for (let i = 1; i <= 50; i++) lines.push(`${i},Estación ${i}`);
    const file = await openImportFile(utf8(`${lines.join('\n')}\n51,"Sin cerrar\n52,Otra\n`), options('e.csv'), { batchRows: 10 });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const batch of file.batches) seen.push(...batch.map((r) => r.rowNumber));
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: 'IMPORT.TRUNCATED', details: { line: 52, reason: 'unclosed-quote' } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((line, i) => line === i + 2)).toBe(true);
  });

  it('counts at least as many expected records as there are, with quoted line breaks and no final line break', async () => {
    const file = await openImportFile(utf8('clave,nombre\n01,"a\nb"\n02,Dos'), options('e.csv'));
    expect(file.expectedRecords).toBe(3);
    const records = [];
    for await (const batch of file.batches) records.push(...batch);
    expect(records).toHaveLength(2);
  });
});

describe('XLSX', () => {
  it('finds the header on a later worksheet, below notes, and converts dates, formulas and rich text', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Notas').addRow(['Este archivo contiene estaciones']);
      const sheet = workbook.addWorksheet('Datos');
      sheet.mergeCells('A1:F1');
      sheet.getCell('A1').value = 'Estaciones de carga 2023';
      sheet.getRow(3).values = ['Clave', 'Nombre', 'Potencia', 'Fecha de alta', 'Última revisión', 'Sitio'];
      sheet.getRow(4).values = [
        '01001',
        { richText: [{ text: 'Estación ' }, { text: 'Centro', font: { bold: true } }] },
        { formula: '25*2', result: 50 },
        new Date(Date.UTC(2021, 0, 15)),
        new Date(Date.UTC(2023, 5, 1, 14, 30)),
        { text: 'mapa', hyperlink: 'https://example.org' },
      ];
      sheet.getRow(5).values = ['01002', '  Norte  ', 22, 44197, null, null];
      sheet.getRow(6).values = ['01003', 'Sur', { formula: 'NA()', result: { error: '#N/A' } }, 2021, null, null];
      sheet.getRow(8).values = ['Fuente: CFE, 2023'];
    });
    const parsed = await parseImportFile(bytes, options('estaciones.xlsx'));
    expect(parsed.format).toBe('xlsx');
    expect(parsed.encoding).toBe('binary');
    expect(parsed.headerRowNumber).toBe(3);
    expect(parsed.columnMapping).toEqual({ clave: 'Clave', nombre: 'Nombre', potencia_kw: 'Potencia', fecha_alta: 'Fecha de alta' });
    expect(parsed.records).toEqual([
      {
        rowNumber: 4,
        values: { clave: '01001', nombre: 'Estación Centro', potencia_kw: 50, fecha_alta: '2021-01-15' },
        extra: { 'Última revisión': '2023-06-01T14:30:00', Sitio: 'mapa' },
      },
      { rowNumber: 5, values: { clave: '01002', nombre: 'Norte', potencia_kw: 22, fecha_alta: '2021-01-01' }, extra: { 'Última revisión': null, Sitio: null } },
      // A whole number like 2021 in a date column is more likely a year than a 1905 date serial.
      { rowNumber: 6, values: { clave: '01003', nombre: 'Sur', potencia_kw: '#N/A', fecha_alta: 2021 }, extra: { 'Última revisión': null, Sitio: null } },
    ]);
    expect(parsed.skippedLines).toEqual([
      { rowNumber: 1, reason: 'note' },
      { rowNumber: 2, reason: 'blank' },
      { rowNumber: 7, reason: 'blank' },
      { rowNumber: 8, reason: 'footer' },
    ]);
    expect(parsed.warnings[0]).toContain('Read worksheet "Datos"');
    expect(parsed.warnings).toContain('1 note row above the header was skipped.');
  });

  it('reports missing columns when no worksheet has the header', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Hoja1').addRow(['Id', 'Nombre']);
      workbook.getWorksheet('Hoja1')!.addRow([1, 'Uno']);
    });
    const err = await fileError(parseImportFile(bytes, options('e.xlsx')), 'IMPORT.MISSING_COLUMNS', '"clave"', '"Id"', 'row 1');
    expect(err.details).toMatchObject({ worksheet: 'Hoja1', headersFound: ['Id', 'Nombre'] });
  });

  it('reports a truncated workbook', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Datos');
      sheet.addRow(['clave', 'nombre']);
      for (let i = 0; i < 200; i++) sheet.addRow([`${i}`, `Estación ${i}`]);
    });
    await fileError(parseImportFile(bytes.subarray(0, Math.floor(bytes.length / 2)), options('e.xlsx')), 'IMPORT.TRUNCATED', 'truncated or corrupt');
  });

  it('reads a workbook misnamed .csv as XLSX, and rejects a legacy .xls', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Datos').addRows([
        ['clave', 'nombre'],
        ['01', 'Uno'],
      ]);
    });
    const parsed = await parseImportFile(bytes, options('e.csv'));
    expect(parsed.format).toBe('xlsx');
    expect(parsed.records[0]!.values).toEqual({ clave: '01', nombre: 'Uno' });
    expect(parsed.warnings[0]).toContain('read as XLSX');

    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await fileError(parseImportFile(ole2, options('e.xls')), 'IMPORT.UNSUPPORTED_FORMAT', 'Excel 97-2003', 'save it as .xlsx');
  });

  it('reads text saved under a workbook name as CSV, and rejects an HTML table', async () => {
    const parsed = await parseImportFile(utf8('clave\tnombre\n01\tUno\n'), options('descarga.xls'));
    expect(parsed.format).toBe('csv');
    expect(parsed.records[0]!.values).toEqual({ clave: '01', nombre: 'Uno' });
    await fileError(parseImportFile(utf8('<html><table><tr><td>clave</td></tr></table></html>'), options('descarga.xls')), 'IMPORT.UNSUPPORTED_FORMAT', 'HTML');
  });
});

describe('JSON', () => {
  it('reads a top-level array, mapping keys through the aliases and keeping values as they are', async () => {
    const doc = [
      { cve: '01', name: 'Uno', lat: 19.4, abierta: true },
      { cve: '02', name: 'Dos', lat: null, tags: ['a'] },
    ];
    const parsed = await parseImportFile(utf8(JSON.stringify(doc)), options('e.json'));
    expect(parsed.format).toBe('json');
    expect(parsed.headerRowNumber).toBeNull();
    expect(parsed.columnMapping).toEqual({ clave: 'cve', nombre: 'name', latitud: 'lat' });
    expect(parsed.columns).toEqual(['cve', 'name', 'lat', 'abierta', 'tags']);
    expect(parsed.records).toEqual([
      { rowNumber: 1, values: { clave: '01', nombre: 'Uno', latitud: 19.4 }, extra: { abierta: true } },
      { rowNumber: 2, values: { clave: '02', nombre: 'Dos', latitud: null }, extra: { tags: ['a'] } },
    ]);
  });

  it('reads the records of paginated API responses', async () => {
    for (const key of ['data', 'items', 'results', 'records', 'fuel_stations']) {
      const parsed = await parseImportFile(utf8(JSON.stringify({ page: 1, [key]: [{ clave: '01', nombre: 'Uno' }] })), options('e.json'));
      expect(parsed.records[0]!.values, key).toEqual({ clave: '01', nombre: 'Uno' });
    }
    // CKAN (datos.gob.mx) datastore_search, announcing more records than this page holds.
    const ckan = { success: true, result: { total: 250, records: [{ clave: '01', nombre: 'Uno' }] } };
    const parsed = await parseImportFile(utf8(JSON.stringify(ckan)), options('e.json'));
    expect(parsed.records).toHaveLength(1);
    expect(parsed.warnings).toContain('Read the records under "result.records".');
    expect(parsed.warnings.some((w) => w.includes('one page of a paginated API response'))).toBe(true);
  });

  it('rejects an object without a records array', async () => {
    await fileError(parseImportFile(utf8('{"estaciones": [], "version": 2}'), options('e.json')), 'IMPORT.UNRECOGNISED_STRUCTURE', '"estaciones"', '"data"');
  });

  it('turns non-object elements into flagged records', async () => {
    const parsed = await parseImportFile(utf8('[{"clave":"01","nombre":"Uno"}, 5, null, ["x"]]'), options('e.json'));
    expect(parsed.records.map((r) => r.values.__notAnObject ?? false)).toEqual([false, true, true, true]);
    expect(parsed.records[1]).toEqual({ rowNumber: 2, values: { __notAnObject: true }, extra: { __value: 5 } });
  });

  it('judges required columns on the union of keys of the first 100 objects', async () => {
    const early = Array.from({ length: 100 }, (_, i) => (i === 60 ? { clave: `${i}`, nombre: 'x' } : { clave: `${i}` }));
    expect((await parseImportFile(utf8(JSON.stringify(early)), options('e.json'))).records).toHaveLength(100);
    const late = Array.from({ length: 150 }, (_, i) => (i === 120 ? { clave: `${i}`, nombre: 'x' } : { clave: `${i}` }));
    const err = await fileError(parseImportFile(utf8(JSON.stringify(late)), options('e.json')), 'IMPORT.MISSING_COLUMNS', '"nombre"', 'first 100 objects', '"clave"');
    expect(err.details).toMatchObject({ headersFound: ['clave'] });
  });

  it('reports truncated JSON with its position', async () => {
    const text = '[\n  {"clave": "01", "nombre": "Uno"},\n  {"clave": "02", "nom';
    const err = await fileError(parseImportFile(utf8(text), options('e.json')), 'IMPORT.TRUNCATED', 'ends unexpectedly', 'line 3', 'cut off');
    expect(err.details).toMatchObject({ reason: 'unexpected-end', line: 3 });
    await fileError(parseImportFile(utf8('[{"clave": "01"}'), options('e.json')), 'IMPORT.TRUNCATED', 'ends unexpectedly');
  });

  it('reports other JSON syntax errors with line and column', async () => {
    const text = '[\n  {"clave": "01", "nombre": "Uno"},\n  {"clave": \'02\', "nombre": "Dos"},\n  {"clave": "03", "nombre": "Tres"}\n]';
    const err = await fileError(parseImportFile(utf8(text), options('e.json')), 'IMPORT.TRUNCATED', 'malformed', 'line 3, column 13');
    expect(err.details).toMatchObject({ reason: 'syntax-error', line: 3, column: 13 });
    const trailingComma = '[\n{"clave": "01", "nombre": "Uno"},\n]';
    await fileError(parseImportFile(utf8(trailingComma), options('e.json')), 'IMPORT.TRUNCATED', 'malformed');
  });

  it('reports an empty array as empty', async () => {
    await fileError(parseImportFile(utf8('{"data": []}'), options('e.json')), 'IMPORT.EMPTY_FILE', '"data"');
  });
});

describe('GeoJSON', () => {
  const collection = {
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    features: [
      { type: 'Feature', id: 'E1', properties: { name: 'Uno', Potencia: 50 }, geometry: { type: 'Point', coordinates: [-99.13, 19.43] } },
      { type: 'Feature', properties: { clave: 'E2', name: 'Dos' }, geometry: null },
      { type: 'Point', coordinates: [0, 0] },
    ],
  };
  const geoColumns = { clave: { aliases: ['id'], required: true }, nombre: { aliases: ['name'], required: true }, potencia_kw: { aliases: ['potencia'], required: false } };

  it('detects GeoJSON in a .json file and maps properties, passing geometries through', async () => {
    const parsed = await parseImportFile(utf8(JSON.stringify(collection)), options('estaciones.json', { columns: geoColumns }));
    expect(parsed.format).toBe('geojson');
    expect(parsed.records).toEqual([
      { rowNumber: 1, values: { clave: 'E1', nombre: 'Uno', potencia_kw: 50 }, extra: {}, geometry: { type: 'Point', coordinates: [-99.13, 19.43] } },
      { rowNumber: 2, values: { clave: 'E2', nombre: 'Dos' }, extra: {}, geometry: null },
      { rowNumber: 3, values: { __notAFeature: true }, extra: {}, geometry: null },
    ]);
  });

  it('rejects a bare geometry', async () => {
    await fileError(
      parseImportFile(utf8('{"type":"Point","coordinates":[-99.1,19.4]}'), options('e.geojson', { columns: geoColumns })),
      'IMPORT.UNRECOGNISED_STRUCTURE',
      'bare GeoJSON Point',
      'FeatureCollection',
    );
  });

  it('reads a single Feature', async () => {
    const single = collection.features[0];
    const parsed = await parseImportFile(utf8(JSON.stringify(single)), options('e.geojson', { columns: geoColumns }));
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]!.values).toEqual({ clave: 'E1', nombre: 'Uno', potencia_kw: 50 });
  });

  it('rejects a projected coordinate reference system, declared or not', async () => {
    const projected = { ...collection, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::6372' } } };
    await fileError(
      parseImportFile(utf8(JSON.stringify(projected)), options('e.geojson', { columns: geoColumns })),
      'IMPORT.UNSUPPORTED_FORMAT',
      'EPSG::6372',
      'Reproject it to WGS84 longitude/latitude',
    );
    const epsg4326 = { ...collection, crs: { type: 'name', properties: { name: 'EPSG:4326' } } };
    expect((await parseImportFile(utf8(JSON.stringify(epsg4326)), options('e.geojson', { columns: geoColumns }))).records).toHaveLength(3);
    const undeclared = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'E1', name: 'Uno' }, geometry: { type: 'Point', coordinates: [2803567.1, 826453.9] } }],
    };
    await fileError(parseImportFile(utf8(JSON.stringify(undeclared)), options('e.geojson', { columns: geoColumns })), 'IMPORT.UNSUPPORTED_FORMAT', 'projected', 'WGS84');
  });

  it('is rejected when the kind does not accept GeoJSON', async () => {
    await fileError(
      parseImportFile(utf8(JSON.stringify(collection)), options('e.json', { columns: geoColumns, acceptedFormats: ['csv', 'json'] })),
      'IMPORT.UNSUPPORTED_FORMAT',
      'accepts CSV, JSON',
      'is GeoJSON',
    );
  });
});

describe('TopoJSON', () => {
  const topology = {
    type: 'Topology',
    transform: { scale: [0.001, 0.001], translate: [-100, 19] },
    objects: {
      estaciones: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [100, 200], properties: { clave: 'E1', nombre: 'Uno' } },
          { type: 'Point', id: 'E2', coordinates: [300, 400], properties: { nombre: 'Dos' } },
          { type: null, properties: { clave: 'E3', nombre: 'Tres' } },
        ],
      },
      zonas: {
        type: 'GeometryCollection',
        geometries: [{ type: 'Polygon', arcs: [[0]], properties: { clave: 'Z1', nombre: 'Zona' } }],
      },
    },
    arcs: [
      [
        [0, 0],
        [1000, 0],
        [0, 1000],
        [-1000, -1000],
      ],
    ],
  };
  const topoColumns = { clave: { aliases: ['id'], required: true }, nombre: { aliases: [], required: true } };

  it('converts the first object of a topology to features', async () => {
    const parsed = await parseImportFile(utf8(JSON.stringify(topology)), options('e.topojson', { columns: topoColumns }));
    expect(parsed.format).toBe('topojson');
    expect(parsed.records.map((r) => [r.rowNumber, r.values.clave, r.geometry])).toEqual([
      [1, 'E1', { type: 'Point', coordinates: [-99.9, 19.2] }],
      [2, 'E2', { type: 'Point', coordinates: [-99.7, 19.4] }],
      [3, 'E3', null],
    ]);
    expect(parsed.warnings[0]).toContain('read "estaciones"');
  });

  it('reads the object named in the options, and names the objects when it is missing', async () => {
    const parsed = await parseImportFile(utf8(JSON.stringify(topology)), options('e.json', { columns: topoColumns, topojsonObject: 'zonas' }));
    expect(parsed.format).toBe('topojson');
    expect(parsed.records[0]!.values).toEqual({ clave: 'Z1', nombre: 'Zona' });
    expect(parsed.records[0]!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [-100, 19],
          [-99, 19],
          [-99, 20],
          [-100, 19],
        ],
      ],
    });
    await fileError(
      parseImportFile(utf8(JSON.stringify(topology)), options('e.topojson', { columns: topoColumns, topojsonObject: 'municipios' })),
      'IMPORT.UNRECOGNISED_STRUCTURE',
      '"municipios"',
      '"estaciones", "zonas"',
    );
  });
});

describe('format', () => {
  it('rejects formats the kind does not accept, listing the accepted ones', async () => {
    const err = await fileError(
      parseImportFile(utf8('clave,nombre\n01,Uno\n'), options('e.csv', { acceptedFormats: ['geojson', 'topojson'] })),
      'IMPORT.UNSUPPORTED_FORMAT',
      'accepts GeoJSON, TopoJSON',
      '"e.csv" is CSV',
    );
    expect(err.details).toEqual({ format: 'csv', acceptedFormats: ['geojson', 'topojson'] });
    await fileError(
      parseImportFile(utf8('[{"clave":"01","nombre":"Uno"}]'), options('e.json', { acceptedFormats: ['csv'] })),
      'IMPORT.UNSUPPORTED_FORMAT',
      'accepts CSV',
    );
  });

  it('detects the format from the content when the name has no known extension', async () => {
    expect((await parseImportFile(utf8('[{"clave":"01","nombre":"Uno"}]'), options('descarga'))).format).toBe('json');
    expect((await parseImportFile(utf8('clave|nombre\n01|Uno\n'), options('descarga.dat'))).format).toBe('csv');
  });

  it('respects an explicit format', async () => {
    const parsed = await parseImportFile(utf8('clave,nombre\n01,Uno\n'), options('upload.bin', { format: 'csv' }));
    expect(parsed.format).toBe('csv');
    await fileError(parseImportFile(utf8('clave,nombre\n01,Uno\n'), options('upload.bin', { format: 'xlsx' })), 'IMPORT.TRUNCATED', 'not a valid XLSX');
  });
});
