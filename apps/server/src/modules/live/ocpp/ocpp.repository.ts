import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { StatusChange } from '../status.domain.js';
import { recordStatusChanges, statusChangeCtes } from '../status.repository.js';
import type { IdTokenStatus, OcppProtocol, PortMapping, RegistrationStatus } from './ocpp.domain.js';

/** What the CSMS needs to know of a charge point to admit it and place its reports. */
export interface ChargePointRecord {
  id: string;
  identity: string;
  operatorOrganisationId: string | null;
  locationId: string | null;
  registrationStatus: RegistrationStatus;
  passwordHash: string | null;
  portMap: PortMapping[];
  /** The location's EVSE uids (unordered), for the implicit port mapping. */
  locationEvseUids: string[];
}

interface ChargePointRow {
  id: string;
  identity: string;
  operator_organisation_id: string | null;
  location_id: string | null;
  registration_status: RegistrationStatus;
  password_hash: string | null;
  port_map: unknown;
  evse_uids: string[] | null;
}

const toRecord = (r: ChargePointRow): ChargePointRecord => ({
  id: r.id,
  identity: r.identity,
  operatorOrganisationId: r.operator_organisation_id,
  locationId: r.location_id,
  registrationStatus: r.registration_status,
  passwordHash: r.password_hash,
  portMap: (typeof r.port_map === 'string' ? JSON.parse(r.port_map) : r.port_map) as PortMapping[],
  locationEvseUids: r.evse_uids ?? [],
});

const chargePointSelect = sql`
  select c.id, c.identity, c.operator_organisation_id, c.location_id, c.registration_status, c.password_hash, c.port_map,
         (select array_agg(e.evse_uid) from charging_evse e where e.location_id = c.location_id) as evse_uids
  from charge_point c`;

/** One state-changing message, as the group-commit writer hands it to {@link writeBatch}. */
export interface BatchRows {
  /** Per charge point: the latest time heard from (null: not heard in this batch) and whether its connection is open. */
  presence: Array<{ id: string; seen_at: string | null; connected: boolean }>;
  boots: Array<{ id: string; protocol: OcppProtocol; vendor: string; model: string; serial_number: string | null; firmware_version: string | null; boot_at: string }>;
  ports: Array<{
    charge_point_id: string; ocpp_evse_id: number; ocpp_connector_id: number; location_id: string | null; evse_uid: string | null;
    status: string; protocol_status: string; error_code: string | null; status_at: string;
  }>;
  changes: StatusChange[];
  /** Rounds in which each (charge point, transaction) appears at most once: a statement may touch a row once. */
  sessionUpserts: SessionUpsertRow[][];
  sessionUpdates: SessionUpdateRow[][];
}

export interface SessionUpsertRow {
  charge_point_id: string;
  transaction_id: string;
  ocpp_evse_id: number | null;
  ocpp_connector_id: number | null;
  location_id: string | null;
  evse_uid: string | null;
  id_token: string | null;
  started_at: string;
  stopped_at: string | null;
  meter_start_wh: number | null;
  meter_last_wh: number | null;
  stop_reason: string | null;
}

/** OCPP 1.6 MeterValues and StopTransaction: they change a session the CSMS started, never create one. */
export interface SessionUpdateRow {
  charge_point_id: string;
  transaction_id: string;
  meter_last_wh: number | null;
  stopped_at: string | null;
  stop_reason: string | null;
}

function withoutRemoved(batch: BatchRows, live: Set<string>): BatchRows {
  const keep = <T extends { charge_point_id: string }>(rows: T[]) => rows.filter((r) => live.has(r.charge_point_id));
  return {
    presence: batch.presence.filter((p) => live.has(p.id)),
    boots: batch.boots.filter((b) => live.has(b.id)),
    ports: keep(batch.ports),
    changes: batch.changes.filter((c) => !c.chargePointId || live.has(c.chargePointId)),
    sessionUpserts: batch.sessionUpserts.map(keep).filter((r) => r.length > 0),
    sessionUpdates: batch.sessionUpdates.map(keep).filter((r) => r.length > 0),
  };
}

/** One statement may touch a row once: sessions fit the batch's statement when each is touched once. */
function sessionsFitOneStatement(batch: BatchRows): boolean {
  if (batch.sessionUpserts.length > 1 || batch.sessionUpdates.length > 1) return false;
  if (batch.sessionUpserts.length === 0 || batch.sessionUpdates.length === 0) return true;
  const upserted = new Set(batch.sessionUpserts[0]!.map((r) => `${r.charge_point_id}/${r.transaction_id}`));
  return !batch.sessionUpdates[0]!.some((r) => upserted.has(`${r.charge_point_id}/${r.transaction_id}`));
}

/**
 * Presence, boots, port statuses, status history and (with `withSessions`) sessions in one
 * statement. Returns the ids of the charge points that exist.
 */
function batchStatement(batch: BatchRows, withSessions: boolean) {
  const boots = new Map(batch.boots.map((b) => [b.id, b]));
  const presence = batch.presence.map((p) => ({ ...p, ...boots.get(p.id) }));
  const live = sql`(select id from cp)`;
  const sessions = withSessions
    ? sql`, sessions_started as (${upsertSessions(batch.sessionUpserts[0] ?? [], sql`v.charge_point_id in ${live}`)}),
          sessions_changed as (${updateSessions(batch.sessionUpdates[0] ?? [], sql`v.charge_point_id in ${live}`)})`
    : sql``;
  // Being heard from ends an offline spell; a late timestamp never moves last_seen_at back.
  return sql<{ id: string }>`
    with cp as (
      update charge_point c
      set last_seen_at = greatest(c.last_seen_at, v.seen_at), connected = v.connected,
          offline_since = case when v.seen_at is null then c.offline_since end,
          ocpp_version = coalesce(v.protocol, c.ocpp_version),
          vendor = case when v.boot_at is null then c.vendor else v.vendor end,
          model = case when v.boot_at is null then c.model else v.model end,
          serial_number = case when v.boot_at is null then c.serial_number else v.serial_number end,
          firmware_version = case when v.boot_at is null then c.firmware_version else v.firmware_version end,
          last_boot_at = coalesce(v.boot_at, c.last_boot_at),
          updated_at = case when v.boot_at is null then c.updated_at else now() end
      from json_to_recordset(${JSON.stringify(presence)}::json) as v(
        id uuid, seen_at timestamptz, connected boolean, protocol text, vendor text, model text, serial_number text, firmware_version text, boot_at timestamptz)
      where c.id = v.id
      returning c.id
    ), ports as (
      insert into charge_point_port as p (charge_point_id, ocpp_evse_id, ocpp_connector_id, location_id, evse_uid, status, protocol_status, error_code, status_at)
      select distinct on (v.charge_point_id, v.ocpp_evse_id, v.ocpp_connector_id)
             v.charge_point_id, v.ocpp_evse_id, v.ocpp_connector_id, v.location_id, v.evse_uid, v.status, v.protocol_status, v.error_code, v.status_at
      from rows from (json_to_recordset(${JSON.stringify(batch.ports)}::json) as (
        charge_point_id uuid, ocpp_evse_id integer, ocpp_connector_id integer, location_id uuid, evse_uid text,
        status text, protocol_status text, error_code text, status_at timestamptz)) with ordinality as v(
        charge_point_id, ocpp_evse_id, ocpp_connector_id, location_id, evse_uid, status, protocol_status, error_code, status_at, n)
      where v.charge_point_id in ${live}
      order by v.charge_point_id, v.ocpp_evse_id, v.ocpp_connector_id, v.status_at desc, v.n desc
      on conflict (charge_point_id, ocpp_evse_id, ocpp_connector_id) do update
        set location_id = excluded.location_id, evse_uid = excluded.evse_uid, status = excluded.status, protocol_status = excluded.protocol_status,
            error_code = excluded.error_code, status_at = excluded.status_at, received_at = now()
        where p.status_at <= excluded.status_at
    ), ${statusChangeCtes(batch.changes, sql`(r.charge_point_id is null or r.charge_point_id in ${live})`)}${sessions}
    select id from cp`;
}

/** Readings of the energy register only grow: the smallest seen is the start, the largest the latest. */
function upsertSessions(rows: SessionUpsertRow[], keep: RawBuilder<unknown>) {
  return sql`
    insert into charging_session as s (charge_point_id, transaction_id, ocpp_evse_id, ocpp_connector_id, location_id, evse_uid, id_token,
                                       started_at, stopped_at, meter_start_wh, meter_last_wh, energy_wh, stop_reason)
    select v.charge_point_id, v.transaction_id, v.ocpp_evse_id, v.ocpp_connector_id, v.location_id, v.evse_uid, v.id_token,
           v.started_at, v.stopped_at, v.meter_start_wh, v.meter_last_wh, v.meter_last_wh - v.meter_start_wh, v.stop_reason
    from json_to_recordset(${JSON.stringify(rows)}::json) as v(
      charge_point_id uuid, transaction_id text, ocpp_evse_id integer, ocpp_connector_id integer, location_id uuid, evse_uid text, id_token text,
      started_at timestamptz, stopped_at timestamptz, meter_start_wh double precision, meter_last_wh double precision, stop_reason text)
    where ${keep}
    on conflict (charge_point_id, transaction_id) do update set
      ocpp_evse_id = coalesce(s.ocpp_evse_id, excluded.ocpp_evse_id),
      ocpp_connector_id = coalesce(s.ocpp_connector_id, excluded.ocpp_connector_id),
      location_id = coalesce(s.location_id, excluded.location_id),
      evse_uid = coalesce(s.evse_uid, excluded.evse_uid),
      id_token = coalesce(s.id_token, excluded.id_token),
      started_at = least(s.started_at, excluded.started_at),
      stopped_at = coalesce(s.stopped_at, excluded.stopped_at),
      meter_start_wh = least(s.meter_start_wh, excluded.meter_start_wh),
      meter_last_wh = greatest(s.meter_last_wh, excluded.meter_last_wh),
      energy_wh = greatest(s.meter_last_wh, excluded.meter_last_wh) - least(s.meter_start_wh, excluded.meter_start_wh),
      stop_reason = coalesce(s.stop_reason, excluded.stop_reason),
      updated_at = now()`;
}

/** OCPP 1.6 MeterValues and StopTransaction change a session the CSMS started, never create one. */
function updateSessions(rows: SessionUpdateRow[], keep: RawBuilder<unknown>) {
  return sql`
    update charging_session s set
      meter_last_wh = greatest(s.meter_last_wh, v.meter_last_wh),
      energy_wh = greatest(s.meter_last_wh, v.meter_last_wh) - s.meter_start_wh,
      stopped_at = coalesce(s.stopped_at, v.stopped_at),
      stop_reason = coalesce(s.stop_reason, v.stop_reason),
      updated_at = now()
    from json_to_recordset(${JSON.stringify(rows)}::json) as v(
      charge_point_id uuid, transaction_id text, meter_last_wh double precision, stopped_at timestamptz, stop_reason text)
    where s.charge_point_id = v.charge_point_id and s.transaction_id = v.transaction_id and ${keep}`;
}

export function createOcppRepository(db: Db) {
  return {
    async findByIdentity(identity: string): Promise<ChargePointRecord | null> {
      const r = await sql<ChargePointRow>`${chargePointSelect} where c.identity = ${identity}`.execute(db);
      return r.rows[0] ? toRecord(r.rows[0]) : null;
    },

    /** Holds an unknown charge point as pending (no operator, no password) for an admin to claim. */
    async createPending(identity: string): Promise<ChargePointRecord> {
      await sql`insert into charge_point (identity, registration_status) values (${identity}, 'pending') on conflict (identity) do nothing`.execute(db);
      const r = await sql<ChargePointRow>`${chargePointSelect} where c.identity = ${identity}`.execute(db);
      return toRecord(r.rows[0]!);
    },

    async idToken(operatorOrganisationId: string, idToken: string): Promise<{ status: IdTokenStatus; expires_at: Date | null } | undefined> {
      return db
        .selectFrom('ocpp_id_token')
        .select(['status', 'expires_at'])
        .where('operator_organisation_id', '=', operatorOrganisationId)
        .where('id_token', '=', idToken)
        .executeTakeFirst();
    },

    /** OCPP 1.6 transactionIds. A sequence is not transactional: the writer draws them in blocks ahead of need. */
    async allocateTransactionIds(count: number): Promise<number[]> {
      if (count === 0) return [];
      const r = await sql<{ id: number }>`select nextval('ocpp_transaction_id_seq')::int as id from generate_series(1, ${count})`.execute(db);
      return r.rows.map((row) => Number(row.id));
    },

    /**
     * Everything one flush of the writer stores. Usually one statement, committed on its own:
     * every round trip of a flush is time the charge points wait, and a busy machine makes each
     * one longer. A batch that touches one session twice (rare) needs statements in order, in a
     * transaction.
     *
     * A charge point removed while its messages waited must not fail everyone's batch: the
     * presence update returns the charge points that still exist (and locks them), and only
     * their writes are stored; the others' history went with them.
     */
    async writeBatch(batch: BatchRows): Promise<void> {
      if (batch.presence.length === 0) return;
      if (sessionsFitOneStatement(batch)) {
        await batchStatement(batch, true).execute(db);
        return;
      }
      await db.transaction().execute(async (tx) => {
        const live = new Set((await batchStatement(batch, false).execute(tx)).rows.map((r) => r.id));
        const rows = live.size === batch.presence.length ? batch : withoutRemoved(batch, live);
        for (const round of rows.sessionUpserts) await upsertSessions(round, sql`true`).execute(tx);
        for (const round of rows.sessionUpdates) await updateSessions(round, sql`true`).execute(tx);
      });
    },

    /**
     * Marks charge points not heard from within the window as offline, from the moment the
     * window ran out, and records UNKNOWN for every port they last reported (on the census
     * EVSE when mapped). Returns how many went offline.
     */
    async sweepOffline(now: Date, offlineAfterS: number): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const gone = await sql<{ id: string; offline_since: Date; ocpp_evse_id: number | null; ocpp_connector_id: number | null; location_id: string | null; evse_uid: string | null }>`
          with gone as (
            update charge_point set offline_since = last_seen_at + make_interval(secs => ${offlineAfterS}), updated_at = now()
            where offline_since is null and last_seen_at < ${now.toISOString()}::timestamptz - make_interval(secs => ${offlineAfterS})
            returning id, offline_since
          )
          select g.id, g.offline_since, p.ocpp_evse_id, p.ocpp_connector_id, p.location_id, p.evse_uid
          from gone g left join charge_point_port p on p.charge_point_id = g.id`.execute(tx);
        const changes: StatusChange[] = gone.rows
          .filter((r) => r.ocpp_evse_id !== null)
          .map((r) => ({
            locationId: r.location_id, evseUid: r.location_id ? r.evse_uid : null, chargePointId: r.id,
            ocppEvseId: r.ocpp_evse_id, ocppConnectorId: r.ocpp_connector_id,
            status: 'UNKNOWN', info: 'heartbeat missed', source: 'system', occurredAt: new Date(r.offline_since),
          }));
        await recordStatusChanges(tx, changes);
        return new Set(gone.rows.map((r) => r.id)).size;
      });
    },

    /** At start-up: no connection survives a restart of the (single) CSMS process. */
    async markAllDisconnected(): Promise<void> {
      await db.updateTable('charge_point').set({ connected: false }).where('connected', '=', true).execute();
    },

    /** At shutdown, for the connections this process held. */
    async markDisconnected(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.updateTable('charge_point').set({ connected: false }).where('id', 'in', ids).execute();
    },
  };
}

export type OcppRepository = ReturnType<typeof createOcppRepository>;
