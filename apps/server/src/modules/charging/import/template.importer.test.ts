import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseHeader } from '../../../platform/imports/parse/columns.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { templateColumns, type TemplateLanguage } from './template.columns.js';
import { parseDecimal, parseIsoDate, parseParty, slugOf, validateTemplateRow } from './template.importer.js';

/*
 * Every site in this file is SYNTHETIC, made in code for tests: names say "sintético" /
 * "synthetic", operators and submitters are invented, points are only chosen to fall in
 * known municipalities.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

type Row = Partial<Record<string, string | number | Date>>;
const headerKey = (lang: TemplateLanguage) => new Map(templateColumns.map((c) => [c.header[lang], c.key]));

/** The CSV template as the route serves it, with rows appended under its own header. */
async function filledCsv(lang: TemplateLanguage, rows: Row[]): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/charging/template.csv?lang=${lang}` });
  expect(response.statusCode).toBe(200);
  const template = response.body.replace(/^\uFEFF/, '');
  const [headers] = parse(template) as string[][];
  const keys = headers!.map((h) => headerKey(lang).get(h)!);
  return template + stringify(rows.map((r) => keys.map((k) => r[k] ?? '')), { record_delimiter: 'windows' });
}

/** The XLSX template as the route serves it, filled in its data sheet the way Excel stores typed cells. */
async function filledXlsx(lang: TemplateLanguage, rows: Row[]): Promise<Uint8Array> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/charging/template.xlsx?lang=${lang}` });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const keys = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => headerKey(lang).get(String(h))!);
  rows.forEach((r, i) => {
    const row = sheet.getRow(i + 2);
    keys.forEach((k, c) => {
      if (r[k] !== undefined) row.getCell(c + 1).value = r[k]!;
    });
    row.commit();
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const run = (filename: string, content: Uint8Array | string) =>
  t.services.imports.runNow({
    kind: 'charging.template', filename, mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test',
    content: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  });

const location = (sourceKey: string) =>
  t.database.db.selectFrom('charging_location').selectAll().select(sql<string | null>`commissioned_on::text`.as('commissioned_on_text'))
    .where('source_key', '=', sourceKey).executeTakeFirst();

const connectorsOf = (sourceKey: string) =>
  t.database.db
    .selectFrom('charging_connector')
    .innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
    .innerJoin('charging_location', 'charging_location.id', 'charging_evse.location_id')
    .select(['charging_evse.evse_uid', 'standard', 'source_code', 'source_label', 'power_type', 'format', 'max_electric_power_kw', 'charging_level'])
    .where('charging_location.source_key', '=', sourceKey)
    .orderBy('charging_evse.evse_uid')
    .execute();

describe('the template’s columns and values (pure)', () => {
  it('gives every column spellings that no other column shares, in both languages', () => {
    const owner = new Map<string, string>();
    for (const c of templateColumns) {
      for (const spelling of new Set([c.key, c.header.es, c.header.en, ...c.aliases].map(normaliseHeader))) {
        expect(owner.get(spelling) ?? c.key, `"${spelling}" is claimed by ${owner.get(spelling)} and ${c.key}`).toBe(c.key);
        owner.set(spelling, c.key);
      }
    }
  });

  it('reads numbers, dates and OCPI parties the way people write them, and refuses what it would have to guess', () => {
    expect(parseDecimal('1,250.5')).toEqual({ value: 1250.5 });
    expect(parseDecimal(' -99.1332 ')).toEqual({ value: -99.1332 });
    expect(parseDecimal(7.2)).toEqual({ value: 7.2 });
    expect(parseDecimal('7,2')).toMatchObject({ problem: expect.stringContaining('decimal comma') });
    expect(parseDecimal('siete')).toMatchObject({ problem: expect.stringContaining('not a number') });
    expect(parseIsoDate('2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(parseIsoDate('2023-02-29')).toMatchObject({ problem: expect.stringContaining('not a calendar date') });
    expect(parseIsoDate('2024-03-15T10:30:00')).toEqual({ value: '2024-03-15' });
    expect(parseIsoDate('05/03/2024')).toMatchObject({ problem: expect.stringContaining('ambiguous') });
    expect(parseParty('mx*abc')).toEqual({ countryCode: 'MX', partyId: 'ABC' });
    expect(parseParty('MX-E1A')).toEqual({ countryCode: 'MX', partyId: 'E1A' });
    expect(parseParty('Mexico')).toBeNull();
    expect(slugOf('  Gobierno del Estado de Nuevo León ')).toBe('gobierno-del-estado-de-nuevo-leon');
  });

  it('accepts coded values in Spanish or English, whatever the case and accents', () => {
    const base = { site_id: 'S-1', operator: 'Operador sintético', latitude: '20.5931', longitude: '-100.392' };
    const es = validateTemplateRow({ rowNumber: 2, extra: {}, values: { ...base, access: 'PÚBLICO', status: 'En Operacion', uses: 'ligero; Autobuses', payment_methods: 'efectivo;tarjeta bancaria', ocpp: 'Si' } });
    const en = validateTemplateRow({ rowNumber: 3, extra: {}, values: { ...base, access: 'public', status: 'operational', uses: 'bus depot;light duty', payment_methods: 'Bank card; cash', ocpp: true } });
    expect(es.ok && en.ok).toBe(true);
    if (!es.ok || !en.ok) return;
    const pick = (l: typeof es.value) => ({ access: l.access, status: l.lifecycleStatus, uses: [...l.uses!].sort(), pay: [...l.paymentMethods!].sort(), ocpp: l.ocppSupport });
    expect(pick(es.value)).toEqual({ access: 'public', status: 'operational', uses: ['bus_depot', 'light_duty'], pay: ['bank_card', 'cash'], ocpp: true });
    expect(pick(en.value)).toEqual(pick(es.value));
    expect(es.key).toBe('template:operador-sintetico:S-1');
  });
});

describe('charging.template through the import pipeline', () => {
  it('imports the XLSX template filled in Spanish, with Excel dates, into EVSEs and connectors of one vocabulary', async () => {
    const file = await filledXlsx('es', [
      {
        site_id: 'QRO-001', name: 'Plaza sintética Querétaro (prueba)', reported_by: 'Gobierno del Estado sintético', operator: 'Operador sintético',
        owner: 'Propietario sintético', address: 'Calle Ficticia 1', municipality: 'Querétaro', state: 'Jalisco (dato equivocado, sintético)',
        postal_code: '76000', latitude: 20.5931, longitude: -100.392, access: 'público', uses: 'ligero; flotilla', status: 'en operación',
        commissioned_on: new Date(Date.UTC(2024, 2, 15)), opening_hours: '24/7', payment_methods: 'tarjeta bancaria; aplicación', ocpp: 'sí',
        ccs1_count: 2, ccs1_kw: 150, j1772_count: 4, j1772_kw: 7.2, other_connector: 'MCS', other_count: 1, other_kw: 1000,
      },
      { site_id: '00042', operator: 'Operador sintético', latitude: 25.6866, longitude: -100.3161, opening_hours: 'Lunes a viernes 8-20' },
    ]);
    const result = await run('plantilla-electrifica-sitios-de-carga.xlsx', file);
    expect(result).toMatchObject({ status: 'completed', newRows: 2, rejectedRows: 0 });

    const qro = (await location('template:gobierno-del-estado-sintetico:QRO-001'))!;
    expect(qro).toMatchObject({
      name: 'Plaza sintética Querétaro (prueba)', operator_name: 'Operador sintético', owner_name: 'Propietario sintético', access: 'public',
      lifecycle_status: 'operational', ocpp_support: true, commissioned_on_text: '2024-03-15', postal_code: '76000', country_code: 'MX',
      // The point decides the state (Querétaro, 22); the free-text state is only kept as given.
      cve_ent: '22', state_as_given: 'Jalisco (dato equivocado, sintético)',
    });
    expect([...qro.uses].sort()).toEqual(['fleet', 'light_duty']);
    expect([...qro.payment_methods].sort()).toEqual(['app', 'bank_card']);
    expect(qro.opening_hours).toEqual({ twentyfourseven: true });
    expect(qro.provenance.record).toMatchObject({ source: 'template', method: 'import', importId: result.id, rowNumber: 2 });

    const connectors = await connectorsOf('template:gobierno-del-estado-sintetico:QRO-001');
    expect(connectors).toHaveLength(7); // each counted charge point is one EVSE with one connector
    expect(connectors.filter((c) => c.standard === 'CCS1')).toEqual([1, 2].map((n) => ({
      evse_uid: `ccs1-${n}`, standard: 'CCS1', source_code: 'template:ccs1', source_label: 'CCS1 (Combo 1)', power_type: 'DC', format: 'CABLE',
      max_electric_power_kw: 150, charging_level: 'dc_ultra_fast',
    })));
    expect(connectors.filter((c) => c.standard === 'J1772').map((c) => [c.max_electric_power_kw, c.power_type, c.charging_level])).toEqual(
      Array(4).fill([7.2, 'AC_1_PHASE', 'ac_level_2']),
    );
    // The connector outside the vocabulary is kept as written, with no standard: flagged, not guessed.
    expect(connectors.filter((c) => c.standard === null)).toEqual([
      { evse_uid: 'other-1', standard: null, source_code: 'template:other:mcs', source_label: 'MCS', power_type: null, format: null, max_electric_power_kw: 1000, charging_level: 'dc_ultra_fast' },
    ]);

    // A text-formatted id keeps its leading zeros; without submitter the operator forms the key; other hours are not stored.
    const minimal = (await location('template:operador-sintetico:00042'))!;
    expect(minimal).toMatchObject({ name: 'Operador sintético 00042', cve_ent: '19', opening_hours: null, access: null, lifecycle_status: null });
    expect(await connectorsOf('template:operador-sintetico:00042')).toEqual([]);

    const source = await t.database.db.selectFrom('data_source').selectAll().where('id', '=', 'template').executeTakeFirst();
    expect(source?.notes).toContain('declared via the Electrifica template');
  });

  it('imports the CSV template with English headers, and changes nothing when the same file comes again', async () => {
    const file = await filledCsv('en', [
      {
        site_id: 'GDL-7', name: 'Synthetic depot Guadalajara (test)', reported_by: 'Synthetic CPO', operator_ocpi_party: 'MX*SYN',
        latitude: '20.6767', longitude: '-103.3475', access: 'private', uses: 'bus depot', status: 'planned', commissioned_on: '2026-01-31',
        payment_methods: 'membership', ocpp: 'no', ccs2_count: '3', ccs2_kw: '350', type2_count: '2', type2_kw: '22',
      },
      { site_id: 'GDL-8', reported_by: 'Synthetic CPO', latitude: '20.6600', longitude: '-103.3500', nacs_count: '8', nacs_kw: '250', domestic_count: '1', domestic_kw: '1.4' },
    ]);
    expect(file.charCodeAt(0)).not.toBe(0xfeff); // the helper stripped the BOM; the route test checks it is served
    const first = await run('electrifica-charging-sites-template.csv', file);
    expect(first).toMatchObject({ status: 'completed', newRows: 2, rejectedRows: 0 });
    expect(await location('template:synthetic-cpo:GDL-7')).toMatchObject({
      access: 'private', lifecycle_status: 'planned', ocpp_support: false, commissioned_on_text: '2026-01-31', cve_ent: '14', uses: ['bus_depot'],
      payment_methods: ['membership'], operator_name: null,
    });
    const gdl8 = await connectorsOf('template:synthetic-cpo:GDL-8');
    expect(gdl8.map((c) => `${c.standard}:${c.max_electric_power_kw}:${c.charging_level}`)).toEqual([
      'DOMESTIC:1.4:ac_level_1', ...Array(8).fill('NACS:250:dc_ultra_fast'),
    ]);

    const again = await run('electrifica-charging-sites-template.csv', file);
    expect(again).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 2, rejectedRows: 0 });
  });

  it('reads a Windows-1252 CSV with Spanish headers', async () => {
    const file = await filledCsv('es', [
      { site_id: 'MTY-Ñ1', name: 'Estación sintética Monterrey (prueba)', operator: 'Operación Norteña sintética', latitude: '25.6866', longitude: '-100.3161', access: 'público', status: 'fuera de servicio', chademo_count: '1', chademo_kw: '50' },
    ]);
    const result = await run('plantilla-excel-latin1.csv', new Uint8Array(iconv.encode(file, 'win1252')));
    expect(result).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: 0 });
    expect(result.warnings.join(' ')).toContain('Windows-1252');
    expect(await location('template:operacion-nortena-sintetica:MTY-Ñ1')).toMatchObject({
      name: 'Estación sintética Monterrey (prueba)', access: 'public', lifecycle_status: 'out_of_service', cve_ent: '19',
    });
  });

  it('reports every bad row with a stable code while the valid rows land, and the corrected file completes the job', async () => {
    const ok = { reported_by: 'Gobierno sintético', latitude: '19.4326', longitude: '-99.1332', access: 'público', ccs1_count: '1', ccs1_kw: '60' };
    const bad: Array<[Row, string, string]> = [
      [{ ...ok, site_id: '' }, 'IMPORT.ROW_REQUIRED_FIELD', 'id_sitio / site_id is empty'],
      [{ ...ok, site_id: 'B-lat', latitude: 'diecinueve' }, 'IMPORT.ROW_INVALID_VALUE', 'is not a number'],
      [{ ...ok, site_id: 'B-neg', ccs1_kw: '-60' }, 'IMPORT.ROW_INVALID_VALUE', 'must be a positive number'],
      [{ ...ok, site_id: 'B-watts', ccs1_kw: '60000' }, 'IMPORT.ROW_INVALID_VALUE', 'W instead of kW'],
      [{ ...ok, site_id: 'B-count', ccs1_kw: '' }, 'IMPORT.ROW_REQUIRED_FIELD', 'ccs1_kw is empty'],
      [{ ...ok, site_id: 'B-kw', chademo_kw: '50' }, 'IMPORT.ROW_REQUIRED_FIELD', 'chademo_cantidad / chademo_count is empty'],
      [{ ...ok, site_id: 'B-access', access: 'semipúblico' }, 'IMPORT.ROW_INVALID_VALUE', 'público / public, restringido / restricted, privado / private'],
      [{ ...ok, site_id: 'B-swap', latitude: '-99.1332', longitude: '19.4326' }, 'IMPORT.ROW_SWAPPED_COORDINATES', 'look swapped'],
      [{ ...ok, site_id: 'B-denver', latitude: '39.7392', longitude: '-104.9903' }, 'IMPORT.ROW_OUTSIDE_MEXICO', 'outside Mexico'],
      // Inside Mexico's bounding box but in Arizona: the state boundaries catch it.
      [{ ...ok, site_id: 'B-tucson', latitude: '32.2226', longitude: '-110.9747' }, 'IMPORT.ROW_OUTSIDE_MEXICO', 'Mexican state'],
      [{ ...ok, site_id: 'OK-1', name: 'Repetido (sintético)' }, 'IMPORT.ROW_DUPLICATE_KEY', 'already appears on row 2'],
      [{ ...ok, site_id: 'B-use', uses: 'ligero; tractores' }, 'IMPORT.ROW_INVALID_VALUE', '"tractores" is not an accepted value'],
      [{ ...ok, site_id: 'B-comma', ccs1_kw: '7,2' }, 'IMPORT.ROW_INVALID_VALUE', 'decimal comma'],
      [{ ...ok, site_id: 'B-date', commissioned_on: '15/03/2024' }, 'IMPORT.ROW_INVALID_VALUE', 'YYYY-MM-DD'],
      [{ ...ok, site_id: 'B-owner', reported_by: '' }, 'IMPORT.ROW_REQUIRED_FIELD', 'at least one is needed'],
      [{ ...ok, site_id: 'B-party', operator_ocpi_party: 'Operador X' }, 'IMPORT.ROW_INVALID_CODE', 'MX*ABC'],
      [{ ...ok, site_id: 'B-other', other_connector: 'CCS1', other_count: '1', other_kw: '50' }, 'IMPORT.ROW_INVALID_VALUE', 'has its own columns'],
    ];
    const rows: Row[] = [{ ...ok, site_id: 'OK-1', name: 'Sitio sintético válido' }, ...bad.map(([row]) => row)];
    const first = await run('con-errores.csv', await filledCsv('es', rows));
    expect(first).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: bad.length });
    const rejections = (await t.services.imports.listRejections(first.id, { limit: 100, offset: 0 })).items;
    // CSV line numbers: the header is line 1, OK-1 line 2, the bad rows from line 3.
    expect(rejections.map((r) => [r.rowNumber, r.code])).toEqual(bad.map(([, code], i) => [i + 3, code]));
    rejections.forEach((r, i) => expect(r.message).toContain(bad[i]![2]));

    // Nothing of a rejected row was written.
    const written = await t.database.db.selectFrom('charging_location').select('source_key').where('source_key', 'like', 'template:gobierno-sintetico:%').execute();
    expect(written.map((w) => w.source_key)).toEqual(['template:gobierno-sintetico:OK-1']);

    // The same file again: the valid row is unchanged, the bad ones are reported again.
    expect(await run('con-errores.csv', await filledCsv('es', rows))).toMatchObject({ status: 'completed', newRows: 0, unchangedRows: 1, rejectedRows: bad.length });

    // The corrected file: every row fixed (the repeated id given its own), and OK-1's power changed.
    const corrected: Row[] = [
      { ...ok, site_id: 'OK-1', name: 'Sitio sintético válido', ccs1_kw: '62.5' },
      ...bad.map(([row], i) => ({ ...ok, site_id: `FIX-${i + 1}`, name: `Corregido sintético ${i + 1}`, latitude: (19.44 + i / 200).toFixed(4), uses: row.uses ? 'ligero' : '' })),
    ];
    const fixed = await run('corregido.csv', await filledCsv('es', corrected));
    expect(fixed).toMatchObject({ status: 'completed', newRows: bad.length, updatedRows: 1, unchangedRows: 0, rejectedRows: 0 });
    expect((await connectorsOf('template:gobierno-sintetico:OK-1')).map((c) => c.max_electric_power_kw)).toEqual([62.5]);
  });

  it('rejects as a whole a file that is not the template, naming the columns it needs', async () => {
    // Headers of another source's station export (synthetic row): no site id, so not this template.
    const other = await run('estaciones.csv', 'Station Name,Latitude,Longitude,ID,EV Connector Types\r\nSynthetic station,19.43,-99.13,1,J1772\r\n');
    expect(other.status).toBe('rejected');
    expect(other.fileError).toMatchObject({ code: 'IMPORT.MISSING_COLUMNS' });
    expect(other.fileError!.message).toContain('"site_id"');
    const json = await run('ocm.json', JSON.stringify([{ ID: 1, AddressInfo: {} }]));
    expect(json.fileError?.code).toBe('IMPORT.UNSUPPORTED_FORMAT');
  });
});
