import { Marker, type MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mexicoBounds, palette } from '../../../atlas/style';
import { useAtlasStyle } from '../../../atlas/useAtlasStyle';
import { useMapInstance } from '../../../atlas/useMapInstance';

interface Props {
  /** The point as [lon, lat], or null before one is placed. */
  point: { lat: number; lon: number } | null;
  onPick: (point: { lat: number; lon: number }) => void;
  /** The map's accessible name; by default it speaks of a charger. */
  label?: string;
}

/** Six decimals is about 10 cm: more than a click can mean. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A small map to place a point (a charger, a plant): click (or tap) to set the point. The latitude and
 * longitude fields beside it do the same by keyboard; the map stays a labelled region
 * (its zoom buttons are focusable, so it cannot be hidden from assistive technology).
 */
export function PointPicker({ point, onPick, label }: Props) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const style = useAtlasStyle();
  const { map, failed } = useMapInstance(containerRef, style, {
    options: { bounds: mexicoBounds, fitBoundsOptions: { padding: 12 } },
  });
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;

  useEffect(() => {
    if (!map) return;
    map.getCanvas().style.cursor = 'crosshair';
    const onClick = (e: MapMouseEvent) => onPickRef.current({ lat: round6(e.lngLat.lat), lon: round6(e.lngLat.lng) });
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map]);

  const lat = point?.lat;
  const lon = point?.lon;
  useEffect(() => {
    if (!map || lat === undefined || lon === undefined) return;
    const pin = new Marker({ color: palette.selectedLine }).setLngLat([lon, lat]).addTo(map);
    if (!map.getBounds().contains([lon, lat])) map.easeTo({ center: [lon, lat], duration: 0 });
    return () => {
      pin.remove();
    };
  }, [map, lat, lon]);

  return (
    <figure className="registration-map">
      <div
        ref={containerRef}
        className="registration-map__canvas"
        role="region"
        aria-label={label ?? t('chargingRegistration.map.label')}
        hidden={failed}
        data-testid="registration-map"
      />
      <figcaption className="field__hint">{t('chargingRegistration.map.caption')}</figcaption>
    </figure>
  );
}
