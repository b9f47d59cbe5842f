import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { StatusChange } from './status.domain.js';

/**
 * Appends status changes to the history and moves each census EVSE's current status
 * forward. Set-based (one statement for the history, one for the current status), so a
 * caller can batch the changes of many charge points in one transaction.
 *
 * A change older than the EVSE's current status is kept in the history but does not
 * replace the current status: sources deliver late (OCPP messages queued offline, OCPI
 * pushes retried), and the newest report wins.
 */
export async function recordStatusChanges(db: Db, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
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
  // One statement, one parse of the rows: the history insert and the current status both
  // read the same recordset (this runs in every OCPP group commit).
  await sql`
    with v as materialized (
      select * from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (
        location_id uuid, evse_uid text, charge_point_id uuid, ocpp_evse_id integer, ocpp_connector_id integer, status text,
        protocol_status text, error_code text, info text, source text, occurred_at timestamptz))
        with ordinality as r(location_id, evse_uid, charge_point_id, ocpp_evse_id, ocpp_connector_id, status, protocol_status, error_code, info, source, occurred_at, n)
    ), history as (
      insert into charging_status_event (location_id, evse_uid, charge_point_id, ocpp_evse_id, ocpp_connector_id, status, protocol_status, error_code, info, source, occurred_at)
      select location_id, evse_uid, charge_point_id, ocpp_evse_id, ocpp_connector_id, status, protocol_status, error_code, info, source, occurred_at
      from v order by n
    )
    -- The newest change per EVSE in this batch; ties (same instant) go to the later in the batch.
    insert into charging_evse_status as s (location_id, evse_uid, status, status_at, source)
    select distinct on (v.location_id, v.evse_uid) v.location_id, v.evse_uid, v.status, v.occurred_at, v.source
    from v
    where v.location_id is not null and v.evse_uid is not null
    order by v.location_id, v.evse_uid, v.occurred_at desc, v.n desc
    on conflict (location_id, evse_uid) do update
      set status = excluded.status, status_at = excluded.status_at, source = excluded.source, received_at = now()
      where s.status_at <= excluded.status_at`.execute(db);
}
