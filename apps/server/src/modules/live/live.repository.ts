import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { EvseStatus, StatusSource } from './status.domain.js';
import { statusesOf } from './live.domain.js';

export interface OfflineChargePointRow {
  id: string; identity: string; operator_organisation_id: string | null; operator_name: string | null; location_id: string | null;
  location_name: string | null; cve_ent: string | null; state_name: string | null; connected: boolean; last_seen_at: Date | string | null;
  offline_since: Date | string;
}

export interface FaultedPortRow {
  location_id: string; location_name: string; evse_uid: string; operator_organisation_id: string | null; operator_name: string | null;
  cve_ent: string | null; state_name: string | null; status: EvseStatus; status_at: Date | string; received_at: Date | string; source: StatusSource;
  protocol_status: string | null; error_code: string | null; info: string | null;
}

export interface StateStatusRow {
  code: string; ports: number; reporting: number; available: number; occupied: number; out_of_service: number; unknown: number;
  newest_status_at: Date | string | null;
}

/** Which operators a query covers: every one (null) or these organisations. */
export type OperatorScope = string[] | null;

const inList = (statuses: string[]) => sql.join(statuses.map((s) => sql.lit(s)));

export function createLiveRepository(db: Db) {
  const scoped = (column: string, operators: OperatorScope) =>
    operators === null ? sql`true` : operators.length === 0 ? sql`false` : sql`${sql.ref(column)} in (${sql.join(operators)})`;

  return {
    /**
     * Charge points silent since before `before`: offline by the heartbeat sweep, or
     * disconnected and not heard since (a provisioned one that never connected counts from
     * its creation). Pending and rejected charge points are not an operator's to maintain.
     */
    async offlineChargePoints(before: Date, operators: OperatorScope) {
      const r = await sql<OfflineChargePointRow>`
        select * from (
          select cp.id, cp.identity, cp.operator_organisation_id, o.name as operator_name, cp.location_id, l.name as location_name,
                 l.cve_ent, s.name as state_name, cp.connected, cp.last_seen_at,
                 coalesce(cp.offline_since, case when not cp.connected then coalesce(cp.last_seen_at, cp.created_at) end) as offline_since
          from charge_point cp
          left join organisation o on o.id = cp.operator_organisation_id
          left join charging_location l on l.id = cp.location_id
          left join geo_state s on s.cve_ent = l.cve_ent
          where cp.registration_status = 'accepted' and ${scoped('cp.operator_organisation_id', operators)}
        ) x
        where x.offline_since is not null and x.offline_since <= ${before.toISOString()}::timestamptz
        order by x.offline_since, x.identity`.execute(db);
      return r.rows;
    },

    /**
     * Census EVSEs whose current status has been faulted (OUTOFORDER) or inoperative
     * (INOPERATIVE) since before `before`, with the last error the source gave.
     */
    async faultedPorts(before: Date, operators: OperatorScope) {
      const r = await sql<FaultedPortRow>`
        select st.location_id, l.name as location_name, st.evse_uid, l.operator_organisation_id, o.name as operator_name, l.cve_ent, s.name as state_name,
               st.status, st.status_at, st.received_at, st.source, ev.protocol_status, ev.error_code, ev.info
        from charging_evse_status st
        join charging_location l on l.id = st.location_id
        left join organisation o on o.id = l.operator_organisation_id
        left join geo_state s on s.cve_ent = l.cve_ent
        left join lateral (
          select h.protocol_status, h.error_code, h.info from charging_status_event h
          where h.location_id = st.location_id and h.evse_uid = st.evse_uid
          order by h.occurred_at desc, h.id desc limit 1
        ) ev on true
        where st.status in ('OUTOFORDER', 'INOPERATIVE') and st.status_at <= ${before.toISOString()}::timestamptz
          and l.merged_into is null
          and exists (select 1 from charging_evse e where e.location_id = st.location_id and e.evse_uid = st.evse_uid)
          and ${scoped('l.operator_organisation_id', operators)}
        order by st.status_at, l.name, st.evse_uid`.execute(db);
      return r.rows;
    },

    /**
     * Per state: the census EVSEs (ports) of locations not decommissioned nor folded into
     * another record, how many report a live status, and how many are in each public status.
     * `code` is '' for locations outside every Mexican state.
     */
    async statusByState() {
      const count = (group: 'available' | 'occupied' | 'out_of_service' | 'unknown') =>
        sql`(count(*) filter (where st.status in (${inList(statusesOf(group))})))::int`;
      const r = await sql<StateStatusRow>`
        select coalesce(l.cve_ent, '') as code, count(*)::int as ports, count(st.status)::int as reporting,
               ${count('available')} as available, ${count('occupied')} as occupied, ${count('out_of_service')} as out_of_service,
               ${count('unknown')} as unknown, max(st.status_at) as newest_status_at
        from charging_location l
        join charging_evse e on e.location_id = l.id
        left join charging_evse_status st on st.location_id = e.location_id and st.evse_uid = e.evse_uid
        where l.merged_into is null and l.lifecycle_status is distinct from 'decommissioned'
        group by coalesce(l.cve_ent, '')
        order by coalesce(l.cve_ent, '') = '', coalesce(l.cve_ent, '')`.execute(db);
      return r.rows;
    },

    async stateNames() {
      return db.selectFrom('geo_state').select(['cve_ent', 'name']).execute();
    },

    /** The census location and whether it has this EVSE, for a manual status report. */
    async locationForStatus(locationId: string, evseUid: string) {
      const r = await sql<{ id: string; access: string | null; operator_organisation_id: string | null; has_evse: boolean; merged_into: string | null }>`
        select l.id, l.access, l.operator_organisation_id, l.merged_into,
               exists (select 1 from charging_evse e where e.location_id = l.id and e.evse_uid = ${evseUid}) as has_evse
        from charging_location l where l.id = ${locationId}`.execute(db);
      return r.rows[0] ?? null;
    },
  };
}

export type LiveRepository = ReturnType<typeof createLiveRepository>;
