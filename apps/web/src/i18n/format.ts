import { intlLocale } from './languages';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(intlLocale(language), options);
    cache.set(key, nf);
  }
  return nf;
}

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** 126014024 → "126,014,024" (es-MX and en both group with commas). Empty values give `fallback`. */
export function formatInteger(value: number | null | undefined, language: string, fallback = '—'): string {
  return isNumber(value) ? numberFormat(language, { maximumFractionDigits: 0 }).format(value) : fallback;
}

export function formatDecimal(
  value: number | null | undefined,
  language: string,
  digits = 1,
  fallback = '—',
): string {
  return isNumber(value)
    ? numberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)
    : fallback;
}

/** Area in km², one decimal under 100 km², none above. */
export function formatArea(value: number | null | undefined, language: string, fallback = '—'): string {
  if (!isNumber(value)) return fallback;
  return formatDecimal(value, language, Math.abs(value) < 100 ? 1 : 0, fallback);
}

/** Inhabitants per km², or null when it cannot be computed. */
export function density(population: number | null | undefined, areaKm2: number | null | undefined): number | null {
  if (!isNumber(population) || !isNumber(areaKm2) || areaKm2 <= 0) return null;
  return population / areaKm2;
}

export function formatPercent(value: number | null | undefined, language: string, fallback = '—'): string {
  return isNumber(value)
    ? numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value)
    : fallback;
}

export function formatBytes(bytes: number | null | undefined, language: string, fallback = '—'): string {
  if (!isNumber(bytes)) return fallback;
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${formatDecimal(value, language, digits)} ${units[unit]}`;
}

export function formatDateTime(iso: string | null | undefined, language: string, fallback = '—'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
