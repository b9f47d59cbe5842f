import { describe, expect, it } from 'vitest';
import { acceptFor, isTerminal, progressFraction, rawEntries } from './progress';

describe('import progress', () => {
  it('knows the terminal statuses', () => {
    expect(['completed', 'rejected', 'failed'].every(isTerminal)).toBe(true);
    expect(['queued', 'parsing', 'validating', 'merging'].some(isTerminal)).toBe(false);
  });

  it('computes the processed share', () => {
    expect(progressFraction({ status: 'validating', totalRows: 200, processedRows: 50 })).toBe(0.25);
    expect(progressFraction({ status: 'parsing', totalRows: 0, processedRows: 0 })).toBeNull();
    expect(progressFraction({ status: 'completed', totalRows: 0, processedRows: 0 })).toBe(1);
    expect(progressFraction({ status: 'merging', totalRows: 10, processedRows: 12 })).toBe(1);
  });

  it('maps formats to file extensions', () => {
    expect(acceptFor(['csv', 'xlsx'])).toBe('.csv,.txt,.xlsx');
    expect(acceptFor(['geojson', 'json'])).toBe('.geojson,.json');
  });

  it('shows raw values whatever their shape', () => {
    expect(rawEntries({ cvegeo: '22014', poblacion: 12, extra: null })).toEqual([
      ['cvegeo', '22014'],
      ['poblacion', '12'],
      ['extra', ''],
    ]);
    expect(rawEntries(['a', 'b'])).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
    expect(rawEntries('line')).toEqual([['', 'line']]);
    expect(rawEntries(null)).toEqual([]);
    expect(rawEntries({ geometry: { type: 'Point' } })).toEqual([['geometry', '{"type":"Point"}']]);
  });
});
