import { api, seg } from '../../../api/client';
import type { Claim, ClaimBody, EstablishmentPatch, MineResponse, OwnEstablishment, RegistrationBody } from './types';

const base = '/api/v1/suppliers';

export const createRegistration = (body: RegistrationBody) => api.post<OwnEstablishment>(`${base}/registrations`, body);

/** The plants the user's organisations manage, and the user's claims. */
export const getMine = (signal?: AbortSignal) => api.get<MineResponse>(`${base}/mine`, undefined, signal);

/** `updatedAt` is the version read: a later change by someone else answers 409 SUPPLIERS.STALE_EDIT. */
export const updateEstablishment = (id: string, body: EstablishmentPatch) =>
  api.patch<OwnEstablishment>(`${base}/establishments/${seg(id)}`, body);

export const createClaim = (establishmentId: string, body: ClaimBody) =>
  api.post<Claim>(`${base}/establishments/${seg(establishmentId)}/claims`, body);
