/**
 * Pure helpers of the charging choropleth: which figure colours an area, the class breaks
 * and the MapLibre paint expression. Kept apart from the map so they are unit-tested.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { ChargingStatsRow } from './types';

export const choroplethMetrics = [
  'publicLocationsPer100k',
  'publicLocations',
  'privateLocations',
  'installedKw',
  'northAmericanStandardShare',
  'dcFastShare',
  'ocppShare',
] as const;
export type ChoroplethMetric = (typeof choroplethMetrics)[number];

/** Shares are shown as percentages; the rest as plain numbers. */
export const isShareMetric = (metric: ChoroplethMetric) => metric === 'northAmericanStandardShare' || metric === 'dcFastShare' || metric === 'ocppShare';

export function metricValue(row: ChargingStatsRow, metric: ChoroplethMetric): number | null {
  if (metric === 'ocppShare') return row.ocpp.share;
  return row[metric];
}

/** Sequential palette (ColorBrewer BuGn, 5 classes), light to dark; grey for no data. */
export const classColours = ['#edf8fb', '#b2e2e2', '#66c2a4', '#2ca25f', '#006d2c'] as const;
export const noDataColour = '#d9d9d9';

export interface ChoroplethClass {
  /** Inclusive lower and upper bound of the class. */
  min: number;
  max: number;
  colour: string;
}

/**
 * Up to five classes of equal counts (quantiles) over the areas that have a value; classes
 * that would repeat a bound (many equal values) are merged, so every class is non-empty.
 */
export function quantileClasses(values: number[]): ChoroplethClass[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const k = Math.min(classColours.length, sorted.length);
  const classes: Array<{ min: number; max: number }> = [];
  for (let i = 0; i < k; i += 1) {
    const from = sorted[Math.floor((i * sorted.length) / k)]!;
    const to = sorted[Math.floor(((i + 1) * sorted.length) / k) - 1]!;
    const last = classes.at(-1);
    if (last && from <= last.max) last.max = Math.max(last.max, to);
    else classes.push({ min: from, max: to });
  }
  // Spread the colours over the classes that remain, lightest to darkest.
  return classes.map((c, i) => ({
    ...c,
    colour: classColours[classes.length === 1 ? classColours.length - 1 : Math.round((i * (classColours.length - 1)) / (classes.length - 1))]!,
  }));
}

export function colourFor(value: number | null, classes: ChoroplethClass[]): string {
  if (value === null) return noDataColour;
  const found = classes.find((c) => value <= c.max) ?? classes.at(-1);
  return found ? found.colour : noDataColour;
}

/** A `match` on the area code (cveEnt or cvegeo) giving each area its class colour. */
export function fillExpression(
  rows: ChargingStatsRow[],
  metric: ChoroplethMetric,
  classes: ChoroplethClass[],
  property: 'cveEnt' | 'cvegeo',
): ExpressionSpecification | string {
  const pairs: string[] = [];
  for (const row of rows) {
    if (!row.code) continue;
    pairs.push(row.code, colourFor(metricValue(row, metric), classes));
  }
  if (pairs.length === 0) return noDataColour;
  return ['match', ['to-string', ['get', property]], ...pairs, noDataColour] as unknown as ExpressionSpecification;
}
