import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { parseEstablishmentQuery, prefixTsQuery, radiusBox, searchWords, valuesOf } from './suppliers.search.js';

const components = ['battery_cell', 'wire_harness'];
const fails = (raw: Parameters<typeof parseEstablishmentQuery>[0]) => {
  try {
    parseEstablishmentQuery(raw, components);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected SUPPLIERS.INVALID_QUERY');
};

describe('directory query parsing', () => {
  it('folds the text and makes each word a prefix, leaving no tsquery syntax through', () => {
    expect(searchWords('  Arnés  ELÉCTRICO ')).toEqual(['arnes', 'electrico']);
    expect(prefixTsQuery(searchWords("arnés' & !x | (y:*) \\ <-> z"))).toBe("'arnes':* & 'x':* & 'y':* & 'z':*");
    expect(searchWords('!!! ???')).toEqual([]);
  });

  it('reads repeated and comma-separated values (OR within a parameter)', () => {
    expect(valuesOf(['tier1', 'tier2,tier3', 'tier1'])).toEqual(['tier1', 'tier2', 'tier3']);
    const { filter } = parseEstablishmentQuery({ tier: ['tier1', 'tier2'], state: '05', scian: '3363', component: 'battery_cell' }, components);
    expect(filter).toMatchObject({ tiers: ['tier1', 'tier2'], states: ['05'], scian: ['3363'], components: ['battery_cell'] });
  });

  it('refuses unknown codes naming the accepted values', () => {
    const e = fails({ tier: ['tier1', 'tier9'] });
    expect(e.code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(e.message).toContain('"tier9"');
    expect(e.message).toContain('tier1, tier2, tier3');
    expect(fails({ component: 'flux_capacitor' }).message).toContain('battery_cell');
    expect(fails({ process: 'alchemy' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ certification: 'iso_1' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ size: 'huge' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ evReadiness: 'maybe' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ state: '33' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ municipality: '5030' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ scian: '33a' }).code).toBe('SUPPLIERS.INVALID_QUERY');
  });

  it('checks near and radius', () => {
    expect(parseEstablishmentQuery({ near: '25.4232,-101.0053', radiusKm: '50' }, components).filter.near).toEqual({ lat: 25.4232, lon: -101.0053, radiusKm: 50 });
    expect(parseEstablishmentQuery({ near: '25.4,-101' }, components).filter.near?.radiusKm).toBe(100);
    expect(fails({ near: 'Saltillo' }).message).toContain('lat,lon');
    expect(fails({ near: '95,-101' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ radiusKm: '10' }).message).toContain('needs near');
    expect(fails({ near: '25,-101', radiusKm: '-3' }).code).toBe('SUPPLIERS.INVALID_QUERY');
    expect(fails({ sort: 'distance' }).message).toContain('near');
  });

  it('sorts by relevance with words, by distance with a point, else by name', () => {
    expect(parseEstablishmentQuery({ q: 'arnes' }, components).sort).toBe('relevance');
    expect(parseEstablishmentQuery({ near: '25,-101' }, components).sort).toBe('distance');
    expect(parseEstablishmentQuery({}, components).sort).toBe('name');
    expect(parseEstablishmentQuery({ sort: 'relevance' }, components).sort).toBe('name');
  });

  it('boxes the radius generously (every point within the radius falls inside)', () => {
    const [w, s, e, n] = radiusBox({ lat: 25.4232, lon: -101.0053, radiusKm: 100 });
    // 100 km is ~0.9° of latitude and ~0.99° of longitude at 25°N.
    expect(n - 25.4232).toBeGreaterThan(0.9);
    expect(25.4232 - s).toBeGreaterThan(0.9);
    expect(e + 101.0053).toBeGreaterThan(0.99);
    expect(-101.0053 - w).toBeGreaterThan(0.99);
    expect(e + 101.0053).toBeLessThan(1.1);
  });
});
