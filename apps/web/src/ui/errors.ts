import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import { translateDynamic } from '../i18n/dynamic';

export interface DescribedError {
  title: string;
  detail: string;
  code: string;
  /** The title comes from our own translations (not the server's English text). */
  translated: boolean;
  /** Trying again could help (network trouble, server errors, rate limits). */
  retryable: boolean;
}

/** Worth retrying: no answer, a server-side failure, a timeout or a rate limit. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Turns anything thrown into a translated title plus the server's detail text. */
export function describeError(t: TFunction, error: unknown): DescribedError {
  if (isApiError(error)) {
    const own = translateDynamic(t, `errors.${error.code}`, '');
    const title = own || error.title || t('errors.generic');
    const detail = error.detail && error.detail !== error.title ? error.detail : '';
    return { title, detail, code: error.code, translated: own !== '', retryable: isRetryable(error.status) };
  }
  return {
    title: t('errors.generic'),
    detail: error instanceof Error ? error.message : '',
    code: 'CLIENT.UNKNOWN',
    translated: true,
    retryable: true,
  };
}
