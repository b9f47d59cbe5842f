import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { splitRetcName } from './retc.importer.js';

/*
 * The real RETC 2021 file shipped in data/reference (SEMARNAT open data). The reference data of
 * the test database may already hold it (the manifest loads it), so counts are checked as
 * new + unchanged, and changes are made only to rows of copies this file writes.
 */
const retcFile = path.join(repoRoot, 'data/reference/suppliers/retc_establecimientos_2021.tsv');
const retcBytes = fs.readFileSync(retcFile);
const [retcHeader, ...retcLines] = retcBytes.toString('utf8').replace(/\n$/, '').split('\n');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const run = (filename: string, content: Uint8Array | string) =>
  t.services.imports.runNow({
    kind: 'suppliers.retc', filename, mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test',
    content: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  });
const establishment = (sourceKey: string) =>
  t.database.db.selectFrom('supplier_establishment').selectAll().select(sql<string>`updated_at::text`.as('updated_text'))
    .where('source_key', '=', sourceKey).executeTakeFirstOrThrow();
const lineOf = (nra: string) => retcLines.find((l) => l.includes(`\t${nra}\t`))!;

describe('RETC names (pure)', () => {
  it('splits the legal name from the plant name, keeping a legal form written after a comma', () => {
    expect(splitRetcName('GENERAL MOTORS DE MÉXICO, S. DE R.L. DE C.V.,GENERAL MOTORS DE MEXICO - COMPLEJO SILAO')).toEqual({
      legalName: 'GENERAL MOTORS DE MÉXICO, S. DE R.L. DE C.V.', plantName: 'GENERAL MOTORS DE MEXICO - COMPLEJO SILAO',
    });
    expect(splitRetcName('ALMEXA ALUMINIO SA DE CV,')).toEqual({ legalName: 'ALMEXA ALUMINIO SA DE CV', plantName: 'ALMEXA ALUMINIO SA DE CV' });
    expect(splitRetcName('AIR LIQUIDE MÉXICO, S. DE R.L. DE C.V.,, "PLANTA PESQUERÍA"').plantName).toBe('PLANTA PESQUERÍA');
    expect(splitRetcName('ARCELORMITTAL MEXICO, S.A. DE C.V., (PLANTA CONCENTRADORA II)').plantName).toBe('PLANTA CONCENTRADORA II');
    expect(splitRetcName('AKRA POLYESTER, S.A. DE C.V.,NO APLICA')).toEqual({ legalName: 'AKRA POLYESTER, S.A. DE C.V.', plantName: 'AKRA POLYESTER, S.A. DE C.V.' });
    expect(splitRetcName('JUSTINA ANSELMA ABASCAL ALMADA,GRANJA SAN ANTONIO')).toEqual({ legalName: 'JUSTINA ANSELMA ABASCAL ALMADA', plantName: 'GRANJA SAN ANTONIO' });
  });
});

describe('suppliers.retc with the real RETC 2021 file', () => {
  it('imports the automotive establishments and reports every other row, each with its code', async () => {
    const report = await run('retc_establecimientos_2021.tsv', new Uint8Array(retcBytes));
    expect(report.status).toBe('completed');
    expect(report.totalRows).toBe(2934);
    expect(report.newRows + report.unchangedRows).toBe(1164);
    expect(report.updatedRows).toBe(0);
    expect(report.rejectedRows).toBe(2934 - 1164);
    const rejections = await t.services.imports.listRejections(report.id, { limit: 10_000, offset: 0 });
    const byCode = new Map<string, number>();
    for (const r of rejections.items) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    // Outside the automotive supply chain, or SCIAN 2013 classes that SCIAN 2018 no longer has (electricity, oil and gas).
    expect(Object.fromEntries(byCode)).toEqual({ 'IMPORT.ROW_OUT_OF_SCOPE': 1429, 'IMPORT.ROW_UNKNOWN_CODE': 341 });
    const pig = rejections.items.find((r) => r.rowNumber === 2)!;
    expect(pig.code).toBe('IMPORT.ROW_OUT_OF_SCOPE');
    expect(pig.message).toContain('112211');

    const stored = await sql<{ n: number }>`select count(*)::int as n from supplier_establishment where source_key like 'retc:%'`.execute(t.database.db);
    expect(stored.rows[0]!.n).toBe(1164);
  });

  it('places a known plant from its DMS point in the state and municipality RETC names', async () => {
    const audi = await establishment('retc:AAU2112800014');
    expect(audi).toMatchObject({
      name: 'AUDI AUTOMOTIVE', legal_name: 'AUDI MEXICO, S.A DE C.V.', scian: '336110',
      state_as_given: 'PUEBLA', municipality_as_given: 'San Jose Chiapa', cvegeo_as_given: '21128', cve_ent: '21', cvegeo: '21128', location_flags: [],
      tiers: [], employees_stratum: null,
    });
    // 19°13'2" N, 97°45'8" W (degrees west without a sign).
    expect(audi.lat).toBeCloseTo(19 + 13 / 60 + 2 / 3600, 6);
    expect(audi.lon).toBeCloseTo(-(97 + 45 / 60 + 8 / 3600), 6);
    const company = await t.database.db.selectFrom('supplier_company').selectAll().where('id', '=', audi.company_id!).executeTakeFirstOrThrow();
    expect(company).toMatchObject({ legal_name: 'AUDI MEXICO, S.A DE C.V.', company_key: 'name:audi mexico', rfc: null });
    expect(audi.search_document).toContain('fabricacion de automoviles y camionetas');

    // "Silao" is "Silao de la Victoria" in INEGI's catalogue; "MEXICO" the Estado de México.
    expect(await establishment('retc:GMM9G1103711')).toMatchObject({ cvegeo_as_given: '11037', cvegeo: '11037', location_flags: [] });
    expect(await establishment('retc:GMM9I1510611')).toMatchObject({ state_as_given: 'MEXICO', cvegeo_as_given: '15106', cve_ent: '15' });

    // General Motors' four plants are one company.
    const gm = await sql<{ companies: number; plants: number }>`
      select count(distinct company_id)::int as companies, count(*)::int as plants from supplier_establishment
      where source_key in ('retc:GMM9G0502711', 'retc:GMM9G1103711', 'retc:GMM9G2405011', 'retc:GMM9I1510611')`.execute(t.database.db);
    expect(gm.rows[0]).toEqual({ companies: 1, plants: 4 });
  });

  it('re-imports the same file without writing anything', async () => {
    const before = await establishment('retc:AAU2112800014');
    const report = await run('retc_establecimientos_2021.tsv', new Uint8Array(retcBytes));
    expect(report).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 1164 });
    expect((await establishment('retc:AAU2112800014')).updated_text).toBe(before.updated_text);
    const audits = await sql<{ n: number }>`select count(*)::int as n from audit_event where import_id = ${report.id}::uuid`.execute(t.database.db);
    expect(audits.rows[0]!.n).toBe(0);
  });

  it('updates a changed row but keeps what the company declared about its claimed plant', async () => {
    const nra = 'AAG1100900010'; // AISIN AUTOMOTIVE GUANAJUATO, Comonfort
    await run('retc-aisin.tsv', `${retcHeader}\n${lineOf(nra)}\n`);
    const original = await establishment(`retc:${nra}`);
    const declared = { source: 'suppliers-registration', method: 'declared by company', declaredAt: '2026-12-01T00:00:00Z' };
    const corrected = { source: 'suppliers-registration', method: 'corrected by admin', declaredAt: '2026-12-01T00:00:00Z' };
    // Keys as the registration API writes them (camelCase) or as columns.
    await sql`update supplier_establishment set name = 'AISIN Comonfort (declarada)', phone = '4120000000', industrial_park = 'PARQUE CORREGIDO',
      provenance = provenance || ${JSON.stringify({ name: declared, phone: declared, industrialPark: corrected })}::jsonb where id = ${original.id}::uuid`.execute(t.database.db);

    const changed = lineOf(nra).replace('Avenida MONOZUKURI', 'Avenida MONOZUKURI 2').replace('AISIN AUTOMOTIVE GUANAJUATO S.A. DE C.V.,AAGT', 'AISIN AUTOMOTIVE GUANAJUATO S.A. DE C.V.,AISIN PLANTA NUEVA')
      .replace('MARABIS COMONFORT', 'MARABIS COMONFORT II');
    const report = await run('retc-aisin-2.tsv', `${retcHeader}\n${changed}\n`);
    expect(report).toMatchObject({ status: 'completed', updatedRows: 1, newRows: 0 });
    const after = await establishment(`retc:${nra}`);
    expect(after.street).toBe('Avenida MONOZUKURI 2');
    expect(after.name).toBe('AISIN Comonfort (declarada)');
    expect(after.phone).toBe('4120000000');
    expect(after.industrial_park).toBe('PARQUE CORREGIDO');
    expect(after.provenance).toMatchObject({ name: declared, phone: declared, record: { source: 'semarnat-retc', importId: report.id } });
    expect(after.search_document).toContain('aisin comonfort declarada');
    const audit = await sql<{ before: Record<string, unknown>; after: Record<string, unknown> }>`
      select before, after from audit_event where import_id = ${report.id}::uuid and entity_type = 'suppliers.establishment'`.execute(t.database.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ street: 'Avenida MONOZUKURI 2' });
    expect(audit.rows[0]!.after).not.toHaveProperty('name');

    // The same changed file again: unchanged.
    expect(await run('retc-aisin-2.tsv', `${retcHeader}\n${changed}\n`)).toMatchObject({ unchangedRows: 1, updatedRows: 0 });
  });

  it('rejects a file without the required columns and changes nothing', async () => {
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from supplier_establishment`.execute(t.database.db)).rows[0]!.n;
    const before = await count();
    const broken = retcBytes.toString('utf8').replace('latitudnorte', 'lat_dms').replace('longitudoeste', 'lon_dms').replace('\tnra\t', '\tregistro\t');
    const report = await run('retc-roto.tsv', broken);
    expect(report).toMatchObject({ status: 'rejected', fileError: { code: 'IMPORT.MISSING_COLUMNS' } });
    expect(await count()).toBe(before);
  });
});
