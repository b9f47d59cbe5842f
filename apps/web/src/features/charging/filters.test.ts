import { describe, expect, it } from 'vitest';
import { emptyFilters, filterQuery, filtersFromParams, hasFilters, viewBBox, withFilter, withoutFilters } from './filters';
import { isLocationId } from './paths';

describe('filtersFromParams', () => {
  it('reads the API’s parameter names', () => {
    const f = filtersFromParams(new URLSearchParams('q=%20hotel%20%20cuesta&state=03&connector=NACS&minPowerKw=50&access=public&status=operational&operator=Tesla'));
    expect(f).toEqual({ ...emptyFilters, q: 'hotel cuesta', state: '03', connector: 'NACS', minPowerKw: '50', access: 'public', status: 'operational', operator: 'Tesla' });
    expect(hasFilters(f)).toBe(true);
  });

  it('reads the use filter and drops unknown uses', () => {
    expect(filtersFromParams(new URLSearchParams('use=heavy_duty')).use).toBe('heavy_duty');
    expect(filtersFromParams(new URLSearchParams('use=spaceship')).use).toBe('');
    expect(filterQuery({ ...emptyFilters, use: 'fleet' })).toMatchObject({ use: 'fleet' });
  });

  it('reads the live status filter and drops unknown statuses', () => {
    expect(filtersFromParams(new URLSearchParams('liveStatus=out_of_service')).liveStatus).toBe('out_of_service');
    expect(filtersFromParams(new URLSearchParams('liveStatus=broken')).liveStatus).toBe('');
    expect(filterQuery({ ...emptyFilters, liveStatus: 'available' })).toMatchObject({ liveStatus: 'available' });
  });

  it('drops values the API would refuse', () => {
    const f = filtersFromParams(new URLSearchParams('state=3&municipality=0300&connector=UNKNOWN&minPowerKw=0&access=everyone&status=closed'));
    expect(f).toEqual(emptyFilters);
    expect(hasFilters(f)).toBe(false);
    expect(filtersFromParams(new URLSearchParams('minPowerKw=5000')).minPowerKw).toBe('');
    expect(filtersFromParams(new URLSearchParams(`q=${'a'.repeat(150)}`)).q).toHaveLength(100);
  });
});

describe('query strings', () => {
  it('set, clear and remove filters, keeping other parameters', () => {
    const params = new URLSearchParams('state=03&vista=lista');
    expect(withFilter(params, 'access', 'public').toString()).toBe('state=03&vista=lista&access=public');
    expect(withFilter(params, 'state', '').toString()).toBe('vista=lista');
    expect(withoutFilters(new URLSearchParams('q=x&state=03&vista=lista')).toString()).toBe('vista=lista');
  });

  it('give the API every filter under its own name', () => {
    expect(filterQuery({ ...emptyFilters, state: '24', municipality: '24020' })).toMatchObject({ state: '24', municipality: '24020', q: '' });
  });
});

describe('viewBBox', () => {
  it('is minLon,minLat,maxLon,maxLat without needless digits', () => {
    expect(viewBBox(-118.6, 14.5, -86.7, 32.8)).toBe('-118.6,14.5,-86.7,32.8');
    expect(viewBBox(-100.123456789, 20, -99, 21.000001)).toBe('-100.12346,20,-99,21');
  });

  it('stays inside the world when zoomed far out', () => {
    expect(viewBBox(-250, -95, 200, 95)).toBe('-180,-90,180,90');
  });
});

describe('isLocationId', () => {
  it('accepts UUIDs only', () => {
    expect(isLocationId('2dd1b310-f464-4e97-881e-d977cd84393b')).toBe(true);
    expect(isLocationId('abc')).toBe(false);
  });
});
