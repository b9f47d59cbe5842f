import { Popup, type GeoJSONSource, type LngLatLike, type Map as MapLibreMap, type MapGeoJSONFeature, type MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { BBox } from '../../api/types';
import { MapStatus } from '../../atlas/MapStatus';
import { mexicoBounds, styleHasGlyphs } from '../../atlas/style';
import { useAtlasStyle } from '../../atlas/useAtlasStyle';
import { useMapInstance } from '../../atlas/useMapInstance';
import { formatInteger } from '../../i18n/format';
import { ErrorMessage } from '../../ui/Status';
import { isAbort } from '../../ui/useAsyncData';
import { styleFont } from '../charging/mapLayers';
import { viewBBox } from '../charging/filters';
import { getClusters } from './api';
import { filtersKey, type SupplierFilters } from './filters';
import { supplierInteractiveLayers, supplierLayerIds, supplierLayers, supplierSource, supplierSourceId } from './mapLayers';
import { establishmentPath } from './paths';
import type { ClusterFeature } from './types';

const refetchDelayMs = 250;
const maxListed = 100;
/** Degrees around the radius search's centre framed by the map (about the radius). */
const kmPerDegree = 111;

const reduceMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function zoomInto(map: MapLibreMap, center: LngLatLike): void {
  map.easeTo({ center, zoom: Math.min(map.getZoom() + 2, map.getMaxZoom()), animate: !reduceMotion() });
}

function sortForList(features: ClusterFeature[]): ClusterFeature[] {
  return [...features].sort((a, b) => {
    const pa = a.properties;
    const pb = b.properties;
    if (pa.cluster !== pb.cluster) return pa.cluster ? -1 : 1;
    if (!pa.cluster && !pb.cluster) return pa.name.localeCompare(pb.name);
    return pb.count - pa.count;
  });
}

/**
 * The directory's map: the plants matching the filters, clustered by the server and
 * fetched again whenever the view or the filters change; below it the same clusters and
 * plants as a list, for keyboards and screen readers.
 */
export function SuppliersMap({ filters, fitTo }: { filters: SupplierFilters; fitTo: BBox | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const containerRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const style = useAtlasStyle();
  const [features, setFeatures] = useState<ClusterFeature[] | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [nonce, setNonce] = useState(0);
  const latest = useRef({ filters, t, navigate });
  latest.current = { filters, t, navigate };

  const onCreate = useCallback((map: MapLibreMap) => {
    (window as unknown as { __electrificaSuppliersMap?: MapLibreMap }).__electrificaSuppliersMap = map;
    containerRef.current?.removeAttribute('data-map-loaded');
  }, []);
  const { map, failed } = useMapInstance(containerRef, style, {
    options: { bounds: mexicoBounds, fitBoundsOptions: { padding: 16 }, minZoom: 2, maxZoom: 17 },
    onCreate,
  });

  useEffect(() => {
    if (!map || map.getSource(supplierSourceId)) return;
    const current = map.getStyle();
    map.addSource(supplierSourceId, supplierSource());
    for (const layer of supplierLayers(styleHasGlyphs(current) ? styleFont(current) : null)) map.addLayer(layer);
  }, [map]);

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
      const b = map.getBounds();
      const view = { bbox: viewBBox(b.getWest(), b.getSouth(), b.getEast(), b.getNorth()), zoom: Math.round(map.getZoom() * 100) / 100 };
      getClusters(latest.current.filters, view, current.signal).then(
        (collection) => {
          if (current.signal.aborted) return;
          map.getSource<GeoJSONSource>(supplierSourceId)?.setData(collection as Parameters<GeoJSONSource['setData']>[0]);
          setFeatures(collection.features);
          setError(undefined);
          if (first) {
            first = false;
            map.once('idle', () => containerRef.current?.setAttribute('data-map-loaded', 'true'));
          }
        },
        (err: unknown) => {
          if (!current.signal.aborted && !isAbort(err)) setError(err);
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

  // Frame the radius search's circle, or the one state filtered on; back to the country when they go.
  const near = filters.near;
  const radiusKm = filters.radiusKm;
  const framed = useRef(false);
  useEffect(() => {
    if (!map) return;
    if (fitTo && !near) {
      map.fitBounds([fitTo[0], fitTo[1], fitTo[2], fitTo[3]], { padding: 32, maxZoom: 11, animate: !reduceMotion() });
      framed.current = true;
    } else if (near && radiusKm) {
      const dLat = radiusKm / kmPerDegree;
      const dLon = dLat / Math.max(0.2, Math.cos((near.lat * Math.PI) / 180));
      map.fitBounds([near.lon - dLon, near.lat - dLat, near.lon + dLon, near.lat + dLat], { padding: 24, animate: !reduceMotion() });
      framed.current = true;
    } else if (framed.current) {
      map.fitBounds(mexicoBounds, { padding: 16, animate: !reduceMotion() });
      framed.current = false;
    }
  }, [map, near, radiusKm, fitTo]);

  useEffect(() => {
    if (!map) return;
    const tooltip = new Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 14 });
    const pick = (e: MapMouseEvent): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(e.point, { layers: supplierInteractiveLayers }).find((f) => f.layer.id !== supplierLayerIds.clusterCounts);
    const onMove = (e: MapMouseEvent) => {
      const feature = pick(e);
      if (!feature) {
        map.getCanvas().style.cursor = '';
        tooltip.remove();
        return;
      }
      map.getCanvas().style.cursor = 'pointer';
      const p = feature.properties;
      tooltip
        .setLngLat(e.lngLat)
        .setText(p.cluster ? latest.current.t('suppliers.map.clusterTooltip', { plants: formatInteger(Number(p.count), lang) }) : String(p.name));
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
        const g = feature.geometry;
        zoomInto(map, g.type === 'Point' ? (g.coordinates as [number, number]) : e.lngLat);
      } else if (typeof feature.properties.id === 'string') {
        void latest.current.navigate(establishmentPath(feature.properties.id));
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

  const listed = features ? sortForList(features) : [];
  const plants = listed.reduce((sum, f) => sum + f.properties.count, 0);
  const clusters = listed.filter((f) => f.properties.cluster).length;

  return (
    <div className="charging-map-grid">
      <div className="charging-map-wrap">
        <div ref={containerRef} className="charging-map" data-testid="suppliers-map" role="region" aria-label={t('suppliers.map.regionLabel')} />
        <MapStatus loading={!style} failed={failed} unavailableText={t('suppliers.map.unavailable')} />
      </div>
      <section className="charging-view" aria-labelledby="suppliers-view-heading">
        <h2 id="suppliers-view-heading" ref={headingRef} tabIndex={-1}>
          {t('suppliers.map.viewHeading')}
        </h2>
        {error ? <ErrorMessage error={error} onRetry={() => setNonce((n) => n + 1)} /> : null}
        <p className="charging-view__summary" role="status" data-testid="suppliers-view-summary">
          {features
            ? t('suppliers.map.viewSummary', { plants: formatInteger(plants, lang), clusters: formatInteger(clusters, lang) })
            : failed
              ? ''
              : t('common.loading')}
        </p>
        {listed.length > 0 ? (
          <ul className="charging-view__items" data-testid="suppliers-view-list">
            {listed.slice(0, maxListed).map((f) => {
              const p = f.properties;
              return p.cluster ? (
                <li key={`cluster-${p.clusterId}`}>
                  <button
                    type="button"
                    className="button button--link charging-view__cluster"
                    onClick={() => {
                      if (map) zoomInto(map, f.geometry.coordinates);
                      headingRef.current?.focus();
                    }}
                  >
                    {t('suppliers.map.zoomToCluster', { plants: formatInteger(p.count, lang) })}
                  </button>
                </li>
              ) : (
                <li key={p.id}>
                  <Link to={establishmentPath(p.id)}>{p.name}</Link>
                </li>
              );
            })}
          </ul>
        ) : null}
        {listed.length > maxListed ? <p className="muted small">{t('suppliers.map.moreInView', { shown: formatInteger(maxListed, lang) })}</p> : null}
      </section>
    </div>
  );
}
