import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { buildAtlasStyle, styleHasGlyphs } from '../../atlas/style';
import { chargingLayerIds, chargingLayers, chargingSource, chargingSourceId, styleFont } from './mapLayers';

const withCharging = (style: StyleSpecification, font: string[] | null): StyleSpecification => ({
  ...style,
  sources: { ...style.sources, [chargingSourceId]: chargingSource() },
  layers: [...style.layers, ...chargingLayers(font)],
});

describe('charging map layers', () => {
  it('draw clusters and single locations, with no text on the offline style', () => {
    const style = buildAtlasStyle(null, 'http://localhost:3000');
    expect(styleHasGlyphs(style)).toBe(false);
    const layers = chargingLayers(null);
    expect(layers.map((l) => l.id)).toEqual([chargingLayerIds.clusters, chargingLayerIds.points]);
    expect(layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(validateStyleMin(withCharging(style, null))).toEqual([]);
  });

  it('label cluster counts with the basemap’s font when the style has glyphs', () => {
    const base: StyleSpecification = {
      version: 8,
      glyphs: 'https://maps.example.mx/fonts/{fontstack}/{range}.pbf',
      sources: { osm: { type: 'vector', url: 'https://maps.example.mx/tiles.json' } },
      layers: [
        { id: 'labels', type: 'symbol', source: 'osm', 'source-layer': 'place', layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'] } },
      ],
    };
    const style = buildAtlasStyle(base, 'http://localhost:3000');
    expect(styleFont(style)).toEqual(['Noto Sans Regular']);
    const counts = chargingLayers(styleFont(style)).find((l) => l.id === chargingLayerIds.clusterCounts);
    expect(counts).toMatchObject({ type: 'symbol', layout: { 'text-font': ['Noto Sans Regular'] } });
    expect(validateStyleMin(withCharging(style, styleFont(style)))).toEqual([]);
  });

  it('fall back to MapLibre’s default font', () => {
    expect(styleFont({ version: 8, sources: {}, layers: [] })).toEqual(['Open Sans Regular', 'Arial Unicode MS Regular']);
  });
});
