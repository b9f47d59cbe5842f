import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { ocpiAccess, ocpiEvseLifecycle, ocpiLocationLifecycle } from './ocpi.importer.js';

let t: TestApp;
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/ocpi');
/** The real OCPI 2.2.1 Location examples (ocpi/ocpi, see fixtures/ocpi/SOURCE.md), as their exact text. */
const realText = (name: string) => fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8');
const real = (name: string) => JSON.parse(realText(name)) as Record<string, any>;
const names = [
  'location_example', 'location_example_uc2_destination_charger', 'location_example_uc3_destination_charger_not_published',
  'location_example_parking_garage_opening_hours', 'location_example_uc4_limited_visibility', 'location_example_uc5_home_charge_point',
] as const;

/**
 * The examples lie in Belgium, the Netherlands, Sweden and Germany. To import them into a census
 * of Mexico and the United States, these tests move them to SYNTHETIC points (city centres) and
 * set `country` to match; every other field stays as published.
 */
const syntheticPoints = {
  cdmx: { latitude: '19.432600', longitude: '-99.133200', country: 'MEX' },
  monterrey: { latitude: '25.686600', longitude: '-100.316100', country: 'MEX' },
  guadalajara: { latitude: '20.676700', longitude: '-103.347500', country: 'MEX' },
  sanAntonio: { latitude: '29.424100', longitude: '-98.493600', country: 'USA' },
  sanDiego: { latitude: '32.715700', longitude: '-117.161100', country: 'USA' },
};
const moved = (location: Record<string, any>, to: keyof typeof syntheticPoints): Record<string, any> => {
  const { latitude, longitude, country } = syntheticPoints[to];
  return { ...location, coordinates: { latitude, longitude }, country };
};
const movedSamples = () => [
  moved(real('location_example'), 'cdmx'),
  moved(real('location_example_uc2_destination_charger'), 'monterrey'),
  moved(real('location_example_parking_garage_opening_hours'), 'guadalajara'),
  moved(real('location_example_uc4_limited_visibility'), 'sanAntonio'),
  moved(real('location_example_uc5_home_charge_point'), 'sanDiego'),
];

/** A SYNTHETIC location (not a real charger) in Querétaro, for the bad-input variants. */
const synthetic = (id: string, overrides: Record<string, unknown> = {}) => ({
  country_code: 'MX', party_id: 'SYN', id, publish: true, name: `Estación sintética ${id}`, address: 'Calle sintética 1',
  city: 'Querétaro', country: 'MEX', coordinates: { latitude: '20.593100', longitude: '-100.392000' },
  evses: [{
    uid: `${id}-1`, status: 'AVAILABLE', capabilities: ['CREDIT_CARD_PAYABLE', 'RFID_READER', 'REMOTE_START_STOP_CAPABLE'],
    connectors: [{ id: '1', standard: 'IEC_62196_T1_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 920, max_amperage: 400, max_electric_power: 150000, last_updated: '2024-05-01T00:00:00Z' }],
    last_updated: '2024-05-01T00:00:00Z',
  }],
  last_updated: '2024-05-01T00:00:00Z',
  ...overrides,
});
const withConnector = (id: string, connector: Record<string, unknown>) => {
  const base = synthetic(id);
  return { ...base, evses: [{ ...base.evses[0]!, connectors: [{ ...base.evses[0]!.connectors[0]!, ...connector }] }] };
};

const run = (name: string, content: unknown, strict = false) =>
  t.services.imports.runNow({
    kind: 'charging.ocpi', filename: name, mediaType: null, strict, principal: null, trusted: true, actorLabel: 'test',
    content: new TextEncoder().encode(typeof content === 'string' ? content : JSON.stringify(content)),
  });
const rejectionsOf = async (id: string) => (await t.services.imports.listRejections(id, { limit: 100, offset: 0 })).items;
const location = (sourceKey: string) => t.database.db.selectFrom('charging_location').selectAll().where('source_key', '=', sourceKey).executeTakeFirst();
const connectorsOf = (sourceKey: string) =>
  t.database.db
    .selectFrom('charging_connector')
    .innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
    .innerJoin('charging_location', 'charging_location.id', 'charging_evse.location_id')
    .select(['charging_evse.evse_uid', 'charging_evse.lifecycle_status', 'connector_id', 'standard', 'source_code', 'format', 'power_type',
      'max_voltage_v', 'max_amperage_a', 'max_electric_power_kw', 'charging_level'])
    .where('charging_location.source_key', '=', sourceKey)
    .orderBy('evse_uid').orderBy('connector_id')
    .execute();
const countLocations = async () => Number((await t.database.db.selectFrom('charging_location').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe('OCPI rules (pure)', () => {
  it('derives access from publish and the CUSTOMERS parking restriction only', () => {
    expect(ocpiAccess(false, [[]])).toBe('private');
    expect(ocpiAccess(true, [['CUSTOMERS'], ['CUSTOMERS', 'EV_ONLY']])).toBe('restricted');
    expect(ocpiAccess(true, [['CUSTOMERS'], []])).toBe('public'); // one EVSE anyone may use
    expect(ocpiAccess(true, [['EV_ONLY', 'DISABLED']])).toBe('public');
    expect(ocpiAccess(null, [[]])).toBeNull();
  });

  it('keeps live status out: EVSE status becomes a lifecycle, and the location follows its EVSEs', () => {
    expect(['AVAILABLE', 'CHARGING', 'BLOCKED', 'RESERVED', 'UNKNOWN'].map(ocpiEvseLifecycle)).toEqual(Array(5).fill('operational'));
    expect(['PLANNED', 'REMOVED', 'INOPERATIVE', 'OUTOFORDER', 'BROKEN'].map(ocpiEvseLifecycle)).toEqual(['planned', 'decommissioned', 'out_of_service', 'out_of_service', null]);
    expect(ocpiLocationLifecycle(['planned', 'planned'])).toBe('planned');
    expect(ocpiLocationLifecycle(['decommissioned', 'decommissioned'])).toBe('decommissioned');
    expect(ocpiLocationLifecycle(['out_of_service', 'operational', 'planned'])).toBe('operational');
    expect(ocpiLocationLifecycle(['out_of_service', 'decommissioned'])).toBe('out_of_service');
    expect(ocpiLocationLifecycle([])).toBeNull();
  });
});

describe('charging.ocpi on the real OCPI 2.2.1 Location examples', () => {
  it('rejects the examples as published, each on its own row, as outside Mexico and the US, changing nothing', async () => {
    const before = await countLocations();
    // The files' exact text, joined into one array.
    const result = await run('ocpi-examples.json', `[${names.map(realText).join(',')}]`);
    expect(result.status).toBe('rejected');
    expect(result.fileError?.code).toBe('IMPORT.ALL_ROWS_REJECTED');
    const rejections = await rejectionsOf(result.id);
    expect(rejections.map((r) => [r.rowNumber, r.code])).toEqual(names.map((_, i) => [i + 1, 'IMPORT.ROW_OUTSIDE_COVERAGE']));
    expect(rejections[0]!.message).toContain('(51.047599, 3.729944)');
    expect(await countLocations()).toBe(before);
  });

  it('imports each example moved to a synthetic point, with its EVSEs and connectors in the vocabulary and power in kW', async () => {
    const result = await run('ocpi-examples-moved.json', movedSamples());
    expect(result).toMatchObject({ status: 'completed', newRows: 5, updatedRows: 0, unchangedRows: 0, rejectedRows: 0 });

    const gent = (await location('ocpi:BE*BEC:LOC1'))!;
    expect(gent).toMatchObject({
      name: 'Gent Zuid', address: 'F.Rooseveltlaan 3A', city: 'Gent', postal_code: '9000', country_code: 'MX', operator_name: 'BeCharged',
      access: 'public', lifecycle_status: 'operational', ocpp_support: null, payment_methods: [], cve_ent: '09', opening_hours: null,
    });
    expect(gent.last_verified_at).toEqual(new Date('2015-06-29T20:39:09Z'));
    expect(gent.provenance.record).toMatchObject({ source: 'ocpi', method: 'import' });
    // max_electric_power is absent: the spec's calculated value, 3 phases × 220 V (line to neutral) × 16 A.
    const ac = { standard: 'TYPE_2', source_code: 'ocpi:IEC_62196_T2', power_type: 'AC_3_PHASE', max_voltage_v: 220, max_amperage_a: 16, max_electric_power_kw: 10.56, charging_level: 'ac_level_2' };
    expect(await connectorsOf('ocpi:BE*BEC:LOC1')).toEqual([
      { evse_uid: '3256', lifecycle_status: 'operational', connector_id: '1', format: 'CABLE', ...ac },
      { evse_uid: '3256', lifecycle_status: 'operational', connector_id: '2', format: 'SOCKET', ...ac },
      { evse_uid: '3257', lifecycle_status: 'operational', connector_id: '1', format: 'SOCKET', ...ac }, // RESERVED is live status
    ]);

    expect(await location('ocpi:NL*ALF:3e7b39c2-10d0-4138-a8b3-8509a25f9920')).toMatchObject({ name: 'ihomer', access: 'restricted', cve_ent: '19' });
    const garage = (await location('ocpi:SE*EVC:cbb0df21-d17d-40ba-a4aa-dc588c8f98cb'))!;
    expect(garage).toMatchObject({ name: 'P-Huset Leonard', city: 'Malmö', access: 'public', cve_ent: '14' });
    expect(garage.opening_hours).toMatchObject({ twentyfourseven: false });
    expect((garage.opening_hours as { regular_hours: unknown[] }).regular_hours).toHaveLength(7);
    expect((await connectorsOf('ocpi:SE*EVC:cbb0df21-d17d-40ba-a4aa-dc588c8f98cb'))[0]).toMatchObject({ max_electric_power_kw: 22.08 });

    expect(await location('ocpi:NL*ALL:f76c2e0c-a6ef-4f67-bf23-6a187e5ca0e0')).toMatchObject({ access: 'private', country_code: 'US', us_state_abbr: 'TX', cve_ent: null });
    const home = (await location('ocpi:DE*ALL:a5295927-09b9-4a71-b4b9-a5fffdfa0b77'))!;
    // No name in the example: the address names it. Unpublished: private.
    expect(home).toMatchObject({ name: 'Krautwigstraße 283A', access: 'private', us_state_abbr: 'CA' });
    expect(await connectorsOf('ocpi:DE*ALL:a5295927-09b9-4a71-b4b9-a5fffdfa0b77')).toEqual([
      expect.objectContaining({ standard: 'TYPE_2', power_type: 'AC_1_PHASE', max_electric_power_kw: 1.84, charging_level: 'ac_level_1' }),
    ]);
  });

  it('reads the paginated OCPI response form, and re-importing changes nothing', async () => {
    const page = { data: movedSamples(), status_code: 1000, status_message: 'Success', timestamp: '2024-05-01T00:00:00Z' };
    const result = await run('ocpi-locations-page.json', page);
    expect(result).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 5, rejectedRows: 0 });
    expect(result.warnings).toContain('Read the records under "data".');
  });

  it('updates a location whose publication or EVSEs changed, and ignores live status', async () => {
    // The spec's "not published" variant of the destination charger, at the same synthetic point.
    const unpublished = await run('uc3.json', [moved(real('location_example_uc3_destination_charger_not_published'), 'monterrey')]);
    expect(unpublished).toMatchObject({ status: 'completed', updatedRows: 1 });
    expect(await location('ocpi:NL*ALF:3e7b39c2-10d0-4138-a8b3-8509a25f9920')).toMatchObject({ access: 'private' });

    const gent = moved(real('location_example'), 'cdmx');
    const live = { ...gent, evses: gent.evses.map((e: any) => ({ ...e, status: 'CHARGING' })) };
    expect(await run('live.json', [live])).toMatchObject({ status: 'completed', unchangedRows: 1 });

    const broken = {
      ...gent,
      evses: [gent.evses[0], { ...gent.evses[1], status: 'OUTOFORDER', connectors: [{ ...gent.evses[1].connectors[0], max_electric_power: 7400 }] }],
    };
    expect(await run('changed-evse.json', [broken])).toMatchObject({ status: 'completed', updatedRows: 1 });
    const connectors = await connectorsOf('ocpi:BE*BEC:LOC1');
    expect(connectors.map((c) => [c.evse_uid, c.lifecycle_status, c.max_electric_power_kw])).toEqual([
      ['3256', 'operational', 10.56], ['3256', 'operational', 10.56], ['3257', 'out_of_service', 7.4],
    ]);
    expect((await location('ocpi:BE*BEC:LOC1'))!.lifecycle_status).toBe('operational');
  });

  it('links locations to the organisation registered with their OCPI party', async () => {
    const org = await t.database.db
      .insertInto('organisation')
      .values({ name: 'BeCharged (synthetic test organisation)', type: 'charge_point_operator', ocpi_country_code: 'BE', ocpi_party_id: 'BEC' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result = await run('ocpi-examples-moved.json', movedSamples());
    // LOC1 is restored (its EVSE changed above) and linked; ihomer is published again; the rest are as they were.
    expect(result).toMatchObject({ status: 'completed', updatedRows: 2, unchangedRows: 3 });
    expect(await location('ocpi:BE*BEC:LOC1')).toMatchObject({ operator_organisation_id: org.id });
    expect(await location('ocpi:SE*EVC:cbb0df21-d17d-40ba-a4aa-dc588c8f98cb')).toMatchObject({ operator_organisation_id: null });

    const synOrg = await t.database.db
      .insertInto('organisation')
      .values({ name: 'Operador sintético', type: 'charge_point_operator', ocpi_country_code: 'MX', ocpi_party_id: 'SYN' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await run('new.json', [synthetic('LINK-1', { party_id: 'syn' })])).toMatchObject({ status: 'completed', newRows: 1 });
    expect(await location('ocpi:MX*SYN:LINK-1')).toMatchObject({ operator_organisation_id: synOrg.id });
  });
});

describe('charging.ocpi on bad input', () => {
  const bad = () => [
    synthetic('GOOD-1'),
    synthetic('', { id: undefined }),
    synthetic('NO-PARTY', { party_id: undefined }),
    synthetic('NO-COORDS', { coordinates: undefined }),
    synthetic('BAD-COORDS', { coordinates: { latitude: 'north', longitude: '-100.39' } }),
    synthetic('SWAPPED', { coordinates: { latitude: '-100.392000', longitude: '20.593100' } }),
    synthetic('MADRID', { coordinates: { latitude: '40.416800', longitude: '-3.703800' } }),
    withConnector('NEGATIVE', { max_electric_power: -7400 }),
    withConnector('ABSURD', { max_electric_power: 22000000000 }),
    withConnector('KW-NOT-W', { max_electric_power: 150 }),
    withConnector('UNKNOWN-PLUG', { standard: 'MYSTERY_PLUG' }),
    { ID: 113844, UUID: 'synthetic', DataProviderID: 1, AddressInfo: { Title: 'x', Latitude: 26.9, Longitude: -111.9 }, Connections: [] },
    synthetic('GOOD-1'),
    { ...synthetic('TWO-EVSES'), evses: [...synthetic('TWO-EVSES').evses, { ...synthetic('TWO-EVSES').evses[0]! }] },
    'not a location',
  ];

  it('reports each bad row with its code while the valid rows land', async () => {
    const result = await run('bad.json', bad());
    expect(result).toMatchObject({ status: 'completed', newRows: 2, rejectedRows: 13 });
    const rejections = await rejectionsOf(result.id);
    expect(rejections.map((r) => [r.rowNumber, r.code])).toEqual([
      [2, 'IMPORT.ROW_REQUIRED_FIELD'], [3, 'IMPORT.ROW_REQUIRED_FIELD'], [4, 'IMPORT.ROW_REQUIRED_FIELD'], [5, 'IMPORT.ROW_INVALID_VALUE'],
      [6, 'IMPORT.ROW_SWAPPED_COORDINATES'], [7, 'IMPORT.ROW_OUTSIDE_COVERAGE'], [8, 'IMPORT.ROW_INVALID_VALUE'], [9, 'IMPORT.ROW_INVALID_VALUE'],
      [10, 'IMPORT.ROW_INVALID_VALUE'], [12, 'IMPORT.ROW_WRONG_SOURCE'], [13, 'IMPORT.ROW_DUPLICATE_KEY'], [14, 'IMPORT.ROW_DUPLICATE_KEY'],
      [15, 'IMPORT.ROW_INVALID_VALUE'],
    ]);
    const message = (row: number) => rejections.find((r) => r.rowNumber === row)!.message;
    expect(message(3)).toContain('party_id');
    expect(message(8)).toContain('must be a positive number');
    expect(message(9)).toContain('mW');
    expect(message(10)).toContain('in kW instead');
    expect(message(12)).toContain('Open Charge Map record');
    expect(message(12)).toContain('charging.ocm');
    expect(message(14)).toContain('appears twice in this location');
    // The unknown connector code is kept and flagged, never guessed.
    expect(await connectorsOf('ocpi:MX*SYN:UNKNOWN-PLUG')).toEqual([
      expect.objectContaining({ standard: null, source_code: 'ocpi:MYSTERY_PLUG', power_type: 'DC', max_electric_power_kw: 150, charging_level: 'dc_ultra_fast' }),
    ]);
    const good = (await location('ocpi:MX*SYN:GOOD-1'))!;
    expect(good).toMatchObject({ cve_ent: '22', payment_methods: ['bank_card', 'rfid'], ocpp_support: null, access: 'public' });
    expect(await connectorsOf('ocpi:MX*SYN:GOOD-1')).toEqual([
      expect.objectContaining({ standard: 'CCS1', format: 'CABLE', power_type: 'DC', max_voltage_v: 920, max_amperage_a: 400, max_electric_power_kw: 150 }),
    ]);
  });

  it('imports nothing of a strict run with bad rows, nor any part of a bad location; the corrected file completes the job', async () => {
    const half = { ...synthetic('HALF'), evses: [synthetic('HALF').evses[0], { uid: 'HALF-2', status: 'AVAILABLE', connectors: [{ id: '1', standard: 'CHADEMO', max_electric_power: -50000 }] }] };
    const strict = await run('strict.json', [synthetic('STRICT-1'), half], true);
    expect(strict.status).toBe('rejected');
    expect(strict.fileError?.code).toBe('IMPORT.STRICT_REJECTED');
    expect(await location('ocpi:MX*SYN:STRICT-1')).toBeUndefined();

    const lenient = await run('half.json', [synthetic('STRICT-1'), half]);
    expect(lenient).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: 1 });
    expect(await location('ocpi:MX*SYN:HALF')).toBeUndefined(); // not even its good EVSE

    const corrected = { ...half, evses: [half.evses[0], { ...half.evses[1], connectors: [{ id: '1', standard: 'CHADEMO', power_type: 'DC', max_electric_power: 50000 }] }] };
    const fixed = await run('half-fixed.json', [synthetic('STRICT-1'), corrected]);
    expect(fixed).toMatchObject({ status: 'completed', newRows: 1, unchangedRows: 1, rejectedRows: 0 });
    expect((await connectorsOf('ocpi:MX*SYN:HALF')).map((c) => [c.evse_uid, c.standard, c.max_electric_power_kw])).toEqual([
      ['HALF-1', 'CCS1', 150], ['HALF-2', 'CHADEMO', 50],
    ]);
  });

  it('rejects a single Location object with a message that says how to wrap it', async () => {
    const result = await run('one-location.json', realText('location_example'));
    expect(result.status).toBe('rejected');
    expect(result.fileError?.code).toBe('IMPORT.UNRECOGNISED_STRUCTURE');
    expect(result.fileError?.message).toContain('array');
  });
});
