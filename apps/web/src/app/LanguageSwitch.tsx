import { useTranslation } from 'react-i18next';
import { normaliseLanguage, supportedLanguages, type Language } from '../i18n/languages';

const labels: Record<Language, { short: string; name: string }> = {
  'es-MX': { short: 'ES', name: 'Español (México)' },
  en: { short: 'EN', name: 'English' },
};

/** Two buttons, the current one pressed; each is named in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = normaliseLanguage(i18n.language);
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {supportedLanguages.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-switch__button"
          aria-pressed={current === lang}
          onClick={() => void i18n.changeLanguage(lang)}
          title={labels[lang].name}
          data-testid={`lang-${lang}`}
        >
          <span aria-hidden="true">{labels[lang].short}</span>
          <span className="visually-hidden">{labels[lang].name}</span>
        </button>
      ))}
    </div>
  );
}
