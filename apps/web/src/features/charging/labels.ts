/** Translated names of the census's codes; a code we do not know is shown as it came. */
import type { TFunction } from 'i18next';
import { translateDynamic } from '../../i18n/dynamic';
import { formatDecimal } from '../../i18n/format';
import { intlLocale } from '../../i18n/languages';
import { connectorStandards, unknownStandard } from './types';

export const standardLabel = (t: TFunction, standard: string | null): string =>
  translateDynamic(t, `charging.standards.${standard ?? unknownStandard}`, standard ?? unknownStandard);

export const accessLabel = (t: TFunction, access: string | null): string =>
  access ? translateDynamic(t, `charging.access.${access}`, access) : t('charging.notGiven');

export const statusLabel = (t: TFunction, status: string | null): string =>
  status ? translateDynamic(t, `charging.status.${status}`, status) : t('charging.notGiven');

export const levelLabel = (t: TFunction, level: string | null): string =>
  level ? translateDynamic(t, `charging.levels.${level}`, level) : t('charging.notGiven');

export const powerTypeLabel = (t: TFunction, powerType: string | null): string =>
  powerType ? translateDynamic(t, `charging.powerTypes.${powerType}`, powerType) : t('charging.notGiven');

export const formatLabel = (t: TFunction, format: string | null): string =>
  format ? translateDynamic(t, `charging.formats.${format}`, format) : t('charging.notGiven');

/** Standards in the census's order, unknown ones last; codes outside the vocabulary after them. */
export function sortStandards(standards: Iterable<string>): string[] {
  const order = (s: string) => {
    const index = (connectorStandards as readonly string[]).indexOf(s);
    if (index >= 0) return index;
    return s === unknownStandard ? connectorStandards.length : connectorStandards.length + 1;
  };
  return [...new Set(standards)].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** A calendar date ("3 feb 2020") in the interface language. */
export function formatDate(iso: string | null | undefined, language: string, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium' }).format(date);
}

/** Power in kW: whole numbers without decimals, others with one. */
export function formatKw(value: number | null | undefined, language: string, fallback = '—'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return formatDecimal(value, language, Number.isInteger(value) ? 0 : 1, fallback);
}
