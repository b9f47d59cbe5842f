import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { translations } from './resources';
import { defaultLanguage, languageStorageKey, normaliseLanguage, supportedLanguages, type Language } from './languages';

export const resources = {
  'es-MX': { translation: translations['es-MX'] },
  en: { translation: translations.en },
} as const;

function readStoredLanguage(): Language {
  try {
    return normaliseLanguage(globalThis.localStorage?.getItem(languageStorageKey));
  } catch {
    return defaultLanguage;
  }
}

/** Keeps `<html lang>` and the stored preference in step with i18next. */
export function applyLanguage(language: string): void {
  const lang = normaliseLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  try {
    globalThis.localStorage?.setItem(languageStorageKey, lang);
  } catch {
    // storage may be unavailable (private mode); the choice then lasts for the page only
  }
}

export function initI18n(): typeof i18next {
  if (i18next.isInitialized) return i18next;
  const lng = readStoredLanguage();
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: defaultLanguage,
    supportedLngs: [...supportedLanguages],
    load: 'currentOnly',
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  i18next.on('languageChanged', applyLanguage);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

export { i18next };
