/**
 * The filters of the charging census, kept in the page's query string (so a filtered view
 * can be shared and the back button works) under the API's own parameter names.
 */
import type { QueryValue } from '../../api/client';
import { normaliseQuery } from '../geo/paths';
import { accessValues, chargingUses, connectorStandards, lifecycleStatuses } from './types';
import { publicStatuses } from '../live/types';

export interface ChargingFilters {
  q: string;
  /** Two-digit state code. */
  state: string;
  /** Five-digit municipality code. */
  municipality: string;
  connector: string;
  /** Minimum power in kW, as text ('' for any). */
  minPowerKw: string;
  access: string;
  status: string;
  operator: string;
  /** light_duty, heavy_duty, bus_depot or fleet ('' for any). */
  use: string;
  /** available, occupied, out_of_service or unknown ('' for any): locations with an EVSE in that live status. */
  liveStatus: string;
}

export type FilterKey = keyof ChargingFilters;

export const filterKeys: readonly FilterKey[] = ['q', 'state', 'municipality', 'connector', 'minPowerKw', 'access', 'status', 'operator', 'use', 'liveStatus'];

export const emptyFilters: ChargingFilters = {
  q: '',
  state: '',
  municipality: '',
  connector: '',
  minPowerKw: '',
  access: '',
  status: '',
  operator: '',
  use: '',
  liveStatus: '',
};

/** Choices of the minimum power filter, in kW. */
export const minPowerOptions = [3.7, 7, 22, 50, 150, 350] as const;

/** Longest text the API accepts in `q` and `operator`. */
export const maxTextLength = 100;

const oneOf = (value: string, allowed: readonly string[]) => (allowed.includes(value) ? value : '');

function text(value: string): string {
  return normaliseQuery(value).slice(0, maxTextLength);
}

function power(value: string): string {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 1200 ? String(n) : '';
}

/** Reads the filters from a query string, dropping values the API would refuse. */
export function filtersFromParams(params: URLSearchParams): ChargingFilters {
  const get = (key: FilterKey) => params.get(key) ?? '';
  return {
    q: text(get('q')),
    state: /^[0-9]{2}$/.test(get('state')) ? get('state') : '',
    municipality: /^[0-9]{5}$/.test(get('municipality')) ? get('municipality') : '',
    connector: oneOf(get('connector'), connectorStandards),
    minPowerKw: power(get('minPowerKw')),
    access: oneOf(get('access'), accessValues),
    status: oneOf(get('status'), lifecycleStatuses),
    operator: text(get('operator')),
    use: oneOf(get('use'), chargingUses),
    liveStatus: oneOf(get('liveStatus'), publicStatuses),
  };
}

/** A copy of `params` with one filter set (or removed when empty); other parameters stay. */
export function withFilter(params: URLSearchParams, key: FilterKey, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/** A copy of `params` without any filter. */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of filterKeys) next.delete(key);
  return next;
}

export function hasFilters(filters: ChargingFilters): boolean {
  return filterKeys.some((key) => filters[key] !== '');
}

/** The API query of the filters; empty ones are left out by the client. */
export function filterQuery(filters: ChargingFilters): Record<string, QueryValue> {
  return {
    q: filters.q,
    state: filters.state,
    municipality: filters.municipality,
    connector: filters.connector,
    minPowerKw: filters.minPowerKw,
    access: filters.access,
    operator: filters.operator,
    status: filters.status,
    use: filters.use,
    liveStatus: filters.liveStatus,
  };
}

/** A stable text of the filters, to notice when they change. */
export function filtersKey(filters: ChargingFilters): string {
  return filterKeys.map((key) => filters[key]).join('|');
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const fixed = (value: number) => value.toFixed(5).replace(/\.?0+$/, '');

/** `minLon,minLat,maxLon,maxLat` of a map view, kept inside the world's coordinates. */
export function viewBBox(west: number, south: number, east: number, north: number): string {
  return [clamp(west, -180, 180), clamp(south, -90, 90), clamp(east, -180, 180), clamp(north, -90, 90)].map(fixed).join(',');
}
