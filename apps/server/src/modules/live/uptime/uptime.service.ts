import { stringify } from 'csv-stringify/sync';
import { recordAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { canEditOrganisation, editedOrganisations, hasRole, type Principal } from '../../accounts/accounts.domain.js';
import { actorOf } from '../../accounts/accounts.service.js';
import type { StatusSource } from '../status.domain.js';
import {
  aggregateUptime, closedSpans, mexicoDefaultZone, mexicoMunicipalityZones, mexicoStateZones, monthPeriod, usStateZones, portUptimeByPeriod, rounded, timeZoneOf,
  trailingMonths, twelveMonthUptime, uptimeMethod,
  type ExclusionReason, type OcpiHours, type PortUptime, type Span, type TwelveMonthUptime, type UptimeTotals,
} from './uptime.domain.js';
import type { ExclusionRow, PortRow, UptimeRepository } from './uptime.repository.js';
import { isoTimestamp as iso } from '../../../platform/time.js';

export type GroupBy = 'port' | 'operator' | 'state';

export interface UptimeQuery {
  month: string;
  groupBy: GroupBy;
  operator?: string | undefined;
  state?: string | undefined;
  /** Only rows whose twelve-month uptime (the rule's annual figure) is below this percentage (rows without data are left out). */
  below?: number | undefined;
}

export interface RecordExclusionInput {
  locationId: string;
  evseUid: string | null;
  startsAt: string;
  endsAt: string;
  reason: ExclusionReason;
  note: string;
}

/** The page that explains the method, linked from every figure. */
export const methodPage = '/disponibilidad/metodo';

/** Every zone a port can keep time in (see `timeZoneOf`). */
const knownZones = [...new Set([...Object.values(mexicoStateZones), ...Object.values(mexicoMunicipalityZones), ...Object.values(usStateZones), mexicoDefaultZone, 'UTC'])];

/** The earliest time zone on Earth: a month that has not begun there has begun nowhere. */
const earliestZone = 'Etc/GMT-14';

export interface PortReportRow extends PortUptime {
  locationId: string;
  locationName: string;
  evseUid: string;
  operator: { organisationId: string | null; name: string | null };
  cveEnt: string | null;
  stateName: string | null;
  usStateAbbr: string | null;
  timeZone: string;
  timeZoneAssumed: boolean;
  /** Whether the location's hours of operation were known and applied. */
  hoursApplied: boolean;
  periodStart: string;
  periodEnd: string;
  lastReportAt: string | null;
  statusSources: StatusSource[];
  /** 680.116(b)(2): the twelve local months ending with the month, over the minutes with data in them. */
  twelveMonths: TwelveMonthUptime & { fromMonth: string; toMonth: string; periodStart: string; periodEnd: string };
}

export interface GroupReportRow extends UptimeTotals {
  key: string;
  name: string | null;
  twelveMonths: UptimeTotals;
}

/**
 * Uptime reports and the outage exclusions behind them. States are public (aggregates);
 * ports and operators are for analysts and admins, and for an operator's editors about
 * their own ports — the rule's data are reported aggregated when made public, and an
 * operator's ports are its business until then.
 */
export function createUptimeService(deps: { db: Db; repository: UptimeRepository; clock?: () => Date }) {
  const { db, repository } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** Undefined: every port; a list: the ports of these operator organisations. */
  function scopeFor(principal: Principal | null, query: Pick<UptimeQuery, 'groupBy' | 'operator'>): string[] | undefined {
    if (query.groupBy === 'state' && !query.operator) return undefined;
    if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Uptime per port and per operator is for analysts and for operators about their own chargers; sign in, or ask for groupBy=state.');
    if (hasRole(principal, 'analyst')) return undefined;
    const edited = editedOrganisations(principal);
    if (edited.length === 0) throw new AppError('ACCOUNTS.FORBIDDEN', 'Uptime per port and per operator is for analysts, admins and the editors of an operator’s organisation; groupBy=state is public.');
    return edited;
  }

  async function compute(principal: Principal | null, query: UptimeQuery) {
    const now = clock();
    if (!monthPeriod(query.month, earliestZone, now)) {
      throw new AppError('UPTIME.MONTH_NOT_STARTED', `The month ${query.month} has not begun; ask for this month or an earlier one.`);
    }
    const scope = scopeFor(principal, query);
    const ports = await repository.ports({ state: query.state, operator: query.operator, organisationIds: scope });

    // Each port's month and the rule's twelve months ending with it, in its local time.
    const window12 = trailingMonths(query.month)!;
    type Period = { start: Date; end: Date; complete: boolean };
    const meta = new Map<string, { port: PortRow; timeZone: string; assumed: boolean; period: Period; months: Period[] }>();
    for (const port of ports) {
      const { timeZone, assumed } = timeZoneOf({ countryCode: port.country_code, cveEnt: port.cve_ent, cvegeo: port.cvegeo, usStateAbbr: port.us_state_abbr });
      const period = monthPeriod(query.month, timeZone, now);
      // The earlier months have begun wherever the month asked for has.
      if (period) meta.set(`${port.location_id}|${port.evse_uid}`, { port, timeZone, assumed, period, months: window12.map((m) => monthPeriod(m, timeZone, now)!) });
    }
    // One statement for the whole window: the twelve months and the status carried into them.
    const histories = await repository.histories([...meta.values()].map((m) => ({ locationId: m.port.location_id, evseUid: m.port.evse_uid, start: m.months[0]!.start, end: m.period.end })));
    const periods = [...meta.values()].map((m) => m.period);
    const windowOf = (list: Period[]): Span => (list.length
      ? { start: Math.min(...list.map((p) => p.start.getTime())), end: Math.max(...list.map((p) => p.end.getTime())) }
      : { start: 0, end: 0 });
    const window = windowOf(periods);
    const window12Span = windowOf([...meta.values()].map((m) => ({ start: m.months[0]!.start, end: m.period.end, complete: m.period.complete })));
    const exclusions = await repository.exclusionsFor(histories.map((h) => h.location_id), window12Span);
    const byLocation = new Map<string, ExclusionRow[]>();
    for (const x of exclusions) byLocation.set(x.location_id, [...(byLocation.get(x.location_id) ?? []), x]);
    const closedCache = new Map<string, ReturnType<typeof closedSpans>>();
    const exclusionsInMonth = new Set<string>();

    const rows: PortReportRow[] = histories.map((h) => {
      const m = meta.get(`${h.location_id}|${h.evse_uid}`)!;
      const period: Span = { start: m.period.start.getTime(), end: m.period.end.getTime() };
      const months: Span[] = m.months.map((p) => ({ start: p.start.getTime(), end: p.end.getTime() }));
      const span12: Span = { start: months[0]!.start, end: period.end };
      const cacheKey = `${h.location_id}|${span12.start}|${span12.end}`;
      if (!closedCache.has(cacheKey)) closedCache.set(cacheKey, closedSpans(m.port.opening_hours as OcpiHours | null, m.timeZone, span12));
      const closed = closedCache.get(cacheKey)!;
      // Hours read in a guessed zone could excuse the wrong minutes: they are applied only in a known one.
      const hoursApplied = closed.known && !m.assumed;
      const applying = (byLocation.get(h.location_id) ?? [])
        .filter((x) => x.evse_uid === null || x.evse_uid === h.evse_uid)
        .map((x) => ({ id: x.id, reason: x.reason, start: new Date(x.starts_at).getTime(), end: new Date(x.ends_at).getTime() }));
      const byMonth = portUptimeByPeriod({
        upSpans: h.runs.filter((r) => r.kind === 'up'),
        outageSpans: h.runs.filter((r) => r.kind === 'outage'),
        exclusions: applying,
        closed: hoursApplied ? closed.spans : [],
      }, months);
      const figures = byMonth[byMonth.length - 1]!;
      for (const x of figures.appliedExclusions) exclusionsInMonth.add(x.id);
      return {
        locationId: h.location_id,
        locationName: m.port.location_name,
        evseUid: h.evse_uid,
        operator: { organisationId: m.port.operator_organisation_id, name: m.port.operator_organisation_name ?? m.port.operator_name },
        cveEnt: m.port.cve_ent,
        stateName: m.port.state_name,
        usStateAbbr: m.port.us_state_abbr,
        timeZone: m.timeZone,
        timeZoneAssumed: m.assumed,
        hoursApplied,
        periodStart: m.period.start.toISOString(),
        periodEnd: m.period.end.toISOString(),
        lastReportAt: h.last_report_at?.toISOString() ?? null,
        // The sources of the month's own minutes.
        statusSources: [...new Set(h.runs.filter((r) => r.start < period.end && r.end > period.start).map((r) => r.source))].sort(),
        ...figures,
        twelveMonths: { fromMonth: window12[0]!, toMonth: query.month, periodStart: m.months[0]!.start.toISOString(), periodEnd: m.period.end.toISOString(), ...twelveMonthUptime(byMonth) },
      };
    });
    // Lowest twelve-month uptime first (the rule's annual figure), then the month's.
    const order = (v: number | null) => v ?? Infinity;
    rows.sort((a, b) => order(a.twelveMonths.uptimePct) - order(b.twelveMonths.uptimePct) || order(a.uptimePct) - order(b.uptimePct)
      || a.locationName.localeCompare(b.locationName) || a.evseUid.localeCompare(b.evseUid));

    const sourcePorts: Record<string, number> = {};
    for (const r of rows) for (const s of r.statusSources) sourcePorts[s] = (sourcePorts[s] ?? 0) + 1;
    // With no port to judge by, the month is complete once it has ended in Mexico's default zone.
    const complete = periods.length > 0 ? periods.every((p) => p.complete) : monthPeriod(query.month, mexicoDefaultZone, now)?.complete ?? false;
    return {
      rows,
      total: { ...aggregateUptime(rows), twelveMonths: aggregateUptime(rows.map((r) => r.twelveMonths)) },
      provenance: {
        method: { ...uptimeMethod, page: methodPage },
        period: {
          month: query.month,
          timeZones: 'Each port’s calendar month in its location’s local time',
          start: periods.length ? new Date(window.start).toISOString() : null,
          end: periods.length ? new Date(window.end).toISOString() : null,
          complete,
          twelveMonths: {
            fromMonth: window12[0]!,
            toMonth: query.month,
            start: periods.length ? new Date(window12Span.start).toISOString() : null,
            end: periods.length ? new Date(window12Span.end).toISOString() : null,
          },
        },
        sources: Object.entries(sourcePorts).sort(([a], [b]) => a.localeCompare(b)).map(([source, portCount]) => ({ source, ports: portCount })),
        exclusionsRecorded: exclusionsInMonth.size,
        exclusionsRecordedTwelveMonths: new Set(exclusions.map((x) => x.id)).size,
        computedAt: now.toISOString(),
      },
    };
  }

  function groupRows(rows: PortReportRow[], groupBy: 'operator' | 'state'): GroupReportRow[] {
    const groups = new Map<string, { name: string | null; ports: PortReportRow[] }>();
    for (const r of rows) {
      const [key, name] = groupBy === 'operator'
        ? [r.operator.organisationId ?? (r.operator.name ? `name:${r.operator.name.toLowerCase()}` : 'undeclared'), r.operator.name]
        : [r.cveEnt ?? r.usStateAbbr ?? 'unplaced', r.stateName ?? r.usStateAbbr];
      const g = groups.get(key) ?? { name, ports: [] };
      g.ports.push(r);
      groups.set(key, g);
    }
    return [...groups.entries()]
      .map(([key, g]) => ({ key, name: g.name, ...aggregateUptime(g.ports), twelveMonths: aggregateUptime(g.ports.map((p) => p.twelveMonths)) }))
      .sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.key.localeCompare(b.key));
  }

  /** The rule's threshold is annual: `below` applies to the twelve-month figure. */
  const isBelow = (below: number | undefined) => (r: { twelveMonths: { uptimePct: number | null } }) =>
    below === undefined || (r.twelveMonths.uptimePct !== null && r.twelveMonths.uptimePct < below);

  const service = {
    async report(principal: Principal | null, query: UptimeQuery & { limit: number; offset: number }) {
      const { rows, total, provenance } = await compute(principal, query);
      const items = (query.groupBy === 'port' ? rows : groupRows(rows, query.groupBy)).filter(isBelow(query.below));
      return {
        month: query.month,
        groupBy: query.groupBy,
        below: query.below ?? null,
        items: items.slice(query.offset, query.offset + query.limit).map((r) => rounded(r)),
        total: items.length,
        limit: query.limit,
        offset: query.offset,
        overall: rounded(total),
        ...provenance,
      };
    },

    /** The same rows as CSV, every row with its method, period and sources. */
    async reportCsv(principal: Principal | null, query: UptimeQuery) {
      const { rows, provenance } = await compute(principal, query);
      const common = {
        method: `${uptimeMethod.id} (${uptimeMethod.rule})`,
        month: query.month,
        status_sources: provenance.sources.map((s) => s.source).join('|'),
        computed_at: provenance.computedAt,
      };
      if (query.groupBy === 'port') {
        return stringify(rows.filter(isBelow(query.below)).map((r) => rounded({
          month: common.month, location_id: r.locationId, location_name: r.locationName, evse_uid: r.evseUid,
          operator_organisation_id: r.operator.organisationId, operator: r.operator.name, cve_ent: r.cveEnt, state: r.stateName, us_state: r.usStateAbbr,
          time_zone: r.timeZone, period_start: r.periodStart, period_end: r.periodEnd,
          total_minutes: r.totalMinutes, up_minutes: r.upMinutes, outage_minutes: r.outageMinutes, excluded_minutes: r.excludedMinutes,
          outside_hours_minutes: r.outsideHoursMinutes, uptime_pct: r.uptimePct, availability_pct: r.availabilityPct,
          ...twelveMonthColumns(r.twelveMonths),
          twelve_month_from: r.twelveMonths.fromMonth, twelve_month_months_with_data: r.twelveMonths.monthsWithData,
          hours_applied: r.hoursApplied,
          exclusions: r.appliedExclusions.map((x) => `${x.id}:${x.reason}:${x.appliedMinutes}`).join('|'),
          last_report_at: r.lastReportAt, status_sources: r.statusSources.join('|'), method: common.method, computed_at: common.computed_at,
        })), { header: true });
      }
      const groups = groupRows(rows, query.groupBy).filter(isBelow(query.below));
      return stringify([...groups, { key: 'all', name: null, ...aggregateUptime(rows), twelveMonths: aggregateUptime(rows.map((r) => r.twelveMonths)) }].map((g) => rounded({
        group_by: query.groupBy, key: g.key, name: g.name, ports: g.ports, ports_without_data: g.portsWithoutData,
        ports_below_target: g.portsBelowTarget, total_minutes: g.totalMinutes, up_minutes: g.upMinutes, outage_minutes: g.outageMinutes,
        excluded_minutes: g.excludedMinutes, outside_hours_minutes: g.outsideHoursMinutes, uptime_pct: g.uptimePct, availability_pct: g.availabilityPct,
        ...twelveMonthColumns(g.twelveMonths),
        twelve_month_from: provenance.period.twelveMonths.fromMonth, twelve_month_ports: g.twelveMonths.ports,
        twelve_month_ports_without_data: g.twelveMonths.portsWithoutData, twelve_month_ports_below_target: g.twelveMonths.portsBelowTarget,
        ...common,
      })), { header: true });
    },

    async recordExclusion(principal: Principal | null, input: RecordExclusionInput) {
      if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token, to record an outage exclusion.');
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      if (!(endsAt.getTime() > startsAt.getTime())) {
        throw new AppError('UPTIME.INVALID_EXCLUSION', `The exclusion ends (${input.endsAt}) before it starts (${input.startsAt}); give an end after the start.`, [{ path: '/endsAt', message: 'must be after startsAt' }]);
      }
      const note = input.note.trim();
      if (!note) throw new AppError('UPTIME.INVALID_EXCLUSION', 'Say what happened and how you know the port would otherwise have worked: 23 CFR 680.116(b) asks the operator to demonstrate it.', [{ path: '/note', message: 'required' }]);
      const location = await repository.findLocation(input.locationId);
      if (!location || location.merged_into !== null || location.access === 'private') {
        throw new AppError('CHARGING.LOCATION_NOT_FOUND', `There is no public charging location ${input.locationId}.`);
      }
      if (!(location.operator_organisation_id && canEditOrganisation(principal, location.operator_organisation_id)) && principal.role !== 'admin') {
        throw new AppError('UPTIME.NOT_YOUR_LOCATION', 'Only the editors of the location’s operator and admins can record outage exclusions for it.');
      }
      if (input.evseUid !== null && !(await repository.portExists(input.locationId, input.evseUid))) {
        throw new AppError('UPTIME.PORT_NOT_FOUND', `Location ${input.locationId} has no port (EVSE) ${input.evseUid}; leave evseUid out to exclude every port of the location.`, [{ path: '/evseUid', message: 'unknown port' }]);
      }
      const at = new Date();
      const provenance = {
        method: principal.role === 'admin' && !(location.operator_organisation_id && principal.memberships.some((m) => m.organisationId === location.operator_organisation_id)) ? 'manual' : 'declared by operator',
        userId: principal.userId,
        declaredAt: at.toISOString(),
      };
      const id = await db.transaction().execute(async (tx) => {
        const { id: newId } = await repository.insertExclusion(tx, {
          locationId: input.locationId, evseUid: input.evseUid, startsAt, endsAt, reason: input.reason, note,
          recordedBy: principal.userId, recordedByLabel: actorOf(principal).label, provenance,
        });
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'charging.outage_exclusion', entityId: newId, action: 'create', before: null,
          after: { locationId: input.locationId, evseUid: input.evseUid, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason: input.reason, note },
        }]);
        return newId;
      });
      return service.getExclusion(principal, id);
    },

    async getExclusion(principal: Principal | null, id: string) {
      const row = await repository.findExclusion(id);
      if (!row || !maySeeExclusions(principal, row.operator_organisation_id)) throw new AppError('UPTIME.EXCLUSION_NOT_FOUND', `There is no outage exclusion ${id} among those you may see.`);
      return toExclusion(row);
    },

    async listExclusions(principal: Principal | null, query: { locationId?: string | undefined; month?: string | undefined; includeWithdrawn: boolean; limit: number; offset: number }) {
      if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in to see outage exclusions.');
      let organisationIds: string[] | undefined;
      if (!hasRole(principal, 'analyst')) {
        organisationIds = editedOrganisations(principal);
        if (organisationIds.length === 0) throw new AppError('ACCOUNTS.FORBIDDEN', 'Outage exclusions are listed for analysts, admins and the editors of an operator’s organisation.');
      }
      // The month from its earliest start to its latest end among the zones ports keep time in.
      let from: Date | undefined;
      let to: Date | undefined;
      if (query.month) {
        const spans = knownZones.map((zone) => monthPeriod(query.month!, zone, new Date(8.64e15))).filter((p) => p !== null);
        from = new Date(Math.min(...spans.map((p) => p.start.getTime())));
        to = new Date(Math.max(...spans.map((p) => p.end.getTime())));
      }
      const { rows, total } = await repository.listExclusions({ locationId: query.locationId, organisationIds, from, to, includeWithdrawn: query.includeWithdrawn, limit: query.limit, offset: query.offset });
      return { items: rows.map(toExclusion), total, limit: query.limit, offset: query.offset };
    },

    /** Withdraws an exclusion: it stays on record, no longer applied. */
    async withdrawExclusion(principal: Principal | null, id: string, reason: string | null) {
      if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in to withdraw an outage exclusion.');
      await db.transaction().execute(async (tx) => {
        const row = await repository.findExclusion(id, tx, true);
        if (!row || !maySeeExclusions(principal, row.operator_organisation_id)) throw new AppError('UPTIME.EXCLUSION_NOT_FOUND', `There is no outage exclusion ${id} among those you may see.`);
        if (!(row.operator_organisation_id && canEditOrganisation(principal, row.operator_organisation_id)) && principal.role !== 'admin') {
          throw new AppError('UPTIME.NOT_YOUR_LOCATION', 'Only the editors of the location’s operator and admins can withdraw its outage exclusions.');
        }
        if (row.withdrawn_at !== null) throw new AppError('UPTIME.EXCLUSION_WITHDRAWN', `Outage exclusion ${id} was already withdrawn on ${new Date(row.withdrawn_at).toISOString()}.`);
        await repository.withdrawExclusion(tx, id, principal.userId, reason);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'charging.outage_exclusion', entityId: id, action: 'update', before: { withdrawn: false }, after: { withdrawn: true, reason } }]);
      });
      return service.getExclusion(principal, id);
    },
  };

  function maySeeExclusions(principal: Principal | null, operatorOrganisationId: string | null): boolean {
    if (!principal) return false;
    if (hasRole(principal, 'analyst')) return true;
    return operatorOrganisationId !== null && canEditOrganisation(principal, operatorOrganisationId);
  }

  return service;
}

/** The twelve-month figures as CSV columns, beside the month's. */
function twelveMonthColumns(f: Pick<UptimeTotals, 'totalMinutes' | 'upMinutes' | 'outageMinutes' | 'excludedMinutes' | 'outsideHoursMinutes' | 'uptimePct' | 'availabilityPct'>) {
  return {
    twelve_month_total_minutes: f.totalMinutes, twelve_month_up_minutes: f.upMinutes, twelve_month_outage_minutes: f.outageMinutes,
    twelve_month_excluded_minutes: f.excludedMinutes, twelve_month_outside_hours_minutes: f.outsideHoursMinutes,
    twelve_month_uptime_pct: f.uptimePct, twelve_month_availability_pct: f.availabilityPct,
  };
}

function toExclusion(row: ExclusionRow & { location_name: string }) {
  return {
    id: row.id,
    locationId: row.location_id,
    locationName: row.location_name,
    evseUid: row.evse_uid,
    startsAt: iso(row.starts_at)!,
    endsAt: iso(row.ends_at)!,
    reason: row.reason,
    note: row.note,
    recordedBy: row.recorded_by_label,
    recordedAt: iso(row.recorded_at)!,
    provenance: row.provenance,
    withdrawnAt: iso(row.withdrawn_at),
    withdrawnReason: row.withdrawn_reason,
  };
}

export type UptimeService = ReturnType<typeof createUptimeService>;
