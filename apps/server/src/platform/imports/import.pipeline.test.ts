import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertByKey } from './upsert.js';
import { aLocality, localitiesCsv, multipart, syntheticLocalityCode } from '../../test/builders.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import type { ImportKind } from './import-kind.js';

let t: TestApp;
let adminToken: string;
let memberToken: string;

async function tokenFor(email: string, admin: boolean) {
  const password = 'caballo correcto batería';
  if (admin) await t.services.accounts.createAdmin({ email, password, displayName: email });
  else await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email, password, displayName: email } });
  const { principal } = await t.services.accounts.signIn({ email, password }, null);
  return (await t.services.accounts.createApiToken(principal, 'tests')).token;
}

beforeAll(async () => {
  t = await createTestApp();
  adminToken = await tokenFor('importer@example.mx', true);
  memberToken = await tokenFor('member@example.mx', false);
});
afterAll(async () => {
  await t?.dispose();
});

/** Uploads through the API, runs the queued task, and returns the finished report. */
type RejectionItem = { rowNumber: number; code: string; message: string; raw: Record<string, unknown> };

async function importFile(kind: string, name: string, content: Uint8Array | string, options: { strict?: boolean; token?: string } = {}): Promise<{ response: Awaited<ReturnType<TestApp['app']['inject']>>; run: any; rejections: RejectionItem[] }> {
  const body = multipart({ kind, strict: String(options.strict ?? false) }, { name, content });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${options.token ?? adminToken}` } });
  if (res.statusCode !== 202) return { response: res, run: null, rejections: [] };
  expect(res.json().status).toBe('queued');
  expect(res.headers.location).toBe(`/api/v1/imports/${res.json().id}`);
  await t.queue.drain();
  const run = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, headers: { authorization: `Bearer ${adminToken}` } })).json();
  const rejections = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${run.id}/rejections?limit=500`, headers: { authorization: `Bearer ${adminToken}` } })).json().items;
  return { response: res, run, rejections };
}

const localityCount = async () => Number((await t.database.db.selectFrom('geo_locality').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditCount = async () => Number((await t.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a good file', () => {
  const rows = [
    aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'Localidad sintética Uno', latitud: 20.61, longitud: -100.41 }),
    aLocality({ cvegeo: syntheticLocalityCode('19039'), nom_localidad: 'Localidad sintética Dos', latitud: 25.67, longitud: -100.31, ambito: 'R', poblacion_total: 1200 }),
    aLocality({ cvegeo: syntheticLocalityCode('31050'), nom_localidad: 'Localidad sintética Tres', latitud: 20.97, longitud: -89.62 }),
  ];
  const csv = localitiesCsv(rows);

  it('is stored with its hash, validated and merged, with counts', async () => {
    const before = await localityCount();
    const { run } = await importFile('geo.localities', 'localidades.csv', csv);
    expect(run).toMatchObject({ status: 'completed', totalRows: 3, processedRows: 3, newRows: 3, updatedRows: 0, unchangedRows: 0, rejectedRows: 0, fileError: null });
    expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await localityCount()).toBe(before + 3);
    const stored = await t.database.db.selectFrom('geo_locality').selectAll().where('cvegeo', '=', rows[1]!.cvegeo).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'Localidad sintética Dos', urban: false, population_2020: 1200, cvegeo_mun: '19039' });
    expect(stored.provenance.census).toMatchObject({ source: 'inegi-iter-2020-localities', method: 'import', importId: run.id, rowNumber: 3 });
    const file = await t.database.db.selectFrom('import_file').select(['sha256', 'size_bytes']).where('sha256', '=', run.sha256).executeTakeFirstOrThrow();
    expect(Number(file.size_bytes)).toBe(Buffer.byteLength(csv));
  });

  it('changes nothing when imported again', async () => {
    const audits = await auditCount();
    const { run } = await importFile('geo.localities', 'localidades.csv', csv);
    expect(run).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 3, rejectedRows: 0 });
    expect(await auditCount()).toBe(audits);
  });

  it('updates what changed and audits before and after', async () => {
    const changed = localitiesCsv([rows[0]!, { ...rows[1]!, poblacion_total: 1300 }, rows[2]!]);
    const { run } = await importFile('geo.localities', 'localidades-v2.csv', changed);
    expect(run).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 1, unchangedRows: 2 });
    const history = await t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', rows[1]!.cvegeo).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(history[1]!.before).toEqual({ population_2020: 1200 });
    expect(history[1]!.after).toEqual({ population_2020: 1300 });
    expect(history[1]!.import_id).toBe(run.id);
  });

  it('reads Windows-1252 files, note lines above the header and a source footer', async () => {
    const row = aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'San José Iturbide Sintético', latitud: 20.6, longitud: -100.4 });
    const text = localitiesCsv([row], { noteLines: ['Localidades de 1,000 habitantes o más', 'Fecha de corte: 2020'] }) + 'Fuente: INEGI. Censo de Población y Vivienda 2020.\n';
    const { run } = await importFile('geo.localities', 'latin1.csv', iconv.encode(text, 'win1252'));
    expect(run.status).toBe('completed');
    expect(run.newRows).toBe(1);
    expect(run.warnings.join(' ')).toMatch(/1252/);
    const stored = await t.database.db.selectFrom('geo_locality').select('name').where('cvegeo', '=', row.cvegeo).executeTakeFirstOrThrow();
    expect(stored.name).toBe('San José Iturbide Sintético');
  });

  it('reads XLSX workbooks', async () => {
    const row = aLocality({ cvegeo: syntheticLocalityCode('14039'), nom_localidad: 'Localidad XLSX', latitud: 20.67, longitud: -103.35 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('ITER');
    sheet.addRow(['Localidades (datos sintéticos de prueba)']);
    sheet.addRow(Object.keys(row));
    sheet.addRow(Object.values(row));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { run } = await importFile('geo.localities', 'localidades.xlsx', bytes);
    expect(run).toMatchObject({ status: 'completed', newRows: 1 });
  });

  it('updates geography through the same pipeline', async () => {
    const csv = 'cvegeo,nom_municipio,poblacion_total\n22014,Querétaro,1049778\n22999,Municipio inexistente,5\n';
    const { run } = await importFile('geo.municipalities', 'municipios.csv', csv);
    expect(run).toMatchObject({ status: 'completed', updatedRows: 1, newRows: 1 });
    const m = (await t.app.inject({ method: 'GET', url: '/api/v1/geo/municipalities/22014' })).json();
    expect(m.population2020).toBe(1049778);
  });
});

describe('broken files get a clear report and leave no partial state', () => {
  it('rejects rows outside Mexico and with swapped coordinates, keeping the good ones', async () => {
    const good = aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'Buena', latitud: 20.59, longitud: -100.39 });
    const csv = localitiesCsv([
      good,
      aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'Houston', latitud: 29.7604, longitud: -95.3698 }),
      aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'Volteada', latitud: -100.39, longitud: 20.59 }),
      aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'Madrid', latitud: 40.4168, longitud: -3.7038 }),
      aLocality({ cvegeo: 'ABC', nom_localidad: 'Código malo' }),
      aLocality({ cvegeo: good.cvegeo, nom_localidad: 'Repetida' }),
      aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: '', latitud: 20.59, longitud: -100.39 }),
    ]);
    const { run, rejections } = await importFile('geo.localities', 'mixed.csv', csv);
    expect(run).toMatchObject({ status: 'completed', totalRows: 7, newRows: 1, rejectedRows: 6 });
    expect(rejections.map((r) => [r.rowNumber, r.code])).toEqual([
      [3, 'IMPORT.ROW_OUTSIDE_MEXICO'],
      [4, 'IMPORT.ROW_SWAPPED_COORDINATES'],
      [5, 'IMPORT.ROW_OUTSIDE_MEXICO'],
      [6, 'IMPORT.ROW_INVALID_CODE'],
      [7, 'IMPORT.ROW_DUPLICATE_KEY'],
      [8, 'IMPORT.ROW_REQUIRED_FIELD'],
    ]);
    expect(rejections[0]!.raw).toMatchObject({ name: 'Houston' });
    expect(rejections[4]!.message).toContain('row 2');
  });

  it('rejects a file whose every row is bad and changes nothing', async () => {
    const before = await localityCount();
    const csv = localitiesCsv([
      aLocality({ cvegeo: syntheticLocalityCode(), latitud: -100.39, longitud: 20.59 }),
      aLocality({ cvegeo: syntheticLocalityCode(), latitud: -99.13, longitud: 19.43 }),
    ]);
    const { run, rejections } = await importFile('geo.localities', 'swapped.csv', csv);
    expect(run.status).toBe('rejected');
    expect(run.fileError.code).toBe('IMPORT.ALL_ROWS_REJECTED');
    expect(rejections.every((r) => r.code === 'IMPORT.ROW_SWAPPED_COORDINATES')).toBe(true);
    expect(await localityCount()).toBe(before);
  });

  it('in strict mode, one bad row rejects the whole file', async () => {
    const before = await localityCount();
    const csv = localitiesCsv([
      aLocality({ cvegeo: syntheticLocalityCode(), nom_localidad: 'Buena', latitud: 20.59, longitud: -100.39 }),
      aLocality({ cvegeo: syntheticLocalityCode(), nom_localidad: 'Mala', latitud: 95, longitud: -100.39 }),
    ]);
    const { run } = await importFile('geo.localities', 'strict.csv', csv, { strict: true });
    expect(run).toMatchObject({ status: 'rejected', rejectedRows: 1, newRows: 0 });
    expect(run.fileError.code).toBe('IMPORT.STRICT_REJECTED');
    expect(await localityCount()).toBe(before);
  });

  it.each([
    ['wrong columns', 'wrong.csv', 'nombre,edad\nAna,30\n', 'IMPORT.MISSING_COLUMNS'],
    ['a truncated CSV', 'truncated.csv', 'cvegeo,nom_localidad,poblacion_total,latitud,longitud\n220149001,"Sin cerrar,1000,20.5,-100.4\n', 'IMPORT.TRUNCATED'],
    ['a truncated JSON', 'truncated.json', '[{"cvegeo":"220149001","nom_localidad":"X","poblacion_total":1', 'IMPORT.TRUNCATED'],
    ['binary garbage', 'garbage.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]), 'IMPORT.BAD_ENCODING'],
    ['an empty file body', 'empty.csv', 'cvegeo,nom_localidad,poblacion_total,latitud,longitud\n', 'IMPORT.EMPTY_FILE'],
    ['a format the kind does not take', 'estados.geojson', '{"type":"FeatureCollection","features":[]}', 'IMPORT.UNSUPPORTED_FORMAT'],
  ])('rejects %s as a whole with a clear message', async (_what, name, content, code) => {
    const before = await localityCount();
    const { run } = await importFile('geo.localities', name, content);
    expect(run.status).toBe('rejected');
    expect(run.fileError.code).toBe(code);
    expect(run.fileError.message.length).toBeGreaterThan(20);
    expect(await localityCount()).toBe(before);
  });

  it('reports every rejected row of a long file, and keeps none when the file breaks further in', async () => {
    // 12,000 rows with a code that is not a CVEGEO and one good row: the report is written in
    // parts while the file is read, and lists every row.
    const bad = Array.from({ length: 12_000 }, (_, i) => aLocality({ cvegeo: `X${i}`, nom_localidad: `Mala ${i}` }));
    const good = aLocality({ cvegeo: syntheticLocalityCode('22014'), nom_localidad: 'Buena al final', latitud: 20.6, longitud: -100.4 });
    const { run } = await importFile('geo.localities', 'long.csv', localitiesCsv([...bad, good]));
    expect(run).toMatchObject({ status: 'completed', totalRows: 12_001, processedRows: 12_001, newRows: 1, rejectedRows: 12_000 });
    const stored = await t.database.db
      .selectFrom('import_rejection')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('row_number').as('first'), eb.fn.max('row_number').as('last')])
      .where('import_id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ first: 2, last: 12_001 });
    expect(Number(stored.n)).toBe(12_000);

    // The same rows, then a quote never closed: the rows read before it are not kept either.
    const before = await localityCount();
    const broken = `${localitiesCsv([...bad, good]).replace(/\n?$/, '\n')}220149999,"Sin cerrar,1000,20.5,-100.4\n`;
    const { run: rejected, rejections } = await importFile('geo.localities', 'broken.csv', broken);
    expect(rejected).toMatchObject({ status: 'rejected', totalRows: 0, processedRows: 0, newRows: 0, rejectedRows: 0 });
    expect(rejected.fileError).toMatchObject({ code: 'IMPORT.TRUNCATED' });
    expect(rejected.fileError.message).toContain('Line 12003');
    expect(rejections).toEqual([]);
    expect(await localityCount()).toBe(before);
  });

  it('rolls back everything when merging fails half-way', async () => {
    const failing: ImportKind<{ cvegeo: string }> = {
      ...(t.services.imports.kinds.get('geo.localities') as ImportKind<any>),
      kind: 'geo.failing-test',
      async merge(db, rows, context) {
        await upsertByKey(db, rows.slice(0, 1), {
          table: 'geo_locality', keyColumn: 'cvegeo', entityType: 'geo.locality', provenanceKey: 'test',
          columns: () => ({ name: 'Half-merged' }),
        }, context);
        throw new Error('disk full (simulated)');
      },
    };
    t.services.imports.kinds.register(failing);
    const existing = '220140001';
    const before = await t.database.db.selectFrom('geo_locality').select('name').where('cvegeo', '=', existing).executeTakeFirstOrThrow();
    const audits = await auditCount();
    const { run } = await importFile('geo.failing-test', 'x.csv', localitiesCsv([aLocality({ cvegeo: existing })]));
    expect(run.status).toBe('failed');
    expect(run.fileError.message).toContain('rolled back');
    const after = await t.database.db.selectFrom('geo_locality').select('name').where('cvegeo', '=', existing).executeTakeFirstOrThrow();
    expect(after.name).toBe(before.name);
    expect(await auditCount()).toBe(audits);
  });
});

describe('who may import, and how the API answers', () => {
  it('requires sign-in and the role the kind asks for', async () => {
    const csv = localitiesCsv([aLocality({ cvegeo: syntheticLocalityCode() })]);
    const anonymous = multipart({ kind: 'geo.localities' }, { name: 'a.csv', content: csv });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', payload: anonymous.payload, headers: anonymous.headers });
    expect(res.statusCode).toBe(401);
    const { response } = await importFile('geo.localities', 'a.csv', csv, { token: memberToken });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('ACCOUNTS.FORBIDDEN');
  });

  it('refuses files over the upload limit with 413', async () => {
    const small = await createTestApp({ maxUploadBytes: 1024 });
    try {
      const token = (await small.services.accounts.createApiToken(
        (await small.services.accounts.signUp({ email: 'big@example.mx', password: 'caballo correcto batería', displayName: 'Big' }, null)).principal,
        'upload',
      )).token;
      const body = multipart({ kind: 'geo.localities' }, { name: 'big.csv', content: 'x'.repeat(4096) });
      const res = await small.app.inject({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PLATFORM.PAYLOAD_TOO_LARGE');
    } finally {
      await small.dispose();
    }
  });

  it('names unknown kinds and missing files', async () => {
    const { response } = await importFile('charging.nothing', 'a.csv', 'x');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('IMPORT.UNKNOWN_KIND');
    expect(response.json().detail).toContain('geo.localities');
    const noFile = multipart({ kind: 'geo.localities' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', payload: noFile.payload, headers: { ...noFile.headers, authorization: `Bearer ${adminToken}` } });
    expect(res.json().code).toBe('IMPORT.FILE_MISSING');
  });

  it('lists kinds with their columns, and imports', async () => {
    const kinds = (await t.app.inject({ method: 'GET', url: '/api/v1/imports/kinds' })).json();
    expect(kinds.items.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['geo.states', 'geo.municipalities', 'geo.municipal-boundaries', 'geo.localities', 'geo.us-states']));
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/imports?limit=5', headers: { authorization: `Bearer ${adminToken}` } })).json();
    expect(list.items).toHaveLength(5);
    expect(list.total).toBeGreaterThan(5);
    const other = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${list.items[0].id}`, headers: { authorization: `Bearer ${memberToken}` } }));
    expect(other.statusCode).toBe(404);
  });
});
