import { stringify } from 'csv-stringify/sync';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { canEditOrganisation, editedOrganisations, hasRole, type Principal } from '../accounts/accounts.domain.js';
import { actorOf } from '../accounts/accounts.service.js';
import { publicStatus, type EvseStatus } from './status.domain.js';
import { recordStatusChanges } from './status.repository.js';
import { share, toLiveStatus } from './live.domain.js';
import type { LiveRepository, OperatorScope, StateStatusRow } from './live.repository.js';
import { isoTimestamp as iso } from '../../platform/time.js';

const minutesSince = (d: Date | string, now: Date) => Math.max(0, Math.floor((now.getTime() - new Date(d).getTime()) / 60_000));

export const byStateMethod =
  'Ports are the EVSEs of census locations that are not decommissioned nor merged into another record. A port reports when Electrifica holds ' +
  'a live status for it (from OCPP, OCPI or a manual report); its current status is the newest one reported. Public groups: available (AVAILABLE), ' +
  'occupied (CHARGING, BLOCKED, RESERVED), out of service (INOPERATIVE, OUTOFORDER, PLANNED, REMOVED), unknown (UNKNOWN, e.g. a charger that ' +
  'missed its heartbeats). The out-of-service share is of the ports reporting. The national row covers locations placed in a Mexican state.';

/**
 * The read side of live status (maintenance lists for operators, the national table for
 * analysts) and manual status reports. Who sees what is decided here, on every call.
 */
export function createLiveService(deps: { db: Db; repository: LiveRepository; now?: () => Date }) {
  const { db, repository: repo } = deps;
  const now = deps.now ?? (() => new Date());

  function requireSignedIn(principal: Principal | null): asserts principal is Principal {
    if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  }

  /** Admins and analysts see every operator; an editor sees the organisations they edit. */
  function operatorScope(principal: Principal, operator: string | undefined): OperatorScope {
    if (hasRole(principal, 'analyst')) return operator ? [operator] : null;
    const edited = editedOrganisations(principal);
    if (edited.length === 0) throw new AppError('ACCOUNTS.FORBIDDEN', 'Maintenance lists are for editors of a charge point operator, analysts and admins.');
    if (operator && !edited.includes(operator)) throw new AppError('ACCOUNTS.FORBIDDEN', `You do not edit organisation ${operator}; ask one of its editors to add you.`);
    return operator ? [operator] : edited;
  }

  function stateRow(r: StateStatusRow, name: string | null) {
    return {
      code: r.code === '' ? null : r.code.trimEnd(), name, ports: r.ports, portsReporting: r.reporting,
      counts: { available: r.available, occupied: r.occupied, out_of_service: r.out_of_service, unknown: r.unknown },
      outOfServiceShare: share(r.out_of_service, r.reporting), newestStatusAt: iso(r.newest_status_at),
    };
  }

  const service = {
    /**
     * Charge points offline, and ports faulted or inoperative, for longer than
     * `offlineForMinutes`: what an operator's maintenance crew should look at first.
     */
    async maintenance(principal: Principal | null, query: { offlineForMinutes: number; operator?: string | undefined }) {
      requireSignedIn(principal);
      const scope = operatorScope(principal, query.operator);
      const at = now();
      const before = new Date(at.getTime() - query.offlineForMinutes * 60_000);
      const [chargePoints, ports] = await Promise.all([repo.offlineChargePoints(before, scope), repo.faultedPorts(before, scope)]);
      return {
        offlineForMinutes: query.offlineForMinutes,
        asOf: at.toISOString(),
        chargePoints: chargePoints.map((c) => ({
          id: c.id, identity: c.identity, operatorOrganisationId: c.operator_organisation_id, operatorName: c.operator_name, locationId: c.location_id,
          locationName: c.location_name, cveEnt: c.cve_ent?.trimEnd() ?? null, stateName: c.state_name, connected: c.connected,
          lastSeenAt: iso(c.last_seen_at), offlineSince: iso(c.offline_since)!, offlineMinutes: minutesSince(c.offline_since, at),
        })),
        ports: ports.map((p) => ({
          locationId: p.location_id, locationName: p.location_name, evseUid: p.evse_uid, operatorOrganisationId: p.operator_organisation_id,
          operatorName: p.operator_name, cveEnt: p.cve_ent?.trimEnd() ?? null, stateName: p.state_name, status: p.status, publicStatus: publicStatus(p.status),
          since: iso(p.status_at)!, minutes: minutesSince(p.status_at, at), lastReportAt: iso(p.received_at)!, source: p.source,
          protocolStatus: p.protocol_status, errorCode: p.error_code, info: p.info,
        })),
      };
    },

    /** Live status per state with a national row (analysts and admins). */
    async statusByState(principal: Principal | null) {
      requireSignedIn(principal);
      if (!hasRole(principal, 'analyst')) throw new AppError('ACCOUNTS.FORBIDDEN', 'National live status is for analysts and admins.');
      const [rows, states] = await Promise.all([repo.statusByState(), repo.stateNames()]);
      const names = new Map(states.map((s) => [String(s.cve_ent).trimEnd(), s.name]));
      const inMexico = rows.filter((r) => r.code !== '');
      const national: StateStatusRow = { code: 'MX', ports: 0, reporting: 0, available: 0, occupied: 0, out_of_service: 0, unknown: 0, newest_status_at: null };
      for (const r of inMexico) {
        for (const k of ['ports', 'reporting', 'available', 'occupied', 'out_of_service', 'unknown'] as const) national[k] += r[k];
        if (r.newest_status_at && (!national.newest_status_at || new Date(r.newest_status_at) > new Date(national.newest_status_at))) {
          national.newest_status_at = r.newest_status_at;
        }
      }
      return {
        items: rows.map((r) => stateRow(r, r.code === '' ? null : names.get(r.code.trimEnd()) ?? null)),
        national: stateRow(national, null),
        method: byStateMethod,
        asOf: now().toISOString(),
      };
    },

    /** The national table as CSV, national row last, with the method and date in every row. */
    async statusByStateCsv(principal: Principal | null) {
      const s = await service.statusByState(principal);
      return stringify(
        [...s.items, s.national].map((r) => ({
          code: r.code, name: r.code === 'MX' ? 'México' : r.name, ports: r.ports, ports_reporting: r.portsReporting,
          available: r.counts.available, occupied: r.counts.occupied, out_of_service: r.counts.out_of_service, unknown: r.counts.unknown,
          out_of_service_share: r.outOfServiceShare, newest_status_at: r.newestStatusAt, method: s.method, as_of: s.asOf,
        })),
        { header: true },
      );
    },

    /**
     * A status reported by hand (source `manual`): an operator's editor marks a port out of
     * order, back in service, etc.; admins for any location. Kept in the history like any
     * other report, and the newest report wins.
     */
    async reportStatus(principal: Principal | null, input: { locationId: string; evseUid: string; status: EvseStatus; occurredAt?: string | undefined; info?: string | undefined }) {
      requireSignedIn(principal);
      const found = await repo.locationForStatus(input.locationId, input.evseUid);
      const mayReport = found !== null && (hasRole(principal, 'admin') || (found.operator_organisation_id !== null && canEditOrganisation(principal, found.operator_organisation_id)));
      if (!found || !mayReport) {
        throw new AppError('CHARGING.LOCATION_NOT_FOUND', `There is no charging location ${input.locationId} whose status you may report; only its operator’s editors and admins can.`);
      }
      if (found.merged_into) {
        throw new AppError('LIVE.EVSE_NOT_FOUND', `Location ${input.locationId} is merged into ${found.merged_into}; report the status there.`);
      }
      if (!found.has_evse) throw new AppError('LIVE.EVSE_NOT_FOUND', `Location ${input.locationId} has no EVSE "${input.evseUid}" in the census.`);
      const at = now();
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : at;
      if (occurredAt.getTime() > at.getTime() + 60_000) {
        throw new AppError('LIVE.STATUS_IN_FUTURE', `The status change at ${occurredAt.toISOString()} lies in the future; give when it happened.`);
      }
      await db.transaction().execute(async (tx) => {
        await recordStatusChanges(tx, [{ locationId: input.locationId, evseUid: input.evseUid, status: input.status, info: input.info ?? null, source: 'manual', occurredAt }]);
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'live.evse-status', entityId: `${input.locationId}/${input.evseUid}`, action: 'update', before: null,
          after: { status: input.status, occurredAt: occurredAt.toISOString(), info: input.info ?? null, source: 'manual' },
        }]);
      });
      const current = await db.selectFrom('charging_evse_status').selectAll()
        .where('location_id', '=', input.locationId).where('evse_uid', '=', input.evseUid).executeTakeFirstOrThrow();
      return { locationId: input.locationId, evseUid: input.evseUid, ...toLiveStatus(current) };
    },
  };
  return service;
}

export type LiveService = ReturnType<typeof createLiveService>;
