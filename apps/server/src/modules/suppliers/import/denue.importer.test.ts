import path from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import { ImportKindRegistry } from '../../../platform/imports/import-kind.js';
import { createImportRepository } from '../../../platform/imports/import.repository.js';
import { createImportService } from '../../../platform/imports/import.service.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { parseDenueDate } from './denue.importer.js';
import { automotiveClasses, denueHeader, loadLocalities, syntheticDenueCsv, syntheticDenueRows, type DenueRow, type Locality } from './denue.synthetic.js';
import { createSupplierImportKinds } from './index.js';
import { loadScian, scianCataloguePath } from './scian.js';

/*
 * Every establishment here is SYNTHETIC (denue.synthetic.ts): names say "SINTÉTICO"; only the
 * SCIAN classes and the localities they are placed at are real.
 */
const scian = loadScian(path.join(repoRoot, 'data/reference', scianCataloguePath));
const localities = loadLocalities(path.join(repoRoot, 'data/reference/geo/localidades_1000plus_censo2020.csv'));
const options = (rows: number, seed: number, firstId: number) => ({ rows, seed, firstId, localities, scianClasses: automotiveClasses(scian), scian });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const run = (filename: string, content: Uint8Array) =>
  t.services.imports.runNow({ kind: 'suppliers.denue', filename, mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test', content });
const establishment = (id: number | string) =>
  t.database.db.selectFrom('supplier_establishment').selectAll().select(sql<string | null>`registered_on::text`.as('registered_text'))
    .where('source_key', '=', `denue:${id}`).executeTakeFirstOrThrow();
const rejectionsOf = async (runId: string) => (await t.services.imports.listRejections(runId, { limit: 1000, offset: 0 })).items;

/** A synthetic row at a real locality, with some fields replaced. */
const rowAt = (place: Locality | undefined, id: number, patch: Partial<DenueRow>): DenueRow => {
  const [row] = [...syntheticDenueRows({ ...options(1, id, id), localities: place ? [place] : localities })];
  return { ...row!, ...patch };
};
const saltillo = localities.find((l) => l.cveEnt === '05' && l.cveMun === '030' && l.cveLoc === '0001')!;

describe('DENUE dates (pure)', () => {
  it('reads fecha_alta as INEGI and Excel write it, to the first of the month', () => {
    expect(parseDenueDate('2010-07')).toEqual({ value: '2010-07-01' });
    expect(parseDenueDate('JULIO 2010')).toEqual({ value: '2010-07-01' });
    expect(parseDenueDate('julio de 2010')).toEqual({ value: '2010-07-01' });
    expect(parseDenueDate('2019-11-23')).toEqual({ value: '2019-11-01' });
    expect(parseDenueDate('07/2010')).toEqual({ value: '2010-07-01' });
    expect(parseDenueDate('jul-10')).toEqual({ value: '2010-07-01' });
    expect(parseDenueDate('40360')).toEqual({ value: '2010-07-01' }); // Excel's serial for 2010-07-01
    expect(parseDenueDate('')).toEqual({ value: null });
    expect(parseDenueDate('2010-13')).toHaveProperty('problem');
    expect(parseDenueDate('ayer')).toHaveProperty('problem');
  });
});

describe('suppliers.denue with a synthetic Latin-1 file', () => {
  it('imports the rows in scope with accents intact, and reports each bad row with its code', async () => {
    const good = [...syntheticDenueRows(options(40, 11, 7_100_000))];
    const bad: DenueRow[] = [
      rowAt(saltillo, 7_100_900, { codigo_act: '336399' }), // not a SCIAN 2018 class
      rowAt(saltillo, 7_100_901, { codigo_act: '461110', nombre_act: 'Comercio al por menor en tiendas de abarrotes' }),
      rowAt(saltillo, 7_100_902, { nom_estab: '', raz_social: '' }),
      rowAt(saltillo, 7_100_903, { fecha_alta: 'ayer' }),
      rowAt(saltillo, 7_100_904, { latitud: '40.1', longitud: '-100.2' }),
      rowAt(saltillo, 7_100_905, { codigo_act: '33A390' }),
      rowAt(saltillo, 7_100_906, { per_ocu: 'muchas personas' }),
      { ...good[0]!, nom_estab: 'PLANTA SINTÉTICA REPETIDA' }, // the same id twice
      // Claims Saltillo (05030) but lies in Monterrey: kept and flagged.
      rowAt(saltillo, 7_100_907, { latitud: '25.6714', longitud: '-100.3090', nom_estab: 'PLANTA SINTÉTICA FUERA DE SU MUNICIPIO' }),
      rowAt(saltillo, 7_100_908, { fecha_alta: '40360', nom_estab: 'PLANTA SINTÉTICA CON FECHA DE EXCEL', per_ocu: '251 y más personas', raz_social: 'FORJA SINTÉTICA DEL NORTE, S.A. DE C.V.' }),
      rowAt(saltillo, 7_100_909, { nom_estab: 'PLANTA SINTÉTICA DOS', raz_social: 'FORJA SINTÉTICA DEL NORTE SA DE CV', telefono: '8440000000', correoelec: 'ventas@sintetico.example' }),
    ];
    const file = syntheticDenueCsv(options(0, 1, 1), [...good, ...bad]);
    expect(iconv.decode(file, 'latin1')).toContain('SINTÉTICA');
    expect(file.includes(Buffer.from('SINTÉTICA', 'utf8'))).toBe(false); // really Latin-1, not UTF-8

    const report = await run('denue_sintetico.csv', new Uint8Array(file));
    expect(report.status).toBe('completed');
    expect(report.warnings.join(' ')).toContain('Windows-1252');
    expect(report).toMatchObject({ totalRows: 51, newRows: 43, updatedRows: 0, unchangedRows: 0, rejectedRows: 8 });
    const byLine = new Map((await rejectionsOf(report.id)).map((r) => [r.rowNumber, r]));
    const lineOfRow = (i: number) => i + 2; // header on line 1
    expect([...byLine.values()].map((r) => [r.rowNumber, r.code])).toEqual([
      [lineOfRow(40), 'IMPORT.ROW_UNKNOWN_CODE'],
      [lineOfRow(41), 'IMPORT.ROW_OUT_OF_SCOPE'],
      [lineOfRow(42), 'IMPORT.ROW_REQUIRED_FIELD'],
      [lineOfRow(43), 'IMPORT.ROW_INVALID_VALUE'],
      [lineOfRow(44), 'IMPORT.ROW_OUTSIDE_MEXICO'],
      [lineOfRow(45), 'IMPORT.ROW_INVALID_CODE'],
      [lineOfRow(46), 'IMPORT.ROW_INVALID_VALUE'],
      [lineOfRow(47), 'IMPORT.ROW_DUPLICATE_KEY'],
    ]);
    expect(byLine.get(lineOfRow(41))!.message).toContain('461110');
    expect(byLine.get(lineOfRow(43))!.message).toContain('fecha_alta "ayer"');

    const first = await establishment(good[0]!.id);
    expect(first.name).toBe(good[0]!.nom_estab);
    expect(first.name).toMatch(/^PLANTA SINTÉTICA /);
    expect(first).toMatchObject({
      scian: good[0]!.codigo_act, cvegeo_as_given: `${good[0]!.cve_ent}${good[0]!.cve_mun}`, municipality_as_given: good[0]!.municipio,
      contact_consent: false, tiers: [], processes: [],
    });

    const outside = await establishment(7_100_907);
    expect(outside).toMatchObject({ cvegeo_as_given: '05030', cvegeo: '19039', cve_ent: '19' });
    expect(outside.location_flags).toEqual(expect.arrayContaining(['point_outside_given_municipality', 'point_outside_given_state']));

    const excel = await establishment(7_100_908);
    expect(excel).toMatchObject({ registered_text: '2010-07-01', employees_stratum: '251+', size_class: 'large', cvegeo: '05030', location_flags: [] });
    // Two spellings of one legal name are one company; contacts are stored, not shown without consent.
    const two = await establishment(7_100_909);
    expect(two.company_id).toBe(excel.company_id);
    expect(two).toMatchObject({ phone: '8440000000', email: 'ventas@sintetico.example', contact_consent: false });
  });

  it('re-imports the same file: every row unchanged, nothing rewritten', async () => {
    const file = syntheticDenueCsv(options(30, 12, 7_200_000));
    expect(await run('denue_a.csv', new Uint8Array(file))).toMatchObject({ status: 'completed', newRows: 30 });
    const stamp = async () => (await sql<{ s: string }>`select string_agg(updated_at::text || content_hash, ',' order by source_key) as s
      from supplier_establishment where source_key like 'denue:72%'`.execute(t.database.db)).rows[0]!.s;
    const before = await stamp();
    const again = await run('denue_a.csv', new Uint8Array(file));
    expect(again).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 30, rejectedRows: 0 });
    expect(await stamp()).toBe(before);
  });

  it('calls the matcher with what it wrote, and rolls everything back when the merge fails', async () => {
    const db = t.database.db;
    const calls: string[][] = [];
    const service = (match: (ids: string[]) => Promise<void>) => {
      const kinds = new ImportKindRegistry();
      for (const kind of createSupplierImportKinds({ scian, match: async (_db, ids) => match(ids) })) kinds.register(kind);
      return createImportService({ db, repository: createImportRepository(db), kinds, enqueue: async () => undefined, checkAndPlacePoints: t.services.geo.checkAndPlacePoints });
    };
    const content = new Uint8Array(syntheticDenueCsv(options(12, 13, 7_300_000)));
    const submit = (s: ReturnType<typeof service>) =>
      s.runNow({ kind: 'suppliers.denue', filename: 'denue_b.csv', mediaType: null, content, strict: false, principal: null, trusted: true, actorLabel: 'test' });
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from supplier_establishment where source_key like 'denue:73%'`.execute(db)).rows[0]!.n;

    await expect(submit(service(async () => { throw new Error('matcher unavailable'); }))).rejects.toThrow('matcher unavailable');
    expect(await count()).toBe(0);
    const companies = await sql<{ n: number }>`select count(*)::int as n from audit_event where entity_type like 'suppliers.%' and import_id is not null
      and import_id in (select id from import_run where status = 'failed')`.execute(db);
    expect(companies.rows[0]!.n).toBe(0);

    const report = await submit(service(async (ids) => { calls.push(ids); }));
    expect(report).toMatchObject({ status: 'completed', newRows: 12 });
    expect(calls).toHaveLength(1);
    const ids = await db.selectFrom('supplier_establishment').select('id').where('source_key', 'like', 'denue:73%').execute();
    expect([...calls[0]!].sort()).toEqual(ids.map((r) => r.id).sort());
    await submit(service(async (more) => { calls.push(more); }));
    expect(calls).toHaveLength(1); // nothing new or changed: the matcher is not called
  });

  it('rejects a file that is not DENUE and changes nothing', async () => {
    const header = denueHeader.filter((c) => c !== 'codigo_act' && c !== 'latitud').join(',');
    const report = await run('no_es_denue.csv', new TextEncoder().encode(`${header}\n1,2,3\n`));
    expect(report).toMatchObject({ status: 'rejected', fileError: { code: 'IMPORT.MISSING_COLUMNS' } });
  });

  it('ends by matching against the other sources: the same plant sent by a chamber folds into the DENUE record', async () => {
    const place = saltillo;
    const content = syntheticDenueCsv(options(0, 1, 1), [rowAt(place, 7_400_001, {
      id: '7400001', nom_estab: 'FORJAS SINTÉTICAS DEL DESIERTO', raz_social: 'FORJAS SINTETICAS DEL DESIERTO SA DE CV', codigo_act: '332110',
      latitud: '25.2000000', longitud: '-101.3000000', telefono: '8445550199',
    })]);
    expect(await run('denue_match.csv', new Uint8Array(content))).toMatchObject({ status: 'completed', newRows: 1 });
    const csv = [
      'establishment_id,reported_by,name,legal_name,latitude,longitude,scian,phone,tiers',
      'F-1,Cámara Sintética,Forjas Sintéticas del Desierto,"Forjas Sintéticas del Desierto, S.A. de C.V.",25.2003,-101.3,332110,(844) 555-0199,Nivel 2',
    ].join('\r\n');
    const report = await t.services.imports.runNow({
      kind: 'suppliers.template', filename: 'template.csv', mediaType: null, strict: false, principal: null, trusted: true, actorLabel: 'test',
      content: new TextEncoder().encode(csv),
    });
    expect(report).toMatchObject({ status: 'completed', newRows: 1 });
    const denue = await establishment(7_400_001);
    const template = await t.database.db.selectFrom('supplier_establishment').selectAll().where('source_key', '=', 'template:camara-sintetica:F-1').executeTakeFirstOrThrow();
    expect(template.merged_into).toBe(denue.id);
    expect(denue.merged_into).toBeNull();
    expect(denue.tiers).toEqual(['tier2']);
    const pair = await t.database.db.selectFrom('supplier_match').selectAll().where('establishment_id', '=', template.id).executeTakeFirstOrThrow();
    expect(pair).toMatchObject({ match_id: denue.id, status: 'merged' });
  });
});
