import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 3, apiKeyRateLimitPerMinute: 50 });
});
afterAll(async () => {
  await t?.dispose();
});

const password = 'caballo correcto batería';

describe('rate limits: a small budget per client, a large one per API key', () => {
  it('answers 429 with a problem after the anonymous budget is spent, and says the limit in headers', async () => {
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await t.app.inject({ method: 'GET', url: '/api/v1/geo/states', remoteAddress: '10.0.0.1' }));
    expect(responses[0]!.headers['x-ratelimit-limit']).toBe('3');
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(responses[3]!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(responses[3]!.json()).toMatchObject({ status: 429, code: 'PLATFORM.RATE_LIMITED' });
    // Another client has its own budget.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/geo/states', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
  });

  it('gives API-token callers the high-volume budget, counted per user rather than per address', async () => {
    await t.services.accounts.createAdmin({ email: 'datos@example.mx', password, displayName: 'Datos' });
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'datos@example.mx', password }, remoteAddress: '10.0.0.3' });
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie }, payload: { name: 'carga masiva' }, remoteAddress: '10.0.0.3' });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/geo/states', headers: { authorization: `Bearer ${token}` }, remoteAddress: `10.0.1.${i % 2}` });
      statuses.push(res.statusCode);
      if (i === 0) expect(res.headers['x-ratelimit-limit']).toBe('50');
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
