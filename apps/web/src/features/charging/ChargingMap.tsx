import {
  Popup,
  type GeoJSONSource,
  type LngLatLike,
  type Map as MapLibreMap,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { BBox } from '../../api/types';
import { layerIds, mexicoBounds, municipalityFilter, stateFilter, styleHasGlyphs } from '../../atlas/style';
import { useAtlasStyle } from '../../atlas/useAtlasStyle';
import { useMapInstance } from '../../atlas/useMapInstance';
import { formatInteger } from '../../i18n/format';
import { ErrorMessage } from '../../ui/Status';
import { isAbort } from '../../ui/useAsyncData';
import { getClusters } from './api';
import { filtersKey, viewBBox, type ChargingFilters } from './filters';
import {
  chargingInteractiveLayers,
  chargingLayerIds,
  chargingLayers,
  chargingSource,
  chargingSourceId,
  styleFont,
} from './mapLayers';
import { formatKw } from './labels';
import { locationPath } from './paths';
import type { ClusterFeature } from './types';
import { MapStatus } from '../../atlas/MapStatus';
import { MapLegend } from '../live/MapLegend';
import { StatusBadge } from '../live/LiveStatusBadge';
import { publicStatuses, type PublicStatus } from '../live/types';

interface Props {
  filters: ChargingFilters;
  /** The area the filters point at (a state or a municipality); null is the whole country. */
  fitTo: BBox | null;
}

/** Waiting time after the map stops moving before the clusters of the new view are asked for. */
const refetchDelayMs = 250;
/** Most entries listed under the map; the server sends one screenful anyway. */
const maxListed = 100;

const reduceMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function zoomInto(map: MapLibreMap, center: LngLatLike): void {
  map.easeTo({ center, zoom: Math.min(map.getZoom() + 2, map.getMaxZoom()), animate: !reduceMotion() });
}

/** Clusters first (largest first), then single locations by name. */
function sortForList(features: ClusterFeature[]): ClusterFeature[] {
  return [...features].sort((a, b) => {
    const pa = a.properties;
    const pb = b.properties;
    if (pa.cluster !== pb.cluster) return pa.cluster ? -1 : 1;
    if (!pa.cluster && !pb.cluster) return pa.name.localeCompare(pb.name);
    return pb.count - pa.count;
  });
}

function addLayers(map: MapLibreMap): void {
  if (map.getSource(chargingSourceId)) return;
  const style = map.getStyle();
  map.addSource(chargingSourceId, chargingSource());
  for (const layer of chargingLayers(styleHasGlyphs(style) ? styleFont(style) : null)) map.addLayer(layer);
}

/**
 * The charging map: the atlas style plus the public locations of the current view,
 * clustered by the server and fetched again whenever the view or the filters change.
 * Below it, the same clusters and locations as a list, for keyboards and screen readers.
 */
export function ChargingMap({ filters, fitTo }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewHeadingRef = useRef<HTMLHeadingElement>(null);
  const style = useAtlasStyle();
  const [features, setFeatures] = useState<ClusterFeature[] | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [nonce, setNonce] = useState(0);
  const latest = useRef({ filters, t, navigate });
  latest.current = { filters, t, navigate };

  const onCreate = useCallback((map: MapLibreMap) => {
    window.__electrificaChargingMap = map;
    containerRef.current?.removeAttribute('data-map-loaded');
  }, []);

  const { map, failed } = useMapInstance(containerRef, style, {
    options: { bounds: mexicoBounds, fitBoundsOptions: { padding: 16 }, minZoom: 2, maxZoom: 17 },
    onCreate,
  });

  useEffect(() => {
    if (map) addLayers(map);
  }, [map]);

  // The clusters of the view: now, and again (debounced) after every move.
  const key = filtersKey(filters);
  useEffect(() => {
    if (!map) return;
    let controller: AbortController | null = null;
    let timer: number | undefined;
    let first = containerRef.current?.getAttribute('data-map-loaded') !== 'true';

    const refresh = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      const bounds = map.getBounds();
      const view = { bbox: viewBBox(bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()), zoom: Math.round(map.getZoom() * 100) / 100 };
      getClusters(latest.current.filters, view, current.signal).then(
        (collection) => {
          if (current.signal.aborted) return;
          map.getSource<GeoJSONSource>(chargingSourceId)?.setData(collection as Parameters<GeoJSONSource['setData']>[0]);
          setFeatures(collection.features);
          setError(undefined);
          if (first) {
            first = false;
            map.once('idle', () => containerRef.current?.setAttribute('data-map-loaded', 'true'));
          }
        },
        (err: unknown) => {
          if (current.signal.aborted || isAbort(err)) return;
          setError(err);
        },
      );
    };
    const onMoveEnd = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, refetchDelayMs);
    };
    refresh();
    map.on('moveend', onMoveEnd);
    return () => {
      map.off('moveend', onMoveEnd);
      window.clearTimeout(timer);
      controller?.abort();
    };
  }, [map, key, nonce]);

  // Pointer: a tooltip with the name or the count; a click zooms into a cluster or opens a location.
  useEffect(() => {
    if (!map) return;
    const tooltip = new Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 14 });
    const pick = (e: MapMouseEvent): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(e.point, { layers: chargingInteractiveLayers }).find((f) => f.layer.id !== chargingLayerIds.clusterCounts);

    const onMove = (e: MapMouseEvent) => {
      const feature = pick(e);
      if (!feature) {
        map.getCanvas().style.cursor = '';
        tooltip.remove();
        return;
      }
      map.getCanvas().style.cursor = 'pointer';
      const { t: translate } = latest.current;
      const p = feature.properties;
      const live = (publicStatuses as readonly string[]).includes(String(p.liveStatus)) ? (p.liveStatus as PublicStatus) : null;
      const text = p.cluster
        ? translate('charging.map.clusterTooltip', { locations: formatInteger(Number(p.count), lang) })
        : [
            String(p.name),
            typeof p.maxPowerKw === 'number' ? translate('charging.kwValue', { value: formatKw(p.maxPowerKw, lang) }) : null,
            live ? translate(`live.status.${live}`) : translate('live.noLiveStatus'),
          ]
            .filter(Boolean)
            .join(' · ');
      tooltip.setLngLat(e.lngLat).setText(text);
      if (!tooltip.isOpen()) tooltip.addTo(map);
    };
    const onOut = () => {
      map.getCanvas().style.cursor = '';
      tooltip.remove();
    };
    const onClick = (e: MapMouseEvent) => {
      const feature = pick(e);
      if (!feature) return;
      if (feature.properties.cluster) {
        tooltip.remove();
        const geometry = feature.geometry;
        zoomInto(map, geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : e.lngLat);
      } else if (typeof feature.properties.id === 'string') {
        void latest.current.navigate(locationPath(feature.properties.id));
      }
    };
    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    map.on('click', onClick);
    return () => {
      map.off('mousemove', onMove);
      map.off('mouseout', onOut);
      map.off('click', onClick);
      tooltip.remove();
    };
  }, [map, lang]);

  // Frame the state or municipality the filters point at; back to the country when they go.
  const framed = useRef(false);
  useEffect(() => {
    if (!map) return;
    if (fitTo) {
      map.fitBounds([fitTo[0], fitTo[1], fitTo[2], fitTo[3]], { padding: 32, maxZoom: 11, animate: !reduceMotion() });
      framed.current = true;
    } else if (framed.current) {
      map.fitBounds(mexicoBounds, { padding: 16, animate: !reduceMotion() });
      framed.current = false;
    }
  }, [map, fitTo]);

  // Outline the state and municipality being filtered on.
  useEffect(() => {
    if (!map) return;
    map.setFilter(layerIds.statesSelectedLine, stateFilter(filters.state || null));
    map.setFilter(layerIds.municipalitiesSelectedLine, municipalityFilter(filters.municipality || null));
  }, [map, filters.state, filters.municipality]);

  const zoomToCluster = (feature: ClusterFeature) => {
    if (!map) return;
    zoomInto(map, feature.geometry.coordinates);
    viewHeadingRef.current?.focus();
  };

  const listed = features ? sortForList(features) : [];
  const locationsInView = listed.reduce((sum, f) => sum + f.properties.count, 0);
  const clustersInView = listed.filter((f) => f.properties.cluster).length;

  return (
    <div className="charging-map-grid">
      <div className="charging-map-wrap">
        <div
          ref={containerRef}
          className="charging-map"
          data-testid="charging-map"
          role="region"
          aria-label={t('charging.map.regionLabel')}
        />
        <MapStatus loading={!style} failed={failed} unavailableText={t('charging.map.unavailable')} />
      </div>
      <section className="charging-view" aria-labelledby="charging-view-heading">
        <h2 id="charging-view-heading" ref={viewHeadingRef} tabIndex={-1}>
          {t('charging.map.viewHeading')}
        </h2>
        {error ? <ErrorMessage error={error} onRetry={() => setNonce((n) => n + 1)} /> : null}
        <p className="charging-view__summary" role="status" data-testid="charging-view-summary">
          {features
            ? t('charging.map.viewSummary', {
                locations: formatInteger(locationsInView, lang),
                clusters: formatInteger(clustersInView, lang),
              })
            : failed
              ? ''
              : t('common.loading')}
        </p>
        {listed.length > 0 ? (
          <ul className="charging-view__items" data-testid="charging-view-list">
            {listed.slice(0, maxListed).map((f) => {
              const p = f.properties;
              return p.cluster ? (
                <li key={`cluster-${p.clusterId}`}>
                  <button type="button" className="button button--link charging-view__cluster" onClick={() => zoomToCluster(f)}>
                    {t('charging.map.zoomToCluster', { locations: formatInteger(p.count, lang) })}
                  </button>
                </li>
              ) : (
                <li key={p.id}>
                  <Link to={locationPath(p.id)}>{p.name}</Link>
                  {p.maxPowerKw !== null ? (
                    <span className="muted"> · {t('charging.kwValue', { value: formatKw(p.maxPowerKw, lang) })}</span>
                  ) : null}{' '}
                  <StatusBadge status={p.liveStatus ?? null} />
                </li>
              );
            })}
          </ul>
        ) : null}
        {listed.length > maxListed ? <p className="muted small">{t('charging.map.moreInView', { shown: formatInteger(maxListed, lang) })}</p> : null}
        {/* The legend says what each colour means now that points are coloured by live status. */}
        <MapLegend />
      </section>
    </div>
  );
}
