import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../i18n/dynamic';

export type VocabGroup =
  | 'workModes' | 'statuses' | 'applicationStatuses' | 'benefits' | 'inclusion' | 'languageLevels' | 'genders' | 'schemes' | 'relations' | 'location';

/**
 * The label of a code of the job board's vocabularies (benefits, inclusion features,
 * statuses…). A code the locale files do not know yet (the server added it) shows as is.
 */
export const vocabLabel = (t: TFunction, group: VocabGroup, code: string) => translateDynamic(t, `skills.vocab.${group}.${code}`, code);

export function useVocab() {
  const { t } = useTranslation();
  return (group: VocabGroup, code: string) => vocabLabel(t, group, code);
}

/** A language's name in the page's language ("inglés", "English"), from the browser. */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Languages offered in the pickers (ISO 639-1): those of the two countries' job markets first. */
export const commonLanguages = ['es', 'en', 'fr', 'de', 'pt', 'it', 'zh', 'ja', 'ko', 'ru', 'ar', 'hi'] as const;

/** The choices of a language select, by name, keeping a code already chosen that is not in the list. */
export function languageChoices(current: string, language: string): Array<[string, string]> {
  const codes: string[] = [...commonLanguages];
  if (current && !codes.includes(current)) codes.push(current);
  return codes.map((code): [string, string] => [code, languageName(code, language)]);
}
