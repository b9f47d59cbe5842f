import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Problem } from '../../../platform/http/schemas.js';
import type { GapQuery, GapsService } from './gaps.service.js';

const tags = ['skills'];
const Labelled = Type.Object({ id: Type.String(), labelEs: Type.String(), labelEn: Type.String() });
const cellFields = {
  stateCode: Type.String(), stateName: Nullable(Type.String()), skill: Labelled,
  peopleNeeded: Nullable(Type.Integer()), reports: Nullable(Type.Integer()), organisations: Nullable(Type.Integer()),
  suppressed: Type.Boolean({ description: 'Demand figures withheld: fewer than 3 reporting organisations' }),
  supply: Type.Object({ courses: Type.Integer(), seatsPerYear: Type.Integer(), coursesWithoutSeats: Type.Integer(), onlineCourses: Type.Integer() }),
  gap: Nullable(Type.Integer()),
  status: Nullable(Type.String({ description: 'no_supply, short, capacity_unknown (gap is an upper bound) or covered' })),
};
const Meta = { method: Type.String(), asOf: Nullable(Type.String()), sources: Type.Array(Type.Object({}, { additionalProperties: true })) };
const Behind = Type.Array(Type.Object({ id: Type.String(), labelEs: Type.Optional(Type.String()), labelEn: Type.Optional(Type.String()), people: Type.Optional(Type.Integer()) }));

export function gapsRoutes(gaps: GapsService) {
  return async (app: FastifyInstance) => {
    app.get('/skills/gaps', {
      schema: {
        tags, summary: 'Curriculum gaps: people needed against courses and seats offered, per state and skill',
        description: 'Largest gaps first. The method and its date come with the answer; demand figures of cells with fewer than 3 reporting organisations are withheld.',
        querystring: Type.Object({
          state: Type.Optional(Type.String({ maxLength: 5, description: 'INEGI cve_ent' })),
          skill: Type.Optional(Type.String({ maxLength: 200, description: 'Taxonomy skill id' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object(cellFields)), total: Type.Integer(), ...Meta }), 400: Problem },
      },
    }, async (request) => gaps.report(request.principal, request.query as GapQuery));

    app.get('/skills/gaps/providers/:organisationId', {
      schema: {
        tags, summary: 'The top unmet skills near an education provider, with the demand behind them',
        params: Type.Object({ organisationId: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) }),
        response: {
          200: Type.Object({
            provider: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() }),
            basis: Type.String({ description: 'courses (the states of its courses), organisation (its registered state) or none' }),
            states: Type.Array(Type.Object({ code: Type.String(), name: Nullable(Type.String()), ring: Type.String() })),
            items: Type.Array(Type.Object({
              ring: Type.String({ description: 'same_state or neighbouring_state' }), teachesAlready: Type.Boolean(), ...cellFields,
              demandBehind: Nullable(Type.Object({ occupations: Behind, levels: Behind, horizons: Behind })),
            })),
            total: Type.Integer(), ...Meta,
          }),
          404: Problem,
        },
      },
    }, async (request) => gaps.provider(request.principal, (request.params as { organisationId: string }).organisationId, (request.query as { limit: number }).limit));
  };
}
