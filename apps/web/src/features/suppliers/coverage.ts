/**
 * Pure helpers of the coverage page: the counts that colour the states, the MapLibre paint
 * expression, the gaps (components with no domestic supplier), and short texts of tier
 * counts. Kept apart from the pages so they are unit-tested.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { colourFor, noDataColour, type ChoroplethClass } from '../charging/choropleth';
import type { ChargingSource } from '../charging/types';
import type { FacetCounts, StatsRow, SupplierSource } from './types';

/** Establishments per state code, from the stats by state (all components) or a filtered list's state facet. */
export function stateCounts(source: { rows?: StatsRow[]; facets?: FacetCounts }): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of source.rows ?? []) if (row.code && /^[0-9]{2}$/.test(row.code)) out.set(row.code, row.establishments);
  for (const f of source.facets?.state ?? []) if (/^[0-9]{2}$/.test(f.value)) out.set(f.value, f.count);
  return out;
}

/**
 * A `match` on the state code giving each state its class colour; states with no plant are
 * grey (a state with zero is "no supplier", not a low value on the scale).
 */
export function stateFillExpression(counts: Map<string, number>, classes: ChoroplethClass[]): ExpressionSpecification | string {
  const pairs: string[] = [];
  for (const [code, count] of counts) pairs.push(code, count > 0 ? colourFor(count, classes) : noDataColour);
  if (pairs.length === 0) return noDataColour;
  return ['match', ['to-string', ['get', 'cveEnt']], ...pairs, noDataColour] as unknown as ExpressionSpecification;
}

/** Components no establishment placed in Mexico declares, retired ones left out. */
export function gapRows(rows: StatsRow[]): StatsRow[] {
  return rows.filter((r) => r.code !== null && r.retired !== true && (r.hasDomesticSupplier === false || (r.hasDomesticSupplier === undefined && r.establishments === 0)));
}

/** "Nivel 1: 3 · Nivel 2: 1" in the taxonomy's order of tiers, zeros left out. */
export function tierSummary(byTier: Record<string, number> | undefined, order: readonly string[], label: (code: string) => string, format: (n: number) => string): string {
  const entries = Object.entries(byTier ?? {}).filter(([, n]) => n > 0);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return entries
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([code, n]) => `${label(code)}: ${format(n)}`)
    .join(' · ');
}

/** The name of a stats row in the interface language ('es' or 'en'). */
export const rowName = (row: StatsRow, language: 'es' | 'en') => (language === 'en' ? (row.nameEn ?? row.name) : row.name) ?? row.code ?? '';

/** The census's sources in the shape the shared chart figure expects. */
export const asChartSources = (sources: SupplierSource[] | undefined): ChargingSource[] =>
  (sources ?? []).map((s) => ({ ...s, licence: s.licence ?? null, url: s.url ?? null }));
