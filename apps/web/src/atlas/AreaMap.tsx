import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { BBox } from '../api/types';
import { layerIds, mexicoBounds, municipalityFilter, palette, stateFilter } from './style';
import { useAtlasStyle } from './useAtlasStyle';
import { useMapInstance } from './useMapInstance';

interface Props {
  /** Area to show; null shows the whole country. */
  bbox: BBox | null;
  cveEnt: string;
  cvegeo?: string | null;
  /** Accessible description of what the map shows. */
  label: string;
  /** A point to pin on the map, as [lon, lat]. */
  marker?: [number, number] | null;
}

const fitPadding = 24;

function highlight(map: MapLibreMap, cveEnt: string, cvegeo: string | null): void {
  map.setFilter(layerIds.statesSelectedFill, stateFilter(cvegeo ? null : cveEnt));
  map.setFilter(layerIds.statesSelectedLine, stateFilter(cveEnt));
  map.setFilter(layerIds.municipalitiesSelectedFill, municipalityFilter(cvegeo));
  map.setFilter(layerIds.municipalitiesSelectedLine, municipalityFilter(cvegeo));
}

/** A small static map of one state or municipality, for profile pages; optionally with a pin. */
export function AreaMap({ bbox, cveEnt, cvegeo = null, label, marker = null }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const style = useAtlasStyle();
  const { map, failed } = useMapInstance(containerRef, style, {
    controls: false,
    options: {
      interactive: false,
      bounds: bbox ? [bbox[0], bbox[1], bbox[2], bbox[3]] : mexicoBounds,
      fitBoundsOptions: { padding: fitPadding },
    },
  });

  useEffect(() => {
    if (!map) return;
    highlight(map, cveEnt, cvegeo);
    map.fitBounds(bbox ? [bbox[0], bbox[1], bbox[2], bbox[3]] : mexicoBounds, { padding: fitPadding, animate: false });
  }, [map, bbox, cveEnt, cvegeo]);

  const lon = marker?.[0];
  const lat = marker?.[1];
  useEffect(() => {
    if (!map || lon === undefined || lat === undefined) return;
    const pin = new Marker({ color: palette.selectedLine }).setLngLat([lon, lat]).addTo(map);
    return () => {
      pin.remove();
    };
  }, [map, lon, lat]);

  return (
    <figure className="area-map-figure">
      <div ref={containerRef} className="area-map" aria-hidden="true" inert hidden={failed} />
      <figcaption className="area-map-figure__caption">{label}</figcaption>
    </figure>
  );
}
