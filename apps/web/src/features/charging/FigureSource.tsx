import { useTranslation } from 'react-i18next';
import { formatDate } from './labels';
import type { ChargingSource } from './types';

/** "Fuente … · datos al …": the line under every figure, chart and table. */
export function FigureSource({ sources, asOf }: { sources: ChargingSource[]; asOf: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="small muted figure-source" data-testid="figure-source">
      {t('chargingDashboard.source')}: {sources.map((s) => s.name).join('; ') || t('common.notAvailable')} ·{' '}
      {t('chargingDashboard.asOf')} {formatDate(asOf, i18n.language, t('common.notAvailable'))}
    </p>
  );
}
