import './suppliers.css';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { formatInteger } from '../../i18n/format';
import { Fact, FactList } from '../../ui/Facts';
import { ErrorMessage, Loading } from '../../ui/Status';
import { useAsyncData } from '../../ui/useAsyncData';
import { usePageTitle } from '../../ui/usePageTitle';
import { getCompany } from './api';
import { SuppliersBreadcrumb } from './EstablishmentPage';
import { isUuid } from './paths';
import { ResultList } from './ResultList';
import { SupplierSources } from './SupplierSources';
import type { CompanyDetail } from './types';
import { useVocabularies } from './useVocabularies';

function CompanyView({ c }: { c: CompanyDetail }) {
  const { t, i18n } = useTranslation();
  const v = useVocabularies();
  const none = t('suppliers.notGiven');
  return (
    <div className="page suppliers-page" data-testid="supplier-company">
      <SuppliersBreadcrumb trail={[{ label: c.legalName }]} />
      <p className="eyebrow">{t('suppliers.company.kind')}</p>
      <h1>{c.legalName}</h1>
      <section className="card" aria-labelledby="company-facts-heading">
        <h2 id="company-facts-heading">{t('geo.keyFacts')}</h2>
        <FactList>
          <Fact label={t('suppliers.fields.rfc')}>{c.rfc ?? none}</Fact>
          {c.tradeNames && c.tradeNames.length > 0 ? <Fact label={t('suppliers.fields.tradeNames')}>{c.tradeNames.join(', ')}</Fact> : null}
          <Fact label={t('suppliers.fields.sizeClass')}>{c.sizeClass ? v.size(c.sizeClass) : none}</Fact>
          {c.ownershipCountry ? <Fact label={t('suppliers.fields.ownershipCountry')}>{c.ownershipCountry}</Fact> : null}
          {c.website ? (
            <Fact label={t('suppliers.fields.website')}>
              <a href={c.website} rel="noopener noreferrer">
                {c.website}
              </a>
            </Fact>
          ) : null}
          <Fact label={t('suppliers.fields.plants')}>{formatInteger(c.establishments.length, i18n.language)}</Fact>
        </FactList>
      </section>
      <section className="card" aria-labelledby="company-plants-heading">
        <h2 id="company-plants-heading">{t('suppliers.company.plantsTitle')}</h2>
        <p>{t('suppliers.company.plantsCount', { count: c.establishments.length })}</p>
        <ResultList items={c.establishments} vocabularies={v} testId="company-plants" />
      </section>
      <SupplierSources sources={c.sources ?? v.sources} asOf={c.asOf ?? v.asOf} />
    </div>
  );
}

function notFound(id: string): ApiError {
  return new ApiError({ status: 404, code: 'SUPPLIERS.COMPANY_NOT_FOUND', title: 'Company not found', detail: `There is no company ${id}.` });
}

/** `/proveedores/empresas/:id`: a company and its plants. */
export function CompanyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const company = useAsyncData((signal) => (isUuid(id) ? getCompany(id, signal) : Promise.reject(notFound(id))), [id]);
  usePageTitle(company.data?.id === id ? company.data.legalName : t('suppliers.company.kind'));
  if (company.data?.id === id) return <CompanyView c={company.data} />;
  return (
    <div className="page">
      <SuppliersBreadcrumb trail={[]} />
      {company.error ? <ErrorMessage error={company.error} onRetry={company.reload} /> : <Loading />}
    </div>
  );
}
