import './suppliers.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { AsyncContent } from '../../ui/AsyncContent';
import { DataTable } from '../../ui/DataTable';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { hasRole, useSession } from '../accounts/session';
import { listComponents } from './api';
import { CurationForm } from './CurationForm';
import { SuppliersBreadcrumb } from './EstablishmentPage';
import { componentName, groupComponents } from './labels';
import { componentPath } from './paths';
import { FigureSource } from './SupplierSources';
import type { CatalogueComponent } from './types';
import { useVocabularies } from './useVocabularies';

/** Analysts and moderators of the Ministry of Economy curate the catalogue (admins too). */
export const useCanCurate = () => hasRole(useSession().user, 'analyst', 'moderator', 'admin');

export function ComponentBadges({ c }: { c: CatalogueComponent }) {
  const { t } = useTranslation();
  return (
    <>
      {c.evSpecific ? <span className="tag tag--ev">{t('suppliers.catalogue.evBadge')}</span> : null}{' '}
      {c.retired ? <span className="tag tag--muted">{t('suppliers.catalogue.retiredBadge')}</span> : null}{' '}
      {!c.retired && c.establishments === 0 ? <span className="tag tag--gap">{t('suppliers.catalogue.noSupplierBadge')}</span> : null}
    </>
  );
}

/** `/proveedores/catalogo`: the EV catalogue (recommendation 12), by group, with supplier counts. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('suppliers.catalogue.title'));
  const navigate = useNavigate();
  const canCurate = useCanCurate();
  const [evOnly, setEvOnly] = useState(false);
  const [showRetired, setShowRetired] = useState(false);
  const v = useVocabularies();
  const list = useAsyncData((signal) => listComponents({ includeRetired: showRetired }, signal), [showRetired]);
  const groupOrder = (v.taxonomy?.componentGroups ?? []).map((g) => g.code);

  return (
    <div className="page page--wide suppliers-page" data-testid="supplier-catalogue">
      <SuppliersBreadcrumb trail={[{ label: t('suppliers.nav.catalogue') }]} />
      <h1>{t('suppliers.catalogue.title')}</h1>
      <p className="lead">{t('suppliers.catalogue.intro')}</p>
      <p className="muted small">{t('suppliers.catalogue.hsNote')}</p>
      <div className="catalogue-toolbar">
        <label>
          <input type="checkbox" checked={evOnly} onChange={(e) => setEvOnly(e.target.checked)} name="evOnly" />
          {t('suppliers.catalogue.evOnly')}
        </label>
        {canCurate ? (
          <label>
            <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} name="showRetired" />
            {t('suppliers.catalogue.showRetired')}
          </label>
        ) : null}
      </div>
      <AsyncContent state={list}>
        {(data) => {
          const shown = data.items.filter((c) => (!evOnly || c.evSpecific) && (showRetired || !c.retired));
          return (
            <>
              {groupComponents(shown, groupOrder).map(({ group, items }) => (
                <section key={group} className="card catalogue-group" aria-labelledby={`group-${group}`} data-group={group}>
                  <h2 id={`group-${group}`}>{v.group(group)}</h2>
                  <DataTable
                    caption={v.group(group)}
                    testId={`catalogue-${group}`}
                    columns={[
                      t('suppliers.catalogue.component'),
                      t('suppliers.catalogue.hsCodes'),
                      { label: t('suppliers.catalogue.suppliers'), numeric: true },
                      { label: t('suppliers.catalogue.states'), numeric: true },
                    ]}
                  >
                    {items.map((c) => (
                      <tr key={c.code} data-code={c.code} className={!c.retired && c.establishments === 0 ? 'coverage-gap' : undefined}>
                        <th scope="row">
                          <Link to={componentPath(c.code)}>{componentName(c, lang)}</Link> <ComponentBadges c={c} />
                        </th>
                        <td className="hs-codes">{c.hsCodes.join(', ') || '—'}</td>
                        <td className="num">{formatInteger(c.establishments, lang)}</td>
                        <td className="num">{formatInteger(c.statesCount ?? null, lang)}</td>
                      </tr>
                    ))}
                  </DataTable>
                </section>
              ))}
              <FigureSource sources={data.sources} asOf={data.asOf} />
            </>
          );
        }}
      </AsyncContent>
      {canCurate ? (
        <CurationForm
          component={null}
          vocabularies={v}
          onSaved={(saved) => {
            list.reload();
            v.reloadComponents();
            void navigate(componentPath(saved.code));
          }}
        />
      ) : null}
    </div>
  );
}
