import { Popup, type Map as MapLibreMap, type MapGeoJSONFeature, type MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { selectionFromFeatures, stateCodeOf, type MapSelection } from './selection';
import { layerIds, mexicoBounds, municipalityFilter, sourceIds, stateFilter } from './style';
import { useAtlasStyle } from './useAtlasStyle';
import { useMapInstance } from './useMapInstance';
import { MapStatus } from './MapStatus';

interface Props {
  selection: MapSelection | null;
  onSelect: (selection: MapSelection) => void;
  onMapReady?: (map: MapLibreMap | null) => void;
}

const interactiveLayers = [layerIds.municipalitiesFill, layerIds.statesFill];

interface HoverTarget {
  source: string;
  sourceLayer: string;
  id: string | number;
}

/** Marks the container once the first `idle` shows the states layer drawn. */
function watchFirstRender(map: MapLibreMap, element: HTMLElement): void {
  const check = () => {
    if (!map.getLayer(layerIds.statesFill) || !map.getSource(sourceIds.states)) return;
    if (!map.isSourceLoaded(sourceIds.states)) return;
    element.setAttribute('data-map-loaded', 'true');
    map.off('idle', check);
  };
  map.on('idle', check);
}

export function AtlasMap({ selection, onSelect, onMapReady }: Props) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const style = useAtlasStyle();
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const onCreate = useCallback((map: MapLibreMap) => {
    window.__electrificaMap = map;
    if (containerRef.current) {
      containerRef.current.removeAttribute('data-map-loaded');
      watchFirstRender(map, containerRef.current);
    }
  }, []);

  const { map, failed } = useMapInstance(containerRef, style, {
    options: { bounds: mexicoBounds, fitBoundsOptions: { padding: 16 }, minZoom: 2, maxZoom: 14 },
    onCreate,
  });

  useEffect(() => {
    onMapReady?.(map);
  }, [map, onMapReady]);

  // Hover highlight with a name tooltip, and click-to-select.
  useEffect(() => {
    if (!map) return;
    let hovered: HoverTarget | null = null;
    const tooltip = new Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 12 });

    const pick = (e: MapMouseEvent): MapGeoJSONFeature | undefined => {
      const features = map.queryRenderedFeatures(e.point, { layers: interactiveLayers });
      return features.find((f) => f.sourceLayer === 'municipalities') ?? features.find((f) => f.sourceLayer === 'states');
    };
    const clearHover = () => {
      if (hovered) map.setFeatureState(hovered, { hover: false });
      hovered = null;
      map.getCanvas().style.cursor = '';
      tooltip.remove();
    };
    const onMove = (e: MapMouseEvent) => {
      const feature = pick(e);
      if (!feature || feature.id === undefined || feature.sourceLayer === undefined) {
        clearHover();
        return;
      }
      const target = { source: feature.source, sourceLayer: feature.sourceLayer, id: feature.id };
      if (!hovered || hovered.id !== target.id || hovered.source !== target.source) {
        if (hovered) map.setFeatureState(hovered, { hover: false });
        map.setFeatureState(target, { hover: true });
        hovered = target;
      }
      map.getCanvas().style.cursor = 'pointer';
      const name = typeof feature.properties.name === 'string' ? feature.properties.name : '';
      if (!name) return;
      tooltip.setLngLat(e.lngLat).setText(name);
      if (!tooltip.isOpen()) tooltip.addTo(map);
    };
    const onClick = (e: MapMouseEvent) => {
      const features = map.queryRenderedFeatures(e.point, { layers: interactiveLayers });
      const picked = selectionFromFeatures(features);
      if (picked) onSelectRef.current(picked);
    };
    map.on('mousemove', onMove);
    map.on('mouseout', clearHover);
    map.on('click', onClick);
    return () => {
      map.off('mousemove', onMove);
      map.off('mouseout', clearHover);
      map.off('click', onClick);
      tooltip.remove();
    };
  }, [map]);

  // Selection highlight.
  useEffect(() => {
    if (!map) return;
    const stateCode = selection ? (selection.type === 'state' ? selection.code : stateCodeOf(selection.code)) : null;
    const muniCode =
      selection?.type === 'municipality' ? selection.code : selection?.type === 'locality' ? selection.code.slice(0, 5) : null;
    map.setFilter(layerIds.statesSelectedFill, stateFilter(selection?.type === 'state' ? stateCode : null));
    map.setFilter(layerIds.statesSelectedLine, stateFilter(stateCode));
    map.setFilter(layerIds.municipalitiesSelectedFill, municipalityFilter(muniCode));
    map.setFilter(layerIds.municipalitiesSelectedLine, municipalityFilter(muniCode));
  }, [map, selection]);

  return (
    <div className="atlas-map-wrap">
      <div
        ref={containerRef}
        className="atlas-map"
        data-testid="home-map"
        role="region"
        aria-label={t('map.regionLabel')}
      />
      <MapStatus loading={!style} failed={failed} unavailableText={t('map.unavailable')} />
    </div>
  );
}
