import './suppliers.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { Field, SelectField } from '../../ui/Field';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { useDebouncedValue } from '../../ui/useDebouncedValue';
import { usePageTitle } from '../../ui/usePageTitle';
import { getState } from '../geo/api';
import { normaliseQuery } from '../geo/paths';
import { exportUrl, listEstablishments } from './api';
import { FacetPanel } from './FacetPanel';
import {
  effectiveSort,
  emptyFilters,
  filtersFromParams,
  filtersKey,
  hasFilters,
  maxTextLength,
  offsetFromParams,
  paramsFromFilters,
  sortOrders,
  toggleValue,
  type SupplierFilters,
} from './filters';
import { cataloguePath, coveragePath } from './paths';
import { RadiusPicker } from './RadiusPicker';
import { ResultList } from './ResultList';
import { FigureSource } from './SupplierSources';
import { SuppliersMap } from './SuppliersMap';
import { useVocabularies } from './useVocabularies';

const pageSize = 20;

/** A text filter applied a moment after typing stops; follows the address bar (back, clear). */
function DebouncedText({ label, name, hint, value, inputMode, onCommit }: { label: string; name: string; hint?: string; value: string; inputMode?: 'numeric'; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const debounced = useDebouncedValue(draft, 300);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => {
    const next = normaliseQuery(debounced);
    if (next === committed.current) return;
    committed.current = next;
    commit.current(next);
  }, [debounced]);
  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setDraft(value);
  }, [value]);
  return (
    <Field label={label} name={name} type="search" hint={hint} value={draft} maxLength={maxTextLength} autoComplete="off" inputMode={inputMode} onChange={(e) => setDraft(e.target.value)} />
  );
}

export function SuppliersSubnav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('suppliers.sectionsLabel')} className="subnav">
      <ul>
        <li>
          <Link to={cataloguePath}>{t('suppliers.nav.catalogue')}</Link>
        </li>
        <li>
          <Link to={coveragePath}>{t('suppliers.nav.coverage')}</Link>
        </li>
      </ul>
    </nav>
  );
}

/** `/proveedores`: search, facets, radius, results as a list or on a map; all in the address bar. */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('suppliers.title'));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const offset = offsetFromParams(params, pageSize);
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const vocabularies = useVocabularies();
  const sort = effectiveSort(filters);
  const key = filtersKey(filters);
  const list = useAsyncData((signal) => listEstablishments(filters, { limit: pageSize, offset, sort, facets: true }, signal), [key, offset, sort]);

  /** New filters: back to the first page, the view kept. */
  const apply = (next: SupplierFilters) => {
    const p = paramsFromFilters(next);
    if (view === 'map') p.set('view', 'map');
    setParams(p, { replace: true });
  };
  const setView = (next: 'list' | 'map') =>
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        if (next === 'map') p.set('view', 'map');
        else p.delete('view');
        return p;
      },
      { replace: true },
    );
  const setOffset = (next: number) =>
    setParams((current) => {
      const p = new URLSearchParams(current);
      if (next > 0) p.set('page', String(Math.floor(next / pageSize) + 1));
      else p.delete('page');
      return p;
    });

  // With one state ticked, the map frames it.
  const oneState = filters.state.length === 1 ? filters.state[0]! : '';
  const state = useAsyncData((signal) => (oneState && view === 'map' ? getState(oneState, signal) : null), [oneState, view]);
  const fitTo = oneState && state.data?.cveEnt === oneState ? state.data.bbox : null;

  const data = list.data;
  return (
    <div className="page page--wide suppliers-page" data-testid="suppliers-directory">
      <h1>{t('suppliers.title')}</h1>
      <p className="lead">{t('suppliers.intro')}</p>
      <SuppliersSubnav />
      <div className="supplier-layout">
        <aside className="supplier-layout__side" aria-labelledby="supplier-facets-heading">
          <FacetPanel facets={data?.facets} filters={filters} vocabularies={vocabularies} onToggle={(k, value) => apply(toggleValue(filters, k, value))} />
        </aside>
        <div className="supplier-layout__main">
          <form className="card supplier-search" role="search" aria-labelledby="supplier-search-heading" data-testid="supplier-search" onSubmit={(e) => e.preventDefault()}>
            <h2 id="supplier-search-heading">{t('suppliers.search.title')}</h2>
            <div className="supplier-search__fields">
              <DebouncedText label={t('suppliers.search.q')} name="q" hint={t('suppliers.search.qHint')} value={filters.q} onCommit={(q) => apply({ ...filters, q })} />
              <DebouncedText
                label={t('suppliers.search.scian')}
                name="scian"
                hint={t('suppliers.search.scianHint')}
                inputMode="numeric"
                value={filters.scian}
                onCommit={(scian) => apply({ ...filters, scian: /^[0-9]{2,6}$/.test(scian) ? scian : '' })}
              />
              <SelectField label={t('suppliers.search.sort')} name="sort" value={sort} onChange={(e) => apply({ ...filters, sort: e.target.value as SupplierFilters['sort'] })}>
                {sortOrders
                  .filter((s) => (s !== 'distance' || filters.near) && (s !== 'relevance' || filters.q))
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`suppliers.search.sorts.${s}`)}
                    </option>
                  ))}
              </SelectField>
            </div>
            <div className="actions">
              <button type="button" className="button button--secondary" disabled={!hasFilters(filters)} onClick={() => apply(emptyFilters)}>
                {t('suppliers.search.clear')}
              </button>
            </div>
          </form>
          <RadiusPicker filters={filters} onChange={(near, radiusKm, place) => apply({ ...filters, near, radiusKm, place, sort: near ? filters.sort : filters.sort === 'distance' ? '' : filters.sort })} />
          <section className="card" aria-labelledby="supplier-results-heading">
            <div className="card__header">
              <h2 id="supplier-results-heading">{t('suppliers.results.title')}</h2>
              <fieldset className="segmented">
                <legend className="field__label">{t('suppliers.results.view')}</legend>
                <div className="segmented__options">
                  {(['list', 'map'] as const).map((v) => (
                    <label key={v} className="segmented__option">
                      <input type="radio" name="view" value={v} checked={view === v} onChange={() => setView(v)} />
                      <span>{t(`suppliers.results.views.${v}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </div>
            <p role="status" data-testid="supplier-total">
              {data ? t('suppliers.results.total', { total: formatInteger(data.total, lang) }) : ''}
            </p>
            {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
            {view === 'map' ? (
              <SuppliersMap filters={filters} fitTo={fitTo} />
            ) : data ? (
              <div aria-busy={list.loading}>
                {data.items.length === 0 ? <p className="muted">{t('suppliers.results.empty')}</p> : <ResultList items={data.items} vocabularies={vocabularies} />}
                <Pagination total={data.total} limit={pageSize} offset={offset} onChange={setOffset} label={t('suppliers.results.pages')} />
              </div>
            ) : list.loading ? (
              <Loading />
            ) : null}
            <div className="supplier-downloads">
              <p className="small">{t('suppliers.results.downloads')}</p>
              <div className="download-links">
                <a className="button button--secondary" href={exportUrl('csv', filters)} download data-testid="supplier-csv-link">
                  {t('suppliers.results.csv')}
                </a>
                <a className="button button--secondary" href={exportUrl('geojson', filters)} download data-testid="supplier-geojson-link">
                  {t('suppliers.results.geojson')}
                </a>
                <a className="button button--secondary" href={exportUrl('json', filters)} download data-testid="supplier-json-link">
                  {t('suppliers.results.json')}
                </a>
              </div>
            </div>
            <FigureSource sources={vocabularies.sources} asOf={vocabularies.asOf} />
          </section>
        </div>
      </div>
    </div>
  );
}
