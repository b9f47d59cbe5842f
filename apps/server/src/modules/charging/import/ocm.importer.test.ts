import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
const realSample = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data/reference/charging/ocm-mx-sample.json'), 'utf8')) as Array<Record<string, any>>;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const run = (name: string, content: unknown) =>
  t.services.imports.runNow({ kind: 'charging.ocm', filename: name, mediaType: null, content: new TextEncoder().encode(JSON.stringify(content)), strict: false, principal: null, trusted: true, actorLabel: 'test' });

describe('charging.ocm on the real Open Charge Map sample (loaded at first start)', () => {
  it('stores every location with its connectors in one vocabulary, placed by its point', async () => {
    const rows = await t.database.db.selectFrom('charging_location').selectAll().orderBy('source_key').execute();
    expect(rows).toHaveLength(8);
    const mulege = rows.find((r) => r.source_key === 'ocm:113844')!;
    expect(mulege).toMatchObject({ name: 'Hotel Cuesta Real', operator_name: 'Tesla Motors (Worldwide)', access: 'public', lifecycle_status: 'operational', cve_ent: '03', cvegeo: '03002', state_as_given: 'Baja California Sur' });
    expect(mulege.provenance.record).toMatchObject({ source: 'ocm', method: 'import' });
    const connectors = await t.database.db
      .selectFrom('charging_connector')
      .innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
      .select(['standard', 'max_electric_power_kw', 'power_type', 'charging_level', 'source_label'])
      .where('charging_evse.location_id', '=', mulege.id)
      .execute();
    // Two "Tesla (Model S/X)" connections at 18 kW AC three-phase.
    expect(connectors).toEqual([
      { standard: 'NACS', max_electric_power_kw: 18, power_type: 'AC_3_PHASE', charging_level: 'ac_level_2', source_label: 'Tesla (Model S/X)' },
      { standard: 'NACS', max_electric_power_kw: 18, power_type: 'AC_3_PHASE', charging_level: 'ac_level_2', source_label: 'Tesla (Model S/X)' },
    ]);
    // Every location got a state from its point, whatever its free-text state said.
    expect(rows.every((r) => r.cve_ent !== null)).toBe(true);
  });

  it('changes nothing when the same file is imported again', async () => {
    const result = await run('ocm-mx-sample.json', realSample);
    expect(result).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 0, unchangedRows: 8, rejectedRows: 0 });
  });

  it('reads the verbose format, and reports bad rows while keeping the good ones', async () => {
    const verbose = {
      ID: 990001, AddressInfo: { Title: 'Estación sintética', Latitude: 20.5931, Longitude: -100.392, Country: { ISOCode: 'MX' } },
      OperatorInfo: { ID: 9990, Title: 'Operador sintético' }, UsageType: { ID: 1 }, StatusType: { ID: 50 },
      Connections: [{ ID: 1, ConnectionType: { ID: 32, Title: 'CCS (Type 1)' }, CurrentType: { ID: 30 }, PowerKW: 150, Quantity: 1 },
        { ID: 2, ConnectionType: { ID: 4242, Title: 'Mystery plug' }, PowerKW: 7, Quantity: 1 }],
    };
    const result = await run('mixed.json', [
      verbose,
      { ...verbose, ID: 990002, AddressInfo: { ...verbose.AddressInfo, Latitude: -100.392, Longitude: 20.5931 } },
      { ...verbose, ID: 990003, Connections: [{ ConnectionTypeID: 1, PowerKW: -7 }] },
      { ...verbose, ID: 990004, Connections: [{ ConnectionTypeID: 1, PowerKW: 22000 }] },
      { ...verbose, ID: 990005, AddressInfo: { ...verbose.AddressInfo, Latitude: 29.7604, Longitude: -95.3698 } },
      verbose,
    ]);
    expect(result).toMatchObject({ status: 'completed', newRows: 1, rejectedRows: 5 });
    const rejections = (await t.services.imports.listRejections(result.id, { limit: 50, offset: 0 })).items;
    expect(rejections.map((r) => r.code)).toEqual([
      'IMPORT.ROW_SWAPPED_COORDINATES', 'IMPORT.ROW_INVALID_VALUE', 'IMPORT.ROW_INVALID_VALUE', 'IMPORT.ROW_OUTSIDE_MEXICO', 'IMPORT.ROW_DUPLICATE_KEY',
    ]);
    expect(rejections[2]!.message).toContain('W instead of kW');
    const connectors = await t.database.db
      .selectFrom('charging_connector')
      .innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
      .innerJoin('charging_location', 'charging_location.id', 'charging_evse.location_id')
      .select(['standard', 'source_code', 'source_label', 'charging_level'])
      .where('charging_location.source_key', '=', 'ocm:990001')
      .orderBy('source_code')
      .execute();
    // The unknown connector is kept and flagged (no standard), never guessed.
    expect(connectors).toEqual([
      { standard: 'CCS1', source_code: 'ocm:32', source_label: 'CCS (Type 1)', charging_level: 'dc_ultra_fast' },
      { standard: null, source_code: 'ocm:4242', source_label: 'Mystery plug', charging_level: 'ac_level_2' },
    ]);
  });

  it('updates a changed location, replacing its connectors and placing it again by its new point', async () => {
    const changed = realSample.map((poi) =>
      poi.ID === 113844
        ? { ...poi, AddressInfo: { ...poi.AddressInfo, Latitude: 24.1426, Longitude: -110.3128 }, Connections: [{ ...poi.Connections[0], PowerKW: 19.2, Quantity: 3 }] }
        : poi,
    );
    const result = await run('ocm-mx-sample-v2.json', changed);
    expect(result).toMatchObject({ status: 'completed', newRows: 0, updatedRows: 1, unchangedRows: 7 });
    const moved = await t.database.db.selectFrom('charging_location').selectAll().where('source_key', '=', 'ocm:113844').executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ cve_ent: '03', cvegeo: '03003' }); // La Paz, no longer Mulegé
    const connectors = await t.database.db
      .selectFrom('charging_connector').innerJoin('charging_evse', 'charging_evse.id', 'charging_connector.evse_id')
      .select('max_electric_power_kw').where('charging_evse.location_id', '=', moved.id).execute();
    expect(connectors.map((c) => c.max_electric_power_kw)).toEqual([19.2, 19.2, 19.2]);
    const history = await t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', moved.id).where('action', '=', 'update').execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.before).toMatchObject({ lat: 26.897669, lon: -111.96527 });
    // Importing the original again restores it.
    expect(await run('ocm-mx-sample.json', realSample)).toMatchObject({ updatedRows: 1, unchangedRows: 7 });
  });

  it('rejects a file from the wrong source as a whole', async () => {
    const result = await run('not-ocm.json', [{ cvegeo: '22014', nombre: 'x' }]);
    expect(result.status).toBe('rejected');
    expect(result.fileError?.code).toBe('IMPORT.MISSING_COLUMNS');
  });
});
