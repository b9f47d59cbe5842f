import { useTranslation } from 'react-i18next';
import { formatInteger } from '../../i18n/format';
import type { MultiKey, SupplierFilters } from './filters';
import type { FacetCounts } from './types';
import type { Vocabularies } from './useVocabularies';

interface Props {
  facets: FacetCounts | undefined;
  filters: SupplierFilters;
  vocabularies: Vocabularies;
  onToggle: (key: MultiKey, value: string) => void;
}

/** Facets shown open at first: short ones that most people narrow by. */
const openAtFirst: readonly MultiKey[] = ['state', 'tier', 'evReadiness'];

export const facetOrder: readonly MultiKey[] = ['state', 'municipality', 'tier', 'component', 'process', 'certification', 'size', 'evReadiness'];

/**
 * The facets with their counts (for each facet, the counts of the other filters applied,
 * so ticking one value still shows how many the others would add). A ticked value stays
 * listed even when nothing matches it any more, so it can be unticked.
 */
export function FacetPanel({ facets, filters, vocabularies: v, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelOf = (key: MultiKey, code: string, name: string | null | undefined): string => {
    switch (key) {
      case 'state':
      case 'municipality':
        return name ?? code;
      case 'tier':
        return v.tier(code);
      case 'process':
        return v.process(code);
      case 'component':
        return v.component(code);
      case 'certification':
        return v.certification(code);
      case 'size':
        return v.size(code);
      case 'evReadiness':
        return v.evReadiness(code);
    }
  };

  return (
    <div className="supplier-facets" data-testid="supplier-facets">
      <h2 id="supplier-facets-heading">{t('suppliers.facets.title')}</h2>
      <p className="muted small">{t('suppliers.facets.intro')}</p>
      {facetOrder.map((key) => {
        const counts = facets?.[key] ?? [];
        const selected = filters[key];
        const values = [
          ...counts.map((c) => ({ code: c.value, count: c.count, name: c.name })),
          ...selected.filter((code) => !counts.some((c) => c.value === code)).map((code) => ({ code, count: 0, name: null })),
        ];
        if (key === 'municipality' && values.length === 0) return null;
        return (
          <details key={key} className="supplier-facet" open={(openAtFirst.includes(key) && counts.length > 0) || selected.length > 0} data-facet={key}>
            <summary>
              {t(`suppliers.facets.names.${key}`)}
              {selected.length > 0 ? <span className="muted"> · {t('suppliers.facets.selected', { count: selected.length })}</span> : null}
            </summary>
            <fieldset className="supplier-facet__values">
              <legend className="visually-hidden">{t(`suppliers.facets.names.${key}`)}</legend>
              {values.length === 0 ? <p className="muted small">{t('suppliers.facets.none')}</p> : null}
              {values.map((value) => {
                const label = labelOf(key, value.code, value.name);
                return (
                  <label key={value.code} className="supplier-facet__value">
                    <input
                      type="checkbox"
                      name={key}
                      value={value.code}
                      checked={selected.includes(value.code)}
                      onChange={() => onToggle(key, value.code)}
                    />
                    <span>{label}</span>
                    <span className="supplier-facet__count">{formatInteger(value.count, lang)}</span>
                  </label>
                );
              })}
            </fieldset>
          </details>
        );
      })}
    </div>
  );
}
