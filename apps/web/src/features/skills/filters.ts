/**
 * The job board's filters, kept in the page's query string under the API's own parameter
 * names so a search can be shared, bookmarked, and saved as an alert as it is. Inclusion
 * features repeat their parameter (`inclusion=childcare&inclusion=flexible_hours`).
 */
import { normaliseQuery } from '../geo/paths';
import { isTaxonomyId } from './paths';
import type { Country } from './types';
import { inclusionCodes } from './vacancyForm';


export interface JobFilters {
  q: string;
  country: Country | '';
  /** INEGI cve_ent (MX) or USPS code (US); only with a country. */
  state: string;
  /** A taxonomy occupation id. */
  occupation: string;
  /**
   * Lowest pay accepted, per month, in `currency`: the server converts each posting's period
   * to a month (40 h weeks) but never converts between currencies.
   */
  salaryFloor: number | null;
  currency: 'MXN' | 'USD';
  remote: boolean;
  inclusion: string[];
  /** The employer's industry: a SCIAN 2018 code or prefix, 2 to 6 digits (336 finds 3363 and 336320). */
  industry: string;
}

export const emptyJobFilters: JobFilters = { q: '', country: '', state: '', occupation: '', salaryFloor: null, currency: 'MXN', remote: false, inclusion: [], industry: '' };

/** A SCIAN 2018 code or prefix as the API takes it. */
export const isScianPrefix = (value: string) => /^[0-9]{2,6}$/.test(value);

export const maxTextLength = 200;

/** A state code of the country: two INEGI digits for Mexico, two USPS letters for the US. */
export function isStateOf(country: Country | '', state: string): boolean {
  if (country === 'MX') return /^(0[1-9]|[12][0-9]|3[0-2])$/.test(state);
  if (country === 'US') return /^[A-Z]{2}$/.test(state);
  return false;
}

function salary(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n < 1e9 ? n : null;
}

/** Reads the filters from a query string, dropping values the API would refuse. */
export function jobFiltersFromParams(params: URLSearchParams): JobFilters {
  const countryParam = params.get('country') ?? '';
  const country: Country | '' = countryParam === 'MX' || countryParam === 'US' ? countryParam : '';
  const state = (params.get('state') ?? '').trim().toUpperCase();
  const occupation = (params.get('occupation') ?? '').trim();
  const known = new Set<string>(inclusionCodes);
  const floor = salary(params.get('salaryFloor'));
  return {
    q: normaliseQuery(params.get('q') ?? '').slice(0, maxTextLength),
    country,
    state: isStateOf(country, state) ? state : '',
    occupation: isTaxonomyId(occupation) ? occupation : '',
    salaryFloor: floor,
    // The currency follows the country when not given (a floor in pesos for Mexico, dollars for the US).
    currency: params.get('currency') === 'USD' || (params.get('currency') !== 'MXN' && country === 'US') ? 'USD' : 'MXN',
    remote: params.get('remote') === 'true',
    inclusion: [...new Set(params.getAll('inclusion').filter((v) => known.has(v)))],
    industry: isScianPrefix((params.get('industry') ?? '').trim()) ? (params.get('industry') ?? '').trim() : '',
  };
}

/** The API query (and the page's query string) of the filters, in a stable order. */
export function jobFilterQuery(filters: JobFilters): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (filters.q) out.push(['q', filters.q]);
  if (filters.country) out.push(['country', filters.country]);
  if (filters.country && filters.state) out.push(['state', filters.state]);
  if (filters.occupation) out.push(['occupation', filters.occupation]);
  if (filters.salaryFloor !== null) {
    out.push(['salaryFloor', String(filters.salaryFloor)]);
    out.push(['currency', filters.currency]);
  }
  if (filters.remote) out.push(['remote', 'true']);
  for (const value of filters.inclusion) out.push(['inclusion', value]);
  if (filters.industry) out.push(['industry', filters.industry]);
  return out;
}

export function paramsFromJobFilters(filters: JobFilters): URLSearchParams {
  return new URLSearchParams(jobFilterQuery(filters));
}

/** A stable text of what the API is asked, to notice when it changes. */
export const jobFiltersKey = (filters: JobFilters) => paramsFromJobFilters(filters).toString();

export function hasJobFilters(filters: JobFilters): boolean {
  return jobFilterQuery(filters).length > 0;
}

/** Changing country drops a state of the other country. */
export function withCountry(filters: JobFilters, country: Country | ''): JobFilters {
  const currency = filters.salaryFloor === null ? (country === 'US' ? 'USD' : 'MXN') : filters.currency;
  return { ...filters, country, currency, state: isStateOf(country, filters.state) ? filters.state : '' };
}

export function toggleInclusion(filters: JobFilters, value: string): JobFilters {
  const has = filters.inclusion.includes(value);
  return { ...filters, inclusion: has ? filters.inclusion.filter((v) => v !== value) : [...filters.inclusion, value] };
}

/** The filters as a saved search stores them (the API's parameter names; repeated ones as lists). */
export function savedSearchFilters(filters: JobFilters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (filters.q) out.q = filters.q;
  if (filters.country) out.country = filters.country;
  if (filters.country && filters.state) out.state = filters.state;
  if (filters.occupation) out.occupation = filters.occupation;
  if (filters.salaryFloor !== null) {
    out.salaryFloor = filters.salaryFloor;
    out.currency = filters.currency;
  }
  if (filters.remote) out.remote = true;
  if (filters.inclusion.length > 0) out.inclusion = [...filters.inclusion];
  if (filters.industry) out.industry = filters.industry;
  return out;
}

/** The job board's address of a saved search (to open it again). */
export function jobFiltersFromSaved(saved: Record<string, unknown>): JobFilters {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(saved)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (value !== null && value !== undefined) params.set(key, String(value));
  }
  return jobFiltersFromParams(params);
}

/** The offset in the page's query string (`page`, from 1) for a page size. */
export function offsetFromParams(params: URLSearchParams, pageSize: number): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? (page - 1) * pageSize : 0;
}
