import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, apiRequest, fieldErrorsByName, fieldName, isApiError, problemToError, setFetch, withQuery } from './client';

const realFetch = (input: string, init: RequestInit) => globalThis.fetch(input, init);

function respond(status: number, body: unknown, contentType = 'application/problem+json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status, headers: { 'content-type': contentType } });
}

afterEach(() => setFetch(realFetch));

describe('problemToError', () => {
  it('reads a full problem document', () => {
    const error = problemToError(409, {
      type: 'https://electrifica.mx/problems/accounts-email-taken',
      title: 'An account with this email already exists',
      status: 409,
      code: 'ACCOUNTS.EMAIL_TAKEN',
      detail: 'ana@example.mx is taken',
      errors: [{ path: '/email', message: 'taken' }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error)).toBe(true);
    expect(error.status).toBe(409);
    expect(error.code).toBe('ACCOUNTS.EMAIL_TAKEN');
    expect(error.title).toBe('An account with this email already exists');
    expect(error.detail).toBe('ana@example.mx is taken');
    expect(error.errors).toEqual([{ path: '/email', message: 'taken' }]);
  });

  it('falls back to a generic HTTP error for bodies that are not problems', () => {
    const error = problemToError(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(error.code).toBe('CLIENT.HTTP');
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
    expect(error.errors).toEqual([]);
  });

  it('keeps what it can from a partial problem and drops malformed field errors', () => {
    const error = problemToError(400, { title: 'Bad', errors: [{ path: 'body/password', message: 'short' }, 42, null] });
    expect(error.code).toBe('CLIENT.HTTP');
    expect(error.errors).toEqual([{ path: 'body/password', message: 'short' }]);
  });
});

describe('field errors', () => {
  it('takes the last path segment', () => {
    expect(fieldName('/body/email')).toBe('email');
    expect(fieldName('body.displayName')).toBe('displayName');
    expect(fieldName('password')).toBe('password');
    expect(fieldName('')).toBe('');
  });

  it('groups by field, first message wins', () => {
    expect(
      fieldErrorsByName([
        { path: '/email', message: 'first' },
        { path: '/email', message: 'second' },
        { path: '/password', message: 'short' },
      ]),
    ).toEqual({ email: 'first', password: 'short' });
  });
});

describe('withQuery', () => {
  it('skips empty values and encodes the rest', () => {
    expect(withQuery('/api/v1/geo/search', { q: 'San Nicolás', limit: 8, x: undefined, y: null, z: '' })).toBe(
      '/api/v1/geo/search?q=San+Nicol%C3%A1s&limit=8',
    );
    expect(withQuery('/a', {})).toBe('/a');
    expect(withQuery('/a?b=1', { c: 2 })).toBe('/a?b=1&c=2');
  });
});

describe('apiRequest', () => {
  it('sends JSON with same-origin credentials and parses the answer', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    setFetch(async (input, init) => {
      url = input;
      seen = init;
      return respond(200, { ok: true }, 'application/json');
    });
    const result = await apiRequest<{ ok: boolean }>('/api/v1/auth/sign-in', {
      method: 'POST',
      body: { email: 'a@b.mx', password: 'x' },
    });
    expect(result).toEqual({ ok: true });
    expect(url).toBe('/api/v1/auth/sign-in');
    expect(seen?.credentials).toBe('same-origin');
    expect(seen?.method).toBe('POST');
    expect((seen?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(seen?.body).toBe(JSON.stringify({ email: 'a@b.mx', password: 'x' }));
  });

  it('lets FormData set its own multipart content type', async () => {
    let seen: RequestInit | undefined;
    setFetch(async (_input, init) => {
      seen = init;
      return respond(202, { id: '1' }, 'application/json');
    });
    const form = new FormData();
    form.append('kind', 'x');
    await apiRequest('/api/v1/imports', { method: 'POST', body: form });
    expect(seen?.body).toBe(form);
    expect((seen?.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('returns undefined for 204', async () => {
    setFetch(async () => respond(204, undefined));
    await expect(apiRequest('/api/v1/auth/sign-out', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('throws a typed ApiError for problem+json', async () => {
    setFetch(async () =>
      respond(401, { type: 'about:blank', title: 'Sign-in required', status: 401, code: 'ACCOUNTS.UNAUTHENTICATED', detail: '' }),
    );
    const error = await apiRequest('/api/v1/auth/me').catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: 'ACCOUNTS.UNAUTHENTICATED', title: 'Sign-in required' });
  });

  it('turns a failed fetch into CLIENT.NETWORK', async () => {
    setFetch(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(apiRequest('/api/v1/config')).rejects.toMatchObject({ code: 'CLIENT.NETWORK', status: 0 });
  });

  it('rejects a 2xx that is not JSON', async () => {
    setFetch(async () => respond(200, '<!doctype html><html></html>', 'text/html'));
    await expect(apiRequest('/api/v1/config')).rejects.toMatchObject({ code: 'CLIENT.BAD_RESPONSE' });
  });
});
