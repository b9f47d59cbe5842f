import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import type { Keep, MatchesService } from './suppliers.matches.service.js';
import type { MatchStatus } from './suppliers.matching.repository.js';

const tags = ['suppliers'];
const Status = Type.Union([Type.Literal('pending'), Type.Literal('merged'), Type.Literal('distinct'), Type.Literal('unmerged')]);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Reasons = Type.Array(Type.String(), {
  description: 'Stable codes: distance_<n>m, rfc_same, rfc_differs, name_same, name_similar, name_differs, legal_name_same, plant_number_differs, '
    + 'phone_same, email_same, scian_same_branch, scian_same_subsector, scian_differs, address_similar, postal_code_same, registered_establishment',
});

const pairFields = {
  id: Type.String(), status: Status, score: Type.Number({ minimum: 0, maximum: 1 }), distanceM: Nullable(Type.Number()), reasons: Reasons,
  createdAt: Type.String(), decidedAt: Nullable(Type.String()),
};
const ListedSide = Type.Object({
  id: Type.String(), sourceKey: Type.String(), source: Type.String(), name: Type.String(), legalName: Nullable(Type.String()), rfc: Nullable(Type.String()),
  cvegeo: Nullable(Type.String()), municipalityName: Nullable(Type.String()), stateName: Nullable(Type.String()), mergedInto: Nullable(Type.String()),
});
const Company = Type.Object({
  id: Type.String(), legalName: Type.String(), rfc: Nullable(Type.String()), tradeNames: Type.Array(Type.String()), sizeClass: Nullable(Type.String()),
  ownershipCountry: Nullable(Type.String()), website: Nullable(Type.String()), organisationId: Nullable(Type.String()),
});
const Address = Type.Object({
  street: Nullable(Type.String()), exteriorNumber: Nullable(Type.String()), neighbourhood: Nullable(Type.String()), postalCode: Nullable(Type.String()),
  locality: Nullable(Type.String()), industrialPark: Nullable(Type.String()), municipalityAsGiven: Nullable(Type.String()),
  stateAsGiven: Nullable(Type.String()), cvegeoAsGiven: Nullable(Type.String()),
});
const Certification = Type.Object({
  code: Type.String(), expiresOn: Type.Optional(Type.String()), certificateId: Type.Optional(Type.String()), issuer: Type.Optional(Type.String()),
});
const Side = Type.Object({
  id: Type.String(), sourceKey: Type.String(), source: Type.String({ description: 'Data source id (provenance of the record), e.g. inegi-denue' }),
  sourceRecordId: Type.String(), origin: Type.String(), name: Type.String(), legalName: Nullable(Type.String()), rfc: Nullable(Type.String()),
  company: Nullable(Company), address: Address, lat: Type.Number(), lon: Type.Number(), cveEnt: Nullable(Type.String()), cvegeo: Nullable(Type.String()),
  stateName: Nullable(Type.String()), municipalityName: Nullable(Type.String()), locationFlags: Type.Array(Type.String()),
  scian: Nullable(Type.String()), employeesStratum: Nullable(Type.String()), sizeClass: Nullable(Type.String()),
  tiers: Type.Array(Type.String()), processes: Type.Array(Type.String()), components: Type.Array(Type.String()), certifications: Type.Array(Certification),
  oemCustomers: Type.Array(Type.String()), exportMarkets: Type.Array(Type.String()), evReadiness: Nullable(Type.String()),
  phone: Nullable(Type.String()), email: Nullable(Type.String()), website: Nullable(Type.String()), contactConsent: Type.Boolean(),
  registeredOn: Nullable(Type.String()), mergedInto: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
  provenance: Type.Record(Type.String(), Type.Unknown()),
});
const Source = Type.Object({
  id: Type.String(), name: Type.String(), publisher: Type.String(), vintage: Type.String(), attribution: Type.String(), licence: Type.String(), url: Nullable(Type.String()),
});
const PairDetail = Type.Object({ ...pairFields, decidedBy: Nullable(Type.String()), establishment: Side, match: Side, sources: Type.Array(Source) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The matching queue of the supplier census (moderators and admins). */
export function matchesRoutes(matches: MatchesService) {
  return async (app: FastifyInstance) => {
    app.get('/suppliers/matches', {
      schema: {
        tags, summary: 'Possible matches between sources of the supplier census, best score first (moderators and admins)',
        description: 'Automatic merges are listed as `merged`, so that a moderator can undo them. `pending` lists only pairs whose two records are both still shown.',
        querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(Status) })]),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...pairFields, establishment: ListedSide, match: ListedSide })),
            total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
          }),
          ...errors,
        },
      },
    }, async (request) => {
      const { status, limit, offset } = request.query as { status?: MatchStatus; limit: number; offset: number };
      return matches.listPairs(request.principal, status ?? 'pending', { limit, offset });
    });

    app.get('/suppliers/matches/:id', {
      schema: { tags, summary: 'Both establishments side by side, in full, with score, distance and reasons', params: IdParams, response: { 200: PairDetail, ...errors } },
    }, async (request) => matches.getPair(request.principal, (request.params as { id: string }).id));

    app.post('/suppliers/matches/:id/merge', {
      schema: {
        tags, summary: 'Same plant: keep one record (`establishment` or `match`); the other is folded into it and the kept one fills its empty fields from it',
        params: IdParams,
        body: Type.Object({ keep: Type.Union([Type.Literal('establishment'), Type.Literal('match')]) }),
        response: { 200: PairDetail, ...errors },
      },
    }, async (request) => matches.merge(request.principal, (request.params as { id: string }).id, (request.body as { keep: Keep }).keep));

    app.post('/suppliers/matches/:id/distinct', {
      schema: { tags, summary: 'Different plants: close the pair; it is never proposed again', params: IdParams, response: { 200: PairDetail, ...errors } },
    }, async (request) => matches.distinct(request.principal, (request.params as { id: string }).id));

    app.post('/suppliers/matches/:id/unmerge', {
      schema: {
        tags, summary: 'Undo a merge (automatic or by a moderator): the folded record is shown again and the kept one loses what the merge gave it',
        params: IdParams, response: { 200: PairDetail, ...errors },
      },
    }, async (request) => matches.unmerge(request.principal, (request.params as { id: string }).id));
  };
}
