import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidRow } from '../../../platform/imports/import-kind.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { mergeLocations, type ImportedLocation } from './location-merge.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

/** A SYNTHETIC location (source `test`), with one CCS1 EVSE. */
const aLocation = (id: string, fields: Partial<ImportedLocation> = {}): ImportedLocation => ({
  sourceKey: `test:${id}`, name: `Sintético ${id}`, address: null, city: null, postalCode: null, countryCode: 'MX', stateAsGiven: null,
  lat: 20.5931, lon: -100.392, access: 'public', operatorName: 'Operador sintético', lifecycleStatus: 'operational', lastVerifiedAt: null,
  uses: ['light_duty'], paymentMethods: ['bank_card'], ocppSupport: true, openingHours: { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }] }, commissionedOn: '2021-06-30',
  evses: [{ evseUid: 'E1', connectors: [{ connectorId: '1', standard: 'CCS1', sourceCode: 'test:ccs1', sourceLabel: null, format: 'CABLE', powerType: 'DC', maxVoltageV: 920, maxAmperageA: 200, maxPowerKw: 150 }] }],
  ...fields,
});

const merge = (values: ImportedLocation[]) => {
  const rows: ValidRow<ImportedLocation>[] = values.map((value, i) => ({ rowNumber: i + 1, key: value.sourceKey, value }));
  return t.database.db.transaction().execute((trx) => mergeLocations(trx, rows, {
    actor: { userId: null, label: 'test' }, importId: '00000000-0000-4000-8000-000000000000',
    provenance: (rowNumber) => ({ source: 'test', method: 'import', rowNumber }),
  }));
};
const find = (sourceKey: string) => t.database.db.selectFrom('charging_location').selectAll().where('source_key', '=', sourceKey).executeTakeFirstOrThrow();

describe('the shared charging merge', () => {
  it('stores every census field, places the point, and changes nothing on a second pass', async () => {
    expect(await merge([aLocation('qro')])).toEqual(['new']);
    const row = await find('test:qro');
    expect(row).toMatchObject({ cve_ent: '22', cvegeo: '22014', us_state_abbr: null, uses: ['light_duty'], payment_methods: ['bank_card'], ocpp_support: true, opening_hours: { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }] } });
    expect(await merge([aLocation('qro')])).toEqual(['unchanged']);
  });

  it('places a station in the gap of the simplified boundaries on the side of the border its source declares', async () => {
    // Downtown El Paso, Texas: neither the simplified municipal nor the simplified US state shapes cover it.
    expect(await merge([aLocation('el-paso', { lat: 31.7619, lon: -106.485, countryCode: 'US' })])).toEqual(['new']);
    expect(await find('test:el-paso')).toMatchObject({ us_state_abbr: 'TX', cve_ent: null, cvegeo: null });
  });

  it('places a moved point again, updates only what changed and audits before and after', async () => {
    expect(await merge([aLocation('qro', { lat: 20.6767, lon: -103.3476, ocppSupport: false })])).toEqual(['updated']);
    const row = await find('test:qro');
    expect(row).toMatchObject({ cve_ent: '14', cvegeo: '14039', ocpp_support: false });
    const audit = await t.database.db.selectFrom('audit_event').select(['before', 'after']).where('entity_id', '=', row.id).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ lat: 20.5931, ocpp_support: true });
    expect(audit.after).toMatchObject({ lat: 20.6767, ocpp_support: false });
    expect(Object.keys(audit.after as object).sort()).toEqual(['lat', 'lon', 'ocpp_support', 'search_name'].filter((k) => k !== 'search_name').sort());
  });

  it('rolls everything back and reports the cause when a write fails while the next chunk is being prepared', async () => {
    // An access outside the check constraint fails the first chunk's first statement; the
    // second chunk's lookup is then queued behind a failed statement.
    const values = Array.from({ length: 5_002 }, (_, i) => aLocation(`pipeline-${i}`));
    values[3] = aLocation('pipeline-3', { access: 'nobody' as ImportedLocation['access'] });
    await expect(merge(values)).rejects.toThrow(/check constraint/i);
    const stored = await t.database.db.selectFrom('charging_location').select((eb) => eb.fn.countAll<number>().as('n')).where('source_key', 'like', 'test:pipeline-%').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
  });
});
