import { Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useAtlasStyle } from '../../../atlas/useAtlasStyle';
import { useMapInstance } from '../../../atlas/useMapInstance';

interface Point {
  lat: number;
  lon: number;
}

interface Props {
  a: Point;
  b: Point;
  /** What the map shows, in words (the map itself is hidden from screen readers). */
  label: string;
}

/**
 * Degrees around the two points: at least ~300 m, so a pair a few metres apart is not
 * shown at street-block zoom with both pins on top of each other.
 */
const minHalfSpanDeg = 0.0015;

function boundsOf(a: Point, b: Point): [number, number, number, number] {
  const halfLon = Math.max(Math.abs(a.lon - b.lon) / 2, minHalfSpanDeg) * 1.5;
  const halfLat = Math.max(Math.abs(a.lat - b.lat) / 2, minHalfSpanDeg) * 1.5;
  const lon = (a.lon + b.lon) / 2;
  const lat = (a.lat + b.lat) / 2;
  return [lon - halfLon, lat - halfLat, lon + halfLon, lat + halfLat];
}

/** A pin with a letter, so A and B can be told apart without colour. */
function letterPin(letter: string, className: string): HTMLElement {
  const element = document.createElement('div');
  element.className = `pair-map__pin ${className}`;
  element.textContent = letter;
  return element;
}

/** A small static map with the two records' points, marked A and B. */
export function PairMap({ a, b, label }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const style = useAtlasStyle();
  const bounds = boundsOf(a, b);
  const { map, failed } = useMapInstance(containerRef, style, {
    controls: false,
    options: { interactive: false, bounds, fitBoundsOptions: { padding: 24 } },
  });

  useEffect(() => {
    if (!map) return;
    const pins = [
      new Marker({ element: letterPin('A', 'pair-map__pin--a') }).setLngLat([a.lon, a.lat]).addTo(map),
      new Marker({ element: letterPin('B', 'pair-map__pin--b') }).setLngLat([b.lon, b.lat]).addTo(map),
    ];
    return () => {
      for (const pin of pins) pin.remove();
    };
  }, [map, a.lat, a.lon, b.lat, b.lon]);

  return (
    <figure className="area-map-figure" data-testid="duplicate-map" data-map-loaded={map ? 'true' : 'false'}>
      <div ref={containerRef} className="area-map pair-map" aria-hidden="true" inert hidden={failed} />
      <figcaption className="area-map-figure__caption">{label}</figcaption>
    </figure>
  );
}
