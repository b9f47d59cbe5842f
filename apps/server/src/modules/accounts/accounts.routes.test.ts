import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const password = 'caballo correcto batería';
const cookieOf = (res: { cookies: Array<{ name: string; value: string }> }) => {
  const c = res.cookies.find((x) => x.name === 'electrifica_session');
  return c ? `electrifica_session=${c.value}` : '';
};

async function signUp(email: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email, password, displayName: email.split('@')[0] } });
  expect(res.statusCode).toBe(201);
  return { cookie: cookieOf(res), user: res.json().user };
}

async function makeAdmin(email: string) {
  await t.services.accounts.createAdmin({ email, password, displayName: 'Admin' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  return cookieOf(res);
}

describe('sign-up and sign-in', () => {
  it('creates an account, stores an argon2id hash and sets an httpOnly session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'Ana@Example.mx', password, displayName: 'Ana' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'Ana@Example.mx', role: 'member', memberships: [] });
    const cookie = res.cookies.find((c) => c.name === 'electrifica_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const row = await t.database.db.selectFrom('app_user').select('password_hash').where('email_normalized', '=', 'ana@example.mx').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'ana@EXAMPLE.mx', password, displayName: 'Otra' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ACCOUNTS.EMAIL_TAKEN');
  });

  it('refuses weak passwords with a reason', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'b@example.mx', password: 'corta', displayName: 'B' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ACCOUNTS.WEAK_PASSWORD' });
    expect(res.json().errors[0].path).toBe('/password');
  });

  it('signs in and out; a wrong password gets one message for both cases', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ana@example.mx', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('ACCOUNTS.INVALID_CREDENTIALS');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nobody@example.mx', password } });
    expect(unknown.json().detail).toBe(wrong.json().detail);

    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'ana@example.mx', password } });
    expect(ok.statusCode).toBe(200);
    const cookie = cookieOf(ok);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().user.email).toBe('Ana@Example.mx');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('ACCOUNTS.UNAUTHENTICATED');
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const { cookie } = await signUp('csrf@example.mx');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' }, payload: { name: 'x' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('API tokens', () => {
  it('creates a token shown once, authenticates with it, and revokes it', async () => {
    const { cookie } = await signUp('machine@example.mx');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie }, payload: { name: 'ETL' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^elf_/);
    const stored = await t.database.db.selectFrom('api_token').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.email).toBe('machine@example.mx');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: { cookie } });
    expect(list.json().items).toHaveLength(1);
    expect(JSON.stringify(list.json())).not.toContain(token);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: { cookie } })).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
    const garbage = await t.app.inject({ method: 'GET', url: '/api/v1/geo/states', headers: { authorization: 'Bearer nope' } });
    expect(garbage.statusCode).toBe(401);
  });
});

describe('roles, organisations and audit', () => {
  it('keeps admin pages for admins and records role changes in the audit', async () => {
    const { cookie: memberCookie, user } = await signUp('member@example.mx');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: memberCookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users' })).statusCode).toBe(401);

    const adminCookie = await makeAdmin('admin@example.mx');
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: adminCookie } });
    expect(users.json().total).toBeGreaterThanOrEqual(2);
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${user.id}`, headers: { cookie: adminCookie }, payload: { role: 'moderator' } });
    expect(changed.json().role).toBe('moderator');

    const history = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entityType=accounts.user&entityId=${user.id}`, headers: { cookie: adminCookie } });
    const update = history.json().items.find((e: { action: string }) => e.action === 'update');
    expect(update).toMatchObject({ actorLabel: 'admin@example.mx', before: { role: 'member' }, after: { role: 'moderator' } });
    expect(new Date(update.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${user.id}`, headers: { cookie: adminCookie }, payload: { role: 'emperor' } });
    expect(bad.statusCode).toBe(400);
  });

  it('lets a member create an organisation, edit only its own, and shows history to moderators only', async () => {
    const { cookie: ownerCookie } = await signUp('owner@example.mx');
    const { cookie: otherCookie } = await signUp('other@example.mx');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { cookie: ownerCookie }, payload: { name: 'Cargadores del Bajío', type: 'charge_point_operator', cveEnt: '22' } });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: ownerCookie } })).json();
    expect(me.user.memberships).toEqual([{ organisationId: org.id, organisationName: 'Cargadores del Bajío', role: 'editor' }]);

    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, headers: { cookie: ownerCookie }, payload: { name: 'Cargadores del Bajío SA de CV' } });
    expect(edit.json().name).toBe('Cargadores del Bajío SA de CV');
    const stranger = await t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, headers: { cookie: otherCookie }, payload: { name: 'Hijacked' } });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('ACCOUNTS.FORBIDDEN');
    const anonymous = await t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, payload: { name: 'Hijacked' } });
    expect(anonymous.statusCode).toBe(401);
    const badType = await t.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { cookie: ownerCookie }, payload: { name: 'X', type: 'bank' } });
    expect(badType.statusCode).toBe(400);

    const add = await t.app.inject({ method: 'POST', url: `/api/v1/organisations/${org.id}/members`, headers: { cookie: ownerCookie }, payload: { email: 'other@example.mx', role: 'member' } });
    expect(add.statusCode).toBe(201);
    const memberEdit = await t.app.inject({ method: 'PATCH', url: `/api/v1/organisations/${org.id}`, headers: { cookie: otherCookie }, payload: { name: 'Hijacked' } });
    expect(memberEdit.statusCode).toBe(403);

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/audit?entityType=accounts.organisation&entityId=${org.id}`, headers: { cookie: ownerCookie } })).statusCode).toBe(403);
    const adminCookie = await makeAdmin('admin2@example.mx');
    const history = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?entityType=accounts.organisation&entityId=${org.id}`, headers: { cookie: adminCookie } })).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(history.items[0].before.name).toBe('Cargadores del Bajío');
    expect(history.items[0].after.name).toBe('Cargadores del Bajío SA de CV');
    expect(history.items[0].actorLabel).toBe('owner@example.mx');

    const publicList = await t.app.inject({ method: 'GET', url: '/api/v1/organisations?type=charge_point_operator' });
    expect(publicList.json().items.map((o: { name: string }) => o.name)).toContain('Cargadores del Bajío SA de CV');
  });
});

describe('platform edges', () => {
  it('reports health with the database status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });
  it('serves OpenAPI 3.1 with the geo, accounts and import routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/geo/states', '/api/v1/geo/states/{cveEnt}/municipalities', '/api/v1/geo/locate', '/api/v1/geo/search', '/api/v1/imports', '/api/v1/auth/sign-in']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
  it('exposes Prometheus metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toContain('electrifica_http_request_duration_seconds');
  });
  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
  it('answers unknown API routes with problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PLATFORM.NOT_FOUND');
  });
});

describe('database outage', () => {
  it('reports the database as down on /api/health with 503', async () => {
    const outage = await createTestApp();
    try {
      await outage.database.close();
      const res = await outage.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    } finally {
      await outage.dispose();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with a stable code past the limit', async () => {
    const limited = await createTestApp({ rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'GET', url: '/api/v1/geo/states' })).statusCode);
      expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
      const res = await limited.app.inject({ method: 'GET', url: '/api/v1/geo/states' });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('PLATFORM.RATE_LIMITED');
    } finally {
      await limited.dispose();
    }
  });
});
