/**
 * Thin fetch wrapper for the Electrifica API: JSON in and out, same-origin cookies,
 * and RFC 9457 problem+json errors turned into a typed `ApiError`.
 */

export interface ApiFieldError {
  path: string;
  message: string;
}

/** Codes the server publishes (see the shared contracts), plus the client's own ones. */
export type ClientErrorCode = 'CLIENT.NETWORK' | 'CLIENT.ABORTED' | 'CLIENT.BAD_RESPONSE' | 'CLIENT.HTTP';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: ApiFieldError[];

  constructor(init: { status: number; code: string; title: string; detail?: string; errors?: ApiFieldError[] }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFieldErrors(value: unknown): ApiFieldError[] {
  if (!Array.isArray(value)) return [];
  const out: ApiFieldError[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const path = typeof item.path === 'string' ? item.path : typeof item.field === 'string' ? item.field : '';
    const message = typeof item.message === 'string' ? item.message : '';
    if (path || message) out.push({ path, message });
  }
  return out;
}

/**
 * Builds an `ApiError` from an HTTP status and a parsed body. Accepts a full problem
 * document, a partial one, or anything else (then falls back to a generic HTTP error).
 */
export function problemToError(status: number, body: unknown, statusText = ''): ApiError {
  if (isRecord(body)) {
    const code = typeof body.code === 'string' && body.code ? body.code : 'CLIENT.HTTP';
    const title =
      typeof body.title === 'string' && body.title ? body.title : statusText || `HTTP ${status}`;
    const detail = typeof body.detail === 'string' ? body.detail : '';
    const bodyStatus = typeof body.status === 'number' ? body.status : status;
    return new ApiError({ status: bodyStatus, code, title, detail, errors: parseFieldErrors(body.errors) });
  }
  return new ApiError({ status, code: 'CLIENT.HTTP', title: statusText || `HTTP ${status}` });
}

/** Takes the last segment of a JSON-pointer-ish path: `/body/email` → `email`. */
export function fieldName(path: string): string {
  const parts = path.split(/[/.]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/** Groups field errors by field name (first message per field wins). */
export function fieldErrorsByName(errors: readonly ApiFieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const name = fieldName(e.path);
    if (name && !(name in out)) out[name] = e.message;
  }
  return out;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `path?query` skipping empty values; keeps the order of keys. */
export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  if (!qs) return path;
  return path.includes('?') ? `${path}&${qs}` : `${path}?${qs}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** A plain value is sent as JSON; `FormData` is sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

let fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init);

/** Swaps the transport (unit tests). */
export function setFetch(impl: FetchLike): void {
  fetchImpl = impl;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json') || /^[\s]*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetchImpl(withQuery(path, query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted || (cause instanceof DOMException && cause.name === 'AbortError')) {
      throw new ApiError({ status: 0, code: 'CLIENT.ABORTED', title: 'Aborted' });
    }
    throw new ApiError({ status: 0, code: 'CLIENT.NETWORK', title: 'Network error', detail: String(cause) });
  }

  const parsed = await readBody(response);
  if (!response.ok) throw problemToError(response.status, parsed, response.statusText);
  if (typeof parsed === 'string') {
    // A 2xx that is not JSON (e.g. an HTML fallback page) is not an API answer.
    throw new ApiError({ status: response.status, code: 'CLIENT.BAD_RESPONSE', title: 'Unexpected response' });
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) =>
    apiRequest<T>(path, { method: 'POST', body, signal }),
  patch: <T>(path: string, body?: unknown, signal?: AbortSignal) =>
    apiRequest<T>(path, { method: 'PATCH', body, signal }),
  delete: <T = void>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { method: 'DELETE', signal }),
};

/** Encodes one path segment (codes are digits, but ids may not be). */
export const seg = (value: string | number): string => encodeURIComponent(String(value));
