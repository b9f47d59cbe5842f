import { api, seg, withQuery } from '../../api/client';
import { filterQuery, withFilterQuery, type SupplierFilters, type SortOrder } from './filters';
import type {
  ClusterCollection,
  CompanyDetail,
  ComponentDetail,
  ComponentInput,
  ComponentList,
  CatalogueComponent,
  EstablishmentDetail,
  EstablishmentPage,
  StatsGroupBy,
  SupplierStats,
  Taxonomy,
} from './types';

const base = '/api/v1/suppliers';

/** The client's query object cannot repeat a key, so repeated filters go in the path. */
const get = <T>(path: string, filters: SupplierFilters, extra: Record<string, string | number | boolean | null | undefined>, signal?: AbortSignal) =>
  api.get<T>(withFilterQuery(path, filters, extra), undefined, signal);

export const listEstablishments = (
  filters: SupplierFilters,
  page: { limit: number; offset: number; sort: SortOrder; facets?: boolean },
  signal?: AbortSignal,
) => get<EstablishmentPage>(`${base}/establishments`, filters, { sort: page.sort, facets: page.facets ? 'true' : undefined, limit: page.limit, offset: page.offset }, signal);

export const exportUrl = (format: 'csv' | 'geojson' | 'json', filters: SupplierFilters) => withFilterQuery(`${base}/establishments.${format}`, filters);

export const getEstablishment = (id: string, signal?: AbortSignal) =>
  api.get<EstablishmentDetail>(`${base}/establishments/${seg(id)}`, undefined, signal);

export const getCompany = (id: string, signal?: AbortSignal) => api.get<CompanyDetail>(`${base}/companies/${seg(id)}`, undefined, signal);

export const getClusters = (filters: SupplierFilters, view: { bbox: string; zoom: number }, signal?: AbortSignal) =>
  get<ClusterCollection>(`${base}/clusters`, filters, view, signal);

let taxonomyCache: Promise<Taxonomy> | null = null;
/** The vocabularies change only with a release: asked once per page load. */
export function getTaxonomy(signal?: AbortSignal): Promise<Taxonomy> {
  if (!taxonomyCache) {
    taxonomyCache = api.get<Taxonomy>(`${base}/taxonomy`).catch((err: unknown) => {
      taxonomyCache = null;
      throw err;
    });
  }
  const pending = taxonomyCache;
  if (!signal) return pending;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
    pending.then(resolve, reject);
  });
}

export const listComponents = (options: { includeRetired?: boolean } = {}, signal?: AbortSignal) =>
  api.get<ComponentList>(`${base}/components`, { includeRetired: options.includeRetired ? 'true' : undefined }, signal);

export const getComponent = (code: string, signal?: AbortSignal) => api.get<ComponentDetail>(`${base}/components/${seg(code)}`, undefined, signal);

export const createComponent = (input: ComponentInput) => api.post<CatalogueComponent>(`${base}/components`, input);

export const updateComponent = (code: string, input: ComponentInput) => api.patch<CatalogueComponent>(`${base}/components/${seg(code)}`, input);

export const getStats = (groupBy: StatsGroupBy, signal?: AbortSignal) => api.get<SupplierStats>(`${base}/stats`, { groupBy }, signal);

export const statsCsvUrl = (groupBy: StatsGroupBy) => withQuery(`${base}/stats.csv`, { groupBy });

/** The list of one filter set as the API is asked it (for tests and links). */
export const establishmentsQuery = (filters: SupplierFilters) => new URLSearchParams(filterQuery(filters)).toString();
