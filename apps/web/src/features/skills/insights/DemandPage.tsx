import '../../suppliers/suppliers.css';
import '../../charging/chargingDashboard.css';
import '../skills.css';
import './insights.css';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { MapStatus } from '../../../atlas/MapStatus';
import { useStateChoropleth } from '../../../atlas/useStateChoropleth';
import { formatInteger } from '../../../i18n/format';
import { translateDynamic } from '../../../i18n/dynamic';
import { AsyncContent } from '../../../ui/AsyncContent';
import { DataTable } from '../../../ui/DataTable';
import { SelectField } from '../../../ui/Field';
import { useAsyncData } from '../../../ui/useAsyncData';
import { usePageTitle } from '../../../ui/usePageTitle';
import { noDataColour, quantileClasses } from '../../charging/choropleth';
import { demandHorizons, demandLevels, getDemand, type DemandAggregate, type DemandFilters, type DemandGrouping } from './api';
import { InsightsSubnav, MethodNote, StateSelect, Withheld } from './components';
import { DemandReporting } from './DemandReporting';
import { demandFillExpression, labelOf, stateFigures, trendSeries, withheldColour } from './insights';

const tableGroupings: DemandGrouping[] = ['skill', 'occupation', 'level', 'horizon', 'municipality'];

/** The label of a cell: levels and horizons are codes the page translates; the rest come labelled. */
function useCellLabel(groupBy: DemandGrouping) {
  const { t, i18n } = useTranslation();
  return (cell: { key: string; labelEs: string; labelEn: string }) =>
    groupBy === 'level' || groupBy === 'horizon'
      ? translateDynamic(t, `skillsInsights.vocab.${groupBy === 'level' ? 'levels' : 'horizons'}.${cell.key}`, labelOf(cell, i18n.language))
      : labelOf(cell, i18n.language);
}

/** States coloured by people needed; withheld states in their own colour, not as zero. */
function DemandMap({ byState }: { byState: DemandAggregate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const figures = useMemo(() => stateFigures(byState.items), [byState]);
  const classes = useMemo(() => quantileClasses([...figures.people.values()].filter((n) => n > 0)), [figures]);
  const fill = useMemo(() => demandFillExpression(figures, classes), [figures, classes]);
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, failed } = useStateChoropleth(containerRef, fill);
  const cellLabel = useCellLabel('state');
  return (
    <section className="card choropleth" aria-labelledby="demand-map-heading" data-testid="demand-map" data-map-loaded={map ? 'true' : 'false'}>
      <h2 id="demand-map-heading">{t('skillsInsights.demand.mapTitle')}</h2>
      <figure className="choropleth__figure">
        <div className="choropleth__map">
          <div ref={containerRef} className="choropleth__canvas" role="region" aria-label={t('skillsInsights.demand.mapLabel')} hidden={failed} />
          <MapStatus loading={!map && !failed} failed={failed} unavailableText={t('skillsInsights.demand.mapUnavailable')} />
        </div>
        <figcaption className="small">{t('skillsInsights.demand.mapLabel')}</figcaption>
      </figure>
      <div className="choropleth__legend" data-testid="demand-legend">
        <p className="field__label">{t('skillsInsights.demand.legend')}</p>
        <ul>
          {classes.map((c) => (
            <li key={`${c.min}-${c.max}`}>
              <span className="legend-swatch" style={{ background: c.colour }} aria-hidden="true" />
              {c.min === c.max ? formatInteger(c.min, lang) : `${formatInteger(c.min, lang)} – ${formatInteger(c.max, lang)}`}
            </li>
          ))}
          <li>
            <span className="legend-swatch" style={{ background: withheldColour }} aria-hidden="true" />
            <Withheld />
          </li>
          <li>
            <span className="legend-swatch" style={{ background: noDataColour }} aria-hidden="true" />
            {t('skillsInsights.demand.noReports')}
          </li>
        </ul>
      </div>
      <details>
        <summary>{t('skillsInsights.common.showTable')}</summary>
        <CellTable aggregate={byState} label={cellLabel} testId="demand-table-state" caption={t('skillsInsights.demand.byState')} header={t('skillsInsights.fields.state')} />
      </details>
    </section>
  );
}

function CellTable({ aggregate, label, testId, caption, header }: { aggregate: DemandAggregate; label: (c: DemandAggregate['items'][number]) => string; testId: string; caption: string; header: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (aggregate.items.length === 0) return <p className="muted">{t('skillsInsights.demand.empty')}</p>;
  return (
    <DataTable
      caption={caption}
      testId={testId}
      columns={[header, { label: t('skillsInsights.demand.people'), numeric: true }, { label: t('skillsInsights.demand.reports'), numeric: true }, { label: t('skillsInsights.demand.organisations'), numeric: true }]}
    >
      {aggregate.items.map((c) => (
        <tr key={c.key} data-key={c.key} data-suppressed={c.suppressed ? 'true' : 'false'}>
          <th scope="row">{label(c)}</th>
          {c.suppressed ? (
            <td colSpan={3}>
              <Withheld />
            </td>
          ) : (
            <>
              <td className="num">{formatInteger(c.people, lang)}</td>
              <td className="num">{formatInteger(c.reports, lang)}</td>
              <td className="num">{formatInteger(c.organisations, lang)}</td>
            </>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

/** People needed per quarter of reporting; a withheld quarter breaks the line (it is unknown, not zero). */
function TrendChart({ trend }: { trend: DemandAggregate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const series = trendSeries(trend.items);
  return (
    <figure className="card chart-figure" aria-labelledby="demand-trend-title" data-testid="demand-trend">
      <figcaption>
        <h2 id="demand-trend-title">{t('skillsInsights.demand.trendTitle')}</h2>
      </figcaption>
      {series.length === 0 ? (
        <p className="muted">{t('skillsInsights.demand.empty')}</p>
      ) : (
        <>
          <div className="chart-figure__chart" aria-hidden="true" style={{ height: 220 }}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={series} margin={{ top: 8, right: 24, bottom: 4, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="quarter" tick={{ fontSize: 12 }} />
                <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
                <Line type="linear" dataKey="people" stroke="#2b6c8f" strokeWidth={2} isAnimationActive={false} connectNulls={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <details className="chart-figure__table">
            <summary>{t('skillsInsights.common.showTable')}</summary>
            <DataTable caption={t('skillsInsights.demand.trendTitle')} testId="demand-trend-table" columns={[t('skillsInsights.demand.quarter'), { label: t('skillsInsights.demand.people'), numeric: true }]}>
              {series.map((p) => (
                <tr key={p.quarter}>
                  <th scope="row">{p.quarter}</th>
                  <td className="num">{p.withheld ? <Withheld /> : formatInteger(p.people, lang)}</td>
                </tr>
              ))}
            </DataTable>
          </details>
        </>
      )}
    </figure>
  );
}

/** `/habilidades/demanda`: aggregated industry demand (point 2 of the skills platform). */
export function DemandPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('skillsInsights.demand.title'));
  const [params, setParams] = useSearchParams();
  const filters: DemandFilters = { state: params.get('estado') ?? undefined, level: params.get('nivel') ?? undefined, horizon: params.get('horizonte') ?? undefined };
  const groupBy = (tableGroupings as string[]).includes(params.get('por') ?? '') ? (params.get('por') as DemandGrouping) : 'skill';
  const fkey = JSON.stringify(filters);
  const byState = useAsyncData((signal) => getDemand('state', { ...filters, state: undefined }, signal), [fkey]);
  const table = useAsyncData((signal) => getDemand(groupBy, filters, signal), [fkey, groupBy]);
  const trend = useAsyncData((signal) => getDemand('quarter', filters, signal), [fkey]);
  const cellLabel = useCellLabel(groupBy);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const lang = i18n.language;
  const meta = table.data ?? byState.data;
  // By quarter every report counts once (by skill it counts once per skill), so the headline comes from the trend.
  const headline = trend.data ?? byState.data;
  return (
    <div className="page page--wide skills-page insights-page" data-testid="demand-page">
      <InsightsSubnav />
      <h1>{t('skillsInsights.demand.title')}</h1>
      <p className="lead">{t('skillsInsights.demand.intro')}</p>
      <section className="card insights-filters" aria-label={t('skillsInsights.common.filters')} data-testid="demand-filters">
        <StateSelect label={t('skillsInsights.fields.state')} name="state" value={filters.state ?? ''} onChange={(v) => set('estado', v)} emptyLabel={t('skillsInsights.common.allStates')} />
        <SelectField label={t('skillsInsights.fields.level')} name="level" value={filters.level ?? ''} onChange={(e) => set('nivel', e.target.value)}>
          <option value="">{t('skillsInsights.common.all')}</option>
          {demandLevels.map((l) => (
            <option key={l} value={l}>
              {t(`skillsInsights.vocab.levels.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('skillsInsights.fields.horizon')} name="horizon" value={filters.horizon ?? ''} onChange={(e) => set('horizonte', e.target.value)}>
          <option value="">{t('skillsInsights.common.all')}</option>
          {demandHorizons.map((h) => (
            <option key={h} value={h}>
              {t(`skillsInsights.vocab.horizons.${h}`)}
            </option>
          ))}
        </SelectField>
      </section>
      {headline ? (
        <p className="insights-summary" data-testid="demand-summary">
          {t('skillsInsights.demand.summary', { people: formatInteger(headline.peoplePublished, lang), count: headline.suppressedCells })}
        </p>
      ) : null}
      <AsyncContent state={byState}>{(data) => <DemandMap byState={data} />}</AsyncContent>
      <section className="card" aria-labelledby="demand-table-heading">
        <h2 id="demand-table-heading">{t('skillsInsights.demand.tableTitle')}</h2>
        <SelectField label={t('skillsInsights.demand.groupBy')} name="groupBy" value={groupBy} onChange={(e) => set('por', e.target.value === 'skill' ? '' : e.target.value)}>
          {tableGroupings.map((g) => (
            <option key={g} value={g}>
              {t(`skillsInsights.demand.groupings.${g}`)}
            </option>
          ))}
        </SelectField>
        {groupBy === 'skill' ? <p className="small muted">{t('skillsInsights.demand.skillNote')}</p> : null}
        <AsyncContent state={table}>
          {(data) => <CellTable aggregate={data} label={cellLabel} testId="demand-table" caption={t(`skillsInsights.demand.groupings.${groupBy}`)} header={t(`skillsInsights.demand.groupings.${groupBy}`)} />}
        </AsyncContent>
      </section>
      <AsyncContent state={trend}>{(data) => <TrendChart trend={data} />}</AsyncContent>
      <MethodNote id="demand-method" method={t('skillsInsights.demand.method')} serverMethod={meta ? `${meta.method} ${meta.privacy}` : null} asOf={meta?.asOf} sources={meta?.sources} />
      <DemandReporting onChange={() => { byState.reload(); table.reload(); trend.reload(); }} />
      <p className="small">
        <Link to="/habilidades/brechas">{t('skillsInsights.demand.seeGaps')}</Link>
      </p>
    </div>
  );
}
