import './suppliers.css';
import '../charging/chargingDashboard.css';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MapStatus } from '../../atlas/MapStatus';
import { useStateChoropleth } from '../../atlas/useStateChoropleth';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { SelectField } from '../../ui/Field';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { BarChartFigure } from '../charging/BarChartFigure';
import { noDataColour, quantileClasses } from '../charging/choropleth';
import { statePath } from '../geo/paths';
import { getStats, listEstablishments, statsCsvUrl } from './api';
import { SuppliersBreadcrumb } from './EstablishmentPage';
import { emptyFilters } from './filters';
import { labelLanguage } from './labels';
import { asChartSources, gapRows, rowName, stateCounts, stateFillExpression, tierSummary } from './coverage';
import { componentPath, directoryFilteredPath } from './paths';
import { FigureSource, SupplierSources } from './SupplierSources';
import type { StatsGroupBy, StatsRow, SupplierStats } from './types';
import { useVocabularies, type Vocabularies } from './useVocabularies';

const facetKeyOf: Record<StatsGroupBy, string> = { state: 'state', tier: 'tier', process: 'process', component: 'component' };

function CsvLink({ groupBy }: { groupBy: StatsGroupBy }) {
  const { t } = useTranslation();
  return (
    <a className="small" href={statsCsvUrl(groupBy)} download data-testid={`coverage-csv-${groupBy}`}>
      {t('suppliers.coverage.downloadCsv')}
    </a>
  );
}

/** Components no plant in Mexico declares: listed first, so they stand out. */
function Gaps({ stats, v }: { stats: SupplierStats; v: Vocabularies }) {
  const { t, i18n } = useTranslation();
  const gaps = gapRows(stats.items);
  const ev = gaps.filter((g) => g.evSpecific).length;
  return (
    <section className="card alert--warning-card" aria-labelledby="coverage-gaps-heading" data-testid="coverage-gaps">
      <h2 id="coverage-gaps-heading">{t('suppliers.coverage.gapsTitle')}</h2>
      <p className="muted small">{t('suppliers.coverage.gapsIntro')}</p>
      {gaps.length === 0 ? (
        <p>{t('suppliers.coverage.noGaps')}</p>
      ) : (
        <>
          <p>
            <strong>{t('suppliers.coverage.gapsCount', { count: gaps.length, ev: formatInteger(ev, i18n.language) })}</strong>
          </p>
          <ul className="tag-list">
            {gaps.map((g) => (
              <li key={g.code} className={`tag ${g.evSpecific ? 'tag--gap' : 'tag--muted'}`}>
                <Link to={componentPath(g.code!)}>{rowName(g, labelLanguage(i18n.language)) || v.component(g.code!)}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <FigureSource sources={stats.sources} asOf={stats.asOf} />
    </section>
  );
}

/** Per component: plants, companies, states, tiers; the ones with no domestic supplier highlighted. */
function ComponentTable({ stats, v }: { stats: SupplierStats; v: Vocabularies }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [evOnly, setEvOnly] = useState(true);
  const tierOrder = (v.taxonomy?.tiers ?? []).map((x) => x.code);
  const groups = new Map((v.components ?? []).map((c) => [c.code, c.group]));
  const rows = stats.items.filter((r) => r.code && !r.retired && (!evOnly || r.evSpecific));
  const gaps = new Set(gapRows(stats.items).map((r) => r.code));
  return (
    <section className="card" aria-labelledby="coverage-table-heading">
      <h2 id="coverage-table-heading">{t('suppliers.coverage.tableTitle')}</h2>
      <p className="catalogue-toolbar">
        <label>
          <input type="checkbox" name="coverageEvOnly" checked={evOnly} onChange={(e) => setEvOnly(e.target.checked)} />
          {t('suppliers.coverage.evOnly')}
        </label>
      </p>
      <DataTable
        caption={t('suppliers.coverage.tableTitle')}
        testId="coverage-components"
        columns={[
          t('suppliers.catalogue.component'),
          t('suppliers.catalogue.group'),
          { label: t('suppliers.coverage.establishments'), numeric: true },
          { label: t('suppliers.coverage.companies'), numeric: true },
          { label: t('suppliers.coverage.states'), numeric: true },
          t('suppliers.coverage.tiers'),
        ]}
      >
        {rows.map((r) => {
          const gap = gaps.has(r.code);
          const states = r.states.join(', ');
          return (
            <tr key={r.code} data-code={r.code} data-gap={gap ? 'true' : 'false'} className={gap ? 'coverage-gap' : undefined}>
              <th scope="row">
                <Link to={componentPath(r.code!)}>{rowName(r, labelLanguage(lang))}</Link>{' '}
                {r.evSpecific ? <span className="tag tag--ev">{t('suppliers.catalogue.evBadge')}</span> : null}{' '}
                {gap ? <span className="tag tag--gap">{t('suppliers.catalogue.noSupplierBadge')}</span> : null}
              </th>
              <td>{groups.has(r.code!) ? v.group(groups.get(r.code!)!) : '—'}</td>
              <td className="num">
                {r.establishments > 0 ? <Link to={directoryFilteredPath('component', r.code!)}>{formatInteger(r.establishments, lang)}</Link> : formatInteger(0, lang)}
              </td>
              <td className="num">{formatInteger(r.companies, lang)}</td>
              <td className="num" title={states || undefined}>
                {formatInteger(r.statesCount, lang)}
              </td>
              <td className="small">{tierSummary(r.byTier, tierOrder, v.tier, (n) => formatInteger(n, lang)) || '—'}</td>
            </tr>
          );
        })}
      </DataTable>
      <FigureSource sources={stats.sources} asOf={stats.asOf} />
      <CsvLink groupBy="component" />
    </section>
  );
}

/** States coloured by how many plants supply the chosen component (or any component). */
function StateChoropleth({ byState, v }: { byState: SupplierStats; v: Vocabularies }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [component, setComponent] = useState('');
  const filtered = useAsyncData(
    (signal) => (component ? listEstablishments({ ...emptyFilters, component: [component] }, { limit: 1, offset: 0, sort: 'name', facets: true }, signal) : null),
    [component],
  );
  const counts = useMemo(
    () => (component ? stateCounts({ facets: filtered.data?.facets }) : stateCounts({ rows: byState.items })),
    [component, filtered.data, byState],
  );
  const classes = useMemo(() => quantileClasses([...counts.values()].filter((n) => n > 0)), [counts]);
  const fill = useMemo(() => stateFillExpression(counts, classes), [counts, classes]);
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, failed } = useStateChoropleth(containerRef, fill);
  const componentLabel = component ? v.component(component) : t('suppliers.coverage.mapAll');
  const options = (v.components ?? []).filter((c) => !c.retired);
  return (
    <section className="card choropleth" aria-labelledby="coverage-map-heading" data-testid="coverage-choropleth" data-map-loaded={map ? 'true' : 'false'}>
      <h2 id="coverage-map-heading">{t('suppliers.coverage.mapTitle')}</h2>
      <SelectField label={t('suppliers.coverage.mapComponent')} name="mapComponent" value={component} onChange={(e) => setComponent(e.target.value)}>
        <option value="">{t('suppliers.coverage.mapAll')}</option>
        {options.map((c) => (
          <option key={c.code} value={c.code}>
            {v.component(c.code)}
          </option>
        ))}
      </SelectField>
      <figure className="choropleth__figure">
        <div className="choropleth__map">
          <div ref={containerRef} className="choropleth__canvas" role="region" aria-label={t('suppliers.coverage.mapLabel', { component: componentLabel })} hidden={failed} />
          <MapStatus loading={!map && !failed} failed={failed} unavailableText={t('suppliers.coverage.mapUnavailable')} />
        </div>
        <figcaption className="small">{t('suppliers.coverage.mapLabel', { component: componentLabel })}</figcaption>
      </figure>
      <div className="choropleth__legend" data-testid="coverage-legend">
        <p className="field__label">
          {t('chargingDashboard.map.legend')}: {t('suppliers.coverage.legend')}
        </p>
        <ul>
          {classes.map((c) => (
            <li key={`${c.min}-${c.max}`}>
              <span className="legend-swatch" style={{ background: c.colour }} aria-hidden="true" />
              {c.min === c.max ? formatInteger(c.min, lang) : `${formatInteger(c.min, lang)} – ${formatInteger(c.max, lang)}`}
            </li>
          ))}
          <li>
            <span className="legend-swatch" style={{ background: noDataColour }} aria-hidden="true" />
            {t('suppliers.coverage.noData')}
          </li>
        </ul>
      </div>
      <FigureSource sources={byState.sources} asOf={byState.asOf} />
    </section>
  );
}

/** One grouping (state, tier or process) as a bar chart with its table, CSV and sources. */
function GroupFigure({ stats, v }: { stats: SupplierStats; v: Vocabularies }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const language = labelLanguage(lang);
  const rows = stats.items.filter((r) => r.code !== null && (stats.groupBy !== 'process' || r.establishments > 0));
  const name = (r: StatsRow) => (stats.groupBy === 'tier' ? v.tier(r.code!) : stats.groupBy === 'process' ? v.process(r.code!) : rowName(r, language));
  const sorted = stats.groupBy === 'tier' ? rows : [...rows].sort((a, b) => b.establishments - a.establishments);
  const unplaced = stats.items.find((r) => r.code === null);
  const title = t(`suppliers.coverage.byTitle.${stats.groupBy}`);
  return (
    <div data-testid={`coverage-${stats.groupBy}`}>
      <BarChartFigure
        id={`coverage-chart-${stats.groupBy}`}
        title={title}
        labelHeader={t(stats.groupBy === 'state' ? 'suppliers.fields.state' : stats.groupBy === 'tier' ? 'suppliers.fields.tiers' : 'suppliers.fields.processes')}
        valueHeader={t('suppliers.coverage.establishments')}
        data={sorted.map((r) => ({ key: r.code!, label: name(r), value: r.establishments, text: formatInteger(r.establishments, lang) }))}
        sources={asChartSources(stats.sources)}
        asOf={stats.asOf}
        csvHref={statsCsvUrl(stats.groupBy)}
      >
        {unplaced && unplaced.establishments > 0 ? (
          <p className="small muted">
            {t('suppliers.coverage.noValue')}: {formatInteger(unplaced.establishments, lang)}
          </p>
        ) : null}
      </BarChartFigure>
      <details className="card">
        <summary>{t('suppliers.coverage.showTable')}</summary>
        <DataTable
          caption={title}
          testId={`coverage-table-${stats.groupBy}`}
          columns={[
            t(stats.groupBy === 'state' ? 'suppliers.fields.state' : stats.groupBy === 'tier' ? 'suppliers.fields.tiers' : 'suppliers.fields.processes'),
            { label: t('suppliers.coverage.establishments'), numeric: true },
            { label: t('suppliers.coverage.companies'), numeric: true },
            { label: t('suppliers.coverage.states'), numeric: true },
          ]}
        >
          {sorted.map((r) => (
            <tr key={r.code}>
              <th scope="row">{stats.groupBy === 'state' ? <Link to={statePath(r.code!)}>{name(r)}</Link> : name(r)}</th>
              <td className="num">
                {r.establishments > 0 ? <Link to={directoryFilteredPath(facetKeyOf[stats.groupBy], r.code!)}>{formatInteger(r.establishments, lang)}</Link> : formatInteger(0, lang)}
              </td>
              <td className="num">{formatInteger(r.companies, lang)}</td>
              <td className="num">{formatInteger(r.statesCount, lang)}</td>
            </tr>
          ))}
          <tr className="stats-national">
            <th scope="row">{t('suppliers.coverage.national')}</th>
            <td className="num">{formatInteger(stats.national.establishments, lang)}</td>
            <td className="num">{formatInteger(stats.national.companies, lang)}</td>
            <td className="num">{formatInteger(stats.national.statesCount, lang)}</td>
          </tr>
        </DataTable>
        <FigureSource sources={stats.sources} asOf={stats.asOf} />
      </details>
    </div>
  );
}

/** `/proveedores/cobertura`: coverage per component (recommendation 13), by state, tier and process. */
export function CoveragePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('suppliers.coverage.title'));
  const v = useVocabularies();
  const byComponent = useAsyncData((signal) => getStats('component', signal), []);
  const byState = useAsyncData((signal) => getStats('state', signal), []);
  const byTier = useAsyncData((signal) => getStats('tier', signal), []);
  const byProcess = useAsyncData((signal) => getStats('process', signal), []);
  const english = labelLanguage(i18n.language) === 'en';
  return (
    <div className="page page--wide suppliers-page" data-testid="supplier-coverage">
      <SuppliersBreadcrumb trail={[{ label: t('suppliers.nav.coverage') }]} />
      <h1>{t('suppliers.coverage.title')}</h1>
      <p className="lead">{t('suppliers.coverage.intro')}</p>
      <AsyncContent state={byComponent}>
        {(stats) => (
          <>
            <Gaps stats={stats} v={v} />
            <ComponentTable stats={stats} v={v} />
          </>
        )}
      </AsyncContent>
      <AsyncContent state={byState}>{(stats) => <StateChoropleth byState={stats} v={v} />}</AsyncContent>
      <div className="chart-grid">
        <AsyncContent state={byTier}>{(stats) => <GroupFigure stats={stats} v={v} />}</AsyncContent>
        <AsyncContent state={byState}>{(stats) => <GroupFigure stats={stats} v={v} />}</AsyncContent>
      </div>
      <AsyncContent state={byProcess}>{(stats) => <GroupFigure stats={stats} v={v} />}</AsyncContent>
      <section className="card" aria-labelledby="coverage-method-heading">
        <h2 id="coverage-method-heading">{t('suppliers.coverage.methodTitle')}</h2>
        <p data-testid="coverage-method">{t('suppliers.coverage.method')}</p>
        {!english && byComponent.data?.method ? (
          <details className="alert__more">
            <summary>{t('charging.stats.methodOriginal')}</summary>
            <p lang="en">{byComponent.data.method}</p>
          </details>
        ) : byComponent.data?.method ? (
          <p>{byComponent.data.method}</p>
        ) : null}
      </section>
      <SupplierSources sources={byComponent.data?.sources} asOf={byComponent.data?.asOf} />
    </div>
  );
}
