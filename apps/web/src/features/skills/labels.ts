/**
 * Pure wording helpers of the skills pages: a taxonomy label in the page's language, salary
 * amounts with their currency per locale, places, and the attribution the taxonomy's
 * sources require.
 */
import { intlLocale, normaliseLanguage } from '../../i18n/languages';

export interface Bilingual {
  labelEs?: string | null;
  labelEn?: string | null;
  label?: string | null;
}

/**
 * The label in the page's language; the other language when this one is missing (ESCO
 * 1.2.0 occupations have English labels only), then the id so a row is never blank.
 */
export function labelIn(item: Bilingual & { id?: string }, language: string): string {
  const en = normaliseLanguage(language) === 'en';
  const first = en ? item.labelEn : item.labelEs;
  const second = en ? item.labelEs : item.labelEn;
  return first?.trim() || item.label?.trim() || second?.trim() || item.id || '';
}

/** True when the label shown is not in the page's language (to mark it with `lang`). */
export function labelLanguage(item: Bilingual, language: string): 'es' | 'en' {
  const en = normaliseLanguage(language) === 'en';
  if (en) return item.labelEn?.trim() ? 'en' : item.labelEs?.trim() ? 'es' : 'en';
  return item.labelEs?.trim() ? 'es' : item.labelEn?.trim() ? 'en' : 'es';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
function money(language: string, currency: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${language}|${currency}|${fractionDigits}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(intlLocale(language), {
      style: 'currency',
      currency,
      // es-MX shows MXN as "$" and US$ as "USD"; en-US shows "MX$" and "$": never ambiguous.
      currencyDisplay: 'symbol',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    moneyFormats.set(key, nf);
  }
  return nf;
}

/** Cents matter for hourly pay (US$17.50); not for a monthly or yearly figure. */
const fractionDigitsFor = (amounts: number[]) => (amounts.some((a) => !Number.isInteger(a)) ? 2 : 0);

/** One amount with its currency in the page's locale ("$15,000" in es-MX, "MX$15,000" in en). */
export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return money(language, currency, fractionDigitsFor([amount])).format(amount);
  } catch {
    // A currency code this browser does not know: the figure and the code, still readable.
    return `${currency} ${amount}`;
  }
}

/** "$15,000 – $20,000" or a single amount when min equals max. The period is worded by the page. */
export function formatSalaryAmounts(salary: { min: number; max: number; currency: string }, language: string): string {
  const digits = fractionDigitsFor([salary.min, salary.max]);
  let nf: Intl.NumberFormat;
  try {
    nf = money(language, salary.currency, digits);
  } catch {
    return salary.min === salary.max ? `${salary.currency} ${salary.min}` : `${salary.currency} ${salary.min}–${salary.max}`;
  }
  if (salary.min === salary.max) return nf.format(salary.min);
  return `${nf.format(salary.min)} – ${nf.format(salary.max)}`;
}

/** The currency's ISO code, shown next to amounts whose symbol alone could be read as another one ("$"). */
export function currencyNote(currency: string, language: string): string | null {
  const en = normaliseLanguage(language) === 'en';
  // "$" alone is MXN in es-MX and USD in en-US: the code removes the doubt for a bi-national board.
  if ((en && currency === 'USD') || (!en && currency === 'MXN')) return currency;
  return null;
}

/** A place from most to least specific, empty parts left out: "Saltillo, Coahuila, MX". */
export function placeLabel(parts: Array<string | null | undefined>): string {
  return parts.map((p) => p?.trim()).filter(Boolean).join(', ');
}

/** ESCO's wording is fixed by its licence; it is shown as written, in English. */
export const escoAttribution = 'This service uses the ESCO classification of the European Commission.';

/** O*NET asks for its name, the licence and a link; the sentence is translated, the names are not. */
export const onetLicenceUrl = 'https://creativecommons.org/licenses/by/4.0/';
export const onetUrl = 'https://www.onetcenter.org/';

/** The schemes of a set of taxonomy ids (`esco:…`, `onet:…`), to show only the attributions that apply. */
export function schemesOf(ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    const scheme = id.split(':', 1)[0];
    if (scheme) out.add(scheme);
  }
  return out;
}
