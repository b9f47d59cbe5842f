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

describe('GET /api/v1/suppliers/template.csv', () => {
  it('serves the header row in the asked language, UTF-8 with a byte-order mark', async () => {
    for (const lang of templateLanguages) {
      const response = await get(`/api/v1/suppliers/template.csv?lang=${lang}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${lang === 'es' ? 'plantilla-electrifica-proveedores.csv' : 'electrifica-suppliers-template.csv'}"`,
      );
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parse(response.rawPayload.subarray(3)) as string[][]).toEqual([templateColumns.map((c) => c.header[lang])]);
    }
    expect((await get('/api/v1/suppliers/template.csv?lang=fr')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/suppliers/template.xlsx', () => {
  it('serves the data sheet with described headers and dropdowns, then the instructions', async () => {
    for (const lang of templateLanguages) {
      const response = await get(`/api/v1/suppliers/template.xlsx?lang=${lang}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(lang === 'es' ? ['Plantas', 'Instrucciones'] : ['Plants', 'Instructions']);
      const data = workbook.worksheets[0]!;
      expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(templateColumns.map((c) => c.header[lang]));
      expect(data.rowCount).toBe(1);
      const cellOf = (key: string, row: number) => data.getCell(row, templateColumns.findIndex((c) => c.key === key) + 1);
      expect(String(cellOf('establishment_id', 1).note)).toContain(lang === 'es' ? 'Obligatori' : 'Required');
      expect(cellOf('ev_readiness', validatedRows + 1).dataValidation).toMatchObject({ type: 'list', errorStyle: 'stop' });
      expect(cellOf('contact_consent', 2).dataValidation.formulae).toEqual([lang === 'es' ? '"sí,no"' : '"yes,no"']);
      expect(cellOf('latitude', 2).dataValidation).toMatchObject({ type: 'decimal', formulae: [14, 33] });
      expect(cellOf('scian', 2).numFmt).toBe('@');
      const doc: unknown[][] = [];
      workbook.worksheets[1]!.eachRow((row) => doc.push((row.values as unknown[]).slice(1)));
      const start = doc.findIndex((r) => String(r[5] ?? '').startsWith(lang === 'es' ? 'EJEMPLO' : 'EXAMPLE'));
      expect(doc.slice(start + 1).map((r) => r[0])).toEqual(templateColumns.map((c) => c.header[lang]));
    }
  });

  it('is documented column by column in the guide, in both languages', () => {
    const guide = fs.readFileSync(path.join(repoRoot, 'docs/guides/suppliers-template.md'), 'utf8');
    for (const c of templateColumns) {
      expect(guide, c.key).toContain(`\`${c.header.es}\``);
      expect(guide, c.key).toContain(`\`${c.header.en}\``);
    }
  });

  it('has no header spelling shared by two columns', () => {
    const owner = new Map<string, string>();
    const norm = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\s_-]+/g, '');
    for (const c of templateColumns) {
      for (const spelling of [c.key, c.header.es, c.header.en, ...c.aliases]) {
        const k = norm(spelling);
        expect(owner.get(k) ?? c.key, `${spelling} (${c.key})`).toBe(c.key);
        owner.set(k, c.key);
      }
    }
  });
});
