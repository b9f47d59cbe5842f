import { describe, expect, it } from 'vitest';
import { supplierInteractiveLayers, supplierLayerIds, supplierLayers, supplierSourceId } from './mapLayers';

describe('supplierLayers', () => {
  it('draws clusters and single plants from the one source, and counts only when the style has glyphs', () => {
    const withText = supplierLayers(['Noto Sans Regular']);
    expect(withText.map((l) => l.id)).toEqual([supplierLayerIds.clusters, supplierLayerIds.points, supplierLayerIds.clusterCounts]);
    expect(withText.every((l) => 'source' in l && l.source === supplierSourceId)).toBe(true);
    expect(supplierLayers(null).map((l) => l.id)).toEqual([supplierLayerIds.clusters, supplierLayerIds.points]);
  });

  it('answers to the pointer on circles only, not on the count labels', () => {
    expect(supplierInteractiveLayers).not.toContain(supplierLayerIds.clusterCounts);
  });
});
