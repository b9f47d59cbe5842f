import { api, seg, withQuery } from '../../api/client';
import { filterQuery, type ChargingFilters } from './filters';
import type {
  ChargingLocationDetail,
  ChargingLocationPage,
  ChargingStats,
  ClusterCollection,
  StatsGroupBy,
} from './types';

const base = '/api/v1/charging';

export const listLocations = (
  filters: ChargingFilters,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
) => api.get<ChargingLocationPage>(`${base}/locations`, { ...filterQuery(filters), ...page }, signal);

/** The filtered list as a CSV download (same filters as the list). */
export const locationsCsvUrl = (filters: ChargingFilters) => withQuery(`${base}/locations.csv`, filterQuery(filters));

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
