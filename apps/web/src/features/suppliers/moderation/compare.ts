/** Pure helpers of the supplier side-by-side comparison: reason wording, source names, the compared rows. */
import type { TFunction } from 'i18next';
import { translateDynamic } from '../../../i18n/dynamic';
import type { SupplierSource } from '../types';
import type { MatchSide } from './types';

export { differs } from '../../charging/duplicates/compare';

/** `distance_120m` carries its figure; every other reason is a plain code. */
export function parseReason(code: string): { key: string; distanceM?: number } {
  const distance = /^distance_(\d+)m$/.exec(code);
  if (distance) return { key: 'distance', distanceM: Number(distance[1]) };
  return { key: code };
}

/** A reason in the interface language; a code this version does not know is shown as it came. */
export function reasonLabel(t: TFunction, code: string): string {
  const { key, distanceM } = parseReason(code);
  return translateDynamic(t, `suppliersModeration.reasons.${key}`, code, distanceM === undefined ? {} : { distanceM });
}

/** A source's name: from the sources the answer cites, else our own wording of its code, else the code. */
export function sourceName(t: TFunction, source: string, sources: readonly SupplierSource[] = []): string {
  return sources.find((s) => s.id === source)?.name ?? translateDynamic(t, `suppliersModeration.sources.${source}`, source);
}

/** How the rows name codes and values: the interface's labels, injected so the rows stay pure. */
export interface RowLabels {
  field: (key: RowKey) => string;
  source: (source: string) => string;
  tier: (code: string) => string;
  process: (code: string) => string;
  component: (code: string) => string;
  certification: (code: string) => string;
  stratum: (code: string) => string;
  size: (code: string) => string;
  evReadiness: (code: string) => string;
  yes: string;
  no: string;
}

export const rowKeys = [
  'name', 'legalName', 'rfc', 'company', 'source', 'sourceKey', 'address', 'postalCode', 'place', 'asGiven', 'coordinates', 'scian', 'stratum', 'size',
  'tiers', 'processes', 'components', 'certifications', 'evReadiness', 'phone', 'email', 'website', 'registeredOn', 'firstSeen', 'mergedInto',
] as const;
export type RowKey = (typeof rowKeys)[number];

export interface CompareRow {
  key: RowKey;
  label: string;
  /** The value compared and shown (null: not given). Lists are compared sorted, so order does not count as a difference. */
  a: string | null;
  b: string | null;
}

const joined = (values: readonly string[]) => (values.length ? values.join(', ') : null);
const sortedLabels = (codes: readonly string[], label: (code: string) => string) => joined([...codes].map(label).sort((x, y) => x.localeCompare(y)));
const text = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(', ') || null;

/** The rows of the comparison, A (the establishment) against B (its possible match). */
export function compareRows(a: MatchSide, b: MatchSide, labels: RowLabels): CompareRow[] {
  const values: Record<RowKey, (s: MatchSide) => string | null> = {
    name: (s) => s.name,
    legalName: (s) => s.legalName,
    rfc: (s) => s.rfc ?? s.company?.rfc ?? null,
    company: (s) => s.company?.legalName ?? null,
    source: (s) => labels.source(s.source),
    sourceKey: (s) => s.sourceKey,
    address: (s) => text([s.address.street, s.address.exteriorNumber].filter(Boolean).join(' '), s.address.industrialPark, s.address.neighbourhood, s.address.locality),
    postalCode: (s) => s.address.postalCode,
    place: (s) => text(s.municipalityName, s.stateName),
    asGiven: (s) => text(s.address.municipalityAsGiven, s.address.stateAsGiven),
    coordinates: (s) => `${s.lat.toFixed(5)}, ${s.lon.toFixed(5)}`,
    scian: (s) => s.scian,
    stratum: (s) => (s.employeesStratum ? labels.stratum(s.employeesStratum) : null),
    size: (s) => (s.sizeClass ? labels.size(s.sizeClass) : null),
    tiers: (s) => sortedLabels(s.tiers, labels.tier),
    processes: (s) => sortedLabels(s.processes, labels.process),
    components: (s) => sortedLabels(s.components, labels.component),
    certifications: (s) => sortedLabels(s.certifications.map((c) => c.code), labels.certification),
    evReadiness: (s) => (s.evReadiness ? labels.evReadiness(s.evReadiness) : null),
    phone: (s) => s.phone,
    email: (s) => s.email,
    website: (s) => s.website,
    registeredOn: (s) => s.registeredOn,
    firstSeen: (s) => s.createdAt.slice(0, 10),
    mergedInto: (s) => (s.mergedInto ? labels.yes : labels.no),
  };
  return rowKeys.map((key) => ({ key, label: labels.field(key), a: values[key](a), b: values[key](b) }));
}
