import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInteger } from '../../i18n/format';
import { formatKm } from './labels';
import { companyPath, componentPath, establishmentPath } from './paths';
import type { EstablishmentSummary } from './types';
import type { Vocabularies } from './useVocabularies';

/** Components shown per plant in a list; the page has them all. */
const maxComponents = 4;

/** Plants as a list of cards: name, company, place, activity, tiers and what they make. */
export function ResultList({ items, vocabularies: v, testId = 'supplier-results' }: { items: EstablishmentSummary[]; vocabularies: Vocabularies; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ul className="supplier-results" data-testid={testId}>
      {items.map((e) => (
        <li key={e.id} className="supplier-result" data-id={e.id}>
          <h3 className="supplier-result__name">
            <Link to={establishmentPath(e.id)}>{e.name}</Link>
          </h3>
          {e.distanceKm !== undefined && e.distanceKm !== null ? (
            <p className="supplier-result__distance">{t('suppliers.results.distance', { km: formatKm(e.distanceKm, lang) })}</p>
          ) : null}
          <p className="small">
            {e.companyId && e.legalName ? (
              <>
                {t('suppliers.results.company')}: <Link to={companyPath(e.companyId)}>{e.legalName}</Link> ·{' '}
              </>
            ) : null}
            {e.municipalityName || e.stateName ? [e.municipalityName, e.stateName].filter(Boolean).join(', ') : t('suppliers.unplaced')}
          </p>
          {e.scianTitle || e.scian ? (
            <p className="small muted">
              SCIAN {e.scian}
              {e.scianTitle ? ` · ${e.scianTitle}` : ''}
            </p>
          ) : null}
          {e.tiers.length + e.components.length > 0 || e.evReadiness ? (
            <ul className="tag-list" aria-label={t('suppliers.fields.components')}>
              {e.tiers.map((tier) => (
                <li key={`t-${tier}`} className="tag">
                  {v.tier(tier)}
                </li>
              ))}
              {e.components.slice(0, maxComponents).map((c) => (
                <li key={`c-${c}`} className="tag tag--component">
                  <Link to={componentPath(c)}>{v.component(c)}</Link>
                </li>
              ))}
              {e.components.length > maxComponents ? (
                <li className="tag">+{formatInteger(e.components.length - maxComponents, lang)}</li>
              ) : null}
              {e.evReadiness ? <li className={`tag tag--ev-${e.evReadiness}`}>{v.evReadiness(e.evReadiness)}</li> : null}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
