import './chargingDashboard.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal, formatPercent } from '../../i18n/format';
import { MapStatus } from '../../atlas/MapStatus';
import { layerIds, mexicoBounds } from '../../atlas/style';
import { useAtlasStyle } from '../../atlas/useAtlasStyle';
import { useMapInstance } from '../../atlas/useMapInstance';
import { SelectField } from '../../ui/Field';
import {
  choroplethMetrics, fillExpression, isShareMetric, metricValue, noDataColour, quantileClasses, type ChoroplethMetric,
} from './choropleth';
import { FigureSource } from './FigureSource';
import type { ChargingStats } from './types';

/**
 * States (or municipalities) coloured by one chosen figure, on the atlas's own vector
 * tiles, with a legend. The figures of every area are in the statistics table next to it.
 */
export function ChoroplethMap({ stats }: { stats: ChargingStats }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [metric, setMetric] = useState<ChoroplethMetric>('publicLocationsPer100k');
  const containerRef = useRef<HTMLDivElement>(null);
  const style = useAtlasStyle();
  const { map, failed } = useMapInstance(containerRef, style, {
    options: { bounds: mexicoBounds, fitBoundsOptions: { padding: 16 } },
  });
  const byMunicipality = stats.groupBy === 'municipality';
  const classes = useMemo(
    () => quantileClasses(stats.items.filter((r) => r.code).map((r) => metricValue(r, metric)).filter((v): v is number => v !== null)),
    [stats, metric],
  );
  const format = (v: number) => (isShareMetric(metric) ? formatPercent(v, lang) : formatDecimal(v, lang, Number.isInteger(v) ? 0 : 2));

  useEffect(() => {
    if (!map) return;
    const fillLayer = byMunicipality ? layerIds.municipalitiesFill : layerIds.statesFill;
    const otherLayer = byMunicipality ? layerIds.statesFill : layerIds.municipalitiesFill;
    if (!map.getLayer(fillLayer)) return;
    map.setPaintProperty(fillLayer, 'fill-color', fillExpression(stats.items, metric, classes, byMunicipality ? 'cvegeo' : 'cveEnt'));
    map.setPaintProperty(fillLayer, 'fill-opacity', 0.9);
    // Municipalities are drawn from the national view when they are what the map shows.
    if (byMunicipality) map.setLayerZoomRange(fillLayer, 0, 24);
    if (map.getLayer(otherLayer)) map.setPaintProperty(otherLayer, 'fill-opacity', 0);
  }, [map, stats, metric, classes, byMunicipality]);

  const area = t(`charging.stats.area.${stats.groupBy}`).toLowerCase();
  const metricLabel = t(`chargingDashboard.metrics.${metric}`);
  return (
    <section className="card choropleth" aria-labelledby="choropleth-heading" data-testid="charging-choropleth" data-map-loaded={map ? 'true' : 'false'}>
      <h2 id="choropleth-heading">{t('chargingDashboard.map.title', { area })}</h2>
      <SelectField label={t('chargingDashboard.map.metric')} name="metric" value={metric} onChange={(e) => setMetric(e.target.value as ChoroplethMetric)}>
        {choroplethMetrics.map((m) => (
          <option key={m} value={m}>
            {t(`chargingDashboard.metrics.${m}`)}
          </option>
        ))}
      </SelectField>
      <figure className="choropleth__figure">
        <div className="choropleth__map">
          <div
            ref={containerRef}
            className="choropleth__canvas"
            role="region"
            aria-label={t('chargingDashboard.map.title', { area })}
            hidden={failed}
          />
          <MapStatus loading={!map && !failed} failed={failed} unavailableText={t('chargingDashboard.map.unavailable')} />
        </div>
        <figcaption className="small">{t('chargingDashboard.map.label', { area, metric: metricLabel })}</figcaption>
      </figure>
      <div className="choropleth__legend" data-testid="choropleth-legend">
        <p className="field__label">
          {t('chargingDashboard.map.legend')}: {metricLabel}
        </p>
        <ul>
          {classes.map((c) => (
            <li key={`${c.min}-${c.max}`}>
              <span className="legend-swatch" style={{ background: c.colour }} aria-hidden="true" />
              {c.min === c.max ? format(c.min) : `${format(c.min)} – ${format(c.max)}`}
            </li>
          ))}
          <li>
            <span className="legend-swatch" style={{ background: noDataColour }} aria-hidden="true" />
            {t('chargingDashboard.map.noData')}
          </li>
        </ul>
      </div>
      <FigureSource sources={stats.sources} asOf={stats.asOf} />
    </section>
  );
}
