import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeError, isRetryable } from './errors';

// Knows one code; everything else falls back to the default value it is given.
const t = ((key: string, options?: { defaultValue?: string }) => {
  if (key === 'errors.GEO.STATE_NOT_FOUND') return 'No se encontró el estado.';
  if (key === 'errors.generic') return 'Algo salió mal.';
  return options?.defaultValue ?? key;
}) as unknown as TFunction;

describe('describeError', () => {
  it('uses our translation when the code is known', () => {
    const d = describeError(t, new ApiError({ status: 404, code: 'GEO.STATE_NOT_FOUND', title: 'State not found', detail: 'No state 99' }));
    expect(d).toEqual({ title: 'No se encontró el estado.', detail: 'No state 99', code: 'GEO.STATE_NOT_FOUND', translated: true, retryable: false });
  });

  it("falls back to the server's title for unknown codes", () => {
    const d = describeError(t, new ApiError({ status: 503, code: 'NEW.CODE', title: 'Brand new' }));
    expect(d).toMatchObject({ title: 'Brand new', translated: false, retryable: true });
  });

  it('handles non-API errors', () => {
    expect(describeError(t, new Error('boom'))).toMatchObject({ title: 'Algo salió mal.', detail: 'boom', code: 'CLIENT.UNKNOWN' });
  });

  it('retries only what may succeed later', () => {
    expect([0, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryable)).toBe(false);
  });
});
