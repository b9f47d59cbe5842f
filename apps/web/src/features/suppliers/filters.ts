/**
 * The directory's filters, kept in the page's query string under the API's own parameter
 * names, so a filtered view can be shared, bookmarked and exported as it is. Multi-valued
 * facets repeat their parameter (`tier=tier1&tier=tier2`): OR within one, AND across.
 */
import type { QueryValue } from '../../api/client';
import { normaliseQuery } from '../geo/paths';
import type { FacetName } from './types';

export const multiKeys = ['state', 'municipality', 'tier', 'process', 'component', 'certification', 'size', 'evReadiness'] as const satisfies readonly FacetName[];
export type MultiKey = (typeof multiKeys)[number];

export const sortOrders = ['relevance', 'name', 'distance'] as const;
export type SortOrder = (typeof sortOrders)[number];

export interface Near {
  lat: number;
  lon: number;
}

export interface SupplierFilters {
  q: string;
  /** SCIAN code or prefix (digits). */
  scian: string;
  state: string[];
  municipality: string[];
  tier: string[];
  process: string[];
  component: string[];
  certification: string[];
  size: string[];
  evReadiness: string[];
  near: Near | null;
  radiusKm: number | null;
  /** The name of the place `near` was picked from; shown only, never sent to the API. */
  place: string;
  sort: SortOrder | '';
}

export const emptyFilters: SupplierFilters = {
  q: '', scian: '', state: [], municipality: [], tier: [], process: [], component: [], certification: [], size: [], evReadiness: [],
  near: null, radiusKm: null, place: '', sort: '',
};

/** Longest text the directory accepts in `q`. */
export const maxTextLength = 200;
export const defaultRadiusKm = 100;
export const maxRadiusKm = 1000;
/** Suggested radii of the radius search, in km. */
export const radiusOptions = [10, 25, 50, 100, 200, 500] as const;

const codePattern = /^[a-z0-9_+-]{1,60}$/i;
const patterns: Record<MultiKey, RegExp> = {
  state: /^[0-9]{2}$/,
  municipality: /^[0-9]{5}$/,
  tier: codePattern,
  process: codePattern,
  component: codePattern,
  certification: codePattern,
  size: codePattern,
  evReadiness: codePattern,
};

const unique = (values: string[]) => [...new Set(values)];

/** `lat,lon` within the world's coordinates, else null. */
export function parseNear(value: string | null): Near | null {
  if (!value) return null;
  const parts = value.split(',');
  if (parts.length !== 2) return null;
  const [lat, lon] = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat!) > 90 || Math.abs(lon!) > 180) return null;
  return { lat: lat!, lon: lon! };
}

const fixed = (value: number) => value.toFixed(5).replace(/\.?0+$/, '');
export const formatNear = (near: Near) => `${fixed(near.lat)},${fixed(near.lon)}`;

function radius(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n <= maxRadiusKm ? n : null;
}

/** Reads the filters from a query string, dropping values the API would refuse. */
export function filtersFromParams(params: URLSearchParams): SupplierFilters {
  const multi = Object.fromEntries(
    multiKeys.map((key) => [key, unique(params.getAll(key).map((v) => v.trim()).filter((v) => patterns[key].test(v)))]),
  ) as Record<MultiKey, string[]>;
  const near = parseNear(params.get('near'));
  const sort = params.get('sort') ?? '';
  return {
    q: normaliseQuery(params.get('q') ?? '').slice(0, maxTextLength),
    scian: /^[0-9]{2,6}$/.test(params.get('scian') ?? '') ? params.get('scian')! : '',
    ...multi,
    near,
    // A radius means nothing without a centre; a centre alone gets the default radius.
    radiusKm: near ? (radius(params.get('radiusKm')) ?? defaultRadiusKm) : null,
    place: near ? normaliseQuery(params.get('place') ?? '').slice(0, 120) : '',
    sort: (sortOrders as readonly string[]).includes(sort) && (sort !== 'distance' || near) ? (sort as SortOrder) : '',
  };
}

/** The page's query string of the filters (with `place`, for people), in a stable order. */
export function paramsFromFilters(filters: SupplierFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.scian) params.set('scian', filters.scian);
  for (const key of multiKeys) for (const value of filters[key]) params.append(key, value);
  if (filters.near) {
    params.set('near', formatNear(filters.near));
    params.set('radiusKm', String(filters.radiusKm ?? defaultRadiusKm));
    if (filters.place) params.set('place', filters.place);
  }
  if (filters.sort) params.set('sort', filters.sort);
  return params;
}

/** A facet value switched on or off (OR within the facet); paging goes back to the start. */
export function toggleValue(filters: SupplierFilters, key: MultiKey, value: string): SupplierFilters {
  const current = filters[key];
  return { ...filters, [key]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] };
}

export function hasFilters(filters: SupplierFilters): boolean {
  return Boolean(filters.q || filters.scian || filters.near || multiKeys.some((key) => filters[key].length > 0));
}

/** The API query of the filters (what lists, facets, the map and the exports share). */
export function filterQuery(filters: SupplierFilters): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (filters.q) out.push(['q', filters.q]);
  if (filters.scian) out.push(['scian', filters.scian]);
  for (const key of multiKeys) for (const value of filters[key]) out.push([key, value]);
  if (filters.near) {
    out.push(['near', formatNear(filters.near)]);
    out.push(['radiusKm', String(filters.radiusKm ?? defaultRadiusKm)]);
  }
  return out;
}

/** `path?query` of the filters plus extra parameters (empty values left out). */
export function withFilterQuery(path: string, filters: SupplierFilters, extra: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams(filterQuery(filters));
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A stable text of what the API is asked, to notice when it changes. */
export function filtersKey(filters: SupplierFilters): string {
  return new URLSearchParams(filterQuery(filters)).toString();
}

/** The order the list asks for: relevance while searching, distance around a place, else by name. */
export function effectiveSort(filters: SupplierFilters): SortOrder {
  if (filters.sort) return filters.sort;
  if (filters.q) return 'relevance';
  if (filters.near) return 'distance';
  return 'name';
}

/** The offset in the page's query string (`page`, from 1) for a page size. */
export function offsetFromParams(params: URLSearchParams, pageSize: number): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? (page - 1) * pageSize : 0;
}
