import { describe, expect, it } from 'vitest';
import {
  emptyJobFilters, hasJobFilters, jobFiltersFromParams, jobFiltersFromSaved, jobFilterQuery, offsetFromParams, paramsFromJobFilters,
  savedSearchFilters, toggleInclusion, withCountry,
} from './filters';

describe('job board filters', () => {
  it('reads the address bar and keeps only values the API accepts', () => {
    const f = jobFiltersFromParams(
      new URLSearchParams('q=  tecnico   baterias &country=MX&state=05&occupation=esco%3Aabc&salaryFloor=15000&remote=true&inclusion=childcare&inclusion=bogus&inclusion=childcare&industry=336'),
    );
    expect(f).toEqual({ q: 'tecnico baterias', country: 'MX', state: '05', occupation: 'esco:abc', salaryFloor: 15000, currency: 'MXN', remote: true, inclusion: ['childcare'], industry: '336' });
  });

  it('drops a state that is not of the country, and a state without a country', () => {
    expect(jobFiltersFromParams(new URLSearchParams('country=US&state=05')).state).toBe('');
    expect(jobFiltersFromParams(new URLSearchParams('country=US&state=tx')).state).toBe('TX');
    expect(jobFiltersFromParams(new URLSearchParams('state=05')).state).toBe('');
    expect(jobFiltersFromParams(new URLSearchParams('country=MX&state=33')).state).toBe('');
    expect(jobFiltersFromParams(new URLSearchParams('country=CA')).country).toBe('');
    expect(jobFiltersFromParams(new URLSearchParams('salaryFloor=-3')).salaryFloor).toBeNull();
    expect(jobFiltersFromParams(new URLSearchParams('country=US&salaryFloor=3000')).currency).toBe('USD');
    expect(jobFiltersFromParams(new URLSearchParams('country=US&salaryFloor=3000&currency=MXN')).currency).toBe('MXN');
    expect(jobFiltersFromParams(new URLSearchParams('occupation=<b>')).occupation).toBe('');
    for (const bad of ['3', '33a', '3363200', '<b>']) expect(jobFiltersFromParams(new URLSearchParams({ industry: bad })).industry).toBe('');
  });

  it('sends a salary floor with its currency (salaries are never converted between currencies)', () => {
    expect(jobFilterQuery({ ...emptyJobFilters, salaryFloor: 2500, currency: 'USD' })).toEqual([['salaryFloor', '2500'], ['currency', 'USD']]);
    expect(withCountry(emptyJobFilters, 'US').currency).toBe('USD');
  });

  it('writes the same filters back in a stable order, and round-trips', () => {
    const f = { ...emptyJobFilters, q: 'soldador', country: 'US' as const, currency: 'USD' as const, state: 'TX', remote: true, inclusion: ['flexible_hours', 'childcare'] };
    expect(paramsFromJobFilters(f).toString()).toBe('q=soldador&country=US&state=TX&remote=true&inclusion=flexible_hours&inclusion=childcare');
    expect(jobFiltersFromParams(paramsFromJobFilters(f))).toEqual(f);
    expect(jobFilterQuery(emptyJobFilters)).toEqual([]);
    expect(hasJobFilters(emptyJobFilters)).toBe(false);
    expect(hasJobFilters(f)).toBe(true);
  });

  it('changing country drops the other country’s state; ticks toggle', () => {
    const mx = { ...emptyJobFilters, country: 'MX' as const, state: '19' };
    expect(withCountry(mx, 'US').state).toBe('');
    expect(withCountry(mx, 'MX').state).toBe('19');
    expect(toggleInclusion(toggleInclusion(mx, 'childcare'), 'childcare').inclusion).toEqual([]);
  });

  it('stores a saved search under the API names and opens it again', () => {
    const f = { ...emptyJobFilters, q: 'baterías', country: 'MX' as const, state: '05', salaryFloor: 12000, inclusion: ['childcare'], industry: '3363' };
    const saved = savedSearchFilters(f);
    expect(saved).toEqual({ q: 'baterías', country: 'MX', state: '05', salaryFloor: 12000, currency: 'MXN', inclusion: ['childcare'], industry: '3363' });
    expect(jobFiltersFromSaved(saved)).toEqual(f);
  });

  it('pages from 1', () => {
    expect(offsetFromParams(new URLSearchParams('page=3'), 20)).toBe(40);
    expect(offsetFromParams(new URLSearchParams('page=x'), 20)).toBe(0);
  });
});
