import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import { exportRowLimit } from './suppliers.export.js';
import type { RawEstablishmentQuery } from './suppliers.search.js';
import type { SuppliersService } from './suppliers.service.js';
import type { StatsGroupBy } from './suppliers.stats.js';

const tags = ['suppliers'];
// Codes are checked by the service (SUPPLIERS.INVALID_QUERY names the accepted values), not by the schema.
const Many = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100, description: `${description}; repeat the parameter (or separate with commas) for OR` }));
const Filters = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Full text over names, SCIAN title, processes and components, Spanish and English, accent-insensitive; every word as a prefix' })),
  state: Many('State code (cve_ent, 2 digits)'),
  municipality: Many('Municipality code (cvegeo, 5 digits)'),
  scian: Many('SCIAN 2018 code or prefix (2 to 6 digits)'),
  tier: Many('Tier: oem, tier1, tier2, tier3'),
  process: Many('Process code (see GET /suppliers/taxonomy)'),
  component: Many('Component code of the catalogue (see GET /suppliers/components)'),
  certification: Many('Certification held and not expired (see GET /suppliers/taxonomy)'),
  size: Many('Size class: micro, small, medium, large'),
  evReadiness: Many('EV readiness: makes_ev_parts, could_convert, not_yet'),
  near: Type.Optional(Type.String({ maxLength: 60, description: 'lat,lon in decimal degrees: only establishments within radiusKm (default 100) of it; adds distanceKm' })),
  radiusKm: Type.Optional(Type.String({ maxLength: 20, description: 'Radius around near, km (up to 3500)' })),
});
const ListQuery = Type.Intersect([Page, Filters, Type.Object({
  sort: Type.Optional(Type.String({ description: 'relevance (default with q), distance (default with near), name' })),
  facets: Type.Boolean({ default: false, description: 'Add counts per state, municipality, tier, process, component, certification, size and evReadiness; each facet ignores its own filter' }),
})]);

const Item = Type.Object({
  id: Type.String(), name: Type.String(), companyId: Nullable(Type.String()), legalName: Nullable(Type.String()), scian: Nullable(Type.String()),
  scianTitle: Nullable(Type.String()), cveEnt: Nullable(Type.String()), stateName: Nullable(Type.String()), cvegeo: Nullable(Type.String()),
  municipalityName: Nullable(Type.String()), lat: Type.Number(), lon: Type.Number(), tiers: Type.Array(Type.String()), processes: Type.Array(Type.String()),
  components: Type.Array(Type.String()), certifications: Type.Array(Type.String({ description: 'held and not expired' })), sizeClass: Nullable(Type.String()),
  employeesStratum: Nullable(Type.String()), evReadiness: Nullable(Type.String()), source: Type.String(),
  distanceKm: Type.Optional(Nullable(Type.Number({ description: 'From near, on the spheroid' }))),
});
const FacetValue = Type.Object({ value: Type.String(), count: Type.Integer(), name: Type.Optional(Nullable(Type.String())) });
const Facets = Type.Object(Object.fromEntries(['state', 'municipality', 'tier', 'process', 'component', 'certification', 'size', 'evReadiness']
  .map((f) => [f, Type.Array(FacetValue)])));
const Source = Type.Object({
  id: Type.String(), name: Type.String(), publisher: Type.String(), vintage: Type.String(), attribution: Type.String(), licence: Type.String(), url: Nullable(Type.String()),
});
const ListResponse = Type.Object({
  items: Type.Array(Item), total: Type.Integer({ description: 'All establishments matching the filters' }), limit: Type.Integer(), offset: Type.Integer(),
  sort: Type.String(), facets: Type.Optional(Facets),
  sources: Type.Array(Source, { description: 'The data sources of the directory' }),
  asOf: Nullable(Type.String({ description: 'The newest data behind the list: the last supplier import or edit' })),
});
const Counts = Type.Record(Type.String(), Type.Integer());
const ComponentCoverage = {
  code: Type.String(), group: Type.String(), evSpecific: Type.Boolean(), nameEs: Type.String(), nameEn: Type.String(), descriptionEs: Nullable(Type.String()),
  descriptionEn: Nullable(Type.String()), hsCodes: Type.Array(Type.String()), retired: Type.Boolean(), establishments: Type.Integer(), companies: Type.Integer(),
  states: Type.Array(Type.String()), statesCount: Type.Integer(), tiers: Counts,
  byState: Type.Record(Type.String(), Type.Integer(), { description: 'Establishments declaring it per state (cve_ent)' }),
  hasDomesticSupplier: Type.Boolean({ description: 'At least one establishment placed in a Mexican state declares it' }),
};
const ComponentDetail = Type.Object({
  ...ComponentCoverage, provenance: Type.Record(Type.String(), Type.Unknown()), updatedAt: Type.String(), suppliers: ListResponse,
  sources: Type.Optional(Type.Array(Source)), asOf: Type.Optional(Nullable(Type.String())),
});
const ComponentBody = {
  group: Type.String({ maxLength: 50 }), evSpecific: Type.Boolean(), nameEs: Type.String({ maxLength: 200 }), nameEn: Type.String({ maxLength: 200 }),
  descriptionEs: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), descriptionEn: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  hsCodes: Type.Optional(Type.Array(Type.String({ maxLength: 12 }), { maxItems: 50 })), retired: Type.Optional(Type.Boolean()),
};
const StatsItem = Type.Object({
  code: Nullable(Type.String({ description: 'null: nothing declared (by state: not placed)' })), name: Nullable(Type.String()), nameEn: Nullable(Type.String()),
  establishments: Type.Integer(), companies: Type.Integer(), byTier: Counts, bySize: Counts, states: Type.Array(Type.String()), statesCount: Type.Integer(),
  hasDomesticSupplier: Type.Optional(Type.Boolean()), evSpecific: Type.Optional(Type.Boolean()), retired: Type.Optional(Type.Boolean()),
});
const GroupBy = Type.Object({
  groupBy: Type.Union([Type.Literal('state'), Type.Literal('tier'), Type.Literal('process'), Type.Literal('component')], { default: 'state' }),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 60 }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const pageOf = (query: Record<string, any>) => ({ limit: query.limit as number, offset: query.offset as number });

/** Sends a streamed export, saying in headers how many rows matched and whether the file is capped. */
function sendExport(reply: FastifyReply, type: string, filename: string, x: { total: number; capped: boolean; limit: number; notice: string | null; body: AsyncIterable<string> }) {
  reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).header('x-total-count', String(x.total))
    .header('x-export-truncated', String(x.capped)).header('x-export-limit', String(x.limit));
  if (x.notice) reply.header('x-export-notice', x.notice);
  return reply.send(Readable.from(x.body));
}

export function suppliersRoutes(suppliers: SuppliersService) {
  return async (app: FastifyInstance) => {
    app.get('/suppliers/establishments', {
      schema: {
        tags, summary: 'Search the supplier directory: full text, filters, radius, facet counts (public fields)', querystring: ListQuery,
        response: { 200: ListResponse, 400: Problem },
      },
    }, async (request) => {
      const query = request.query as RawEstablishmentQuery & { facets: boolean } & Record<string, any>;
      return suppliers.listEstablishments(query, pageOf(query));
    });

    app.get('/suppliers/establishments.csv', {
      schema: { tags, summary: `Filtered establishments as CSV (public fields, up to ${exportRowLimit.toLocaleString('en')} rows, by name), source and licence per row`, querystring: Filters },
    }, async (request, reply) => sendExport(reply, 'text/csv; charset=utf-8', 'electrifica-proveedores.csv', await suppliers.exportCsv(request.query as RawEstablishmentQuery)));

    app.get('/suppliers/establishments.geojson', {
      schema: { tags, summary: 'Filtered establishments as a GeoJSON FeatureCollection (public fields, capped; `truncated` says so)', querystring: Filters },
    }, async (request, reply) =>
      sendExport(reply, 'application/geo+json; charset=utf-8', 'electrifica-proveedores.geojson', await suppliers.exportGeoJson(request.query as RawEstablishmentQuery)));

    app.get('/suppliers/establishments.json', {
      schema: { tags, summary: 'Filtered establishments as JSON (public fields, capped; `truncated` says so)', querystring: Filters },
    }, async (request, reply) =>
      sendExport(reply, 'application/json; charset=utf-8', 'electrifica-proveedores.json', await suppliers.exportJson(request.query as RawEstablishmentQuery)));

    app.get('/suppliers/establishments/:id', {
      schema: {
        tags, summary: 'One establishment: company, address, SCIAN, certifications, provenance per field, records folded into it, sources and date',
        description: 'A record folded into another still answers, with `mergedInto` naming the record that now stands for the plant. `contact` (phone, email, website) ' +
          'is given only to signed-in callers and only when the company consented; `contactHidden` says why it is not (`sign_in`, `no_consent`). ' +
          '`managed` is true when the company is managed by an organisation on Electrifica (a claim was approved, or the company registered itself).',
        params: IdParams, response: { 404: Problem },
      },
    }, async (request) => suppliers.getEstablishment(request.principal, (request.params as { id: string }).id));

    app.get('/suppliers/companies/:id', {
      schema: { tags, summary: 'A company with its public establishments (folded records left out), sources and date', params: IdParams, response: { 404: Problem } },
    }, async (request) => suppliers.getCompany((request.params as { id: string }).id));

    app.get('/suppliers/taxonomy', {
      schema: { tags, summary: 'Vocabularies with Spanish and English labels: tiers, processes, certifications, strata, sizes, EV readiness, component groups and components' },
    }, async () => suppliers.taxonomy());

    app.get('/suppliers/components', {
      schema: {
        tags, summary: 'The electronic catalogue of EV goods and services (recommendation 12) with suppliers per component; components without a domestic supplier listed',
        querystring: Type.Object({ includeRetired: Type.Boolean({ default: false }) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object(ComponentCoverage)), total: Type.Integer(), withoutDomesticSupplier: Type.Array(Type.String()),
            method: Type.String(), sources: Type.Array(Source), asOf: Nullable(Type.String()),
          }),
        },
      },
    }, async (request) => suppliers.components({ includeRetired: (request.query as { includeRetired: boolean }).includeRetired }));

    app.get('/suppliers/components/:code', {
      schema: {
        tags, summary: 'A component with its suppliers, paginated, with the directory filters (near=lat,lon for suppliers near a plant)',
        params: CodeParams, querystring: ListQuery, response: { 200: ComponentDetail, ...errors },
      },
    }, async (request) => {
      const query = request.query as RawEstablishmentQuery & { facets: boolean } & Record<string, any>;
      return suppliers.component((request.params as { code: string }).code, query, pageOf(query));
    });

    app.post('/suppliers/components', {
      schema: {
        tags, summary: 'Add a component to the catalogue (analysts, moderators, admins; audited)',
        body: Type.Object({ code: Type.String({ maxLength: 48 }), ...ComponentBody }), response: { 201: ComponentDetail, ...errors, 422: Problem },
      },
    }, async (request, reply) => reply.status(201).send(await suppliers.createComponent(request.principal, request.body as Record<string, any>)));

    app.patch('/suppliers/components/:code', {
      schema: {
        tags, summary: 'Change a component: names, descriptions, group, HS codes, retirement (analysts, moderators, admins; audited)',
        params: CodeParams, body: Type.Partial(Type.Object(ComponentBody), { minProperties: 1 }), response: { 200: ComponentDetail, ...errors, 422: Problem },
      },
    }, async (request) => suppliers.updateComponent(request.principal, (request.params as { code: string }).code, request.body as Record<string, any>));

    app.get('/suppliers/stats', {
      schema: {
        tags, summary: 'Coverage (recommendation 13) by state, tier, process or component: establishments, companies, tiers, sizes, states; national row; sources and date',
        querystring: GroupBy,
        response: {
          200: Type.Object({
            groupBy: Type.String(), items: Type.Array(StatsItem), national: StatsItem, withoutDomesticSupplier: Type.Optional(Type.Array(Type.String())),
            method: Type.String(), sources: Type.Array(Source), asOf: Nullable(Type.String()),
          }),
        },
      },
    }, async (request) => suppliers.stats((request.query as { groupBy: StatsGroupBy }).groupBy));

    app.get('/suppliers/stats.csv', {
      schema: { tags, summary: 'The coverage table as CSV (national row last), with method, sources and date on every row', querystring: GroupBy },
    }, async (request, reply) => {
      const { groupBy } = request.query as { groupBy: StatsGroupBy };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="electrifica-proveedores-por-${groupBy}.csv"`)
        .send(await suppliers.statsCsv(groupBy));
    });

    app.get('/suppliers/clusters', {
      schema: {
        tags, summary: 'Clustered establishments for a map view (GeoJSON, one screenful), with the directory filters',
        querystring: Type.Intersect([Filters, Type.Object({
          bbox: Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'minLon,minLat,maxLon,maxLat of the view' }),
          zoom: Type.Number({ minimum: 0, maximum: 22 }),
        })]),
      },
    }, async (request) => {
      const { bbox, zoom, ...filters } = request.query as RawEstablishmentQuery & { bbox: string; zoom: number };
      return suppliers.clusters(filters, bbox.split(',').map(Number) as [number, number, number, number], zoom);
    });
  };
}
