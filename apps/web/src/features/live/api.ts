import { api, seg } from '../../api/client';
import type { ChargePoint, ChargePointPage, Maintenance, NewChargePoint, StatusByState } from './types';

const base = '/api/v1/live';

export const getMaintenance = (query: { offlineForMinutes: number; operator: string }, signal?: AbortSignal) =>
  api.get<Maintenance>(`${base}/maintenance`, query, signal);

export const getStatusByState = (signal?: AbortSignal) => api.get<StatusByState>(`${base}/status/by-state`, undefined, signal);

export const statusByStateCsvUrl = `${base}/status/by-state.csv`;

export const listChargePoints = (query: { operator: string }, signal?: AbortSignal) =>
  api.get<ChargePointPage>(`${base}/charge-points`, query, signal);

export const createChargePoint = (body: NewChargePoint) => api.post<ChargePoint>(`${base}/charge-points`, body);

export const deleteChargePoint = (id: string) => api.delete<void>(`${base}/charge-points/${seg(id)}`);
