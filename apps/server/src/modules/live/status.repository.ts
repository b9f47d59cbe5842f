import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { StatusChange } from './status.domain.js';

/**
 * Appends status changes to the history and moves each census EVSE's current status
 * forward, in one statement, so a caller can batch the changes of many charge points.
 *
 * A change older than the EVSE's current status is kept in the history but does not
 * replace the current status: sources deliver late (OCPP messages queued offline, OCPI
 * pushes retried), and the newest report wins.
 */
export async function recordStatusChanges(db: Db, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await sql`with ${statusChangeCtes(changes)} select 1`.execute(db);
}

/**
 * The common table expressions that store status changes (`status_rows`, `status_history`,
 * `status_current`), for a statement that stores other things too: the OCPP group commit
 * writes a whole batch in one statement. `keep` is a condition on a change `r` (columns of
 * {@link StatusChange} in snake case) that the statement's own CTEs decide, such as "its
 * charge point still exists".
 */
export function statusChangeCtes(changes: StatusChange[], keep?: RawBuilder<unknown>): RawBuilder<unknown> {
  const rows = changes.map((c) => ({
    location_id: c.locationId,
    evse_uid: c.evseUid,
    charge_point_id: c.chargePointId ?? null,
    ocpp_evse_id: c.ocppEvseId ?? null,
    ocpp_connector_id: c.ocppConnectorId ?? null,
    status: c.status,
    protocol_status: c.protocolStatus ?? null,
    error_code: c.errorCode ?? null,
    info: c.info ?? null,
    source: c.source,
    occurred_at: c.occurredAt.toISOString(),
  }));
  // One parse of the rows: the history insert and the current status both read them.
  return sql`
    status_rows as materialized (
      select * from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (
        location_id uuid, evse_uid text, charge_point_id uuid, ocpp_evse_id integer, ocpp_connector_id integer, status text,
        protocol_status text, error_code text, info text, source text, occurred_at timestamptz))
        with ordinality as r(location_id, evse_uid, charge_point_id, ocpp_evse_id, ocpp_connector_id, status, protocol_status, error_code, info, source, occurred_at, n)
      where ${keep ?? sql`true`}
    ), status_history as (
      insert into charging_status_event (location_id, evse_uid, charge_point_id, ocpp_evse_id, ocpp_connector_id, status, protocol_status, error_code, info, source, occurred_at)
      select location_id, evse_uid, charge_point_id, ocpp_evse_id, ocpp_connector_id, status, protocol_status, error_code, info, source, occurred_at
      from status_rows order by n
    ), status_current as (
      -- The newest change per EVSE in this batch; ties (same instant) go to the later in the batch.
      insert into charging_evse_status as s (location_id, evse_uid, status, status_at, source)
      select distinct on (v.location_id, v.evse_uid) v.location_id, v.evse_uid, v.status, v.occurred_at, v.source
      from status_rows v
      where v.location_id is not null and v.evse_uid is not null
      order by v.location_id, v.evse_uid, v.occurred_at desc, v.n desc
      on conflict (location_id, evse_uid) do update
        set status = excluded.status, status_at = excluded.status_at, source = excluded.source, received_at = now()
        where s.status_at <= excluded.status_at
    )`;
}
