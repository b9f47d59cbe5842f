import { useTranslation } from 'react-i18next';
import { formatInteger, formatPercent } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { useAsyncData } from '../../ui/useAsyncData';
import { getStandards, standardsCsvUrl } from './api';
import { BarChartFigure } from './BarChartFigure';
import { FigureSource } from './FigureSource';
import { sortStandards, standardLabel } from './labels';
import type { ChargingStandards } from './types';

/** Recommendation 19 at a glance: North American share, OCPP, connectors by standard, payment. */
function Dashboard({ data }: { data: ChargingStandards }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const declared = data.ocpp.declaredYes + data.ocpp.declaredNo;
  const standards = sortStandards(Object.keys(data.connectorsByStandard));
  const payments = Object.entries(data.paymentMethods).sort(([, a], [, b]) => b - a);
  const share = (n: number, of: number) => (of > 0 ? ` (${formatPercent(n / of, lang)})` : '');
  return (
    <>
      <div className="stat-tiles">
        <div className="card stat-tile" data-testid="standards-na-share">
          <p className="stat-tile__label">{t('chargingDashboard.standards.naShare')}</p>
          <p className="stat-tile__value">{formatPercent(data.northAmericanStandardShare, lang)}</p>
          <p className="small">
            {t('chargingDashboard.standards.naShareOf', {
              n: formatInteger(data.northAmericanStandardConnectors, lang),
              total: formatInteger(data.connectors, lang),
            })}
          </p>
          <FigureSource sources={data.sources} asOf={data.asOf} />
        </div>
        <div className="card stat-tile" data-testid="standards-ocpp-share">
          <p className="stat-tile__label">{t('chargingDashboard.standards.ocppShare')}</p>
          <p className="stat-tile__value">{formatPercent(data.ocpp.share, lang)}</p>
          <p className="small">
            {t('chargingDashboard.standards.ocppOf', {
              yes: formatInteger(data.ocpp.declaredYes, lang),
              declared: formatInteger(declared, lang),
              unknown: formatInteger(data.ocpp.notDeclared, lang),
            })}
          </p>
          <FigureSource sources={data.sources} asOf={data.asOf} />
        </div>
      </div>
      <div className="chart-grid">
        <BarChartFigure
          id="chart-standards"
          title={t('chargingDashboard.standards.byStandard')}
          labelHeader={t('chargingDashboard.standards.standard')}
          valueHeader={t('chargingDashboard.standards.connectors')}
          data={standards.map((s) => {
            const n = data.connectorsByStandard[s] ?? 0;
            return { key: s, label: standardLabel(t, s), value: n, text: `${formatInteger(n, lang)}${share(n, data.connectors)}` };
          })}
          sources={data.sources}
          asOf={data.asOf}
          csvHref={standardsCsvUrl()}
        />
        <BarChartFigure
          id="chart-payment"
          title={t('chargingDashboard.standards.payment')}
          labelHeader={t('chargingDashboard.standards.method')}
          valueHeader={t('chargingDashboard.standards.locations')}
          data={payments.map(([m, n]) => ({
            key: m,
            label: t(`chargingDashboard.payment.${m}`, { defaultValue: m }),
            value: n,
            text: `${formatInteger(n, lang)}${share(n, data.publicLocations)}`,
          }))}
          sources={data.sources}
          asOf={data.asOf}
          csvHref={standardsCsvUrl()}
        >
          <p className="small">{t('chargingDashboard.standards.paymentUndeclared', { n: formatInteger(data.paymentUndeclared, lang) })}</p>
        </BarChartFigure>
      </div>
    </>
  );
}

/** The standards dashboard section of the statistics page (recommendation 19). */
export function StandardsDashboard() {
  const { t } = useTranslation();
  const standards = useAsyncData((signal) => getStandards(signal), []);
  return (
    <section aria-labelledby="standards-heading" data-testid="charging-standards">
      <div className="card__header">
        <h2 id="standards-heading">{t('chargingDashboard.standards.title')}</h2>
        <a className="button button--secondary" href={standardsCsvUrl()} download data-testid="charging-standards-csv-link">
          {t('chargingDashboard.standards.downloadCsv')}
        </a>
      </div>
      <p className="muted">{t('chargingDashboard.standards.intro')}</p>
      <AsyncContent state={standards}>{(data) => <Dashboard data={data} />}</AsyncContent>
    </section>
  );
}
