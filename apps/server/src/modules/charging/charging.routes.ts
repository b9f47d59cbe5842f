import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import { chargingUses, connectorStandards } from './charging.domain.js';
import { publicStatuses } from '../live/live.domain.js';
import type { ChargingService } from './charging.service.js';

const tags = ['charging'];
const Filters = Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Text search over name, city and operator (accent-insensitive)' })),
    bbox: Type.Optional(Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'minLon,minLat,maxLon,maxLat' })),
    state: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    municipality: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
    connector: Type.Optional(Type.Union(connectorStandards.map((s) => Type.Literal(s)))),
    minPowerKw: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1200 })),
    access: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('restricted'), Type.Literal('private')])),
    operator: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('operational'), Type.Literal('out_of_service'), Type.Literal('decommissioned')])),
    use: Type.Optional(Type.Union(chargingUses.map((u) => Type.Literal(u)), { description: 'Locations serving this use' })),
    liveStatus: Type.Optional(Type.Union(publicStatuses.map((s) => Type.Literal(s)), {
      description: 'Locations with at least one EVSE in this live status now; unknown includes EVSEs that never reported',
    })),
});
const LocationQuery = Type.Intersect([
  Page,
  Filters,
  Type.Object({
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Opaque cursor from `nextCursor`; when given, `offset` is ignored' })),
  }),
]);
const GroupBy = Type.Object({ groupBy: Type.Union([Type.Literal('state'), Type.Literal('municipality')], { default: 'state' }) });

const Cited = {
  method: Type.String(),
  sources: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), publisher: Type.String(), vintage: Type.String(), attribution: Type.String(),
    licence: Type.String(), url: Nullable(Type.String()),
  })),
  asOf: Nullable(Type.String({ description: 'When the newest charging data were loaded or registered' })),
};
const Ocpp = Type.Object({
  declaredYes: Type.Integer(), declaredNo: Type.Integer(), notDeclared: Type.Integer(),
  share: Nullable(Type.Number({ description: 'Share declaring OCPP support among the locations that declare either way' })),
});
const Counts = Type.Record(Type.String(), Type.Integer());
const StatsRow = Type.Object({
  code: Nullable(Type.String()), name: Nullable(Type.String()), population2020: Nullable(Type.Integer()),
  publicLocations: Type.Integer(), privateLocations: Type.Integer({ description: 'Private chargers in the area: a count only, never points or owners' }),
  evses: Type.Integer(), connectors: Type.Integer(), connectorsByStandard: Counts, installedKw: Type.Number(),
  publicLocationsPer100k: Nullable(Type.Number()), dcFastShare: Nullable(Type.Number()), northAmericanStandardShare: Nullable(Type.Number()),
  ocpp: Ocpp, paymentMethods: Counts, paymentUndeclared: Type.Integer(),
});

/** Splits the shared query into the service's filter, renaming the API's area parameters. */
function filterOf(query: Record<string, any>) {
  const { limit: _limit, offset: _offset, cursor: _cursor, bbox, zoom: _zoom, state, municipality, ...rest } = query;
  const box = bbox ? (String(bbox).split(',').map(Number) as [number, number, number, number]) : undefined;
  return { ...rest, bbox: box, cveEnt: state as string | undefined, cvegeo: municipality as string | undefined };
}

export function chargingRoutes(charging: ChargingService) {
  return async (app: FastifyInstance) => {
    app.get('/charging/locations', {
      schema: {
        tags, summary: 'Charging locations with filters (private chargers only for analysts and admins)', querystring: LocationQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({
              id: Type.String(), sourceKey: Type.String(), name: Type.String(), operatorName: Nullable(Type.String()), access: Nullable(Type.String()),
              lifecycleStatus: Nullable(Type.String()), lat: Type.Number(), lon: Type.Number(), cveEnt: Nullable(Type.String()), cvegeo: Nullable(Type.String()),
              stateName: Nullable(Type.String()), municipalityName: Nullable(Type.String()), connectorStandards: Type.Array(Type.String()),
              maxPowerKw: Nullable(Type.Number()), evseCount: Type.Integer(), uses: Type.Array(Type.String()),
            })),
            total: Type.Integer({ description: 'All locations matching the filters' }), limit: Type.Integer(), offset: Type.Integer(),
            nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' })),
          }),
          400: Problem,
        },
      },
    }, async (request) => {
      const { limit, offset, cursor } = request.query as { limit: number; offset: number; cursor?: string };
      return charging.listLocations(request.principal, filterOf(request.query as Record<string, any>), { limit, offset, cursor });
    });

    app.get('/charging/locations.csv', {
      schema: { tags, summary: `Filtered locations as CSV (up to 100,000 rows), with source and licence per row`, querystring: LocationQuery },
    }, async (request, reply) => {
      const csv = await charging.locationsCsv(request.principal, filterOf(request.query as Record<string, any>));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="electrifica-cargadores.csv"').send(csv);
    });

    app.get('/charging/locations.geojson', {
      schema: { tags, summary: 'Filtered locations as a GeoJSON FeatureCollection (up to 100,000), with source and licence per feature', querystring: Filters },
    }, async (request, reply) => {
      const body = await charging.locationsGeoJson(request.principal, filterOf(request.query as Record<string, any>));
      return reply.type('application/geo+json; charset=utf-8').header('content-disposition', 'attachment; filename="electrifica-cargadores.geojson"')
        .send(Readable.from(body));
    });

    app.get('/charging/locations.ocpi.json', {
      schema: { tags, summary: 'Filtered locations as OCPI 2.2.1 Location objects (up to 100,000; power in W)', querystring: Filters },
    }, async (request, reply) => {
      const body = await charging.locationsOcpi(request.principal, filterOf(request.query as Record<string, any>));
      return reply.type('application/json; charset=utf-8').header('content-disposition', 'attachment; filename="electrifica-cargadores-ocpi.json"')
        .send(Readable.from(body));
    });

    app.get('/charging/clusters', {
      schema: {
        tags, summary: 'Clustered public locations for a map view (GeoJSON, one screenful)',
        querystring: Type.Intersect([Page, Filters, Type.Object({
          bbox: Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'minLon,minLat,maxLon,maxLat of the view' }),
          zoom: Type.Number({ minimum: 0, maximum: 22 }),
        })]),
      },
    }, async (request) => {
      const { bbox, zoom } = request.query as { bbox: string; zoom: number };
      const { bbox: _box, ...filter } = filterOf(request.query as Record<string, any>);
      return charging.clusters(request.principal, filter, String(bbox).split(',').map(Number) as [number, number, number, number], zoom);
    });

    app.get('/charging/stats.csv', {
      schema: { tags, summary: 'The statistics table as CSV (national total last), with method, sources and date', querystring: GroupBy },
    }, async (request, reply) => {
      const { groupBy } = request.query as { groupBy: 'state' | 'municipality' };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="electrifica-cargadores-por-${groupBy === 'state' ? 'estado' : 'municipio'}.csv"`).send(await charging.statsCsv(groupBy));
    });

    app.get('/charging/locations/:id', {
      schema: {
        tags, summary: 'One charging location with its EVSEs and connectors',
        description: 'Each EVSE carries `liveStatus` (OCPI status, public status, statusAt, receivedAt, source; null when it never reported); the location carries `liveStatusSummary`.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 404: Problem },
      },
    }, async (request) => charging.getLocation(request.principal, (request.params as { id: string }).id));

    app.get('/charging/stats', {
      schema: {
        tags, summary: 'Public charging by state or municipality (private chargers as counts only), with a national total, sources and date',
        querystring: GroupBy,
        response: { 200: Type.Object({ groupBy: Type.String(), items: Type.Array(StatsRow), national: StatsRow, ...Cited }) },
      },
    }, async (request) => charging.stats((request.query as { groupBy: 'state' | 'municipality' }).groupBy));

    app.get('/charging/standards', {
      schema: {
        tags, summary: 'Standards dashboard (recommendation 19): connectors by standard, North American share, OCPP, payment methods; sources and date',
        response: {
          200: Type.Object({
            publicLocations: Type.Integer(), connectors: Type.Integer(), connectorsByStandard: Counts,
            northAmericanStandards: Type.Array(Type.String()), northAmericanStandardConnectors: Type.Integer(), northAmericanStandardShare: Nullable(Type.Number()),
            ocpp: Ocpp, paymentMethods: Counts, paymentUndeclared: Type.Integer(), ...Cited,
          }),
        },
      },
    }, async () => charging.standards());

    app.get('/charging/standards.csv', {
      schema: { tags, summary: 'The standards dashboard as CSV, with method, sources and date' },
    }, async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="electrifica-cargadores-estandares.csv"').send(await charging.standardsCsv()));
  };
}
