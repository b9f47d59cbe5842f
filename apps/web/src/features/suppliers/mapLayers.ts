/**
 * Layers of the supplier map: clusters as circles sized by how many plants they hold,
 * single plants as smaller circles, and (only when the style can draw text) the count on
 * each cluster. Pure, so it is unit-tested.
 */
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

export const supplierSourceId = 'supplier-establishments';

export const supplierLayerIds = {
  clusters: 'supplier-clusters',
  clusterCounts: 'supplier-cluster-counts',
  points: 'supplier-points',
} as const;

/** Layers that answer to the pointer. */
export const supplierInteractiveLayers = [supplierLayerIds.clusters, supplierLayerIds.points];

export const supplierPalette = {
  cluster: '#5b3a8c',
  stroke: '#ffffff',
  text: '#ffffff',
  point: '#e07b00',
  pointStroke: '#2b1640',
} as const;

export const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

/** Credit shown in the map's attribution control. */
export const supplierMapAttribution = 'INEGI DENUE · SEMARNAT RETC · Electrifica';

export function supplierSource(): SourceSpecification {
  return { type: 'geojson', data: emptyCollection, attribution: supplierMapAttribution };
}

/** The layers to add; the count label only when `font` is given (the style has glyphs). */
export function supplierLayers(font: string[] | null): LayerSpecification[] {
  const layers: LayerSpecification[] = [
    {
      id: supplierLayerIds.clusters,
      type: 'circle',
      source: supplierSourceId,
      filter: ['==', ['get', 'cluster'], true],
      paint: {
        'circle-color': supplierPalette.cluster,
        'circle-radius': ['step', ['get', 'count'], 14, 10, 18, 50, 23, 200, 28, 1000, 34],
        'circle-stroke-color': supplierPalette.stroke,
        'circle-stroke-width': 3,
        'circle-opacity': 0.92,
      },
    },
    {
      id: supplierLayerIds.points,
      type: 'circle',
      source: supplierSourceId,
      filter: ['!=', ['get', 'cluster'], true],
      paint: {
        'circle-color': supplierPalette.point,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 6, 12, 9],
        'circle-stroke-color': supplierPalette.pointStroke,
        'circle-stroke-width': 2,
      },
    },
  ];
  if (font) {
    layers.push({
      id: supplierLayerIds.clusterCounts,
      type: 'symbol',
      source: supplierSourceId,
      filter: ['==', ['get', 'cluster'], true],
      layout: {
        'text-field': ['to-string', ['get', 'count']],
        'text-font': font,
        'text-size': 13,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': supplierPalette.text },
    });
  }
  return layers;
}
