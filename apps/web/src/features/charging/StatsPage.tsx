import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDecimal, formatInteger, formatPercent } from '../../i18n/format';
import { normaliseLanguage } from '../../i18n/languages';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { stateCodeOf } from '../../atlas/selection';
import { listStates } from '../geo/api';
import { municipalityPath, statePath } from '../geo/paths';
import { getStats, statsCsvUrl } from './api';
import { BarChartFigure } from './BarChartFigure';
import { ChoroplethMap } from './ChoroplethMap';
import { FigureSource } from './FigureSource';
import { StandardsDashboard } from './StandardsDashboard';
import { formatKw, sortStandards, standardLabel } from './labels';
import { chargingPath } from './paths';
import { ChargingAttribution, ChargingSources } from './SourceNotes';
import type { ChargingStats, ChargingStatsRow, StatsGroupBy } from './types';

const groupings: StatsGroupBy[] = ['state', 'municipality'];

/** The list of locations filtered on one row's area. */
function listPathFor(groupBy: StatsGroupBy, code: string): string {
  return `${chargingPath}?${new URLSearchParams({ [groupBy === 'state' ? 'state' : 'municipality']: code }).toString()}`;
}

interface AreaNameProps {
  groupBy: StatsGroupBy;
  row: ChargingStatsRow;
  /** State names by code, to tell municipalities of the same name apart. */
  stateNames: ReadonlyMap<string, string>;
}

function AreaName({ groupBy, row, stateNames }: AreaNameProps) {
  const { t } = useTranslation();
  if (!row.code) return <>{t('charging.unplaced')}</>;
  const name = row.name ?? row.code;
  if (groupBy === 'state') return <Link to={statePath(row.code)}>{name}</Link>;
  const stateName = stateNames.get(stateCodeOf(row.code));
  return (
    <>
      <Link to={municipalityPath(row.code)}>{name}</Link>
      {stateName ? <span className="charging-source-code muted">{stateName}</span> : null}
    </>
  );
}

function StatsTables({ stats, stateNames }: { stats: ChargingStats; stateNames: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { groupBy, items } = stats;
  const areaLabel = t(`charging.stats.area.${groupBy}`);
  const standards = sortStandards(items.flatMap((r) => Object.keys(r.connectorsByStandard)));
  const keyOf = (row: ChargingStatsRow) => row.code ?? 'unplaced';

  return (
    <>
      <section className="card" aria-labelledby="stats-table-heading">
        <h2 id="stats-table-heading">{t(`charging.stats.tableTitle.${groupBy}`)}</h2>
        <DataTable
          caption={t(`charging.stats.tableTitle.${groupBy}`)}
          testId="charging-stats-table"
          columns={[
            areaLabel,
            { label: t('geo.population2020'), numeric: true },
            { label: t('charging.stats.publicLocations'), numeric: true },
            { label: t('charging.fields.evses'), numeric: true },
            { label: t('charging.stats.connectors'), numeric: true },
            { label: t('charging.stats.installedKw'), numeric: true },
            { label: t('charging.stats.per100k'), numeric: true },
            { label: t('charging.stats.dcFastShare'), numeric: true },
            { label: t('charging.stats.northAmericanShare'), numeric: true },
            { label: t('chargingDashboard.columns.privateLocations'), numeric: true },
            { label: t('chargingDashboard.columns.ocppShare'), numeric: true },
          ]}
        >
          {items.length === 0 ? (
            <tr>
              <td colSpan={11} className="muted">
                {t('charging.stats.empty')}
              </td>
            </tr>
          ) : (
            items.map((row) => (
              <tr key={keyOf(row)} data-code={row.code ?? ''}>
                <th scope="row">
                  <AreaName groupBy={groupBy} row={row} stateNames={stateNames} />
                </th>
                <td className="num">{formatInteger(row.population2020, lang)}</td>
                <td className="num">
                  {row.code ? (
                    <Link to={listPathFor(groupBy, row.code)}>
                      {formatInteger(row.publicLocations, lang)}
                      <span className="visually-hidden"> {t('charging.stats.listFor', { name: row.name ?? row.code })}</span>
                    </Link>
                  ) : (
                    formatInteger(row.publicLocations, lang)
                  )}
                </td>
                <td className="num">{formatInteger(row.evses, lang)}</td>
                <td className="num">{formatInteger(row.connectors, lang)}</td>
                <td className="num">{formatKw(row.installedKw, lang)}</td>
                <td className="num">{formatDecimal(row.publicLocationsPer100k, lang, 3)}</td>
                <td className="num">{formatPercent(row.dcFastShare, lang)}</td>
                <td className="num">{formatPercent(row.northAmericanStandardShare, lang)}</td>
                <td className="num">{formatInteger(row.privateLocations, lang)}</td>
                <td className="num">{formatPercent(row.ocpp.share, lang)}</td>
              </tr>
            ))
          )}
          <tr className="stats-national" data-testid="charging-stats-national">
            <th scope="row">{t('chargingDashboard.national')}</th>
            <td className="num">{formatInteger(stats.national.population2020, lang)}</td>
            <td className="num">{formatInteger(stats.national.publicLocations, lang)}</td>
            <td className="num">{formatInteger(stats.national.evses, lang)}</td>
            <td className="num">{formatInteger(stats.national.connectors, lang)}</td>
            <td className="num">{formatKw(stats.national.installedKw, lang)}</td>
            <td className="num">{formatDecimal(stats.national.publicLocationsPer100k, lang, 3)}</td>
            <td className="num">{formatPercent(stats.national.dcFastShare, lang)}</td>
            <td className="num">{formatPercent(stats.national.northAmericanStandardShare, lang)}</td>
            <td className="num">{formatInteger(stats.national.privateLocations, lang)}</td>
            <td className="num">{formatPercent(stats.national.ocpp.share, lang)}</td>
          </tr>
        </DataTable>
        <FigureSource sources={stats.sources} asOf={stats.asOf} />
        <a className="small" href={statsCsvUrl(groupBy)} download>
          {t('chargingDashboard.downloadTableCsv')}
        </a>
      </section>

      <section className="card" aria-labelledby="stats-standards-heading">
        <h2 id="stats-standards-heading">{t('charging.stats.byStandardTitle')}</h2>
        <p className="muted small">{t('charging.stats.byStandardIntro')}</p>
        {standards.length === 0 ? (
          <p className="muted">{t('charging.stats.empty')}</p>
        ) : (
          <DataTable
            caption={t('charging.stats.byStandardTitle')}
            testId="charging-stats-standards"
            columns={[areaLabel, ...standards.map((s) => ({ label: standardLabel(t, s), numeric: true }))]}
          >
            {items.map((row) => (
              <tr key={keyOf(row)}>
                <th scope="row">{row.code ? (row.name ?? row.code) : t('charging.unplaced')}</th>
                {standards.map((s) => (
                  <td key={s} className="num">
                    {formatInteger(row.connectorsByStandard[s] ?? 0, lang)}
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        )}
        <FigureSource sources={stats.sources} asOf={stats.asOf} />
        <a className="small" href={statsCsvUrl(groupBy)} download>
          {t('chargingDashboard.downloadTableCsv')}
        </a>
      </section>
    </>
  );
}

/** Public locations per 100,000 inhabitants: every state, or the 20 municipalities with most. */
function Per100kChart({ stats }: { stats: ChargingStats }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = stats.items
    .filter((r) => r.code && r.publicLocationsPer100k !== null && (stats.groupBy === 'state' || r.publicLocations > 0))
    .sort((a, b) => (b.publicLocationsPer100k ?? 0) - (a.publicLocationsPer100k ?? 0))
    .slice(0, stats.groupBy === 'state' ? undefined : 20);
  return (
    <BarChartFigure
      id="chart-per100k"
      title={t(stats.groupBy === 'state' ? 'chargingDashboard.charts.per100k' : 'chargingDashboard.charts.per100kMunicipality')}
      labelHeader={t(`charging.stats.area.${stats.groupBy}`)}
      valueHeader={t('charging.stats.per100k')}
      data={rows.map((r) => ({
        key: r.code!,
        label: r.name ?? r.code!,
        value: r.publicLocationsPer100k ?? 0,
        text: formatDecimal(r.publicLocationsPer100k, lang, 3),
      }))}
      sources={stats.sources}
      asOf={stats.asOf}
      csvHref={statsCsvUrl(stats.groupBy)}
    />
  );
}

/** How the figures are computed: our wording, and the server's own text (in English). */
function Method({ method }: { method: string }) {
  const { t, i18n } = useTranslation();
  const english = normaliseLanguage(i18n.language) === 'en';
  return (
    <section className="card" aria-labelledby="stats-method-heading">
      <h2 id="stats-method-heading">{t('charging.stats.methodTitle')}</h2>
      {english ? (
        <p data-testid="charging-stats-method">{method}</p>
      ) : (
        <>
          <p data-testid="charging-stats-method">{t('charging.stats.method')}</p>
          <details className="alert__more">
            <summary>{t('charging.stats.methodOriginal')}</summary>
            <p lang="en">{method}</p>
          </details>
        </>
      )}
    </section>
  );
}

/** `/cargadores/estadisticas`: the baseline of public charging by state or municipality. */
export function StatsPage() {
  const { t } = useTranslation();
  usePageTitle(t('charging.stats.title'));
  const [params, setParams] = useSearchParams();
  const groupBy: StatsGroupBy = params.get('groupBy') === 'municipality' ? 'municipality' : 'state';
  const stats = useAsyncData((signal) => getStats(groupBy, signal), [groupBy]);
  const current = stats.data?.groupBy === groupBy ? stats.data : undefined;
  const states = useAsyncData((signal) => (groupBy === 'municipality' ? listStates(signal) : null), [groupBy]);
  const stateNames = useMemo(() => new Map((states.data?.items ?? []).map((s) => [s.cveEnt, s.name])), [states.data]);

  const choose = (next: StatsGroupBy) =>
    setParams(
      (p) => {
        const copy = new URLSearchParams(p);
        if (next === 'state') copy.delete('groupBy');
        else copy.set('groupBy', next);
        return copy;
      },
      { replace: true },
    );

  return (
    <div className="page page--wide" data-testid="charging-stats">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={chargingPath}>{t('charging.title')}</Link>
          </li>
          <li aria-current="page">{t('charging.stats.title')}</li>
        </ol>
      </nav>
      <h1>{t('charging.stats.title')}</h1>
      <p className="lead">{t('charging.stats.intro')}</p>
      <ChargingAttribution />
      <div className="stats-toolbar">
        <fieldset className="segmented">
          <legend className="field__label">{t('charging.stats.groupBy')}</legend>
          <div className="segmented__options">
            {groupings.map((g) => (
              <label key={g} className="segmented__option">
                <input type="radio" name="groupBy" value={g} checked={groupBy === g} onChange={() => choose(g)} />
                <span>{t(`charging.stats.by.${g}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <a className="button button--secondary" href={statsCsvUrl(groupBy)} download data-testid="charging-stats-csv-link">
          {t('charging.downloadCsv')}
        </a>
      </div>
      <AsyncContent state={{ ...stats, data: current }}>
        {(data) => (
          <>
            <ChoroplethMap stats={data} />
            <Per100kChart stats={data} />
            <StatsTables stats={data} stateNames={stateNames} />
            <Method method={data.method} />
            <ChargingSources sources={data.sources} asOf={data.asOf} />
          </>
        )}
      </AsyncContent>
      <StandardsDashboard />
    </div>
  );
}
