import { api, seg } from '../../api/client';
import type {
  ListResponse,
  LocateResponse,
  MunicipalityDetail,
  MunicipalityPage,
  SearchResult,
  StateDetail,
  StateListResponse,
} from '../../api/types';

const base = '/api/v1/geo';

export const listStates = (signal?: AbortSignal) => api.get<StateListResponse>(`${base}/states`, undefined, signal);

export const getState = (cveEnt: string, signal?: AbortSignal) =>
  api.get<StateDetail>(`${base}/states/${seg(cveEnt)}`, undefined, signal);

export const listStateMunicipalities = (
  cveEnt: string,
  query: { limit: number; offset: number; q?: string },
  signal?: AbortSignal,
) => api.get<MunicipalityPage>(`${base}/states/${seg(cveEnt)}/municipalities`, query, signal);

export const getMunicipality = (cvegeo: string, signal?: AbortSignal) =>
  api.get<MunicipalityDetail>(`${base}/municipalities/${seg(cvegeo)}`, undefined, signal);

export const searchPlaces = (q: string, limit: number, signal?: AbortSignal) =>
  api.get<ListResponse<SearchResult>>(`${base}/search`, { q, limit }, signal);

export const locatePoint = (lat: number, lon: number, signal?: AbortSignal) =>
  api.get<LocateResponse>(`${base}/locate`, { lat, lon }, signal);
