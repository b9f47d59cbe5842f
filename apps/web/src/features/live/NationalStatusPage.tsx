import './live.css';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { formatInteger, formatPercent } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { RequireSignIn } from '../accounts/RequireSignIn';
import { getStatusByState, statusByStateCsvUrl } from './api';
import { statusColours, statusOrder, timeAgo } from './liveStatus';
import type { StateStatusRow } from './types';
import { useNow } from './useNow';

function NationalStatus() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const data = useAsyncData((signal) => getStatusByState(signal), []);
  if (data.error) return <ErrorMessage error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { items, national, method } = data.data;
  const nameOf = (r: StateStatusRow) => (r.code === 'MX' ? t('live.national.national') : r.code === null ? t('live.national.outside') : (r.name ?? r.code));
  const reporting = items.filter((r) => r.portsReporting > 0);
  const chartData = reporting.map((r) => ({ label: nameOf(r), ...r.counts }));
  const row = (r: StateStatusRow, national = false) => (
    <tr key={r.code ?? 'outside'} data-code={r.code ?? ''} className={national ? 'table__total' : undefined}>
      <th scope="row">{nameOf(r)}</th>
      <td className="num">{formatInteger(r.ports, lang)}</td>
      <td className="num">{formatInteger(r.portsReporting, lang)}</td>
      {statusOrder.map((s) => (
        <td key={s} className="num">
          {formatInteger(r.counts[s], lang)}
        </td>
      ))}
      <td className="num">{formatPercent(r.outOfServiceShare, lang)}</td>
      <td>{r.newestStatusAt ? <time dateTime={r.newestStatusAt}>{timeAgo(r.newestStatusAt, now, lang)}</time> : '—'}</td>
    </tr>
  );
  return (
    <>
      {chartData.length > 0 ? (
        <figure className="card" aria-labelledby="live-chart-title" data-testid="live-national-chart">
          <figcaption>
            <h2 id="live-chart-title">{t('live.national.chartTitle')}</h2>
            <p className="visually-hidden">{t('live.national.chartLabel')}</p>
          </figcaption>
          <div className="live-chart" aria-hidden="true" style={{ height: Math.max(160, chartData.length * 28 + 70) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chartData} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={170} interval={0} tick={{ fontSize: 12 }} />
                <Legend />
                {statusOrder.map((s) => (
                  <Bar key={s} dataKey={s} name={t(`live.status.${s}`)} stackId="status" fill={statusColours[s]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ) : null}
      <section className="card">
        <p className="actions">
          <a className="button button--secondary" href={statusByStateCsvUrl} download data-testid="live-national-csv">
            {t('live.national.csv')}
          </a>
        </p>
        <DataTable
          caption={t('live.national.caption')}
          testId="live-national-table"
          columns={[
            t('live.national.columns.state'),
            { label: t('live.national.columns.ports'), numeric: true },
            { label: t('live.national.columns.reporting'), numeric: true },
            ...statusOrder.map((s) => ({ label: t(`live.status.${s}`), numeric: true })),
            { label: t('live.national.columns.outOfServiceShare'), numeric: true },
            t('live.national.columns.newest'),
          ]}
        >
          {items.map((r) => row(r))}
          {row(national, true)}
        </DataTable>
        <details>
          <summary>{t('live.national.method')}</summary>
          <p lang="en">{method}</p>
        </details>
      </section>
    </>
  );
}

/** `/estado-en-vivo`: live status per state, for analysts and admins. */
export function NationalStatusPage() {
  const { t } = useTranslation();
  usePageTitle(t('live.national.title'));
  return (
    <RequireSignIn roles={['analyst', 'admin']}>
      <div className="page" data-testid="live-national">
        <h1>{t('live.national.title')}</h1>
        <p>{t('live.national.intro')}</p>
        <NationalStatus />
      </div>
    </RequireSignIn>
  );
}
