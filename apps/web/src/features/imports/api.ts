import { api, apiRequest, seg } from '../../api/client';
import type { ImportKind, ImportRejection, ImportRun, ListResponse } from '../../api/types';

const base = '/api/v1/imports';

export const listImportKinds = (signal?: AbortSignal) => api.get<ListResponse<ImportKind>>(`${base}/kinds`, undefined, signal);

export function uploadImport(input: { kind: string; strict: boolean; file: File }): Promise<ImportRun> {
  const form = new FormData();
  // Fields before the file, so the server knows the kind before it streams the upload.
  form.append('kind', input.kind);
  form.append('strict', input.strict ? 'true' : 'false');
  form.append('file', input.file, input.file.name);
  return apiRequest<ImportRun>(base, { method: 'POST', body: form });
}

export const listImports = (query: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<ListResponse<ImportRun>>(base, query, signal);

export const getImport = (id: string, signal?: AbortSignal) => api.get<ImportRun>(`${base}/${seg(id)}`, undefined, signal);

export const listRejections = (id: string, query: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<ListResponse<ImportRejection>>(`${base}/${seg(id)}/rejections`, query, signal);
