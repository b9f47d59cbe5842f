import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Problem } from '../../../platform/http/schemas.js';
import { demandLevels, groupings, horizons, limits, minOrganisationsPerCell, type DemandFields } from './demand.domain.js';
import type { DemandInput, DemandQuery, DemandService } from './demand.service.js';

const tags = ['skills'];
/* Null means "not given"; a type list keeps coercion from turning null into "". */
const nullString = (options: object = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

/*
 * Every field is optional in the schema and the service checks which are required, so a
 * missing field is reported like any other wrong one: 422 with a JSON pointer per field.
 */
const fields = {
  occupationId: Type.String({ maxLength: 200, description: 'Taxonomy occupation id (GET /api/v1/skills/occupations?q=…)' }),
  skills: Type.Array(Type.String({ maxLength: 200 }), { maxItems: limits.skills, description: 'Taxonomy skill ids' }),
  people: Type.Number({ description: `How many people, 1 to ${limits.people}` }),
  horizon: nullString({ maxLength: 30, description: `${horizons.join(', ')}; derived from targetDate when that is given` }),
  targetDate: nullString({ maxLength: 10, description: 'YYYY-MM-DD, after the reporting date and within five years' }),
  stateCode: Type.String({ maxLength: 5, description: 'INEGI cve_ent (two digits: 05 Coahuila)' }),
  municipalityCode: nullString({ maxLength: 10, description: 'INEGI cvegeo (five digits), in the state' }),
  level: Type.String({ maxLength: 20, description: demandLevels.join(', ') }),
  reportedOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, not in the future; default today. Trends are per quarter of this date' }),
  notes: nullString({ maxLength: limits.notes * 2, description: 'Free text, stored and returned as given (never rendered as HTML); private to the organisation' }),
};
const optional = <T extends Record<string, object>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Type.Optional(v as never)]));
const ReportBody = Type.Object({ organisationId: Type.Optional(Type.String({ maxLength: 40, description: 'A company or industry chamber you are an editor of' })), ...optional(fields) }, { additionalProperties: false });
const ReportPatch = Type.Object(optional(fields), { additionalProperties: false });

const Labelled = Type.Object({ id: Type.String(), labelEs: Type.String(), labelEn: Type.String() });
const Report = Type.Object({
  id: Type.String(), status: Type.String(), organisation: Type.Object({ id: Type.String(), name: Type.String() }),
  occupation: Labelled, skills: Type.Array(Labelled), people: Type.Integer(), horizon: Type.String(), targetDate: Nullable(Type.String()), level: Type.String(),
  stateCode: Type.String(), stateName: Nullable(Type.String()), municipalityCode: Nullable(Type.String()), municipalityName: Nullable(Type.String()),
  reportedOn: Type.String(), notes: Nullable(Type.String()), provenance: Type.Object({}, { additionalProperties: true }),
  withdrawnAt: Nullable(Type.String()), updatedAt: Type.String(),
});
const Source = Type.Object({}, { additionalProperties: true });
const Aggregate = Type.Object({
  groupBy: Type.String(),
  items: Type.Array(Type.Object({
    key: Type.String(), labelEs: Type.String(), labelEn: Type.String(),
    people: Nullable(Type.Integer()), reports: Nullable(Type.Integer()), organisations: Nullable(Type.Integer()),
    suppressed: Type.Boolean({ description: `true: fewer than ${minOrganisationsPerCell} organisations report in this cell; its figures are withheld` }),
  })),
  total: Type.Integer({ description: 'Cells, withheld ones included' }),
  peoplePublished: Type.Integer(), suppressedCells: Type.Integer(),
  privacy: Type.String(), method: Type.String(), asOf: Nullable(Type.String()), sources: Type.Array(Source),
});
const Query = Type.Object({
  groupBy: Type.Optional(Type.String({ maxLength: 20, description: `${groupings.join(', ')} (default state); quarter is the trend by reporting date` })),
  state: Type.Optional(Type.String({ maxLength: 5 })), municipality: Type.Optional(Type.String({ maxLength: 10 })),
  skill: Type.Optional(Type.String({ maxLength: 200 })), occupation: Type.Optional(Type.String({ maxLength: 200 })),
  level: Type.Optional(Type.String({ maxLength: 20 })), horizon: Type.Optional(Type.String({ maxLength: 30 })),
  from: Type.Optional(Type.String({ maxLength: 10, description: 'Reporting date from (YYYY-MM-DD)' })), to: Type.Optional(Type.String({ maxLength: 10 })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }),
});
const IdParam = Type.Object({ id: Type.String({ maxLength: 200 }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

export function demandRoutes(demand: DemandService) {
  return async (app: FastifyInstance) => {
    app.get('/skills/demand', {
      schema: {
        tags, summary: 'Aggregated industry demand by state, municipality, skill, occupation, level, horizon or quarter',
        description: `Public. People needed in active reports. Cells with fewer than ${minOrganisationsPerCell} reporting organisations are listed with their figures withheld (analysts and admins see them). Organisation names are never published.`,
        querystring: Query, response: { 200: Aggregate, 400: Problem },
      },
    }, async (request) => demand.aggregate(request.principal, request.query as DemandQuery));

    app.get('/skills/demand/reports/mine', {
      schema: { tags, summary: 'Demand reports of the organisations you edit (withdrawn ones included)', response: { 200: Type.Object({ items: Type.Array(Report), total: Type.Integer() }), 401: Problem } },
    }, async (request) => demand.mine(request.principal));

    app.get('/skills/demand/reports/:id', {
      schema: { tags, summary: 'One demand report (its organisation’s editors only)', params: IdParam, response: { 200: Report, ...errors } },
    }, async (request) => demand.get(request.principal, (request.params as { id: string }).id));

    app.post('/skills/demand/reports', {
      schema: {
        tags, summary: 'Report a need (an editor of a company or industry chamber)',
        description: 'Required: organisationId, occupationId, skills, people, stateCode, level, and horizon or targetDate. Invalid or missing fields answer 422 with `errors[]`; '
          + 'the leading code is DEMAND.UNKNOWN_OCCUPATION, DEMAND.UNKNOWN_SKILL, DEMAND.UNKNOWN_PLACE or DEMAND.INVALID_REPORT. Nothing is saved unless everything is valid.',
        body: ReportBody, response: { 201: Report, ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await demand.report(request.principal, request.body as DemandInput)));

    app.patch('/skills/demand/reports/:id', {
      schema: { tags, summary: 'Edit a demand report (its organisation’s editors)', params: IdParam, body: ReportPatch, response: { 200: Report, ...errors } },
    }, async (request) => demand.update(request.principal, (request.params as { id: string }).id, request.body as Partial<DemandFields>));

    app.post('/skills/demand/reports/:id/withdraw', {
      schema: { tags, summary: 'Withdraw a demand report: it leaves every aggregate (its organisation’s editors)', params: IdParam, response: { 200: Report, ...errors } },
    }, async (request) => demand.withdraw(request.principal, (request.params as { id: string }).id));
  };
}
