import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { membershipRoles, organisationTypes, platformRoles } from '@electrifica/contracts';
import type { AppConfig } from '../../config.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../platform/http/auth.js';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import type { AccountsService, RoleGuard } from './accounts.service.js';
import type { Principal } from './accounts.domain.js';

const User = Type.Object({
  id: Type.String(), email: Type.String(), displayName: Type.String(), role: Type.Union(platformRoles.map((r) => Type.Literal(r))),
  memberships: Type.Array(Type.Object({ organisationId: Type.String(), organisationName: Type.String(), role: Type.String() })),
});
const toUser = (p: Principal) => ({ id: p.userId, email: p.email, displayName: p.displayName, role: p.role, memberships: p.memberships });
const Credentials = Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }) });
const OrganisationType = Type.Union(organisationTypes.map((t) => Type.Literal(t)));
const Organisation = Type.Object({
  id: Type.String(), name: Type.String(), type: Type.String(), rfc: Nullable(Type.String()), cveEnt: Nullable(Type.String()),
  website: Nullable(Type.String()), ocpiCountryCode: Nullable(Type.String()), ocpiPartyId: Nullable(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['accounts'];

export function accountsRoutes(accounts: AccountsService, config: AppConfig) {
  return async (app: FastifyInstance) => {
    app.post('/auth/sign-up', {
      schema: { tags, summary: 'Create an account and sign in', body: Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }), displayName: Type.String({ minLength: 1, maxLength: 120 }) }), response: { 201: Type.Object({ user: User }), 400: Problem, 409: Problem } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    }, async (request, reply) => {
      const body = request.body as { email: string; password: string; displayName: string };
      const { principal, session } = await accounts.signUp(body, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, config, session.token, session.expiresAt);
      return reply.status(201).send({ user: toUser(principal) });
    });

    app.post('/auth/sign-in', {
      schema: { tags, summary: 'Sign in with email and password (sets a session cookie)', body: Credentials, response: { 200: Type.Object({ user: User }), 401: Problem } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    }, async (request, reply) => {
      const { principal, session } = await accounts.signIn(request.body as { email: string; password: string }, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, config, session.token, session.expiresAt);
      return { user: toUser(principal) };
    });

    app.post('/auth/sign-out', { schema: { tags, summary: 'End the session', response: { 204: Type.Null() } } }, async (request, reply) => {
      const token = sessionTokenOf(request);
      if (token) await accounts.signOut(token);
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    });

    app.get('/auth/me', { schema: { tags, summary: 'The signed-in user', response: { 200: Type.Object({ user: User }), 401: Problem } } }, async (request) => {
      const guard: RoleGuard = accounts;
      guard.requireRole(request.principal, 'member');
      return { user: toUser(request.principal) };
    });

    app.get('/auth/tokens', { schema: { tags, summary: 'Your API tokens', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Nullable(Type.String()) })) }) } } }, async (request) => ({
      items: await accounts.listApiTokens(request.principal),
    }));

    app.post('/auth/tokens', {
      schema: { tags, summary: 'Create an API token (shown once)', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }), response: { 201: Type.Object({ id: Type.String(), name: Type.String(), token: Type.String(), createdAt: Type.String() }) } },
    }, async (request, reply) => reply.status(201).send(await accounts.createApiToken(request.principal, (request.body as { name: string }).name)));

    app.delete('/auth/tokens/:id', { schema: { tags, summary: 'Revoke an API token', params: Id, response: { 204: Type.Null(), 404: Problem } } }, async (request, reply) => {
      await accounts.revokeApiToken(request.principal, (request.params as { id: string }).id);
      return reply.status(204).send();
    });

    app.get('/admin/users', { schema: { tags: ['admin'], summary: 'All users (admin)', querystring: Page, response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), role: Type.String(), createdAt: Type.String() })), total: Type.Integer() }) } } }, async (request) =>
      accounts.listUsers(request.principal, request.query as { limit: number; offset: number }));

    app.patch('/admin/users/:id', {
      schema: { tags: ['admin'], summary: 'Change a user’s platform role (admin)', params: Id, body: Type.Object({ role: Type.Union(platformRoles.map((r) => Type.Literal(r))) }) },
    }, async (request) => accounts.setUserRole(request.principal, (request.params as { id: string }).id, (request.body as { role: (typeof platformRoles)[number] }).role));

    app.get('/organisations', {
      schema: { tags: ['organisations'], summary: 'Organisations', querystring: Type.Intersect([Page, Type.Object({ type: Type.Optional(OrganisationType) })]), response: { 200: Type.Object({ items: Type.Array(Organisation), total: Type.Integer() }) } },
    }, async (request) => accounts.listOrganisations(request.query as { limit: number; offset: number; type?: string }));

    app.get('/organisations/:id', { schema: { tags: ['organisations'], summary: 'One organisation', params: Id, response: { 200: Organisation, 404: Problem } } }, async (request) =>
      accounts.getOrganisation((request.params as { id: string }).id));

    const OrganisationInput = Type.Object({
      name: Type.String({ minLength: 2, maxLength: 200 }), type: OrganisationType,
      rfc: Type.Optional(Type.Union([Type.String({ pattern: '^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$' }), Type.Null()])),
      cveEnt: Type.Optional(Type.Union([Type.String({ pattern: '^(0[1-9]|[12][0-9]|3[0-2])$' }), Type.Null()])),
      website: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 300 }), Type.Null()])),
    });
    app.post('/organisations', { schema: { tags: ['organisations'], summary: 'Create an organisation (you become its editor)', body: OrganisationInput, response: { 201: Organisation } } }, async (request, reply) =>
      reply.status(201).send(await accounts.createOrganisation(request.principal, request.body as never)));

    // The OCPI party links imported OCPI locations to the organisation, so only admins set it.
    const OcpiParty = Type.Object({
      // A type list, not anyOf: coercion leaves null (clear) and strings as sent.
      ocpiCountryCode: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 2, description: 'ISO 3166-1 alpha-2 (admins only)' })),
      ocpiPartyId: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 3, description: 'OCPI party id, 3 characters (admins only)' })),
    });
    app.patch('/organisations/:id', { schema: { tags: ['organisations'], summary: 'Edit an organisation (its editors, admins; the OCPI party: admins)', params: Id, body: Type.Intersect([Type.Partial(OrganisationInput), OcpiParty]), response: { 200: Organisation, 400: Problem, 403: Problem, 409: Problem } } }, async (request) =>
      accounts.updateOrganisation(request.principal, (request.params as { id: string }).id, request.body as never));

    app.get('/organisations/:id/members', { schema: { tags: ['organisations'], summary: 'Members of an organisation', params: Id } }, async (request) =>
      accounts.listMembers(request.principal, (request.params as { id: string }).id));

    app.post('/organisations/:id/members', {
      schema: { tags: ['organisations'], summary: 'Add a member (editors, admins)', params: Id, body: Type.Object({ email: Type.String(), role: Type.Union(membershipRoles.map((r) => Type.Literal(r))) }) },
    }, async (request, reply) => reply.status(201).send(await accounts.addMember(request.principal, (request.params as { id: string }).id, request.body as never)));

    app.get('/audit', {
      schema: { tags: ['audit'], summary: 'History of a record: who, when, before, after (moderators, admins)', querystring: Type.Intersect([Page, Type.Object({ entityType: Type.Optional(Type.String()), entityId: Type.Optional(Type.String()) })]) },
    }, async (request) => accounts.listAudit(request.principal, request.query as never));
  };
}
