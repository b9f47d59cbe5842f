import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Problem } from '../../../platform/http/schemas.js';
import { exclusionReasons, uptimeMethod, type ExclusionReason } from './uptime.domain.js';
import type { GroupBy, UptimeService } from './uptime.service.js';

const tags = ['uptime'];

const ReportQuery = {
  month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Calendar month, YYYY-MM, in each port’s local time' }),
  groupBy: Type.Union([Type.Literal('port'), Type.Literal('operator'), Type.Literal('state')], { default: 'state', description: 'state is public; port and operator are for analysts, admins and an operator’s editors (their own ports)' }),
  operator: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Operator organisation id, or operator name as the census writes it' })),
  state: Type.Optional(Type.String({ pattern: '^([0-9]{2}|[A-Za-z]{2})$', description: 'INEGI state code (09) or US state (TX)' })),
  below: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: `Only rows whose twelve-month uptime (the rule’s annual figure) is below this percentage (${uptimeMethod.target} lists what misses the rule’s target)` })),
};
const Minutes = {
  totalMinutes: Type.Number(), upMinutes: Type.Number(), outageMinutes: Type.Number(), excludedMinutes: Type.Number(), outsideHoursMinutes: Type.Number(),
  uptimePct: Nullable(Type.Number()), availabilityPct: Nullable(Type.Number()),
};
const TotalsFields = { ports: Type.Integer(), portsWithoutData: Type.Integer(), portsBelowTarget: Type.Integer(), ...Minutes };
/** 680.116(b)(2): the twelve local months ending with the month asked for. */
const TwelveMonthsTotals = Type.Object(TotalsFields, { description: 'The same figures over the twelve months ending with the month; ports below target by their twelve-month uptime' });
const Totals = Type.Object({ ...TotalsFields, twelveMonths: TwelveMonthsTotals });
const TwelveMonthsPort = Type.Object({
  fromMonth: Type.String(), toMonth: Type.String(), periodStart: Type.String(), periodEnd: Type.String(),
  monthsWithData: Type.Integer({ description: 'Months with minutes of data: the figure is over those minutes only' }),
  ...Minutes,
}, { description: 'The same figures over the twelve months ending with the month (the rule’s annual figure)' });
const Row = Type.Object({
  // Ports
  locationId: Type.Optional(Type.String()), locationName: Type.Optional(Type.String()), evseUid: Type.Optional(Type.String()),
  operator: Type.Optional(Type.Object({ organisationId: Nullable(Type.String()), name: Nullable(Type.String()) })),
  cveEnt: Type.Optional(Nullable(Type.String())), stateName: Type.Optional(Nullable(Type.String())), usStateAbbr: Type.Optional(Nullable(Type.String())),
  timeZone: Type.Optional(Type.String()), timeZoneAssumed: Type.Optional(Type.Boolean()), hoursApplied: Type.Optional(Type.Boolean()),
  periodStart: Type.Optional(Type.String()), periodEnd: Type.Optional(Type.String()), lastReportAt: Type.Optional(Nullable(Type.String())),
  statusSources: Type.Optional(Type.Array(Type.String())),
  appliedExclusions: Type.Optional(Type.Array(Type.Object({ id: Type.String(), reason: Type.String(), startsAt: Type.String(), endsAt: Type.String(), appliedMinutes: Type.Number() }))),
  // Groups
  key: Type.Optional(Type.String()), name: Type.Optional(Nullable(Type.String())),
  ports: Type.Optional(Type.Integer()), portsWithoutData: Type.Optional(Type.Integer()), portsBelowTarget: Type.Optional(Type.Integer()),
  ...Minutes,
  // Ports: TwelveMonthsPort; groups: TwelveMonthsTotals.
  twelveMonths: Type.Union([TwelveMonthsPort, TwelveMonthsTotals]),
});
const Report = Type.Object({
  month: Type.String(), groupBy: Type.String(), below: Nullable(Type.Number()),
  items: Type.Array(Row), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
  overall: Totals,
  method: Type.Object({ id: Type.String(), rule: Type.String(), formula: Type.String(), availabilityFormula: Type.String(), target: Type.Number(), twelveMonths: Type.String(), page: Type.String() }),
  period: Type.Object({
    month: Type.String(), timeZones: Type.String(), start: Nullable(Type.String()), end: Nullable(Type.String()), complete: Type.Boolean(),
    twelveMonths: Type.Object({ fromMonth: Type.String(), toMonth: Type.String(), start: Nullable(Type.String()), end: Nullable(Type.String()) }),
  }),
  sources: Type.Array(Type.Object({ source: Type.String(), ports: Type.Integer() })),
  exclusionsRecorded: Type.Integer({ description: 'Exclusions applied to the month' }),
  exclusionsRecordedTwelveMonths: Type.Integer({ description: 'Exclusions in the twelve months' }),
  computedAt: Type.String(),
});
const Exclusion = Type.Object({
  id: Type.String(), locationId: Type.String(), locationName: Type.String(), evseUid: Nullable(Type.String()), startsAt: Type.String(), endsAt: Type.String(),
  reason: Type.String(), note: Type.String(), recordedBy: Type.String(), recordedAt: Type.String(), provenance: Type.Object({}, { additionalProperties: true }),
  withdrawnAt: Nullable(Type.String()), withdrawnReason: Nullable(Type.String()),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const reasonDescription = 'utility_interruption (electric utility service interruption), vehicle_fault (failure to charge due to the vehicle), scheduled_maintenance, vandalism, natural_disaster — the causes 23 CFR 680.116(b)(3) lists';

export function uptimeRoutes(uptime: UptimeService) {
  return async (app: FastifyInstance) => {
    app.get('/live/uptime', {
      schema: {
        tags, summary: 'Charging port uptime (23 CFR 680.116(b)) and availability for a month and the twelve months ending with it, per port, operator or state',
        description: 'Every row carries the month’s figures and, in `twelveMonths`, the same figures over the twelve local months ending with it (680.116(b)(2)); `below` and the ports below target use the twelve-month figure. Every response carries the method, the periods and the status sources behind it. Ports without data have no percentage (never 100 %).',
        querystring: Type.Object({
          ...ReportQuery,
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Report, ...errors },
      },
    }, async (request) => {
      const q = request.query as { month: string; groupBy: GroupBy; operator?: string; state?: string; below?: number; limit: number; offset: number };
      return uptime.report(request.principal, q);
    });

    app.get('/live/uptime.csv', {
      schema: { tags, summary: 'The uptime report as CSV (same filters; groups end with the overall row)', querystring: Type.Object(ReportQuery), response: { ...errors } },
    }, async (request, reply) => {
      const q = request.query as { month: string; groupBy: GroupBy; operator?: string; state?: string; below?: number };
      const csv = await uptime.reportCsv(request.principal, q);
      return reply.type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="electrifica-disponibilidad-${q.month}-${q.groupBy}.csv"`)
        .send(csv);
    });

    app.get('/live/uptime/exclusions', {
      schema: {
        tags, summary: 'Recorded outage exclusions (analysts and admins: all; operator editors: their own)',
        querystring: Type.Object({
          locationId: Type.Optional(Type.String({ format: 'uuid' })),
          month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
          includeWithdrawn: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Exclusion), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errors },
      },
    }, async (request) => uptime.listExclusions(request.principal, request.query as { locationId?: string; month?: string; includeWithdrawn: boolean; limit: number; offset: number }));

    app.post('/live/uptime/exclusions', {
      schema: {
        tags, summary: 'Record an outage to exclude from uptime (the location’s operator editors; admins)',
        description: 'Only outage time inside the exclusion is excused, never more. Recorded and audited; withdrawn, never deleted.',
        body: Type.Object({
          locationId: Type.String({ format: 'uuid' }),
          evseUid: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 48, description: 'One port; omit for every port of the location' }))),
          startsAt: Type.String({ format: 'date-time' }),
          endsAt: Type.String({ format: 'date-time' }),
          reason: Type.Union(exclusionReasons.map((r) => Type.Literal(r)), { description: reasonDescription }),
          note: Type.String({ minLength: 1, maxLength: 2000, description: 'What happened, and how you show the port would otherwise have worked' }),
        }, { additionalProperties: false }),
        response: { 201: Exclusion, ...errors },
      },
    }, async (request, reply) => {
      const b = request.body as { locationId: string; evseUid?: string | null; startsAt: string; endsAt: string; reason: ExclusionReason; note: string };
      return reply.status(201).send(await uptime.recordExclusion(request.principal, { ...b, evseUid: b.evseUid ?? null }));
    });

    app.get('/live/uptime/exclusions/:id', {
      schema: { tags, summary: 'One outage exclusion', params: Id, response: { 200: Exclusion, ...errors } },
    }, async (request) => uptime.getExclusion(request.principal, (request.params as { id: string }).id));

    app.post('/live/uptime/exclusions/:id/withdraw', {
      schema: {
        tags, summary: 'Withdraw an outage exclusion (kept on record, no longer applied)', params: Id,
        body: Type.Optional(Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }, { additionalProperties: false })),
        response: { 200: Exclusion, ...errors },
      },
    }, async (request) => uptime.withdrawExclusion(request.principal, (request.params as { id: string }).id, (request.body as { reason?: string | null } | undefined)?.reason ?? null));
  };
}
