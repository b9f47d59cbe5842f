import type { ExpressionSpecification } from 'maplibre-gl';
import { useEffect, type RefObject } from 'react';
import { layerIds, mexicoBounds } from './style';
import { useAtlasStyle } from './useAtlasStyle';
import { useMapInstance, type MapInstance } from './useMapInstance';

/**
 * A map of Mexico's states filled by `fill` (a MapLibre colour expression, or one colour),
 * with the municipalities hidden: the choropleths of the statistics pages.
 */
export function useStateChoropleth(container: RefObject<HTMLDivElement | null>, fill: ExpressionSpecification | string): MapInstance {
  const style = useAtlasStyle();
  const instance = useMapInstance(container, style, { options: { bounds: mexicoBounds, fitBoundsOptions: { padding: 16 } } });
  const { map } = instance;
  useEffect(() => {
    if (!map || !map.getLayer(layerIds.statesFill)) return;
    map.setPaintProperty(layerIds.statesFill, 'fill-color', fill);
    map.setPaintProperty(layerIds.statesFill, 'fill-opacity', 0.9);
    if (map.getLayer(layerIds.municipalitiesFill)) map.setPaintProperty(layerIds.municipalitiesFill, 'fill-opacity', 0);
  }, [map, fill]);
  return instance;
}
