import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { mergeLocations, type ImportedLocation } from '../charging/import/location-merge.js';
import { fromOcpp16, fromOcpp201, publicStatus } from './status.domain.js';
import { recordStatusChanges } from './status.repository.js';

let t: TestApp;
let locationId: string;
beforeAll(async () => {
  t = await createTestApp();
  /** A SYNTHETIC location with two EVSEs. */
  const location: ImportedLocation = {
    sourceKey: 'test:live-1', name: 'Sintético con estado', address: null, city: null, postalCode: null, countryCode: 'MX', stateAsGiven: null,
    lat: 20.5931, lon: -100.392, access: 'public', operatorName: null, lifecycleStatus: 'operational', lastVerifiedAt: null,
    evses: ['E1', 'E2'].map((evseUid) => ({ evseUid, connectors: [{ connectorId: '1', standard: 'CCS1', sourceCode: 'test:ccs1', sourceLabel: null, format: 'CABLE', powerType: 'DC', maxVoltageV: null, maxAmperageA: null, maxPowerKw: 150 }] })),
  };
  await t.database.db.transaction().execute((trx) => mergeLocations(trx, [{ rowNumber: 1, key: location.sourceKey, value: location }], {
    actor: { userId: null, label: 'test' }, importId: '00000000-0000-4000-8000-000000000000', provenance: (rowNumber) => ({ source: 'test', method: 'import', rowNumber }),
  }));
  locationId = (await t.database.db.selectFrom('charging_location').select('id').where('source_key', '=', 'test:live-1').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.dispose();
});

const current = () => t.database.db.selectFrom('charging_evse_status').selectAll().where('location_id', '=', locationId).orderBy('evse_uid').execute();

describe('live status', () => {
  it('maps OCPP 1.6 and 2.0.1 statuses onto the OCPI EVSE vocabulary and the public groups', () => {
    expect(fromOcpp16('SuspendedEV')).toBe('CHARGING');
    expect(fromOcpp16('Faulted')).toBe('OUTOFORDER');
    expect(fromOcpp201('Occupied')).toBe('CHARGING');
    expect(fromOcpp201('Unavailable')).toBe('INOPERATIVE');
    expect(publicStatus('RESERVED')).toBe('occupied');
    expect(publicStatus('OUTOFORDER')).toBe('out_of_service');
    expect(publicStatus(null)).toBe('unknown');
  });

  it('keeps every change in the history and the newest one as the current status, whatever order they arrive in', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));
    await recordStatusChanges(t.database.db, [
      { locationId, evseUid: 'E1', status: 'AVAILABLE', source: 'ocpp', occurredAt: at(0), protocolStatus: 'Available' },
      { locationId, evseUid: 'E1', status: 'CHARGING', source: 'ocpp', occurredAt: at(5), protocolStatus: 'Charging' },
      { locationId, evseUid: 'E2', status: 'OUTOFORDER', source: 'ocpi', occurredAt: at(3) },
    ]);
    expect((await current()).map((s) => [s.evse_uid, s.status, s.source])).toEqual([['E1', 'CHARGING', 'ocpp'], ['E2', 'OUTOFORDER', 'ocpi']]);
    // A late report of an older change is history, not the present.
    await recordStatusChanges(t.database.db, [{ locationId, evseUid: 'E1', status: 'OUTOFORDER', source: 'ocpp', occurredAt: at(2) }]);
    expect((await current())[0]).toMatchObject({ status: 'CHARGING' });
    const history = await t.database.db.selectFrom('charging_status_event').select(['evse_uid', 'status']).where('location_id', '=', locationId).orderBy('occurred_at').execute();
    expect(history.filter((h) => h.evse_uid === 'E1').map((h) => h.status)).toEqual(['AVAILABLE', 'OUTOFORDER', 'CHARGING']);
  });

  it('keeps the status of a port when its location is re-imported with changed EVSE rows', async () => {
    await t.database.db.deleteFrom('charging_evse').where('location_id', '=', locationId).execute();
    expect(await current()).toHaveLength(2);
  });
});
