import { useTranslation } from 'react-i18next';
import { normaliseLanguage } from '../i18n/languages';
import { describeError } from './errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status status--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/**
 * An error as an alert: our translated wording first; the server's own detail (written
 * in English) is shown directly in English and folded away in Spanish.
 */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const { title, detail, code, translated, retryable } = describeError(t, error);
  const english = normaliseLanguage(i18n.language) === 'en';
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      {detail && (english || !translated) ? <p className="alert__detail">{detail}</p> : null}
      {detail && !english && translated ? (
        <details className="alert__more">
          <summary>{t('errors.technicalDetail')}</summary>
          <p lang="en">{detail}</p>
        </details>
      ) : null}
      <p className="alert__code">
        {t('errors.codeLabel')}: <code>{code}</code>
      </p>
      {onRetry && retryable ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
