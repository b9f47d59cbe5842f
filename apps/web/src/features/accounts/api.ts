import { api, isApiError, seg } from '../../api/client';
import type { ApiTokenSummary, CreatedApiToken, ListResponse, SessionUser, UserEnvelope } from '../../api/types';

const base = '/api/v1/auth';

/** The signed-in user, or null when the visitor is anonymous (401). */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    const { user } = await api.get<UserEnvelope>(`${base}/me`, undefined, signal);
    return user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(input: { email: string; password: string }): Promise<SessionUser> {
  const { user } = await api.post<UserEnvelope>(`${base}/sign-in`, input);
  return user;
}

export async function signUp(input: { email: string; password: string; displayName: string }): Promise<SessionUser> {
  const { user } = await api.post<UserEnvelope>(`${base}/sign-up`, input);
  return user;
}

export const signOut = (): Promise<void> => api.post<void>(`${base}/sign-out`);

export const listTokens = (signal?: AbortSignal) =>
  api.get<ListResponse<ApiTokenSummary>>(`${base}/tokens`, undefined, signal);

export const createToken = (name: string) => api.post<CreatedApiToken>(`${base}/tokens`, { name });

export const revokeToken = (id: string) => api.delete(`${base}/tokens/${seg(id)}`);
