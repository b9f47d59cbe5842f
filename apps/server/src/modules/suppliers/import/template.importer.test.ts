import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { templateColumns, type TemplateLanguage } from './template.columns.js';

/*
 * Every plant and company in this file is SYNTHETIC ("sintética" / "synthetic"); the RFCs are
 * made-up values with a valid check digit; points are chosen only to fall in known municipalities.
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

async function filledCsv(lang: TemplateLanguage, rows: Row[]): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/suppliers/template.csv?lang=${lang}` });
  expect(response.statusCode).toBe(200);
  const template = response.body.replace(/^\uFEFF/, '');
  const [headers] = parse(template) as string[][];
  const keys = headers!.map((h) => headerKey(lang).get(h)!);
  return template + stringify(rows.map((r) => keys.map((k) => r[k] ?? '')), { record_delimiter: 'windows' });
}

async function filledXlsx(lang: TemplateLanguage, rows: Row[]): Promise<Uint8Array> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/suppliers/template.xlsx?lang=${lang}` });
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
    kind: 'suppliers.template', filename, mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test',
    content: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  });
const plant = (key: string) =>
  t.database.db.selectFrom('supplier_establishment').selectAll().select(sql<string | null>`registered_on::text`.as('registered_text'))
    .where('source_key', '=', key).executeTakeFirstOrThrow();
const rejectionsOf = async (runId: string) => (await t.services.imports.listRejections(runId, { limit: 100, offset: 0 })).items;

const base: Row = {
  reported_by: 'Cámara Sintética de Autopartes', legal_name: 'Arneses Sintéticos del Bajío, S.A. de C.V.', rfc: 'MAG041126GT8',
  latitude: '25.4232', longitude: '-101.0053', municipality: 'Saltillo', state: 'Coahuila', scian: '336320',
};

describe('suppliers.template', () => {
  it('imports the CSV with Spanish headers: labels in either language, certifications with expiry, one company per RFC', async () => {
    const csv = await filledCsv('es', [
      {
        ...base, establishment_id: 'S-001', name: 'Planta sintética Saltillo', trade_name: 'ArnesSint', company_size: 'Mediana',
        ownership_country: 'Japón', employees: '120', tiers: 'Nivel 1; tier 2', processes: 'Arneses eléctricos; machining',
        components: 'hv_harness; Arnés de alta tensión; Wiring harnesses', certifications: 'IATF 16949 (2026-05-31); iso 14001',
        oem_customers: 'Armadora sintética A; Armadora sintética B', export_markets: 'US; Canadá', ev_readiness: 'Ya fabrica partes para vehículos eléctricos',
        operations_start_date: '2015-03', phone: '844 000 0000', email: 'contacto@sintetico.example', website: 'https://sintetico.example', contact_consent: 'sí',
      },
      { ...base, establishment_id: 'S-002', name: 'Planta sintética Ramos', latitude: '25.5400', longitude: '-100.9500', municipality: 'Ramos Arizpe', employees: '11 a 30 personas' },
    ]);
    const report = await run('plantilla.csv', csv);
    expect(report).toMatchObject({ status: 'completed', newRows: 2, rejectedRows: 0 });

    const one = await plant('template:camara-sintetica-de-autopartes:S-001');
    expect(one).toMatchObject({
      name: 'Planta sintética Saltillo', legal_name: 'Arneses Sintéticos del Bajío, S.A. de C.V.', rfc: 'MAG041126GT8',
      tiers: ['tier1', 'tier2'], processes: ['wire_harness', 'machining'], components: ['hv_harness', 'wire_harness'],
      certifications: [{ code: 'iatf_16949', expiresOn: '2026-05-31' }, { code: 'iso_14001' }],
      oem_customers: ['Armadora sintética A', 'Armadora sintética B'], export_markets: ['US', 'CA'], ev_readiness: 'makes_ev_parts',
      employees_stratum: '101-250', size_class: 'medium', registered_text: '2015-03-01', contact_consent: true,
      cvegeo_as_given: '05030', cvegeo: '05030', location_flags: [],
    });
    // Searchable in both languages: the SCIAN title, process and component labels.
    expect(one.search_document).toContain('arneses electricos');
    expect(one.search_document).toContain('wire harness assembly');
    expect(one.search_document).toContain('high voltage wiring harness');
    const two = await plant('template:camara-sintetica-de-autopartes:S-002');
    expect(two.company_id).toBe(one.company_id);
    const company = await t.database.db.selectFrom('supplier_company').selectAll().where('id', '=', one.company_id!).executeTakeFirstOrThrow();
    expect(company).toMatchObject({ company_key: 'rfc:MAG041126GT8', trade_names: ['ArnesSint'], size_class: 'medium', ownership_country: 'JP', website: 'https://sintetico.example' });

    expect(await run('plantilla.csv', csv)).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 2 });
  });

  it('imports the XLSX with English headers and an Excel date', async () => {
    const xlsx = await filledXlsx('en', [{
      ...base, reported_by: 'Synthetic State Government', establishment_id: 7001, name: 'Synthetic plant (XLSX)', rfc: '',
      legal_name: 'Synthetic Castings, S. de R.L. de C.V.', operations_start_date: new Date(Date.UTC(2019, 10, 4)), employees: 300,
      latitude: 25.4232, longitude: -101.0053, certifications: 'ISO 9001', company_size: 'Large (over 250)', postal_code: 25000,
    }]);
    const report = await run('template.xlsx', xlsx);
    expect(report).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: 0 });
    expect(await plant('template:synthetic-state-government:7001')).toMatchObject({
      registered_text: '2019-11-04', employees_stratum: '251+', size_class: 'large', certifications: [{ code: 'iso_9001' }], postal_code: '25000',
      rfc: null, contact_consent: false,
    });
  });

  it('reports each bad row with its code, listing the accepted values, and imports the rest', async () => {
    const csv = await filledCsv('en', [
      { ...base, establishment_id: 'B-1', name: 'Synthetic bad RFC', rfc: 'MAG041126GT9' },
      { ...base, establishment_id: 'B-2', name: 'Synthetic bad tier', tiers: 'tier 7' },
      { ...base, establishment_id: 'B-3', rfc: '', legal_name: '', name: '' },
      { ...base, establishment_id: 'B-4', name: 'Synthetic unknown SCIAN', scian: '336399' },
      { ...base, establishment_id: 'B-5', name: 'Synthetic bad country', export_markets: 'Narnia' },
      { ...base, establishment_id: 'B-6', name: 'Synthetic bad date', operations_start_date: '04/11/2019' },
      { ...base, establishment_id: 'B-7', name: 'Synthetic bad certification', certifications: 'ISO 99999' },
      { ...base, establishment_id: 'B-8', name: 'Synthetic swapped point', latitude: '-101.0053', longitude: '25.4232' },
      { ...base, establishment_id: 'B-9', name: 'Synthetic good one', rfc: '' },
      { ...base, establishment_id: 'B-9', name: 'Synthetic duplicate', rfc: '' },
    ]);
    const report = await run('bad.csv', csv);
    expect(report).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: 9 });
    const rejections = await rejectionsOf(report.id);
    expect(rejections.map((r) => r.code)).toEqual([
      'IMPORT.ROW_INVALID_CODE', 'IMPORT.ROW_INVALID_VALUE', 'IMPORT.ROW_REQUIRED_FIELD', 'IMPORT.ROW_UNKNOWN_CODE', 'IMPORT.ROW_INVALID_CODE',
      'IMPORT.ROW_INVALID_VALUE', 'IMPORT.ROW_INVALID_VALUE', 'IMPORT.ROW_SWAPPED_COORDINATES', 'IMPORT.ROW_DUPLICATE_KEY',
    ]);
    expect(rejections[0]!.message).toContain('check digit');
    expect(rejections[1]!.message).toContain('Nivel 1 (sistemas y componentes) / Tier 1 (systems and components)');
    expect(rejections[6]!.message).toContain('IATF 16949');
  });
});
