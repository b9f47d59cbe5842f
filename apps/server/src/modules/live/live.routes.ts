import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Problem } from '../../platform/http/schemas.js';
import { evseStatuses, statusSources } from './status.domain.js';
import { publicStatuses } from './live.domain.js';
import type { LiveService } from './live.service.js';

const tags = ['live status'];
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };

const Counts = Type.Object(Object.fromEntries(publicStatuses.map((s) => [s, Type.Integer()])) as Record<(typeof publicStatuses)[number], ReturnType<typeof Type.Integer>>);
const StateRow = Type.Object({
  code: Nullable(Type.String({ description: 'INEGI state code; null for locations outside every Mexican state, MX for the national row' })),
  name: Nullable(Type.String()),
  ports: Type.Integer({ description: 'EVSEs in the census (not decommissioned, not merged)' }),
  portsReporting: Type.Integer({ description: 'Ports with a live status' }),
  counts: Counts,
  outOfServiceShare: Nullable(Type.Number({ description: 'Out of service among the ports reporting' })),
  newestStatusAt: Nullable(Type.String()),
});

const Maintenance = Type.Object({
  offlineForMinutes: Type.Integer(),
  asOf: Type.String(),
  chargePoints: Type.Array(Type.Object({
    id: Type.String(), identity: Type.String(), operatorOrganisationId: Nullable(Type.String()), operatorName: Nullable(Type.String()),
    locationId: Nullable(Type.String()), locationName: Nullable(Type.String()), cveEnt: Nullable(Type.String()), stateName: Nullable(Type.String()),
    connected: Type.Boolean(), lastSeenAt: Nullable(Type.String()), offlineSince: Type.String(), offlineMinutes: Type.Integer(),
  })),
  ports: Type.Array(Type.Object({
    locationId: Type.String(), locationName: Type.String(), evseUid: Type.String(), operatorOrganisationId: Nullable(Type.String()),
    operatorName: Nullable(Type.String()), cveEnt: Nullable(Type.String()), stateName: Nullable(Type.String()), status: Type.String(),
    publicStatus: Type.String(), since: Type.String(), minutes: Type.Integer(), lastReportAt: Type.String(), source: Type.String(),
    protocolStatus: Nullable(Type.String()), errorCode: Nullable(Type.String()), info: Nullable(Type.String()),
  })),
});

export function liveRoutes(live: LiveService) {
  return async (app: FastifyInstance) => {
    app.get('/live/maintenance', {
      schema: {
        tags, summary: 'Charge points offline, and ports faulted or inoperative, for longer than a threshold (operator editors: their organisations; analysts and admins: all)',
        querystring: Type.Object({
          offlineForMinutes: Type.Integer({ minimum: 1, maximum: 525_600, default: 60 }),
          operator: Type.Optional(Type.String({ format: 'uuid', description: 'One operator organisation' })),
        }),
        response: { 200: Maintenance, ...errors },
      },
    }, async (request) => live.maintenance(request.principal, request.query as { offlineForMinutes: number; operator?: string }));

    app.get('/live/status/by-state', {
      schema: {
        tags, summary: 'Live status per state: ports reporting, counts per public status, share out of service, newest report (analysts and admins)',
        response: { 200: Type.Object({ items: Type.Array(StateRow), national: StateRow, method: Type.String(), asOf: Type.String() }), ...errors },
      },
    }, async (request) => live.statusByState(request.principal));

    app.get('/live/status/by-state.csv', {
      schema: { tags, summary: 'Live status per state as CSV (national row last), with method and date', response: errors },
    }, async (request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="electrifica-estado-en-vivo-por-estado.csv"')
        .send(await live.statusByStateCsv(request.principal)));

    app.post('/live/status', {
      schema: {
        tags, summary: 'Report the status of a census EVSE by hand (source manual): its operator’s editors and admins',
        description: 'Kept in the status history like OCPP and OCPI reports; the newest report is the current status.',
        body: Type.Object({
          locationId: Type.String({ format: 'uuid' }),
          evseUid: Type.String({ minLength: 1, maxLength: 48 }),
          status: literals(evseStatuses),
          occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the change happened; now when omitted' })),
          info: Type.Optional(Type.String({ maxLength: 500, description: 'Why, for the history (e.g. "cable replaced")' })),
        }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            locationId: Type.String(), evseUid: Type.String(), status: Type.String(), publicStatus: Type.String(), statusAt: Type.String(),
            receivedAt: Type.String(), source: literals(statusSources),
          }),
          ...errors,
        },
      },
    }, async (request) => live.reportStatus(request.principal, request.body as Parameters<LiveService['reportStatus']>[1]));
  };
}
