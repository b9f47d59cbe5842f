import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import type { GeoService } from './geo.service.js';
import { tileLayers, type TileLayer, type TileService } from './geo.tiles.js';

const tags = ['geo'];
const Source = Type.Object({ id: Type.String(), name: Type.String(), publisher: Type.String(), vintage: Type.String(), attribution: Type.String(), licence: Type.String(), url: Nullable(Type.String()) });
const CveEnt = Type.Object({ cveEnt: Type.String({ pattern: '^[0-9]{2}$', description: 'INEGI state code, 01–32' }) });
const Cvegeo = Type.Object({ cvegeo: Type.String({ pattern: '^[0-9]{5}$', description: 'INEGI municipal code (5 digits)' }) });
const Bbox = Nullable(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }));

export function geoRoutes(geo: GeoService) {
  return async (app: FastifyInstance) => {
    app.get('/geo/states', {
      schema: {
        tags, summary: 'The 32 states with 2020 population',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ cveEnt: Type.String(), name: Type.String(), shortName: Type.String(), population2020: Nullable(Type.Integer()), areaKm2: Nullable(Type.Number()), municipalityCount: Type.Integer() })), total: Type.Integer(), sources: Type.Array(Source) }) },
      },
    }, async () => geo.listStates());

    app.get('/geo/states/:cveEnt', {
      schema: {
        tags, summary: 'One state', params: CveEnt,
        response: { 200: Type.Object({ cveEnt: Type.String(), name: Type.String(), shortName: Type.String(), population2020: Nullable(Type.Integer()), populationMale2020: Nullable(Type.Integer()), populationFemale2020: Nullable(Type.Integer()), areaKm2: Nullable(Type.Number()), municipalityCount: Type.Integer(), bbox: Bbox, sources: Type.Array(Source) }), 404: Problem },
      },
    }, async (request) => geo.getState((request.params as { cveEnt: string }).cveEnt));

    app.get('/geo/states/:cveEnt/municipalities', {
      schema: {
        tags, summary: 'Municipalities of a state', params: CveEnt, querystring: Type.Intersect([Page, Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })]),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ cvegeo: Type.String(), cveEnt: Type.String(), cveMun: Type.String(), name: Type.String(), population2020: Nullable(Type.Integer()), areaKm2: Nullable(Type.Number()), hasBoundary: Type.Boolean() })), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), 404: Problem },
      },
    }, async (request) => geo.listMunicipalities((request.params as { cveEnt: string }).cveEnt, request.query as { q?: string; limit: number; offset: number }));

    app.get('/geo/municipalities/:cvegeo', {
      schema: {
        tags, summary: 'One municipality, with the vintage of its boundary', params: Cvegeo,
        response: { 200: Type.Object({ cvegeo: Type.String(), cveEnt: Type.String(), cveMun: Type.String(), name: Type.String(), stateName: Nullable(Type.String()), seatName: Nullable(Type.String()), population2020: Nullable(Type.Integer()), households2020: Nullable(Type.Integer()), areaKm2: Nullable(Type.Number()), hasBoundary: Type.Boolean(), boundaryVintage: Nullable(Type.String()), catalogueVintage: Type.String(), bbox: Bbox, notes: Type.Array(Type.String()), sources: Type.Array(Source) }), 404: Problem },
      },
    }, async (request) => geo.getMunicipality((request.params as { cvegeo: string }).cvegeo));

    app.get('/geo/locate', {
      schema: {
        tags, summary: 'Which state and municipality contain a point',
        querystring: Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) }),
        response: { 200: Type.Object({ state: Type.Object({ cveEnt: Type.String(), name: Nullable(Type.String()) }), municipality: Nullable(Type.Object({ cvegeo: Type.String(), name: Nullable(Type.String()) })), method: Type.String({ description: 'contains | nearest | state' }), distanceKm: Nullable(Type.Number()), boundaryVintage: Type.String(), notes: Type.Array(Type.String()) }), 400: Problem, 404: Problem },
      },
    }, async (request) => {
      const { lat, lon } = request.query as { lat: number; lon: number };
      return geo.locate(lat, lon);
    });

    app.get('/geo/search', {
      schema: {
        tags, summary: 'Accent- and case-insensitive search of states, municipalities and localities',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ type: Type.String(), code: Type.String(), name: Type.String(), stateName: Nullable(Type.String()), population2020: Nullable(Type.Integer()), center: Nullable(Type.Array(Type.Number())) })), total: Type.Integer() }), 400: Problem },
      },
    }, async (request) => {
      const { q, limit } = request.query as { q: string; limit: number };
      return geo.search(q, limit);
    });
  };
}

/** Vector tiles for the map, served by Electrifica itself so maps work offline. */
export function tileRoutes(tiles: TileService) {
  return async (app: FastifyInstance) => {
    app.get('/tiles/:layer/:z/:x/:y.pbf', {
      schema: {
        tags: ['tiles'], summary: 'Mapbox Vector Tile of a boundary layer',
        params: Type.Object({ layer: Type.Union(tileLayers.map((l) => Type.Literal(l))), z: Type.Integer({ minimum: 0, maximum: 14 }), x: Type.Integer({ minimum: 0 }), y: Type.Integer({ minimum: 0 }) }),
      },
    }, async (request, reply) => {
      const { layer, z, x, y } = request.params as { layer: TileLayer; z: number; x: number; y: number };
      const bytes = await tiles.tile(layer, z, x, y);
      reply.header('cache-control', 'public, max-age=300');
      if (!bytes) return reply.status(204).send();
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(bytes));
    });
  };
}
