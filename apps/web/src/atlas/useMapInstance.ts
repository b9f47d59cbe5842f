import 'maplibre-gl/dist/maplibre-gl.css';
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type IControl,
  type MapOptions,
  type StyleSpecification,
} from 'maplibre-gl';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { mapLocale } from './mapLocale';

export interface MapInstanceOptions {
  /** Extra MapLibre options (bounds, interactivity…). */
  options?: Partial<MapOptions>;
  /** Zoom buttons and scale bar. */
  controls?: boolean;
  /** Called once, right after the map object exists (before its style has loaded). */
  onCreate?: (map: MapLibreMap) => void;
}

export interface MapInstance {
  /** The map once its style has loaded. */
  map: MapLibreMap | null;
  /** Set when the map could not be created at all (e.g. no WebGL). */
  failed: boolean;
}

/**
 * Creates a MapLibre map in `container` once `style` is known, keeps its UI strings and
 * attribution in the current language, and removes it on unmount.
 */
export function useMapInstance(
  container: RefObject<HTMLDivElement | null>,
  style: StyleSpecification | null,
  { options, controls = true, onCreate }: MapInstanceOptions = {},
): MapInstance {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);
  const mapRef = useRef<MapLibreMap | null>(null);
  const controlsRef = useRef<IControl[]>([]);
  const latest = useRef({ options, onCreate, t });
  latest.current = { options, onCreate, t };

  useEffect(() => {
    const element = container.current;
    if (!element || !style) return;
    const { options: opts, onCreate: created, t: translate } = latest.current;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: element,
        style,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        maxPitch: 0,
        locale: mapLocale(translate),
        ...opts,
      });
    } catch (error) {
      console.warn('The map could not be created.', error);
      setFailed(true);
      return;
    }
    setFailed(false);
    map.keyboard.disableRotation();
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    created?.(map);
    const onLoad = () => setLoaded(map);
    map.once('load', onLoad);
    return () => {
      mapRef.current = null;
      controlsRef.current = [];
      setLoaded(null);
      map.remove();
    };
  }, [container, style]);

  // Controls are (re)built whenever the language changes so their labels follow it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    for (const control of controlsRef.current) {
      if (map.hasControl(control)) map.removeControl(control);
    }
    const locale = mapLocale(t);
    Object.assign(map._locale, locale);
    map.getCanvas().setAttribute('aria-label', locale['Map.Title'] ?? '');
    const next: IControl[] = [];
    if (controls) {
      next.push(new NavigationControl({ showCompass: false }));
      next.push(new ScaleControl({ unit: 'metric' }));
    }
    next.push(new AttributionControl({ compact: false, customAttribution: t('map.attribution') }));
    const positions = ['top-right', 'bottom-left', 'bottom-right'] as const;
    next.forEach((control, index) => {
      const position = controls ? positions[index] : 'bottom-right';
      map.addControl(control, position);
    });
    controlsRef.current = next;
  }, [t, i18n.language, controls, style]);

  return { map: loaded, failed };
}
