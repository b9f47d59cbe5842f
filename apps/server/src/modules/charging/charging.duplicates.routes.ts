import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import type { DuplicatesService } from './charging.duplicates.service.js';

const tags = ['charging'];
const Status = Type.Union([Type.Literal('pending'), Type.Literal('merged'), Type.Literal('distinct')]);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Reasons = Type.Array(Type.String(), { description: 'Stable codes: distance_<n>m, name_same, name_similar, name_differs, same_operator, operator_differs, connectors_compatible, connectors_differ, connectors_conflict, connectors_unknown, registered_location' });

const pairFields = {
  id: Type.String(), status: Status, score: Type.Number({ minimum: 0, maximum: 1 }), distanceM: Type.Number(), reasons: Reasons,
  createdAt: Type.String(), decidedAt: Nullable(Type.String()),
};
const ListedSide = Type.Object({ id: Type.String(), sourceKey: Type.String(), source: Type.String(), name: Type.String(), operatorName: Nullable(Type.String()) });
const Side = Type.Object({
  id: Type.String(), sourceKey: Type.String(), source: Type.String(), sourceRecordId: Type.String(), name: Type.String(),
  address: Nullable(Type.String()), city: Nullable(Type.String()), postalCode: Nullable(Type.String()), countryCode: Nullable(Type.String()),
  lat: Type.Number(), lon: Type.Number(), cveEnt: Nullable(Type.String()), cvegeo: Nullable(Type.String()),
  stateName: Nullable(Type.String()), municipalityName: Nullable(Type.String()), access: Nullable(Type.String()), lifecycleStatus: Nullable(Type.String()),
  operatorName: Nullable(Type.String()), operatorOrganisationId: Nullable(Type.String()), operatorOrganisationName: Nullable(Type.String()),
  ownerName: Nullable(Type.String()), origin: Type.String(), mergedInto: Nullable(Type.String()), paymentMethods: Type.Array(Type.String()),
  ocppSupport: Nullable(Type.Boolean()), commissionedOn: Nullable(Type.String()), lastVerifiedAt: Nullable(Type.String()), createdAt: Type.String(),
  evses: Type.Array(Type.Object({
    evseUid: Type.String(), lifecycleStatus: Nullable(Type.String()),
    connectors: Type.Array(Type.Object({
      connectorId: Type.String(), standard: Nullable(Type.String()), sourceCode: Type.String(), sourceLabel: Nullable(Type.String()),
      powerType: Nullable(Type.String()), maxElectricPowerKw: Nullable(Type.Number()),
    })),
  })),
  provenance: Type.Record(Type.String(), Type.Unknown()),
});
const Source = Type.Object({
  id: Type.String(), name: Type.String(), publisher: Type.String(), vintage: Type.String(), attribution: Type.String(), licence: Type.String(), url: Nullable(Type.String()),
});
const PairDetail = Type.Object({ ...pairFields, decidedBy: Nullable(Type.String()), location: Side, match: Side, sources: Type.Array(Source) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

export function duplicatesRoutes(duplicates: DuplicatesService) {
  return async (app: FastifyInstance) => {
    app.get('/charging/duplicates', {
      schema: {
        tags, summary: 'Possible duplicates across sources, best score first (moderators and admins)',
        querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(Status) })]),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...pairFields, location: ListedSide, match: ListedSide })),
            total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
          }),
          ...errors,
        },
      },
    }, async (request) => {
      const { status, limit, offset } = request.query as { status?: 'pending' | 'merged' | 'distinct'; limit: number; offset: number };
      return duplicates.listPairs(request.principal, status ?? 'pending', { limit, offset });
    });

    app.get('/charging/duplicates/:id', {
      schema: { tags, summary: 'A possible duplicate: both records side by side with distance, score and reasons', params: IdParams, response: { 200: PairDetail, ...errors } },
    }, async (request) => duplicates.getPair(request.principal, (request.params as { id: string }).id));

    app.post('/charging/duplicates/:id/merge', {
      schema: {
        tags, summary: 'Same site: keep one record (`location` or `match`) and fold the other into it', params: IdParams,
        body: Type.Object({ keep: Type.Union([Type.Literal('location'), Type.Literal('match')]) }),
        response: { 200: PairDetail, ...errors },
      },
    }, async (request) => duplicates.merge(request.principal, (request.params as { id: string }).id, (request.body as { keep: 'location' | 'match' }).keep));

    app.post('/charging/duplicates/:id/distinct', {
      schema: { tags, summary: 'Different sites: close the pair; it is never proposed again', params: IdParams, response: { 200: PairDetail, ...errors } },
    }, async (request) => duplicates.distinct(request.principal, (request.params as { id: string }).id));

    app.post('/charging/duplicates/:id/unmerge', {
      schema: { tags, summary: 'Undo a merge (automatic or by a moderator); the pair goes back to the queue', params: IdParams, response: { 200: PairDetail, ...errors } },
    }, async (request) => duplicates.unmerge(request.principal, (request.params as { id: string }).id));

    app.get('/charging/locations/:id/also-reported-by', {
      schema: {
        tags, summary: 'Records of other sources merged into this location, with source and licence (public; private records never listed)', params: IdParams,
        response: {
          200: Type.Object({
            locationId: Type.String(),
            items: Type.Array(Type.Object({ sourceKey: Type.String(), sourceId: Type.String(), sourceRecordId: Type.String(), name: Type.String(), source: Nullable(Source) })),
          }),
          404: Problem,
        },
      },
    }, async (request) => duplicates.alsoReportedBy(request.principal, (request.params as { id: string }).id));
  };
}
