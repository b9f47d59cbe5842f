import { describe, expect, it } from 'vitest';
import { classColours, colourFor, fillExpression, metricValue, noDataColour, quantileClasses } from './choropleth';
import type { ChargingStatsRow } from './types';

/** A SYNTHETIC statistics row. */
const row = (code: string | null, per100k: number | null, ocppShare: number | null = null): ChargingStatsRow => ({
  code, name: code, population2020: 1000, publicLocations: 1, evses: 1, connectors: 1, connectorsByStandard: {}, installedKw: 1,
  publicLocationsPer100k: per100k, dcFastShare: null, northAmericanStandardShare: null, privateLocations: 0,
  ocpp: { declaredYes: 0, declaredNo: 0, notDeclared: 1, share: ocppShare }, paymentMethods: {}, paymentUndeclared: 1,
});

describe('choropleth classes', () => {
  it('makes up to five quantile classes from light to dark', () => {
    const classes = quantileClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(classes).toHaveLength(5);
    expect(classes[0]).toEqual({ min: 1, max: 2, colour: classColours[0] });
    expect(classes[4]).toEqual({ min: 9, max: 10, colour: classColours[4] });
  });

  it('merges classes when many areas share a value, and handles one or no value', () => {
    const classes = quantileClasses([0, 0, 0, 0, 0, 0, 0, 0, 5, 9]);
    expect(classes.every((c, i) => i === 0 || c.min > classes[i - 1]!.max)).toBe(true);
    expect(classes[0]!.colour).toBe(classColours[0]);
    expect(classes.at(-1)!.colour).toBe(classColours[4]);
    expect(quantileClasses([3])).toEqual([{ min: 3, max: 3, colour: classColours[4] }]);
    expect(quantileClasses([])).toEqual([]);
  });

  it('colours areas by class, grey without data', () => {
    const classes = quantileClasses([1, 2, 3, 4, 5]);
    expect(colourFor(null, classes)).toBe(noDataColour);
    expect(colourFor(5, classes)).toBe(classColours[4]);
    expect(colourFor(1, classes)).toBe(classColours[0]);
  });
});

describe('fill expression', () => {
  it('matches area codes to colours and skips unplaced rows', () => {
    const rows = [row('01', 1), row('02', 5), row(null, 9), row('03', null)];
    const classes = quantileClasses([1, 5]);
    expect(fillExpression(rows, 'publicLocationsPer100k', classes, 'cveEnt')).toEqual([
      'match', ['to-string', ['get', 'cveEnt']], '01', classColours[0], '02', classColours[4], '03', noDataColour, noDataColour,
    ]);
    expect(fillExpression([], 'publicLocationsPer100k', classes, 'cveEnt')).toBe(noDataColour);
    expect(metricValue(row('01', 1, 0.25), 'ocppShare')).toBe(0.25);
  });
});
