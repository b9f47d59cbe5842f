import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { templateColumns, templateLanguages, validatedRows } from './import/template.columns.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });
const workbookOf = async (payload: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ExcelJS.Buffer);
  return workbook;
};
const importTemplate = (filename: string, content: Uint8Array) =>
  t.services.imports.runNow({ kind: 'charging.template', filename, mediaType: null, content, strict: false, principal: null, trusted: true, actorLabel: 'test' });

describe('GET /api/v1/charging/template.csv', () => {
  it('serves the header row in the asked language, as UTF-8 with a byte-order mark for Excel', async () => {
    for (const lang of templateLanguages) {
      const response = await get(`/api/v1/charging/template.csv?lang=${lang}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${lang === 'es' ? 'plantilla-electrifica-sitios-de-carga.csv' : 'electrifica-charging-sites-template.csv'}"`,
      );
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(response.rawPayload.subarray(3)) as string[][];
      expect(rows).toEqual([templateColumns.map((c) => c.header[lang])]);
    }
    expect((await get('/api/v1/charging/template.csv')).headers['content-disposition']).toContain('plantilla-electrifica');
  });

  it('refuses a language it does not have', async () => {
    const response = await get('/api/v1/charging/template.csv?lang=fr');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('PLATFORM.VALIDATION_FAILED');
  });
});

describe('GET /api/v1/charging/template.xlsx', () => {
  it('serves a data sheet with described headers, dropdowns and number checks, then the instructions with a marked example', async () => {
    for (const lang of templateLanguages) {
      const response = await get(`/api/v1/charging/template.xlsx?lang=${lang}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${lang === 'es' ? 'plantilla-electrifica-sitios-de-carga.xlsx' : 'electrifica-charging-sites-template.xlsx'}"`,
      );
      const workbook = await workbookOf(response.rawPayload);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(lang === 'es' ? ['Sitios', 'Instrucciones'] : ['Sites', 'Instructions']);

      const data = workbook.worksheets[0]!;
      expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(templateColumns.map((c) => c.header[lang]));
      expect(data.rowCount).toBe(1); // no data, and no example that could be imported by mistake
      expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const cellOf = (key: string, row: number) => data.getCell(row, templateColumns.findIndex((c) => c.key === key) + 1);
      expect(String(cellOf('site_id', 1).note)).toContain(lang === 'es' ? 'Obligatori' : 'Required');

      const access = cellOf('access', 2).dataValidation;
      expect(access).toMatchObject({ type: 'list', errorStyle: 'stop', formulae: [lang === 'es' ? '"público,restringido,privado"' : '"public,restricted,private"'] });
      expect(cellOf('access', validatedRows + 1).dataValidation).toEqual(access);
      expect(cellOf('status', 2).dataValidation.formulae).toEqual([lang === 'es' ? '"planeado,en operación,fuera de servicio,dado de baja"' : '"planned,operational,out of service,decommissioned"']);
      // Lists that take several values only suggest, so "ligero; flotilla" can be typed.
      expect(cellOf('uses', 2).dataValidation.type).toBe('list');
      expect(cellOf('uses', 2).dataValidation.showErrorMessage ?? false).toBe(false);
      expect(cellOf('ccs1_kw', 2).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0.1, 1200] });
      expect(cellOf('ccs1_count', 2).dataValidation).toMatchObject({ type: 'whole', formulae: [0, 500] });
      expect(cellOf('latitude', 2).dataValidation).toMatchObject({ type: 'decimal', formulae: [14, 33] });
      // Leading zeros of ids and postal codes survive; dates show as dates.
      expect(cellOf('site_id', 2).numFmt).toBe('@');
      expect(cellOf('postal_code', 2).numFmt).toBe('@');
      expect(cellOf('commissioned_on', 2).numFmt).toBe('yyyy-mm-dd');

      const doc = workbook.worksheets[1]!;
      const docRows: unknown[][] = [];
      doc.eachRow((row) => docRows.push((row.values as unknown[]).slice(1)));
      const tableStart = docRows.findIndex((r) => String(r[4] ?? '').startsWith(lang === 'es' ? 'EJEMPLO' : 'EXAMPLE'));
      expect(tableStart).toBeGreaterThan(0);
      const table = docRows.slice(tableStart + 1);
      expect(table.map((r) => r[0])).toEqual(templateColumns.map((c) => c.header[lang]));
      const accessRow = table.find((r) => r[0] === (lang === 'es' ? 'acceso' : 'access'))!;
      expect(accessRow[3]).toBe('público / public, restringido / restricted, privado / private'); // allowed values in both languages
      expect(table.find((r) => r[0] === (lang === 'es' ? 'nombre' : 'name'))![4]).toMatch(lang === 'es' ? /^EJEMPLO/ : /^EXAMPLE/);
    }
  });

  it('never imports the instructions or their example: the empty template is an empty file, and alone they are not the template', async () => {
    const payload = (await get('/api/v1/charging/template.xlsx?lang=es')).rawPayload;
    const empty = await importTemplate('plantilla-vacia.xlsx', new Uint8Array(payload));
    expect(empty).toMatchObject({ status: 'rejected', fileError: { code: 'IMPORT.EMPTY_FILE' } });

    const workbook = await workbookOf(payload);
    workbook.removeWorksheet(workbook.worksheets[0]!.id);
    const onlyInstructions = await importTemplate('solo-instrucciones.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(onlyInstructions).toMatchObject({ status: 'rejected', fileError: { code: 'IMPORT.MISSING_COLUMNS' } });
    expect(await t.database.db.selectFrom('charging_location').select('id').where('source_key', 'like', 'template:%').execute()).toEqual([]);
  });

  it('is documented column by column in the guide, in both languages', () => {
    const guide = fs.readFileSync(path.join(repoRoot, 'docs/guides/charging-template.md'), 'utf8');
    for (const c of templateColumns) {
      expect(guide, c.key).toContain(`\`${c.header.es}\``);
      expect(guide, c.key).toContain(`\`${c.header.en}\``);
    }
  });
});
