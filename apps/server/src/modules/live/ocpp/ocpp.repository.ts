import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { StatusChange } from '../status.domain.js';
import { recordStatusChanges } from '../status.repository.js';
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

    /** OCPP 1.6 transactionIds, allocated in the batch's transaction. */
    async allocateTransactionIds(tx: Db, count: number): Promise<number[]> {
      if (count === 0) return [];
      const r = await sql<{ id: number }>`select nextval('ocpp_transaction_id_seq')::int as id from generate_series(1, ${count})`.execute(tx);
      return r.rows.map((row) => Number(row.id));
    },

    /** Everything one flush of the writer stores, set-based, inside the caller's transaction. */
    async writeBatch(tx: Db, batch: BatchRows): Promise<void> {
      // A charge point removed while its messages waited must not fail everyone's batch:
      // its writes are dropped (its history went with it), the others' locked in place.
      const ids = [...new Set(batch.presence.map((p) => p.id))];
      const live = ids.length === 0 ? new Set<string>() : new Set((await sql<{ id: string }>`
        select id from charge_point where id in (${sql.join(ids)}) for share`.execute(tx)).rows.map((r) => r.id));
      const rows = live.size === ids.length ? batch : withoutRemoved(batch, live);
      if (rows.boots.length > 0) {
        await sql`
          update charge_point c
          set ocpp_version = v.protocol, vendor = v.vendor, model = v.model, serial_number = v.serial_number,
              firmware_version = v.firmware_version, last_boot_at = v.boot_at, updated_at = now()
          from json_to_recordset(${JSON.stringify(rows.boots)}::json) as v(id uuid, protocol text, vendor text, model text, serial_number text, firmware_version text, boot_at timestamptz)
          where c.id = v.id`.execute(tx);
      }
      if (rows.presence.length > 0) {
        // Being heard from ends an offline spell; a late timestamp never moves last_seen_at back.
        await sql`
          update charge_point c
          set last_seen_at = greatest(c.last_seen_at, v.seen_at), connected = v.connected,
              offline_since = case when v.seen_at is null then c.offline_since end
          from json_to_recordset(${JSON.stringify(rows.presence)}::json) as v(id uuid, seen_at timestamptz, connected boolean)
          where c.id = v.id`.execute(tx);
      }
      if (rows.ports.length > 0) {
        await sql`
          insert into charge_point_port as p (charge_point_id, ocpp_evse_id, ocpp_connector_id, location_id, evse_uid, status, protocol_status, error_code, status_at)
          select distinct on (v.charge_point_id, v.ocpp_evse_id, v.ocpp_connector_id)
                 v.charge_point_id, v.ocpp_evse_id, v.ocpp_connector_id, v.location_id, v.evse_uid, v.status, v.protocol_status, v.error_code, v.status_at
          from rows from (json_to_recordset(${JSON.stringify(rows.ports)}::json) as (
            charge_point_id uuid, ocpp_evse_id integer, ocpp_connector_id integer, location_id uuid, evse_uid text,
            status text, protocol_status text, error_code text, status_at timestamptz)) with ordinality as v(
            charge_point_id, ocpp_evse_id, ocpp_connector_id, location_id, evse_uid, status, protocol_status, error_code, status_at, n)
          order by v.charge_point_id, v.ocpp_evse_id, v.ocpp_connector_id, v.status_at desc, v.n desc
          on conflict (charge_point_id, ocpp_evse_id, ocpp_connector_id) do update
            set location_id = excluded.location_id, evse_uid = excluded.evse_uid, status = excluded.status, protocol_status = excluded.protocol_status,
                error_code = excluded.error_code, status_at = excluded.status_at, received_at = now()
            where p.status_at <= excluded.status_at`.execute(tx);
      }
      await recordStatusChanges(tx, rows.changes);
      for (const round of rows.sessionUpserts) {
        // Readings of the energy register only grow: the smallest seen is the start, the largest the latest.
        await sql`
          insert into charging_session as s (charge_point_id, transaction_id, ocpp_evse_id, ocpp_connector_id, location_id, evse_uid, id_token,
                                             started_at, stopped_at, meter_start_wh, meter_last_wh, energy_wh, stop_reason)
          select v.charge_point_id, v.transaction_id, v.ocpp_evse_id, v.ocpp_connector_id, v.location_id, v.evse_uid, v.id_token,
                 v.started_at, v.stopped_at, v.meter_start_wh, v.meter_last_wh, v.meter_last_wh - v.meter_start_wh, v.stop_reason
          from json_to_recordset(${JSON.stringify(round)}::json) as v(
            charge_point_id uuid, transaction_id text, ocpp_evse_id integer, ocpp_connector_id integer, location_id uuid, evse_uid text, id_token text,
            started_at timestamptz, stopped_at timestamptz, meter_start_wh double precision, meter_last_wh double precision, stop_reason text)
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
            updated_at = now()`.execute(tx);
      }
      for (const round of rows.sessionUpdates) {
        await sql`
          update charging_session s set
            meter_last_wh = greatest(s.meter_last_wh, v.meter_last_wh),
            energy_wh = greatest(s.meter_last_wh, v.meter_last_wh) - s.meter_start_wh,
            stopped_at = coalesce(s.stopped_at, v.stopped_at),
            stop_reason = coalesce(s.stop_reason, v.stop_reason),
            updated_at = now()
          from json_to_recordset(${JSON.stringify(round)}::json) as v(
            charge_point_id uuid, transaction_id text, meter_last_wh double precision, stopped_at timestamptz, stop_reason text)
          where s.charge_point_id = v.charge_point_id and s.transaction_id = v.transaction_id`.execute(tx);
      }
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
