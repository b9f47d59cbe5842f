/**
 * Layers of the charging map: clusters as circles sized by how many locations they hold,
 * single locations as smaller circles of another colour, and (only when the style can
 * draw text) the count on each cluster. Pure functions, so they are easy to test.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { statusColours } from '../live/liveStatus';

export const chargingSourceId = 'charging-locations';

export const chargingLayerIds = {
  clusters: 'charging-clusters',
  clusterCounts: 'charging-cluster-counts',
  points: 'charging-points',
} as const;

export const chargingPalette = {
  cluster: '#0b5e7a',
  clusterStroke: '#ffffff',
  clusterText: '#ffffff',
  point: '#f2c230',
  pointStroke: '#0f2d3a',
} as const;

/**
 * A point's colour: its best live status (the server's `liveStatus`), or the census yellow
 * when no charging point there reports one.
 */
export const pointColour: ExpressionSpecification = [
  'match',
  ['coalesce', ['get', 'liveStatus'], 'none'],
  'available', statusColours.available,
  'occupied', statusColours.occupied,
  'out_of_service', statusColours.out_of_service,
  'unknown', statusColours.unknown,
  chargingPalette.point,
];

/** Layers that answer to the pointer. */
export const chargingInteractiveLayers = [chargingLayerIds.clusters, chargingLayerIds.points];

export const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

/** Credit shown in the map's attribution control; the same in every language. */
export const chargingMapAttribution = '<a href="https://openchargemap.org">Open Charge Map</a> (CC BY-SA 4.0)';

export function chargingSource(): SourceSpecification {
  return { type: 'geojson', data: emptyCollection, attribution: chargingMapAttribution };
}

/** MapLibre's own default, used when the style's symbol layers name no font. */
const defaultFont = ['Open Sans Regular', 'Arial Unicode MS Regular'];

/** The font of the style's first text layer, so cluster counts ask the glyph server for a font it has. */
export function styleFont(style: StyleSpecification): string[] {
  for (const layer of style.layers) {
    if (layer.type !== 'symbol') continue;
    const font = layer.layout?.['text-font'];
    if (Array.isArray(font) && font.length > 0 && font.every((f) => typeof f === 'string')) return font as string[];
  }
  return defaultFont;
}

/** The layers to add; the count label only when `font` is given (the style has glyphs). */
export function chargingLayers(font: string[] | null): LayerSpecification[] {
  const layers: LayerSpecification[] = [
    {
      id: chargingLayerIds.clusters,
      type: 'circle',
      source: chargingSourceId,
      filter: ['==', ['get', 'cluster'], true],
      paint: {
        'circle-color': chargingPalette.cluster,
        'circle-radius': ['step', ['get', 'count'], 14, 10, 18, 50, 23, 200, 28, 1000, 34],
        'circle-stroke-color': chargingPalette.clusterStroke,
        'circle-stroke-width': 3,
        'circle-opacity': 0.92,
      },
    },
    {
      id: chargingLayerIds.points,
      type: 'circle',
      source: chargingSourceId,
      filter: ['!=', ['get', 'cluster'], true],
      paint: {
        'circle-color': pointColour,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 6, 12, 9],
        'circle-stroke-color': chargingPalette.pointStroke,
        'circle-stroke-width': 2,
      },
    },
  ];
  if (font) {
    layers.push({
      id: chargingLayerIds.clusterCounts,
      type: 'symbol',
      source: chargingSourceId,
      filter: ['==', ['get', 'cluster'], true],
      layout: {
        'text-field': ['to-string', ['get', 'count']],
        'text-font': font,
        'text-size': 13,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': chargingPalette.clusterText },
    });
  }
  return layers;
}
