import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  emptyFilter, filterKey, isEmptyFilter, parseEstablishmentQuery, prefixTsQuery, radiusBox, searchWords, valuesOf, VersionedCache, withoutFacet,
} from './suppliers.search.js';

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

describe('directory cache', () => {
  const v = (writes: number, day = '2026-12-01') => ({ writes, day });

  it('keys a filter by the rows it selects, whatever the order of values and words', () => {
    const a = parseEstablishmentQuery({ q: 'arnes saltillo', tier: ['tier2', 'tier1'] }, components).filter;
    const b = parseEstablishmentQuery({ q: 'Saltillo ARNÉS', tier: 'tier1,tier2' }, components).filter;
    expect(filterKey(a)).toBe(filterKey(b));
    expect(filterKey(a)).not.toBe(filterKey(parseEstablishmentQuery({ q: 'arnes saltillo', tier: 'tier1' }, components).filter));
    expect(filterKey(withoutFacet(a, 'tier'))).toBe(filterKey(parseEstablishmentQuery({ q: 'arnes saltillo' }, components).filter));
    expect(isEmptyFilter(emptyFilter())).toBe(true);
    expect(isEmptyFilter(withoutFacet(parseEstablishmentQuery({ state: '05' }, components).filter, 'state'))).toBe(true);
    expect(isEmptyFilter(parseEstablishmentQuery({ scian: '3363' }, components).filter)).toBe(false);
  });

  it('answers only for the version an entry was computed at, and never goes back to an older one', () => {
    const cache = new VersionedCache();
    cache.set(v(5), 'a', 1);
    expect(cache.get(v(5), 'a')).toBe(1);
    expect(cache.get(v(6), 'a')).toBeUndefined();
    expect(cache.get(v(5, '2026-12-02'), 'a')).toBeUndefined(); // a new day: certificates may have expired
    cache.set(v(6), 'b', 2); // a newer version empties the cache
    expect(cache.get(v(5), 'a')).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set(v(5), 'a', 1); // computed at an older version, finished late: not kept
    expect(cache.get(v(6), 'a')).toBeUndefined();
    expect(cache.get(v(6), 'b')).toBe(2);
  });

  it('drops the least recently used entries beyond its weight', () => {
    const cache = new VersionedCache(9);
    cache.set(v(1), 'a', [['x', 1], ['y', 2]]); // weight 3
    cache.set(v(1), 'b', [['x', 1], ['y', 2]]);
    cache.get(v(1), 'a');
    cache.set(v(1), 'c', [['x', 1], ['y', 2], ['z', 3]]); // weight 4: 10 > 9, so 'b' (least recently used) goes
    expect(cache.get(v(1), 'b')).toBeUndefined();
    expect(cache.get(v(1), 'a')).toBeDefined();
    expect(cache.get(v(1), 'c')).toBeDefined();
  });

  it('shares one computation between concurrent callers', async () => {
    const cache = new VersionedCache();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      return 42;
    };
    const [x, y] = await Promise.all([cache.shared(v(1), 'k', compute), cache.shared(v(1), 'k', compute)]);
    expect([x, y, runs]).toEqual([42, 42, 1]);
    await cache.shared(v(1), 'k', compute);
    expect(runs).toBe(2); // finished computations are not kept here (the caller stores them)
  });
});
