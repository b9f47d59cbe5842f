import { api, seg } from '../../../api/client';
import type { CreateBody, RegistrationBody, RegistrationDetail, RegistrationListItem, RegistrationOptions } from './types';

const base = '/api/v1/charging/registrations';

export const registrationOptions = (signal?: AbortSignal) => api.get<RegistrationOptions>(`${base}/options`, undefined, signal);

export const createRegistration = (body: CreateBody) => api.post<RegistrationDetail>(base, body);

export const listMyRegistrations = (page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<{ items: RegistrationListItem[]; total: number }>(base, { scope: 'mine', ...page }, signal);

export const getRegistration = (id: string, signal?: AbortSignal) => api.get<RegistrationDetail>(`${base}/${seg(id)}`, undefined, signal);

/** `updatedAt` is the version read: a later change by someone else answers 409 CHARGING.STALE_EDIT. */
export const updateRegistration = (id: string, body: Partial<RegistrationBody> & { updatedAt: string }) =>
  api.patch<RegistrationDetail>(`${base}/${seg(id)}`, body);

export const retireRegistration = (id: string, updatedAt: string) => api.post<RegistrationDetail>(`${base}/${seg(id)}/retire`, { updatedAt });
