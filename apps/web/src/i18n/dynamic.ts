import type { TFunction } from 'i18next';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * Translates a key built at run time (error codes, note codes, enum values) that the
 * typed `t` cannot check. Falls back to `fallback` when the key has no translation.
 */
export function translateDynamic(
  t: TFunction,
  key: string,
  fallback: string,
  options: Record<string, unknown> = {},
): string {
  return (t as unknown as LooseT)(key, { ...options, defaultValue: fallback });
}
