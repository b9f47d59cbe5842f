import { describe, expect, it } from 'vitest';
import {
  effectiveSort, emptyFilters, filterQuery, filtersFromParams, filtersKey, hasFilters, offsetFromParams, paramsFromFilters, parseNear, toggleValue, withFilterQuery,
} from './filters';

const from = (qs: string) => filtersFromParams(new URLSearchParams(qs));

describe('filtersFromParams', () => {
  it('reads repeated facets (OR within one) and drops values the API would refuse', () => {
    const f = from('tier=tier1&tier=tier2&tier=tier1&state=05&state=5&municipality=05030&component=battery_cell&component=DROP%20TABLE&q=%20%20arn%C3%A9s%20%20cobre%20');
    expect(f.tier).toEqual(['tier1', 'tier2']);
    expect(f.state).toEqual(['05']);
    expect(f.municipality).toEqual(['05030']);
    expect(f.component).toEqual(['battery_cell']);
    expect(f.q).toBe('arnés cobre');
  });

  it('keeps a radius only with a valid centre, and gives a centre the default radius', () => {
    expect(from('radiusKm=50')).toMatchObject({ near: null, radiusKm: null });
    expect(from('near=25.42,-101.0&place=Saltillo')).toMatchObject({ near: { lat: 25.42, lon: -101 }, radiusKm: 100, place: 'Saltillo' });
    expect(from('near=25.42,-101.0&radiusKm=50')).toMatchObject({ radiusKm: 50 });
    expect(from('near=25.42,-101.0&radiusKm=-3').radiusKm).toBe(100);
    expect(from('near=95,10').near).toBeNull();
  });

  it('refuses sorting by distance without a centre, and SCIAN codes that are not digits', () => {
    expect(from('sort=distance').sort).toBe('');
    expect(from('sort=distance&near=25,-101').sort).toBe('distance');
    expect(from('scian=3363').scian).toBe('3363');
    expect(from('scian=33a').scian).toBe('');
  });
});

describe('paramsFromFilters', () => {
  it('round-trips through the address bar', () => {
    const qs = 'q=harness&scian=3363&state=05&state=19&tier=tier1&evReadiness=makes_ev_parts&near=25.42,-101&radiusKm=50&place=Saltillo%2C+Coahuila&sort=distance';
    const f = from(qs);
    expect(from(paramsFromFilters(f).toString())).toEqual(f);
  });

  it('leaves out what is empty', () => {
    expect(paramsFromFilters(emptyFilters).toString()).toBe('');
  });
});

describe('the API query', () => {
  it('repeats facet parameters and never sends the place name', () => {
    const f = from('tier=tier1&tier=tier2&near=25.42,-101&place=Saltillo&q=cobre');
    expect(filterQuery(f)).toEqual([['q', 'cobre'], ['tier', 'tier1'], ['tier', 'tier2'], ['near', '25.42,-101'], ['radiusKm', '100']]);
    expect(withFilterQuery('/api/v1/suppliers/establishments.csv', f)).toBe('/api/v1/suppliers/establishments.csv?q=cobre&tier=tier1&tier=tier2&near=25.42%2C-101&radiusKm=100');
    expect(withFilterQuery('/x', emptyFilters, { limit: 20, sort: '', facets: undefined })).toBe('/x?limit=20');
  });

  it('changes key when what is asked changes, not when only the place label does', () => {
    const a = from('near=25.42,-101&place=Saltillo');
    const b = from('near=25.42,-101&place=Saltillo, Coahuila');
    expect(filtersKey(a)).toBe(filtersKey(b));
    expect(filtersKey(a)).not.toBe(filtersKey(toggleValue(a, 'tier', 'tier1')));
  });
});

describe('toggleValue, hasFilters, effectiveSort, paging', () => {
  it('switches one facet value on and off', () => {
    const on = toggleValue(emptyFilters, 'process', 'stamping');
    expect(on.process).toEqual(['stamping']);
    expect(hasFilters(on)).toBe(true);
    expect(toggleValue(on, 'process', 'stamping').process).toEqual([]);
    expect(hasFilters(emptyFilters)).toBe(false);
  });

  it('sorts by relevance when searching, by distance around a place, else by name', () => {
    expect(effectiveSort(from('q=cobre'))).toBe('relevance');
    expect(effectiveSort(from('near=25,-101'))).toBe('distance');
    expect(effectiveSort(from(''))).toBe('name');
    expect(effectiveSort(from('q=cobre&sort=name'))).toBe('name');
  });

  it('reads the page number as an offset', () => {
    expect(offsetFromParams(new URLSearchParams('page=3'), 20)).toBe(40);
    expect(offsetFromParams(new URLSearchParams('page=0'), 20)).toBe(0);
    expect(offsetFromParams(new URLSearchParams('page=x'), 20)).toBe(0);
  });

  it('parses lat,lon', () => {
    expect(parseNear('19.43,-99.13')).toEqual({ lat: 19.43, lon: -99.13 });
    expect(parseNear('19.43')).toBeNull();
    expect(parseNear(',')).toBeNull();
  });
});
