import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDecimal, formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { hasRole, useSession } from '../accounts/session';
import { locationPath } from '../charging/paths';
import { getUptime, uptimeCsvUrl, type UptimeQuery } from './api';
import { uptimeMethodPath } from './paths';
import type { UptimeGroupBy, UptimeReport, UptimeRow } from './types';
import { isBelowTarget, lastCompleteMonth, parseMonthParam, targetLineIndex } from './uptime';
import './uptime.css';

const groupings: UptimeGroupBy[] = ['state', 'operator', 'port'];

function Pct({ value }: { value: number | null | undefined }) {
  const { t, i18n } = useTranslation();
  return <>{typeof value === 'number' ? `${formatDecimal(value, i18n.language, 2)} %` : t('uptime.noData')}</>;
}

function RowName({ row, groupBy }: { row: UptimeRow; groupBy: UptimeGroupBy }) {
  const { t } = useTranslation();
  if (groupBy === 'port') {
    return (
      <>
        <Link to={locationPath(row.locationId!)}>{row.locationName}</Link>
        <span className="muted small"> · {t('uptime.port', { uid: row.evseUid })}</span>
      </>
    );
  }
  return <>{row.name ?? t(groupBy === 'operator' ? 'uptime.undeclaredOperator' : 'uptime.unplaced')}</>;
}

function ReportTable({ report }: { report: UptimeReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { groupBy, items, method } = report;
  const target = method.target;
  const byPort = groupBy === 'port';
  // The rule's target is annual: the line, the highlight and the order follow the twelve-month figure.
  const line = byPort ? targetLineIndex(items.map((r) => r.twelveMonths), target) : null;
  const columns = [
    t(`uptime.columns.name.${groupBy}`),
    ...(byPort ? [t('uptime.columns.operator'), t('uptime.columns.state')] : [{ label: t('uptime.columns.ports'), numeric: true }]),
    { label: t('uptime.columns.twelveMonthUptime'), numeric: true },
    { label: t('uptime.columns.twelveMonthAvailability'), numeric: true },
    byPort ? { label: t('uptime.columns.monthsWithData'), numeric: true } : { label: t('uptime.columns.portsBelow', { target }), numeric: true },
    { label: t('uptime.columns.uptime'), numeric: true },
    { label: t('uptime.columns.availability'), numeric: true },
    { label: t('uptime.columns.totalMinutes'), numeric: true },
    { label: t('uptime.columns.outageMinutes'), numeric: true },
    { label: t('uptime.columns.excludedMinutes'), numeric: true },
    ...(byPort ? [t('uptime.columns.exclusions')] : []),
  ];
  const span = columns.length;
  return (
    <DataTable caption={t('uptime.caption', { month: report.month })} testId="uptime-table" columns={columns}>
      {items.length === 0 ? (
        <tr>
          <td colSpan={span} className="muted">
            {t('uptime.empty')}
          </td>
        </tr>
      ) : (
        items.map((row, index) => {
          const below = isBelowTarget(row.twelveMonths.uptimePct, target);
          const key = byPort ? `${row.locationId}|${row.evseUid}` : (row.key ?? String(index));
          return (
            <Fragment key={key}>
              {line === index ? (
                <tr className="uptime-line" data-testid="uptime-target-line">
                  <td colSpan={span}>{t('uptime.targetLine', { target })}</td>
                </tr>
              ) : null}
              <tr className={below ? 'uptime-row--below' : undefined} data-below={below ? 'true' : 'false'}>
                <th scope="row">
                  <RowName row={row} groupBy={groupBy} />
                  {below ? <span className="uptime-badge">{t('uptime.belowBadge', { target })}</span> : null}
                </th>
                {byPort ? (
                  <>
                    <td>{row.operator?.name ?? t('uptime.undeclaredOperator')}</td>
                    <td>{row.stateName ?? row.usStateAbbr ?? t('uptime.unplaced')}</td>
                  </>
                ) : (
                  <td className="num">
                    {formatInteger(row.ports, lang)}
                    {row.portsWithoutData ? <span className="muted small"> {t('uptime.withoutData', { count: row.portsWithoutData })}</span> : null}
                  </td>
                )}
                <td className="num uptime-annual" data-testid="uptime-twelve-months"><Pct value={row.twelveMonths.uptimePct} /></td>
                <td className="num uptime-annual"><Pct value={row.twelveMonths.availabilityPct} /></td>
                <td className="num uptime-annual">
                  {byPort ? t('uptime.monthsOf', { count: row.twelveMonths.monthsWithData ?? 0 }) : formatInteger(row.twelveMonths.portsBelowTarget, lang)}
                </td>
                <td className="num" data-testid="uptime-month-figure"><Pct value={row.uptimePct} /></td>
                <td className="num"><Pct value={row.availabilityPct} /></td>
                <td className="num">{formatDecimal(row.totalMinutes, lang, 0)}</td>
                <td className="num">{formatDecimal(row.outageMinutes, lang, 0)}</td>
                <td className="num">{formatDecimal(row.excludedMinutes, lang, 0)}</td>
                {byPort ? (
                  <td>
                    {(row.appliedExclusions ?? []).length === 0 ? '—' : (row.appliedExclusions ?? []).map((x) => (
                      <span key={x.id} className="uptime-exclusion">
                        {t(`uptime.reasons.${x.reason}` as 'uptime.reasons.vandalism')} ({formatDecimal(x.appliedMinutes, lang, 0)} min)
                      </span>
                    ))}
                    {row.outsideHoursMinutes > 0 ? <span className="uptime-exclusion">{t('uptime.outsideHours', { minutes: formatDecimal(row.outsideHoursMinutes, lang, 0) })}</span> : null}
                  </td>
                ) : null}
              </tr>
            </Fragment>
          );
        })
      )}
      <tr className="stats-national" data-testid="uptime-overall">
        <th scope="row">{t('uptime.overall')}</th>
        {byPort ? <td colSpan={2} /> : <td className="num">{formatInteger(report.overall.ports, lang)}</td>}
        <td className="num uptime-annual"><Pct value={report.overall.twelveMonths.uptimePct} /></td>
        <td className="num uptime-annual"><Pct value={report.overall.twelveMonths.availabilityPct} /></td>
        <td className="num uptime-annual">{byPort ? null : formatInteger(report.overall.twelveMonths.portsBelowTarget, lang)}</td>
        <td className="num"><Pct value={report.overall.uptimePct} /></td>
        <td className="num"><Pct value={report.overall.availabilityPct} /></td>
        <td className="num">{formatDecimal(report.overall.totalMinutes, lang, 0)}</td>
        <td className="num">{formatDecimal(report.overall.outageMinutes, lang, 0)}</td>
        <td className="num">{formatDecimal(report.overall.excludedMinutes, lang, 0)}</td>
        {byPort ? <td /> : null}
      </tr>
    </DataTable>
  );
}

/** Method, period and sources: every figure says how, when and from what. */
function Provenance({ report }: { report: UptimeReport }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  return (
    <p className="muted small" data-testid="uptime-provenance">
      {t('uptime.provenance.method', { rule: report.method.rule, id: report.method.id })}{' '}
      <Link to={uptimeMethodPath}>{t('uptime.provenance.methodLink')}</Link>
      {' · '}
      {t(report.period.complete ? 'uptime.provenance.period' : 'uptime.provenance.periodPartial', { month: report.month })}
      {' · '}
      {t('uptime.provenance.twelveMonths', { from: report.period.twelveMonths.fromMonth, to: report.period.twelveMonths.toMonth })}
      {' · '}
      {report.sources.length === 0
        ? t('uptime.provenance.noSources')
        : t('uptime.provenance.sources', { list: report.sources.map((s) => `${t(`uptime.sources.${s.source}` as 'uptime.sources.ocpp')} (${s.ports})`).join(', ') })}
      {' · '}
      {t('uptime.provenance.exclusions', { count: report.exclusionsRecorded })}
      {' · '}
      {t('uptime.provenance.computedAt', { when: when(report.computedAt) })}
    </p>
  );
}

/** `/disponibilidad`: uptime per 23 CFR 680.116(b) and availability, by state, operator or port. */
export function UptimePage() {
  const { t } = useTranslation();
  usePageTitle(t('uptime.title'));
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const month = parseMonthParam(params.get('month')) ?? lastCompleteMonth(new Date());
  const privileged = !!user && (hasRole(user, 'analyst', 'admin') || user.memberships.some((m) => m.role === 'editor'));
  const asked = params.get('groupBy') as UptimeGroupBy | null;
  const groupBy: UptimeGroupBy = asked && groupings.includes(asked) && (asked === 'state' || privileged) ? asked : 'state';
  const onlyBelow = params.get('below') === '97';
  const query: UptimeQuery = { month, groupBy, below: onlyBelow ? 97 : undefined };
  const report = useAsyncData((signal) => getUptime(query, signal), [month, groupBy, onlyBelow]);
  const current = report.data?.month === month && report.data.groupBy === groupBy && (report.data.below !== null) === onlyBelow ? report.data : undefined;

  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const copy = new URLSearchParams(p);
        if (value === null) copy.delete(key);
        else copy.set(key, value);
        return copy;
      },
      { replace: true },
    );

  return (
    <div className="page page--wide" data-testid="uptime-page">
      <h1>{t('uptime.title')}</h1>
      <p className="lead">{t('uptime.intro')}</p>
      <p>
        <Link to={uptimeMethodPath} data-testid="uptime-method-link">{t('uptime.methodLink')}</Link>
      </p>
      <div className="stats-toolbar uptime-toolbar">
        <label className="field">
          <span className="field__label">{t('uptime.month')}</span>
          <input type="month" value={month} max={lastCompleteMonth(new Date(Date.now() + 31 * 86_400_000))} onChange={(e) => set('month', parseMonthParam(e.target.value))} data-testid="uptime-month" />
        </label>
        <fieldset className="segmented">
          <legend className="field__label">{t('uptime.groupBy')}</legend>
          <div className="segmented__options">
            {groupings.map((g) => (
              <label key={g} className="segmented__option">
                <input type="radio" name="groupBy" value={g} checked={groupBy === g} disabled={g !== 'state' && !privileged} onChange={() => set('groupBy', g === 'state' ? null : g)} />
                <span>{t(`uptime.by.${g}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={onlyBelow} onChange={(e) => set('below', e.target.checked ? '97' : null)} data-testid="uptime-below" />
          <span>{t('uptime.onlyBelow', { target: 97 })}</span>
        </label>
        <a className="button button--secondary" href={uptimeCsvUrl(query)} download data-testid="uptime-csv-link">
          {t('uptime.downloadCsv')}
        </a>
      </div>
      {!privileged ? <p className="muted small">{t('uptime.restricted')}</p> : null}
      <AsyncContent state={{ ...report, data: current }}>
        {(data) => (
          <section className="card" aria-labelledby="uptime-table-heading">
            <h2 id="uptime-table-heading">{t(`uptime.tableTitle.${data.groupBy}`, { month: data.month })}</h2>
            <p className="muted small">{t('uptime.legend', { target: data.method.target, from: data.period.twelveMonths.fromMonth, to: data.period.twelveMonths.toMonth })}</p>
            <ReportTable report={data} />
            <Provenance report={data} />
          </section>
        )}
      </AsyncContent>
    </div>
  );
}
