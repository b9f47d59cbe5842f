import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsyncData } from '../../ui/useAsyncData';
import { getTaxonomy, listComponents } from './api';
import { componentLabeller, vocabularyLabel } from './labels';

/**
 * The taxonomy and the live catalogue, with label functions in the interface language.
 * Pages render codes until they arrive, and keep working if either fails.
 */
export function useVocabularies() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const taxonomy = useAsyncData((signal) => getTaxonomy(signal), []);
  const components = useAsyncData((signal) => listComponents({}, signal), []);
  return useMemo(() => {
    const tx = taxonomy.data;
    return {
      taxonomy: tx,
      components: components.data?.items,
      /** Sources and date of the directory's data, as the catalogue cites them. */
      sources: components.data?.sources,
      asOf: components.data?.asOf,
      reloadComponents: components.reload,
      tier: vocabularyLabel(tx, 'tiers', lang),
      process: vocabularyLabel(tx, 'processes', lang),
      certification: vocabularyLabel(tx, 'certifications', lang),
      stratum: vocabularyLabel(tx, 'employeeStrata', lang),
      size: vocabularyLabel(tx, 'sizeClasses', lang),
      evReadiness: vocabularyLabel(tx, 'evReadiness', lang),
      group: vocabularyLabel(tx, 'componentGroups', lang),
      component: componentLabeller(components.data?.items, tx, lang),
    };
  }, [taxonomy.data, components.data, components.reload, lang]);
}

export type Vocabularies = ReturnType<typeof useVocabularies>;
