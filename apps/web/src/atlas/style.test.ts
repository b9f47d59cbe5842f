import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  absolutizeStyle,
  buildAtlasStyle,
  isStyleSpecification,
  layerIds,
  overlaySources,
  plainStyle,
  styleHasGlyphs,
  tileUrl,
} from './style';

const origin = 'http://localhost:3000';

describe('tile URLs', () => {
  it('are absolute and keep the {z}/{x}/{y} placeholders', () => {
    expect(tileUrl('states', origin)).toBe('http://localhost:3000/tiles/states/{z}/{x}/{y}.pbf');
    expect(absoluteUrl('/fonts/{fontstack}/{range}.pbf', 'https://maps.example.mx/style.json')).toBe(
      'https://maps.example.mx/fonts/{fontstack}/{range}.pbf',
    );
  });

  it('declare the three own sources with maxzoom 10', () => {
    const sources = overlaySources(origin);
    expect(Object.keys(sources).sort()).toEqual(['municipalities', 'states', 'us-states']);
    for (const source of Object.values(sources)) {
      expect(source).toMatchObject({ type: 'vector', maxzoom: 10 });
    }
  });
});

describe('buildAtlasStyle', () => {
  it('without a basemap is a background plus our layers, with no text and no glyphs', () => {
    const style = buildAtlasStyle(null, origin);
    expect(style.layers[0]).toMatchObject({ type: 'background' });
    expect(styleHasGlyphs(style)).toBe(false);
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(style.sprite).toBeUndefined();
    const ids = style.layers.map((l) => l.id);
    expect(ids).toContain(layerIds.statesFill);
    expect(ids).toContain(layerIds.municipalitiesFill);
    expect(ids).toContain(layerIds.usStatesFill);
    const muni = style.layers.find((l) => l.id === layerIds.municipalitiesFill);
    expect(muni).toMatchObject({ minzoom: 5, 'source-layer': 'municipalities' });
  });

  it('puts our layers on top of a basemap and keeps its sources', () => {
    const base: StyleSpecification = {
      version: 8,
      glyphs: 'https://maps.example.mx/fonts/{fontstack}/{range}.pbf',
      sources: { osm: { type: 'vector', url: 'https://maps.example.mx/tiles.json' } },
      layers: [
        { id: 'water', type: 'background', paint: { 'background-color': '#9cf' } },
        { id: 'labels', type: 'symbol', source: 'osm', 'source-layer': 'place', layout: { 'text-field': ['get', 'name'] } },
      ],
    };
    const style = buildAtlasStyle(base, origin);
    expect(style.layers.slice(0, 2).map((l) => l.id)).toEqual(['water', 'labels']);
    expect(Object.keys(style.sources)).toEqual(['osm', 'us-states', 'states', 'municipalities']);
    expect(style.glyphs).toBe(base.glyphs);
    expect(base.layers).toHaveLength(2);
  });

  it('passes the MapLibre style specification, with and without a selection', () => {
    expect(validateStyleMin(buildAtlasStyle(null, origin))).toEqual([]);
    expect(validateStyleMin(buildAtlasStyle(null, origin, { selectedState: '22', selectedMunicipality: '22014' }))).toEqual([]);
  });

  it('plain style is valid', () => {
    expect(isStyleSpecification(plainStyle())).toBe(true);
    expect(isStyleSpecification({ version: 7 })).toBe(false);
  });
});

describe('absolutizeStyle', () => {
  it('resolves relative URLs against the style URL and leaves absolute ones', () => {
    const style = absolutizeStyle(
      {
        version: 8,
        glyphs: '/fonts/{fontstack}/{range}.pbf',
        sprite: 'sprites/basic',
        sources: {
          a: { type: 'vector', tiles: ['/basemap/{z}/{x}/{y}.pbf'] },
          b: { type: 'raster', url: 'https://other.example/tiles.json' },
        },
        layers: [],
      },
      'https://maps.example.mx/styles/style.json',
    );
    expect(style.glyphs).toBe('https://maps.example.mx/fonts/{fontstack}/{range}.pbf');
    expect(style.sprite).toBe('https://maps.example.mx/styles/sprites/basic');
    expect(style.sources.a).toMatchObject({ tiles: ['https://maps.example.mx/basemap/{z}/{x}/{y}.pbf'] });
    expect(style.sources.b).toMatchObject({ url: 'https://other.example/tiles.json' });
  });
});
