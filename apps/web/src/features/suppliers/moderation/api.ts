import { api, seg } from '../../../api/client';
import type { Claim, ClaimPage, ClaimStatus } from '../registration/types';
import type { Keep, MatchDetail, MatchPage, MatchStatus } from './types';

const base = '/api/v1/suppliers';

export const listMatches = (status: MatchStatus, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<MatchPage>(`${base}/matches`, { status, ...page }, signal);

export const getMatch = (id: string, signal?: AbortSignal) => api.get<MatchDetail>(`${base}/matches/${seg(id)}`, undefined, signal);

/** Same plant: keep `establishment` (A) or `match` (B); the other is folded into it. */
export const mergeMatch = (id: string, keep: Keep) => api.post<MatchDetail>(`${base}/matches/${seg(id)}/merge`, { keep });

export const markDistinct = (id: string) => api.post<MatchDetail>(`${base}/matches/${seg(id)}/distinct`);

export const unmergeMatch = (id: string) => api.post<MatchDetail>(`${base}/matches/${seg(id)}/unmerge`);

export const listClaims = (status: ClaimStatus, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<ClaimPage>(`${base}/claims`, { status, ...page }, signal);

export const approveClaim = (id: string, note: string) => api.post<Claim>(`${base}/claims/${seg(id)}/approve`, note.trim() ? { note: note.trim() } : {});

/** The claimant reads the note: the server requires one. */
export const rejectClaim = (id: string, note: string) => api.post<Claim>(`${base}/claims/${seg(id)}/reject`, { note: note.trim() });
