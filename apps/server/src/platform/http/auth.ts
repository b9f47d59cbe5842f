import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../modules/accounts/accounts.domain.js';
import type { AccountsService } from '../../modules/accounts/accounts.service.js';
import type { AppConfig } from '../../config.js';
import { AppError } from '../errors.js';

export const sessionCookie = 'electrifica_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Resolves who is calling — a session cookie (web app) or a bearer API token (machines) —
 * once per request. Authorisation itself happens in the services, on every write.
 */
export function installAuth(app: FastifyInstance, accounts: AccountsService) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match ? await accounts.resolveApiToken(match[1]!) : null;
      if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'The API token is unknown, revoked or malformed; create a new one in your account page.');
      request.principal = principal;
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    request.principal = await accounts.resolveSession(token);
    // A cookie-authenticated write must come from our own pages (SameSite covers most browsers; this covers the rest).
    const origin = request.headers.origin;
    if (request.principal && origin && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const host = request.headers['x-forwarded-host'] ?? request.headers.host;
      if (new URL(origin).host !== host) throw new AppError('ACCOUNTS.FORBIDDEN', 'Cross-site requests cannot use the session cookie.');
    }
  });
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string, expiresAt: Date) {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig) {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
}

export const sessionTokenOf = (request: FastifyRequest) => request.cookies[sessionCookie] ?? null;
