import './live.css';
import { useTranslation } from 'react-i18next';
import { chargingPalette } from '../charging/mapLayers';
import { statusColours, statusOrder } from './liveStatus';

/** What the colours of the charging map mean. */
export function MapLegend() {
  const { t } = useTranslation();
  const swatch = (colour: string, stroke = chargingPalette.pointStroke) => (
    <span className="live-legend__swatch" style={{ background: colour, borderColor: stroke }} aria-hidden="true" />
  );
  return (
    <figure className="live-legend" data-testid="live-legend">
      <figcaption className="live-legend__title">{t('live.legend.title')}</figcaption>
      <ul>
        {statusOrder.map((s) => (
          <li key={s} data-live-status={s}>
            {swatch(statusColours[s])}
            {t(`live.status.${s}`)}
          </li>
        ))}
        <li data-live-status="none">
          {swatch(chargingPalette.point)}
          {t('live.legend.noLive')}
        </li>
        <li>
          <span className="live-legend__swatch live-legend__swatch--cluster" style={{ background: chargingPalette.cluster }} aria-hidden="true" />
          {t('live.legend.cluster')}
        </li>
      </ul>
      <p className="muted small">{t('live.legend.note')}</p>
    </figure>
  );
}
