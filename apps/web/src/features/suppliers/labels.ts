/**
 * Labels of the census's codes in the interface language, from the server's taxonomy
 * (`GET taxonomy`) and catalogue (`GET components`), so the vocabularies live in one place.
 * A code the taxonomy does not know is shown as it came.
 */
import { intlLocale, normaliseLanguage } from '../../i18n/languages';
import { formatDecimal } from '../../i18n/format';
import type { CatalogueComponent, FieldProvenance, Labelled, SupplierCertification, Taxonomy } from './types';

export type Vocabulary = 'tiers' | 'processes' | 'certifications' | 'employeeStrata' | 'sizeClasses' | 'evReadiness' | 'componentGroups';

/** `es` or `en` for an interface language. */
export const labelLanguage = (language: string): 'es' | 'en' => (normaliseLanguage(language) === 'en' ? 'en' : 'es');

export function labelIn(list: readonly Labelled[] | undefined, code: string, language: string): string {
  const found = list?.find((item) => item.code === code);
  return found ? found[labelLanguage(language)] : code;
}

/** A function naming any code of one vocabulary. */
export function vocabularyLabel(taxonomy: Taxonomy | undefined, vocabulary: Vocabulary, language: string) {
  return (code: string) => labelIn(taxonomy?.[vocabulary], code, language);
}

export function componentName(component: Pick<CatalogueComponent, 'nameEs' | 'nameEn'>, language: string): string {
  return labelLanguage(language) === 'en' ? component.nameEn : component.nameEs;
}

/** Component names by code, from the live catalogue, falling back on the taxonomy's. */
export function componentLabeller(components: readonly CatalogueComponent[] | undefined, taxonomy: Taxonomy | undefined, language: string) {
  const names = new Map<string, string>();
  for (const c of taxonomy?.components ?? []) names.set(c.code, c[labelLanguage(language)]);
  for (const c of components ?? []) names.set(c.code, componentName(c, language));
  return (code: string) => names.get(code) ?? code;
}

/** Whether a certification has lapsed on `today` (YYYY-MM-DD); unknown expiry is not lapsed. */
export function isExpired(certification: SupplierCertification, today: string): boolean {
  if (certification.expired !== undefined) return certification.expired;
  return Boolean(certification.expiresOn && certification.expiresOn.slice(0, 10) < today);
}

export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** A distance in km: one decimal under 10 km, whole km above. */
export function formatKm(value: number | null | undefined, language: string, fallback = '—'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return formatDecimal(value, language, value < 10 ? 1 : 0, fallback);
}

/** A calendar date ("3 feb 2020") in the interface language. */
export function formatDate(iso: string | null | undefined, language: string, fallback = '—'): string {
  if (!iso) return fallback;
  // Plain dates are read as calendar days, not as UTC midnight shifted to the local zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium' }).format(date);
}

/** Groups the catalogue by component group in the taxonomy's order; unknown groups last. */
export function groupComponents(components: readonly CatalogueComponent[], groupOrder: readonly string[]): Array<{ group: string; items: CatalogueComponent[] }> {
  const order = (group: string) => {
    const index = groupOrder.indexOf(group);
    return index >= 0 ? index : groupOrder.length;
  };
  const groups = new Map<string, CatalogueComponent[]>();
  for (const c of components) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([group, items]) => ({ group, items }));
}

/**
 * The provenance document of a record as table rows: one per field that says where its
 * value came from (`source` and `method`), the whole record first, the rest by field name.
 */
export function provenanceRows(provenance: Record<string, unknown> | null | undefined): Array<{ field: string; p: FieldProvenance }> {
  const rows: Array<{ field: string; p: FieldProvenance }> = [];
  for (const [field, value] of Object.entries(provenance ?? {})) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const p = value as Record<string, unknown>;
    if (typeof p.source !== 'string' || typeof p.method !== 'string') continue;
    rows.push({ field, p: p as unknown as FieldProvenance });
  }
  return rows.sort((a, b) => (a.field === 'record' ? -1 : b.field === 'record' ? 1 : a.field.localeCompare(b.field)));
}
