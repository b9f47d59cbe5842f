import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { afdcImporter } from './afdc.importer.js';

let t: TestApp;
const fixtures = path.join(repoRoot, 'apps/server/src/modules/charging/import/fixtures/afdc');
/** Real: 35 lines of an AFDC download for the Austin, Texas area (see fixtures/afdc/SOURCE.md). */
const austinCsv = fs.readFileSync(path.join(fixtures, 'afdc-austin-tx-excerpt.csv'));
/** Real: NREL's documented response of the nearest-stations API (Golden, Colorado). */
const nearestJson = fs.readFileSync(path.join(fixtures, 'afdc-api-nearest-docs-example.json'));
/** Real: two station records as the current API gives them (New York), with `ev_charging_units`. */
const apiRecords = (JSON.parse(fs.readFileSync(path.join(fixtures, 'afdc-api-records-excerpt.json'), 'utf8')) as { garage_stations_data: unknown[] })
  .garage_stations_data;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const run = (name: string, content: Uint8Array, strict = false) =>
  t.services.imports.runNow({ kind: 'charging.afdc', filename: name, mediaType: null, content, strict, principal: null, trusted: true, actorLabel: 'test' });

const location = (sourceKey: string) =>
  t.database.db
    .selectFrom('charging_location')
    .select(['id', 'name', 'access', 'lifecycle_status', 'operator_name', 'state_as_given', 'us_state_abbr', 'cve_ent', 'cvegeo', 'uses',
      'payment_methods', 'opening_hours', 'country_code', 'provenance', sql<string | null>`commissioned_on::text`.as('commissioned_on'),
      sql<string | null>`to_char(last_verified_at at time zone 'UTC', 'YYYY-MM-DD')`.as('last_verified_on')])
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();

const connectorsOf = (sourceKey: string) =>
  t.database.db
    .selectFrom('charging_connector')
    .innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
    .innerJoin('charging_location', 'charging_location.id', 'charging_evse.location_id')
    .select(['charging_evse.evse_uid', 'standard', 'source_code', 'power_type', 'max_electric_power_kw', 'charging_level'])
    .where('charging_location.source_key', '=', sourceKey)
    .orderBy('charging_evse.evse_uid')
    .orderBy('source_code')
    .execute();

const evseCount = async (sourceKey: string) =>
  Number((await t.database.db
    .selectFrom('charging_evse').innerJoin('charging_location', 'charging_location.id', 'charging_evse.location_id')
    .select((eb) => eb.fn.countAll().as('n')).where('charging_location.source_key', '=', sourceKey).executeTakeFirstOrThrow()).n);

const rejectionCodes = async (id: string) => (await t.services.imports.listRejections(id, { limit: 100, offset: 0 })).items.map((r) => r.code);

describe('charging.afdc on a real AFDC CSV download (Austin, Texas)', () => {
  it('imports the 15 electric stations, rejects the 20 stations of other fuels by row, and places each point in Texas', async () => {
    const result = await run('afdc-austin-tx-excerpt.csv', austinCsv);
    expect(result).toMatchObject({ status: 'completed', newRows: 15, updatedRows: 0, unchangedRows: 0, rejectedRows: 20 });
    const rejections = (await t.services.imports.listRejections(result.id, { limit: 100, offset: 0 })).items;
    expect(new Set(rejections.map((r) => r.code))).toEqual(new Set(['IMPORT.ROW_OUT_OF_SCOPE']));
    expect(rejections.find((r) => r.message.includes('20271'))!.message).toContain('LPG');

    const rows = await t.database.db.selectFrom('charging_location').select(['us_state_abbr', 'cve_ent', 'state_as_given'])
      .where('source_key', 'like', 'afdc:%').execute();
    expect(rows).toHaveLength(15);
    // The point decides: every one lies in Texas, none in a Mexican state.
    expect(rows.every((r) => r.us_state_abbr === 'TX' && r.cve_ent === null && r.state_as_given === 'TX')).toBe(true);

    // CHADEMO J1772 with 2 Level 2 and 1 DC fast: J1772 on the AC EVSEs, CHAdeMO on the DC one.
    expect(await location('afdc:39114')).toMatchObject({
      name: 'Clay Cooley Nissan', access: 'public', lifecycle_status: 'operational', operator_name: null, country_code: 'US',
      commissioned_on: '2011-01-15', last_verified_on: '2020-06-09', payment_methods: ['free'], opening_hours: null,
    });
    expect(await connectorsOf('afdc:39114')).toEqual([
      { evse_uid: 'DC-1', standard: 'CHADEMO', source_code: 'afdc:CHADEMO', power_type: 'DC', max_electric_power_kw: null, charging_level: 'dc_fast' },
      { evse_uid: 'L2-1', standard: 'J1772', source_code: 'afdc:J1772', power_type: 'AC_1_PHASE', max_electric_power_kw: null, charging_level: 'ac_level_2' },
      { evse_uid: 'L2-2', standard: 'J1772', source_code: 'afdc:J1772', power_type: 'AC_1_PHASE', max_electric_power_kw: null, charging_level: 'ac_level_2' },
    ]);
    // A DC fast EVSE listing CHADEMO and J1772COMBO carries both; J1772COMBO is CCS1.
    expect((await connectorsOf('afdc:65642')).map((c) => [c.evse_uid, c.standard])).toEqual([['DC-1', 'CHADEMO'], ['DC-1', 'CCS1']]);
    expect(await location('afdc:40372')).toMatchObject({ operator_name: 'ChargePoint Network', opening_hours: { twentyfourseven: true } });
    expect(await location('afdc:41266')).toMatchObject({ lifecycle_status: 'out_of_service' }); // Status Code T
    expect(await location('afdc:48242')).toMatchObject({ access: 'private' }); // "Private - Call ahead"
    expect(await location('afdc:39711')).toMatchObject({ uses: ['light_duty'] }); // Maximum Vehicle Class LD
    expect((await location('afdc:39114'))!.provenance.record).toMatchObject({ source: 'afdc', method: 'import' });
  });

  it('changes nothing when the same file is imported again', async () => {
    expect(await run('afdc-austin-tx-excerpt.csv', austinCsv)).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 15, rejectedRows: 20 });
  });
});

describe('charging.afdc on real JSON from the AFDC API', () => {
  it('reads the records under "fuel_stations" of an API response', async () => {
    const result = await run('nearest.json', nearestJson);
    expect(result).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: 0 });
    // total_results 12 but one record: the pipeline says it is one page of several.
    expect(result.warnings.some((w) => w.includes('one page of a paginated API response'))).toBe(true);
    expect(await location('afdc:39534')).toMatchObject({
      name: 'National Renewable Energy Laboratory - Denver West', access: 'private', us_state_abbr: 'CO', cve_ent: null,
      commissioned_on: '2011-05-20',
    });
    // 38 Level 2 EVSEs; this response predates ev_connector_types, so no connector is invented.
    expect(await evseCount('afdc:39534')).toBe(38);
    expect(await connectorsOf('afdc:39534')).toEqual([]);
    expect(await run('nearest.json', nearestJson)).toMatchObject({ status: 'completed', newRows: 0, unchangedRows: 1 });
  });

  it('maps current API records, taking power from ev_charging_units when given', async () => {
    const content = new TextEncoder().encode(JSON.stringify(apiRecords));
    const result = await run('api-records.json', content);
    expect(result).toMatchObject({ status: 'completed', newRows: 2, rejectedRows: 0 });
    // "J1772 TESLA" on 3 Level 2 EVSEs: both AC, so each EVSE carries both; TESLA is NACS.
    const tesla = await connectorsOf('afdc:115071');
    expect(tesla).toHaveLength(6);
    expect(new Set(tesla.map((c) => c.standard))).toEqual(new Set(['J1772', 'NACS']));
    expect(tesla.every((c) => c.power_type === 'AC_1_PHASE' && c.max_electric_power_kw === null)).toBe(true);
    expect(await location('afdc:399675')).toMatchObject({
      operator_name: 'LOOP', uses: ['light_duty'], opening_hours: { twentyfourseven: true },
      payment_methods: ['app', 'bank_card', 'contactless'], last_verified_on: '2026-03-12',
    });
    // Placed in a US state by its point. (Lower Manhattan lands in NJ on the simplified US state
    // boundaries shipped as reference data, so the state itself is not asserted here.)
    expect((await location('afdc:399675'))!.us_state_abbr).toMatch(/^(NY|NJ)$/);
    expect(await connectorsOf('afdc:399675')).toEqual([
      { evse_uid: 'L2-1', standard: 'J1772', source_code: 'afdc:J1772', power_type: 'AC_1_PHASE', max_electric_power_kw: 7.7, charging_level: 'ac_level_2' },
    ]);
    expect(await run('api-records.json', content)).toMatchObject({ status: 'completed', newRows: 0, unchangedRows: 2 });
  });
});

describe('charging.afdc on bad input', () => {
  // SYNTHETIC rows for the bad-input cases: the real header and a real row (Clay Cooley Nissan)
  // with ID, fuel, coordinates or counts changed. IDs 99000x do not exist in AFDC.
  const [header, ...realRows] = parse(austinCsv, { bom: true }) as string[][];
  const column = (name: string) => header!.indexOf(name);
  const template = realRows.find((r) => r[column('ID')] === '39114')!;
  const synthetic = (id: string, changes: Record<string, string>) => {
    const row = [...template];
    row[column('ID')] = id;
    row[column('Station Name')] = `Synthetic station ${id}`;
    for (const [name, value] of Object.entries(changes)) row[column(name)] = value;
    return row;
  };
  const csv = (rows: string[][]) => new TextEncoder().encode(stringify([header!, ...rows]));
  const lasCruces = { Latitude: '32.3199', Longitude: '-106.7637' }; // New Mexico

  const badRows = [
    synthetic('990001', { ...lasCruces, 'EV Connector Types': 'J1772 WIDGET9' }),
    synthetic('990002', { Latitude: '-106.7637', Longitude: '32.3199' }), // swapped
    synthetic('990003', { Latitude: '25.0', Longitude: '-140.0' }), // Pacific Ocean, outside both countries
    synthetic('990004', { 'Fuel Type Code': 'CNG' }),
    synthetic('990005', { 'EV Level2 EVSE Num': '-3' }),
    synthetic('990001', lasCruces), // the same ID again
    synthetic('990006', { Latitude: '32.5149', Longitude: '-117.0382' }), // Tijuana, Baja California
    synthetic('990007', { Latitude: '25.5', Longitude: '-90.0' }), // Gulf of Mexico: inside both bounding boxes, in neither country
  ];

  it('rejects nothing at all in strict mode when any row is bad', async () => {
    const result = await run('afdc-bad.csv', csv(badRows), true);
    expect(result.status).toBe('rejected');
    expect(result.fileError?.code).toBe('IMPORT.STRICT_REJECTED');
    const stored = await t.database.db.selectFrom('charging_location').select('id').where('source_key', 'like', 'afdc:99000%').execute();
    expect(stored).toEqual([]);
  });

  it('reports each bad row with its code, lands the valid ones, and keeps an unknown connector flagged', async () => {
    const result = await run('afdc-bad.csv', csv(badRows));
    expect(result).toMatchObject({ status: 'completed', newRows: 2, rejectedRows: 6 });
    expect(await rejectionCodes(result.id)).toEqual([
      'IMPORT.ROW_SWAPPED_COORDINATES', 'IMPORT.ROW_OUTSIDE_COVERAGE', 'IMPORT.ROW_OUT_OF_SCOPE', 'IMPORT.ROW_INVALID_VALUE',
      'IMPORT.ROW_DUPLICATE_KEY', 'IMPORT.ROW_OUTSIDE_COVERAGE',
    ]);
    expect(await location('afdc:990001')).toMatchObject({ us_state_abbr: 'NM', cve_ent: null });
    // AFDC lists a few Mexican stations: the point places them in their Mexican state.
    expect(await location('afdc:990006')).toMatchObject({ cve_ent: '02', us_state_abbr: null });
    const unknown = (await connectorsOf('afdc:990001')).filter((c) => c.source_code === 'afdc:WIDGET9');
    // On every EVSE (AFDC does not say which), with no standard: flagged, never guessed.
    expect(unknown).toHaveLength(3);
    expect(unknown.every((c) => c.standard === null && c.power_type === null)).toBe(true);
  });

  it('completes when the corrected file is imported again', async () => {
    const corrected = [
      synthetic('990001', { ...lasCruces, 'EV Connector Types': 'J1772 WIDGET9' }),
      synthetic('990002', lasCruces),
      synthetic('990003', { Latitude: '31.3404', Longitude: '-110.9343' }), // Nogales, Arizona
      synthetic('990005', { 'EV Level2 EVSE Num': '3' }),
      synthetic('990006', { Latitude: '32.5149', Longitude: '-117.0382' }),
    ];
    const result = await run('afdc-corrected.csv', csv(corrected));
    expect(result).toMatchObject({ status: 'completed', newRows: 3, unchangedRows: 2, rejectedRows: 0 });
    expect(await location('afdc:990003')).toMatchObject({ us_state_abbr: 'AZ' });
  });

  it('reads a Windows-1252 CSV without garbling accents', async () => {
    const name = 'Estación sintética — Centro Cívico';
    const bytes = iconv.encode(stringify([header!, synthetic('990008', { Latitude: '32.6245', Longitude: '-115.4523', 'Station Name': name })]), 'win1252');
    expect(bytes.includes(0xf3)).toBe(true); // "ó" as one Windows-1252 byte, not UTF-8
    const result = await run('afdc-cp1252.csv', bytes);
    expect(result).toMatchObject({ status: 'completed', newRows: 1 });
    expect(result.warnings.some((w) => /1252/.test(w))).toBe(true);
    expect(await location('afdc:990008')).toMatchObject({ name, cve_ent: '02' }); // Mexicali
  });

  it('rejects a file from another source as a whole, naming the missing columns', async () => {
    const ocm = fs.readFileSync(path.join(repoRoot, 'data/reference/charging/ocm-mx-sample.json'));
    const result = await run('ocm-mx-sample.json', ocm);
    expect(result.status).toBe('rejected');
    expect(result.fileError?.code).toBe('IMPORT.MISSING_COLUMNS');
    expect(result.fileError?.message).toContain('Fuel Type Code');
  });
});

describe('afdcImporter.validateRow (pure)', () => {
  const record = (values: Record<string, unknown>) => ({ rowNumber: 2, values: { id: 1, fuelTypeCode: 'ELEC', stationName: 'x', latitude: 31.76, longitude: -106.48, ...values }, extra: {} });

  it('rejects absurd EVSE counts and power, and dates that are not dates', () => {
    expect(afdcImporter.validateRow(record({ level2Count: 5000 }))).toMatchObject({ ok: false, code: 'IMPORT.ROW_INVALID_VALUE' });
    const units = [{ charging_level: '2', connectors: { J1772: { power_kw: 7200, port_count: 1 } } }];
    const power = afdcImporter.validateRow(record({ level2Count: 1, connectorTypes: ['J1772'], chargingUnits: units }));
    expect(power).toMatchObject({ ok: false, code: 'IMPORT.ROW_INVALID_VALUE' });
    expect(power.ok === false && power.message).toContain('W instead of kW');
    expect(afdcImporter.validateRow(record({ openDate: '2021-02-30' }))).toMatchObject({ ok: false, code: 'IMPORT.ROW_INVALID_VALUE' });
    expect(afdcImporter.validateRow(record({ openDate: '3/15/2011' }))).toMatchObject({ ok: true, value: { commissionedOn: '2011-03-15' } });
  });

  it('marks public stations with restricted access as restricted', () => {
    expect(afdcImporter.validateRow(record({ accessCode: 'public', restrictedAccess: true }))).toMatchObject({ ok: true, value: { access: 'restricted' } });
    expect(afdcImporter.validateRow(record({ accessCode: 'public', restrictedAccess: 'False' }))).toMatchObject({ ok: true, value: { access: 'public' } });
  });
});
