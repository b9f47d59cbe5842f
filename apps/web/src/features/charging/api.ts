import { api, seg, withQuery } from '../../api/client';
import { filterQuery, type ChargingFilters } from './filters';
import type {
  ChargingLocationDetail,
  ChargingLocationPage,
  ChargingStandards,
  ChargingStats,
  ClusterCollection,
  StatsGroupBy,
} from './types';

const base = '/api/v1/charging';

export const listLocations = (
  filters: ChargingFilters,
  page: { limit: number; cursor: string | null },
  signal?: AbortSignal,
) => api.get<ChargingLocationPage>(`${base}/locations`, { ...filterQuery(filters), limit: page.limit, cursor: page.cursor }, signal);

/** The filtered list as a CSV download (same filters as the list). */
export const locationsCsvUrl = (filters: ChargingFilters) => withQuery(`${base}/locations.csv`, filterQuery(filters));

/** The filtered list as GeoJSON (same filters as the list). */
export const locationsGeoJsonUrl = (filters: ChargingFilters) => withQuery(`${base}/locations.geojson`, filterQuery(filters));

/** The filtered list as OCPI 2.2.1 Location objects (same filters as the list). */
export const locationsOcpiUrl = (filters: ChargingFilters) => withQuery(`${base}/locations.ocpi.json`, filterQuery(filters));

export const getLocation = (id: string, signal?: AbortSignal) =>
  api.get<ChargingLocationDetail>(`${base}/locations/${seg(id)}`, undefined, signal);

export const getClusters = (
  filters: ChargingFilters,
  view: { bbox: string; zoom: number },
  signal?: AbortSignal,
) => api.get<ClusterCollection>(`${base}/clusters`, { ...filterQuery(filters), ...view }, signal);

export const getStats = (groupBy: StatsGroupBy, signal?: AbortSignal) =>
  api.get<ChargingStats>(`${base}/stats`, { groupBy }, signal);

export const statsCsvUrl = (groupBy: StatsGroupBy) => withQuery(`${base}/stats.csv`, { groupBy });

export const getStandards = (signal?: AbortSignal) => api.get<ChargingStandards>(`${base}/standards`, undefined, signal);

export const standardsCsvUrl = () => `${base}/standards.csv`;
