import { describe, expect, it } from 'vitest';
import { quantileClasses, noDataColour } from '../charging/choropleth';
import { asChartSources, gapRows, rowName, stateCounts, stateFillExpression, tierSummary } from './coverage';
import type { StatsRow } from './types';

const row = (code: string | null, establishments: number, extra: Partial<StatsRow> = {}): StatsRow => ({
  code, name: code ? `${code} es` : null, nameEn: code ? `${code} en` : null, establishments, companies: establishments, byTier: {}, bySize: {},
  states: [], statesCount: 0, ...extra,
});

describe('stateCounts', () => {
  it('reads the stats by state, leaving out unplaced rows', () => {
    expect([...stateCounts({ rows: [row('05', 3), row('19', 0), row(null, 2)] })]).toEqual([['05', 3], ['19', 0]]);
  });
  it('reads the state facet of a filtered list', () => {
    expect([...stateCounts({ facets: { state: [{ value: '05', count: 4, name: 'Coahuila' }] } })]).toEqual([['05', 4]]);
  });
});

describe('stateFillExpression', () => {
  it('colours states with plants by class and leaves the rest grey', () => {
    const counts = new Map([['05', 10], ['19', 0], ['11', 1]]);
    const classes = quantileClasses([10, 1]);
    const expression = stateFillExpression(counts, classes) as unknown[];
    expect(expression[0]).toBe('match');
    const pairs = expression.slice(2, -1);
    expect(pairs).toEqual(['05', classes.at(-1)!.colour, '19', noDataColour, '11', classes[0]!.colour]);
    expect(expression.at(-1)).toBe(noDataColour);
    expect(stateFillExpression(new Map(), [])).toBe(noDataColour);
  });
});

describe('gapRows', () => {
  it('lists components without a domestic supplier, not retired ones', () => {
    const rows = [
      row('cells', 0, { hasDomesticSupplier: false, evSpecific: true }),
      row('harness', 5, { hasDomesticSupplier: true }),
      row('old', 0, { hasDomesticSupplier: false, retired: true }),
      // only abroad: establishments but none placed in a Mexican state
      row('magnets', 1, { hasDomesticSupplier: false }),
    ];
    expect(gapRows(rows).map((r) => r.code)).toEqual(['cells', 'magnets']);
  });
});

describe('tierSummary and names', () => {
  it('lists tiers in the taxonomy order without zeros', () => {
    expect(tierSummary({ tier2: 1, tier1: 3, oem: 0, other: 2 }, ['oem', 'tier1', 'tier2'], (c) => c.toUpperCase(), String)).toBe('TIER1: 3 · TIER2: 1 · OTHER: 2');
    expect(tierSummary(undefined, [], String, String)).toBe('');
  });
  it('names a row in the interface language', () => {
    expect(rowName(row('bms', 1), 'en')).toBe('bms en');
    expect(rowName(row('bms', 1, { nameEn: null }), 'en')).toBe('bms es');
  });
  it('fills the licence and address the chart figure expects', () => {
    expect(asChartSources([{ id: 's', name: 'S', publisher: 'P', vintage: '2024', attribution: 'A' }])[0]).toMatchObject({ licence: null, url: null });
  });
});
