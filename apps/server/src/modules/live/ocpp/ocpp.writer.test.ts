import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { portReport16 } from './ocpp.domain.js';
import { createOcppRepository } from './ocpp.repository.js';
import { aLocationWithEvses } from './ocpp.test-support.js';
import { batchRows, GroupCommitWriter, StorageUnavailableError, type OcppWrite } from './ocpp.writer.js';

/** Storage whose every write fails, as when the server is down or the pool is exhausted. */
const unavailable = {
  writeBatch: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); },
  allocateTransactionIds: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); },
};
const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, s));

describe('group-commit writer, database unavailable', () => {
  it('rejects every waiting write with StorageUnavailableError and acknowledges none', async () => {
    const flushes: Array<{ writes: number; ok: boolean }> = [];
    const writer = new GroupCommitWriter({ repository: unavailable, flushIntervalMs: 5, onFlush: ({ writes, ok }) => flushes.push({ writes, ok }) });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => writer.submit({ chargePointId: `cp-${i}`, seenAt: at(i), connected: true })));
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof StorageUnavailableError)).toBe(true);
    expect(flushes.every((f) => !f.ok)).toBe(true);
    expect(flushes.reduce((n, f) => n + f.writes, 0)).toBe(50);
    expect(writer.queued).toBe(0);
  });

  it('refuses new writes at once when too many are already waiting', async () => {
    const writer = new GroupCommitWriter({ repository: unavailable, flushIntervalMs: 1000, maxQueued: 3 });
    const waiting = [1, 2, 3].map((i) => writer.submit({ chargePointId: `cp-${i}`, seenAt: at(i), connected: true }).catch((e: unknown) => e));
    await expect(writer.submit({ chargePointId: 'cp-4', seenAt: at(4), connected: true })).rejects.toBeInstanceOf(StorageUnavailableError);
    await writer.drain();
    expect((await Promise.all(waiting)).every((e) => e instanceof StorageUnavailableError)).toBe(true);
  });
});

describe('batch rows', () => {
  it('coalesces presence and boots per charge point, keeps every status report and splits repeated sessions into rounds', () => {
    const report = portReport16({ connectorId: 1, status: 'Charging', errorCode: 'NoError', timestamp: at(3).toISOString() }, at(3));
    const session = (id: string, wh: number) => ({
      charge_point_id: 'a', transaction_id: id, ocpp_evse_id: 1, ocpp_connector_id: 1, location_id: null, evse_uid: null, id_token: null,
      started_at: at(0).toISOString(), stopped_at: null, meter_start_wh: wh, meter_last_wh: wh, stop_reason: null,
    });
    const writes: OcppWrite[] = [
      { chargePointId: 'a', seenAt: at(5), connected: true, boot: { protocol: 'ocpp1.6', vendor: 'V', model: 'old', serialNumber: null, firmwareVersion: null, bootAt: at(5) } },
      { chargePointId: 'a', seenAt: at(2), connected: true, ports: [{ report, locationId: 'L', evseUid: 'E1' }], session: session('T1', 100) },
      { chargePointId: 'b', seenAt: at(1), connected: true },
      { chargePointId: 'b', seenAt: null, connected: false },
      { chargePointId: 'a', seenAt: at(6), connected: true, boot: { protocol: 'ocpp1.6', vendor: 'V', model: 'new', serialNumber: null, firmwareVersion: null, bootAt: at(6) }, session: session('T1', 200) },
      { chargePointId: 'a', seenAt: at(7), connected: true, allocateTransactionId: true, session: { ...session('x', 0), transaction_id: null } },
    ];
    const rows = batchRows(writes.map((write, i) => ({ write, transactionId: i === 5 ? 42 : null })));
    expect(rows.presence).toEqual([
      { id: 'a', seen_at: at(7).toISOString(), connected: true },
      { id: 'b', seen_at: at(1).toISOString(), connected: false },
    ]);
    expect(rows.boots.map((b) => b.model)).toEqual(['new']);
    expect(rows.ports).toHaveLength(1);
    expect(rows.changes[0]).toMatchObject({ locationId: 'L', evseUid: 'E1', chargePointId: 'a', status: 'CHARGING', source: 'ocpp' });
    expect(rows.sessionUpserts.map((round) => round.map((r) => `${r.transaction_id}:${r.meter_last_wh}`))).toEqual([['T1:100', '42:0'], ['T1:200']]);
  });
});

describe('group-commit writer, real database', () => {
  let t: TestApp;
  let cpId: string;
  let locationId: string;
  beforeAll(async () => {
    t = await createTestApp();
    locationId = await aLocationWithEvses(t.database.db, 'test:writer-1', ['E1']);
    cpId = (await t.database.db.insertInto('charge_point').values({ identity: 'WRITER-1', password_hash: null, operator_organisation_id: null, location_id: locationId, ocpp_version: null, vendor: null, model: null, serial_number: null, firmware_version: null, last_boot_at: null, last_seen_at: null, offline_since: null })
      .returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('resolves each write only once its batch is committed, many messages in few transactions', async () => {
    const flushes: number[] = [];
    const writer = new GroupCommitWriter({ repository: createOcppRepository(t.database.db), flushIntervalMs: 5, onFlush: ({ writes }) => flushes.push(writes) });
    const n = 200;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => writer.submit({
      chargePointId: cpId, seenAt: at(i % 60), connected: true,
      ports: [{ report: portReport16({ connectorId: 1, status: i % 2 ? 'Charging' : 'Available', errorCode: 'NoError', timestamp: new Date(Date.UTC(2026, 10, 1, 13, 0, 0, i)).toISOString() }, at(0)), locationId, evseUid: 'E1' }],
    }).then(async () => {
      // Committed by the time the write resolves: visible to any other reader.
      const stored = await t.database.db.selectFrom('charging_status_event').select((eb) => eb.fn.countAll<number>().as('n')).where('charge_point_id', '=', cpId).executeTakeFirstOrThrow();
      return Number(stored.n);
    })));
    // Batches are written in order, so when write i resolves, writes 0…i are all stored.
    expect(results.every((stored, i) => stored >= i + 1)).toBe(true);
    expect(flushes.reduce((a, b) => a + b, 0)).toBe(n);
    expect(flushes.length).toBeLessThan(n);
    const events = await t.database.db.selectFrom('charging_status_event').select('id').where('charge_point_id', '=', cpId).execute();
    expect(events).toHaveLength(n);
    const current = await t.database.db.selectFrom('charging_evse_status').selectAll().where('location_id', '=', locationId).executeTakeFirstOrThrow();
    expect(current.status).toBe('CHARGING'); // the newest (i = 199, odd)
  });

  it('drops the writes of a charge point removed while they waited instead of failing the whole batch', async () => {
    const writer = new GroupCommitWriter({ repository: createOcppRepository(t.database.db), flushIntervalMs: 20 });
    const report = portReport16({ connectorId: 1, status: 'Faulted', errorCode: 'GroundFailure', timestamp: new Date(Date.UTC(2026, 10, 2)).toISOString() }, at(0));
    const removed = '00000000-0000-4000-8000-00000000dead';
    await Promise.all([
      writer.submit({ chargePointId: removed, seenAt: at(1), connected: true, ports: [{ report, locationId: null, evseUid: null }] }),
      writer.submit({ chargePointId: cpId, seenAt: at(2), connected: true, ports: [{ report, locationId, evseUid: 'E1' }] }),
    ]);
    const current = await t.database.db.selectFrom('charging_evse_status').selectAll().where('location_id', '=', locationId).executeTakeFirstOrThrow();
    expect(current.status).toBe('OUTOFORDER');
    expect(await t.database.db.selectFrom('charge_point_port').select('charge_point_id').where('charge_point_id', '=', removed).execute()).toEqual([]);
  });

  it('stores a batch that touches one session twice in order, and still drops a removed charge point', async () => {
    const writer = new GroupCommitWriter({ repository: createOcppRepository(t.database.db), flushIntervalMs: 50 });
    const removed = '00000000-0000-4000-8000-00000000beef';
    const started = { ocpp_evse_id: 1, ocpp_connector_id: 1, location_id: locationId, evse_uid: 'E1', id_token: 'TAG', started_at: at(10).toISOString(), stopped_at: null, meter_start_wh: 1000, meter_last_wh: 1000, stop_reason: null };
    const [start, , ghost] = await Promise.all([
      writer.submit({ chargePointId: cpId, seenAt: at(10), connected: true, allocateTransactionId: true, session: { charge_point_id: cpId, transaction_id: null, ...started } }),
      writer.submit({ chargePointId: cpId, seenAt: at(11), connected: true, session: { charge_point_id: cpId, transaction_id: 'T-2.0.1', ...started } }),
      writer.submit({ chargePointId: removed, seenAt: at(11), connected: true, session: { charge_point_id: removed, transaction_id: 'T-ghost', ...started } }),
    ]);
    expect(start.transactionId).toEqual(expect.any(Number));
    expect(ghost.transactionId).toBeNull();
    // The stop of the 1.6 session and an update of the 2.0.1 one, in one batch with a second update of it.
    await Promise.all([
      writer.submit({ chargePointId: cpId, seenAt: at(20), connected: true, sessionUpdate: { charge_point_id: cpId, transaction_id: String(start.transactionId), meter_last_wh: 4500, stopped_at: at(20).toISOString(), stop_reason: 'Local' } }),
      writer.submit({ chargePointId: cpId, seenAt: at(21), connected: true, session: { charge_point_id: cpId, transaction_id: 'T-2.0.1', ...started, meter_last_wh: 1500 } }),
      writer.submit({ chargePointId: cpId, seenAt: at(22), connected: true, session: { charge_point_id: cpId, transaction_id: 'T-2.0.1', ...started, meter_last_wh: 2500 } }),
      writer.submit({ chargePointId: removed, seenAt: at(22), connected: true, sessionUpdate: { charge_point_id: removed, transaction_id: 'T-ghost', meter_last_wh: 9, stopped_at: null, stop_reason: null } }),
    ]);
    const sessions = await t.database.db.selectFrom('charging_session').select(['charge_point_id', 'transaction_id', 'energy_wh', 'stop_reason'])
      .where('charge_point_id', 'in', [cpId, removed]).orderBy('transaction_id').execute();
    expect(sessions).toEqual([
      { charge_point_id: cpId, transaction_id: String(start.transactionId), energy_wh: 3500, stop_reason: 'Local' },
      { charge_point_id: cpId, transaction_id: 'T-2.0.1', energy_wh: 1500, stop_reason: null },
    ].sort((a, b) => a.transaction_id.localeCompare(b.transaction_id)));
  });

  it('draws OCPP 1.6 transactionIds from the sequence in blocks, each id once', async () => {
    const repository = createOcppRepository(t.database.db);
    let draws = 0;
    const counting = { ...repository, allocateTransactionIds: (n: number) => { draws += 1; return repository.allocateTransactionIds(n); } };
    const writer = new GroupCommitWriter({ repository: counting, flushIntervalMs: 0 });
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await writer.submit({ chargePointId: cpId, seenAt: at(30), connected: true, allocateTransactionId: true,
        session: { charge_point_id: cpId, transaction_id: null, ocpp_evse_id: 1, ocpp_connector_id: 1, location_id: null, evse_uid: null, id_token: null, started_at: at(30).toISOString(), stopped_at: null, meter_start_wh: 0, meter_last_wh: 0, stop_reason: null } });
      ids.push(r.transactionId!);
    }
    expect(new Set(ids).size).toBe(30);
    expect(draws).toBe(1);
  });
});
