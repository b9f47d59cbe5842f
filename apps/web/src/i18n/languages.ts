import type { LocalizedText } from '@electrifica/contracts';

export const supportedLanguages = ['es-MX', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = 'es-MX';
export const languageStorageKey = 'electrifica.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** Maps any stored/browser value to a supported language, falling back to es-MX. */
export function normaliseLanguage(value: string | null | undefined): Language {
  if (!value) return defaultLanguage;
  if (isLanguage(value)) return value;
  const lower = value.toLowerCase();
  if (lower.startsWith('en')) return 'en';
  return defaultLanguage;
}

/** The BCP 47 tag used for number and date formatting. */
export function intlLocale(language: string): string {
  return normaliseLanguage(language) === 'en' ? 'en-US' : 'es-MX';
}

/** Picks the product language's version of a text the server gives in both. */
export function localized(text: LocalizedText, language: string): string {
  return normaliseLanguage(language) === 'en' ? text.en : text.es;
}
