import './suppliers.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { Fact, FactList } from '../../ui/Facts';
import { Pagination } from '../../ui/Pagination';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getComponent, listEstablishments } from './api';
import { ComponentBadges, useCanCurate } from './CataloguePage';
import { CurationForm } from './CurationForm';
import { SuppliersBreadcrumb } from './EstablishmentPage';
import { emptyFilters, offsetFromParams } from './filters';
import { componentName, labelLanguage } from './labels';
import { cataloguePath, directoryFilteredPath } from './paths';
import { ResultList } from './ResultList';
import { FigureSource, SupplierSources } from './SupplierSources';
import type { ComponentDetail } from './types';
import { useVocabularies } from './useVocabularies';

const pageSize = 20;

function ComponentView({ c, reload }: { c: ComponentDetail; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const v = useVocabularies();
  const canCurate = useCanCurate();
  const [params, setParams] = useSearchParams();
  const offset = offsetFromParams(params, pageSize);
  const suppliers = useAsyncData(
    (signal) => listEstablishments({ ...emptyFilters, component: [c.code] }, { limit: pageSize, offset, sort: 'name' }, signal),
    [c.code, offset],
  );
  const description = labelLanguage(lang) === 'en' ? c.descriptionEn : c.descriptionEs;
  const name = componentName(c, lang);
  return (
    <div className="page suppliers-page" data-testid="supplier-component">
      <SuppliersBreadcrumb trail={[{ to: cataloguePath, label: t('suppliers.nav.catalogue') }, { label: name }]} />
      <p className="eyebrow">{t('suppliers.catalogue.componentKind')}</p>
      <h1>{name}</h1>
      <p>
        <ComponentBadges c={c} />
      </p>
      {description ? <p className="lead">{description}</p> : null}
      <section className="card" aria-labelledby="component-facts-heading">
        <h2 id="component-facts-heading">{t('geo.keyFacts')}</h2>
        <FactList>
          <Fact label={t('suppliers.catalogue.code')}>
            <code>{c.code}</code>
          </Fact>
          <Fact label={t('suppliers.catalogue.group')}>{v.group(c.group)}</Fact>
          <Fact label={t('suppliers.catalogue.hsCodes')} testId="component-hs-codes">
            <span className="hs-codes">{c.hsCodes.join(', ') || '—'}</span>
          </Fact>
          <Fact label={t('suppliers.catalogue.suppliers')} testId="component-suppliers">
            {formatInteger(c.establishments, lang)}
          </Fact>
          {c.statesCount !== undefined ? <Fact label={t('suppliers.catalogue.states')}>{formatInteger(c.statesCount, lang)}</Fact> : null}
        </FactList>
        <p className="muted small">{t('suppliers.catalogue.hsNote')}</p>
        <FigureSource sources={c.sources ?? v.sources} asOf={c.asOf ?? v.asOf} />
      </section>
      <section className="card" aria-labelledby="component-suppliers-heading">
        <h2 id="component-suppliers-heading">{t('suppliers.catalogue.suppliersTitle')}</h2>
        {suppliers.error ? <ErrorMessage error={suppliers.error} onRetry={suppliers.reload} /> : null}
        {suppliers.data ? (
          suppliers.data.items.length === 0 ? (
            <p className="muted">{t('suppliers.catalogue.noSuppliers')}</p>
          ) : (
            <>
              <p role="status">{t('suppliers.results.total', { total: formatInteger(suppliers.data.total, lang) })}</p>
              <ResultList items={suppliers.data.items} vocabularies={v} testId="component-supplier-list" />
              <Pagination
                total={suppliers.data.total}
                limit={pageSize}
                offset={offset}
                label={t('suppliers.results.pages')}
                onChange={(next) =>
                  setParams((p) => {
                    const copy = new URLSearchParams(p);
                    if (next > 0) copy.set('page', String(Math.floor(next / pageSize) + 1));
                    else copy.delete('page');
                    return copy;
                  })
                }
              />
            </>
          )
        ) : suppliers.loading ? (
          <Loading />
        ) : null}
        <p>
          <Link to={directoryFilteredPath('component', c.code)}>{t('suppliers.catalogue.openInDirectory')}</Link>
        </p>
      </section>
      {canCurate ? (
        <CurationForm
          key={`${c.code}-${c.updatedAt ?? ''}`}
          component={c}
          vocabularies={v}
          onSaved={() => {
            reload();
            v.reloadComponents();
          }}
        />
      ) : null}
      <SupplierSources sources={c.sources ?? v.sources} asOf={c.asOf ?? v.asOf} />
    </div>
  );
}

/** `/proveedores/catalogo/:code`: one component with its headings and the plants that make it. */
export function ComponentPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const component = useAsyncData((signal) => getComponent(code, signal), [code]);
  const data = component.data?.code === code ? component.data : undefined;
  usePageTitle(data ? componentName(data, i18n.language) : t('suppliers.catalogue.componentKind'));
  if (data) return <ComponentView c={data} reload={component.reload} />;
  return (
    <div className="page">
      <SuppliersBreadcrumb trail={[{ to: cataloguePath, label: t('suppliers.nav.catalogue') }]} />
      {component.error ? <ErrorMessage error={component.error} onRetry={component.reload} /> : <Loading />}
    </div>
  );
}
