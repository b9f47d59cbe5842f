import { useTranslation } from 'react-i18next';
import { formatDate } from './labels';
import type { SupplierSource } from './types';

/** "Fuentes: … · datos al …": the line under every figure, table and list. */
export function FigureSource({ sources, asOf }: { sources: SupplierSource[] | undefined; asOf: string | null | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="small muted figure-source" data-testid="supplier-figure-source">
      {t('suppliers.sourcesLine')}: {(sources ?? []).map((s) => s.name).join('; ') || t('common.notAvailable')} · {t('suppliers.asOf')}{' '}
      {formatDate(asOf ?? null, i18n.language, t('common.notAvailable'))}
    </p>
  );
}

/** Where the data come from, with publisher, edition and licence, and their date. */
export function SupplierSources({ sources, asOf }: { sources: SupplierSource[] | undefined; asOf: string | null | undefined }) {
  const { t, i18n } = useTranslation();
  const list = sources ?? [];
  return (
    <section className="card" aria-labelledby="supplier-sources-heading" data-testid="supplier-sources">
      <h2 id="supplier-sources-heading">{t('suppliers.sourcesTitle')}</h2>
      <p>
        {t('suppliers.asOfLabel')}: <strong>{formatDate(asOf ?? null, i18n.language, t('common.notAvailable'))}</strong>
      </p>
      {list.length === 0 ? (
        <p className="muted">{t('suppliers.noSources')}</p>
      ) : (
        <ul className="sources">
          {list.map((s) => (
            <li key={s.id}>
              <strong>{s.url ? <a href={s.url}>{s.name}</a> : s.name}</strong>
              {s.publisher ? ` — ${s.publisher}.` : ''} {s.vintage ? `${t('suppliers.vintage')}: ${s.vintage}.` : ''}
              {s.licence ? ` ${t('suppliers.licence')}: ${s.licence}.` : ''}
              {s.attribution ? <span className="muted"> {s.attribution}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
