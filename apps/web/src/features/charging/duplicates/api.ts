import { api, seg } from '../../../api/client';
import type { AlsoReportedBy, DuplicateDetail, DuplicatePage, DuplicateStatus } from './types';

const base = '/api/v1/charging/duplicates';

export const listDuplicates = (status: DuplicateStatus, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<DuplicatePage>(base, { status, ...page }, signal);

export const getDuplicate = (id: string, signal?: AbortSignal) => api.get<DuplicateDetail>(`${base}/${seg(id)}`, undefined, signal);

/** Same site: keep `location` (A) or `match` (B); the other is folded into it. */
export const mergeDuplicate = (id: string, keep: 'location' | 'match') => api.post<DuplicateDetail>(`${base}/${seg(id)}/merge`, { keep });

export const markDistinct = (id: string) => api.post<DuplicateDetail>(`${base}/${seg(id)}/distinct`);

export const unmergeDuplicate = (id: string) => api.post<DuplicateDetail>(`${base}/${seg(id)}/unmerge`);

export const getAlsoReportedBy = (locationId: string, signal?: AbortSignal) =>
  api.get<AlsoReportedBy>(`/api/v1/charging/locations/${seg(locationId)}/also-reported-by`, undefined, signal);
