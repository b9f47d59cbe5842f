import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import { connectorStandards } from './charging.domain.js';
import type { ChargingService } from './charging.service.js';

const tags = ['charging'];
const LocationQuery = Type.Intersect([
  Page,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Text search over name, city and operator (accent-insensitive)' })),
    bbox: Type.Optional(Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'minLon,minLat,maxLon,maxLat' })),
    state: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
    municipality: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
    connector: Type.Optional(Type.Union(connectorStandards.map((s) => Type.Literal(s)))),
    minPowerKw: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1200 })),
    access: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('restricted'), Type.Literal('private')])),
    operator: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('operational'), Type.Literal('out_of_service'), Type.Literal('decommissioned')])),
  }),
]);

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
              maxPowerKw: Nullable(Type.Number()), evseCount: Type.Integer(),
            })),
            total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(),
          }),
          400: Problem,
        },
      },
    }, async (request) => {
      const { limit, offset, bbox, state, municipality, ...rest } = request.query as Record<string, any>;
      const box = bbox ? (String(bbox).split(',').map(Number) as [number, number, number, number]) : undefined;
      return charging.listLocations(request.principal, { ...rest, bbox: box, cveEnt: state, cvegeo: municipality }, { limit, offset });
    });

    app.get('/charging/locations.csv', {
      schema: { tags, summary: `Filtered locations as CSV (up to 100,000 rows), with source and licence per row`, querystring: LocationQuery },
    }, async (request, reply) => {
      const { limit: _limit, offset: _offset, bbox, state, municipality, ...rest } = request.query as Record<string, any>;
      const box = bbox ? (String(bbox).split(',').map(Number) as [number, number, number, number]) : undefined;
      const csv = await charging.locationsCsv(request.principal, { ...rest, bbox: box, cveEnt: state, cvegeo: municipality });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="electrifica-cargadores.csv"').send(csv);
    });

    app.get('/charging/clusters', {
      schema: {
        tags, summary: 'Clustered public locations for a map view (GeoJSON, one screenful)',
        querystring: Type.Intersect([LocationQuery, Type.Object({
          bbox: Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'minLon,minLat,maxLon,maxLat of the view' }),
          zoom: Type.Number({ minimum: 0, maximum: 22 }),
        })]),
      },
    }, async (request) => {
      const { limit: _limit, offset: _offset, bbox, zoom, state, municipality, ...rest } = request.query as Record<string, any>;
      const box = String(bbox).split(',').map(Number) as [number, number, number, number];
      return charging.clusters(request.principal, { ...rest, cveEnt: state, cvegeo: municipality }, box, zoom);
    });

    app.get('/charging/stats.csv', {
      schema: { tags, summary: 'The statistics table as CSV, with method, sources and date', querystring: Type.Object({ groupBy: Type.Union([Type.Literal('state'), Type.Literal('municipality')], { default: 'state' }) }) },
    }, async (request, reply) => {
      const { groupBy } = request.query as { groupBy: 'state' | 'municipality' };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="electrifica-cargadores-por-${groupBy === 'state' ? 'estado' : 'municipio'}.csv"`).send(await charging.statsCsv(groupBy));
    });

    app.get('/charging/locations/:id', {
      schema: { tags, summary: 'One charging location with its EVSEs and connectors', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 404: Problem } },
    }, async (request) => charging.getLocation(request.principal, (request.params as { id: string }).id));

    app.get('/charging/stats', {
      schema: {
        tags, summary: 'Baseline statistics of public charging by state or municipality, with sources and date',
        querystring: Type.Object({ groupBy: Type.Union([Type.Literal('state'), Type.Literal('municipality')], { default: 'state' }) }),
      },
    }, async (request) => charging.stats((request.query as { groupBy: 'state' | 'municipality' }).groupBy));
  };
}
