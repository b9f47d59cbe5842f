/**
 * Coverage of the supply chain (recommendation 13, first part), shaped from the grouped
 * counts the repository computes: per state, tier, process or component, how many
 * establishments and companies, of which tiers and sizes, in which states; the components
 * no establishment in Mexico declares stand out. Pure: rows in, published figures out.
 */
import { stringify } from 'csv-stringify/sync';
import type { ComponentRow, StatsGroupRow } from './suppliers.repository.js';
import { processes, sizeClasses, tiers, type Labelled } from './suppliers.taxonomy.js';

export type StatsGroupBy = 'state' | 'tier' | 'process' | 'component';

export interface StatsItem {
  /** Null: nothing declared (or, by state, not placed in a Mexican state). */
  code: string | null;
  name: string | null;
  nameEn: string | null;
  establishments: number;
  companies: number;
  byTier: Record<string, number>;
  bySize: Record<string, number>;
  /** States (cve_ent) with at least one of the group's establishments. */
  states: string[];
  statesCount: number;
  /** Components only: at least one establishment placed in a Mexican state declares it. */
  hasDomesticSupplier?: boolean;
  /** Components only. */
  evSpecific?: boolean;
  retired?: boolean;
}

export const statsMethod =
  'Establishments of the census not merged into another record. Tiers, processes and components are those the establishment or its source ' +
  'declares (an establishment declaring several counts in each); official registries such as DENUE and RETC declare none, so a component without a ' +
  'supplier here means that no establishment in the census declares it, not that none exists in Mexico. Companies are counted once per group by ' +
  'their company record; sizes are the Ministry of Economy classes from the employee stratum ("unknown" when no stratum is known). ' +
  'The national row counts each establishment once.';

const itemOf = (r: StatsGroupRow | undefined, code: string | null, name: string | null, nameEn: string | null): StatsItem => ({
  code, name, nameEn,
  establishments: r?.establishments ?? 0,
  companies: r?.companies ?? 0,
  byTier: r?.by_tier ?? {},
  bySize: r?.by_size ?? {},
  states: (r?.states ?? []).map((s) => String(s).trimEnd()),
  statesCount: r?.states?.length ?? 0,
});

const labelled = (list: readonly Labelled[], code: string) => list.find((x) => x.code === code);

/**
 * The published rows of a grouping. Every code of the vocabulary (or of the catalogue) is
 * listed, those with no establishment too, so that gaps show; then codes present in the
 * data but unknown to the vocabulary; the group of "nothing declared" last.
 */
export function statsItems(
  groupBy: StatsGroupBy,
  rows: StatsGroupRow[],
  context: { stateNames: Map<string, string>; components: ComponentRow[] },
): StatsItem[] {
  const byCode = new Map(rows.map((r) => [String(r.code).trimEnd(), r]));
  const items: StatsItem[] = [];
  const seen = new Set<string>(['']);
  const push = (code: string, name: string | null, nameEn: string | null, extra: Partial<StatsItem> = {}) => {
    seen.add(code);
    items.push({ ...itemOf(byCode.get(code), code, name, nameEn), ...extra });
  };
  if (groupBy === 'state') {
    for (const [code, name] of [...context.stateNames].sort(([a], [b]) => a.localeCompare(b))) push(code, name, name);
  } else if (groupBy === 'tier' || groupBy === 'process') {
    for (const t of groupBy === 'tier' ? tiers : processes) push(t.code, t.es, t.en);
  } else {
    for (const c of context.components) {
      const r = byCode.get(c.code);
      const domestic = (r?.states?.length ?? 0) > 0;
      push(c.code, c.name_es, c.name_en, { hasDomesticSupplier: domestic, evSpecific: c.ev_specific, retired: c.retired });
    }
  }
  for (const r of rows) {
    const code = String(r.code).trimEnd();
    if (seen.has(code)) continue;
    const known = groupBy === 'tier' ? labelled(tiers, code) : groupBy === 'process' ? labelled(processes, code) : undefined;
    push(code, known?.es ?? context.stateNames.get(code) ?? null, known?.en ?? null,
      groupBy === 'component' ? { hasDomesticSupplier: (r.states?.length ?? 0) > 0 } : {});
  }
  const none = byCode.get('');
  if (none) items.push(itemOf(none, null, null, null));
  return items;
}

/** The national row: every establishment once. */
export function nationalItem(row: StatsGroupRow | undefined): StatsItem {
  return itemOf(row, 'MX', 'México', 'Mexico');
}

/** The table as CSV, one row per group and the national row last; method, sources and date on every row. */
export function statsCsv(
  result: { groupBy: StatsGroupBy; items: StatsItem[]; national: StatsItem; method: string; sources: Array<{ attribution: string }>; asOf: string | null },
): string {
  const all = [...result.items, result.national];
  const sourceText = result.sources.map((s) => s.attribution).join('; ');
  return stringify(
    all.map((r) => ({
      group_by: result.groupBy, code: r.code ?? '', name: r.name ?? (r.code === null ? '(sin declarar / not declared)' : ''), name_en: r.nameEn ?? '',
      establishments: r.establishments, companies: r.companies,
      ...Object.fromEntries(tiers.map((t) => [`tier_${t.code}`, r.byTier[t.code] ?? 0])),
      ...Object.fromEntries([...sizeClasses.map((s) => s.code), 'unknown'].map((s) => [`size_${s}`, r.bySize[s] ?? 0])),
      states_count: r.statesCount, states: r.states.join('|'),
      has_domestic_supplier: r.hasDomesticSupplier === undefined ? '' : r.hasDomesticSupplier ? 'yes' : 'no',
      method: result.method, sources: sourceText, as_of: result.asOf ?? '',
    })),
    { header: true },
  );
}
