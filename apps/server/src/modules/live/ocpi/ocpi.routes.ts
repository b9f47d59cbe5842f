import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../platform/errors.js';
import { Nullable, Problem } from '../../../platform/http/schemas.js';
import { envelope, isUuid, ocpiErrorOf, ocpiStatus, ocpiVersion, pageHeaders, pageQuery, tokenCandidates } from './ocpi.domain.js';
import type { OcpiService } from './ocpi.service.js';

/** Where this server is reached from outside: the configured public URL, else the request's own. */
const baseUrlOf = (publicBaseUrl: string | null, request: FastifyRequest) => publicBaseUrl ?? `${request.protocol}://${request.host}`;

/**
 * The OCPI 2.2.1 edge at `/ocpi`: every answer is an OCPI response (`data`, `status_code`,
 * `status_message`, `timestamp`), errors included; stable error codes become OCPI status
 * codes here and nowhere else (`ocpiErrorOf`). Bodies are validated by the service against
 * the OCPI object schemas, so that a bad object is answered with OCPI's 2001, not with the
 * API's problem+json.
 */
export function ocpiRoutes(service: OcpiService, options: { publicBaseUrl: string | null }) {
  return async (app: FastifyInstance) => {
    const tags = ['ocpi'];
    const base = (request: FastifyRequest) => baseUrlOf(options.publicBaseUrl, request);
    const caller = (request: FastifyRequest, allow: { tokenA: boolean; apiToken: boolean }) =>
      service.authenticate(tokenCandidates(request.headers.authorization), allow);
    const ok = (reply: FastifyReply, data: unknown, httpStatus = 200, message?: string) => reply.status(httpStatus).send(envelope(data ?? undefined, ocpiStatus.success, message));

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        const { statusCode, httpStatus } = ocpiErrorOf(error.code);
        request.log.info({ code: error.code, ocpiStatus: statusCode }, `OCPI ${request.method} ${request.url.split('?')[0]}: ${error.message}`);
        return reply.status(httpStatus).send(envelope(undefined, statusCode, error.message));
      }
      // Transport: a body that is not JSON, too large, or of another content type (OCPI 2.2.1, Status codes: HTTP 400).
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        request.log.info({ err: error.message }, 'OCPI request rejected at the transport layer');
        return reply.status(error.statusCode).send(envelope(undefined, ocpiStatus.clientError, error.message));
      }
      request.log.error({ err: error }, 'OCPI request failed');
      const dbDown = /ECONNREFUSED|Connection terminated|closed/.test(String(error.message));
      return reply.status(dbDown ? 503 : 500).send(envelope(undefined, ocpiStatus.serverError, dbDown ? 'The database is not reachable; retry later.' : 'Something went wrong on our side; it has been logged.'));
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send(envelope(undefined, ocpiStatus.clientError, `No OCPI ${ocpiVersion} endpoint ${request.method} ${request.url.split('?')[0]}; see /ocpi/versions.`)));

    app.get('/versions', { schema: { tags, summary: 'OCPI versions Electrifica supports (any valid token, token A included)' } }, async (request, reply) => {
      await caller(request, { tokenA: true, apiToken: true });
      return ok(reply, service.versions(base(request)));
    });
    app.get(`/${ocpiVersion}`, { schema: { tags, summary: 'OCPI 2.2.1 version details: the modules and interfaces implemented' } }, async (request, reply) => {
      await caller(request, { tokenA: true, apiToken: true });
      return ok(reply, service.versionDetails(base(request)));
    });

    // Credentials (OCPI 2.2.1 Credentials module): token A registers, token C updates and unregisters.
    const credentials = `/${ocpiVersion}/credentials`;
    app.get(credentials, { schema: { tags, summary: 'Electrifica\'s credentials for the calling party' } }, async (request, reply) =>
      ok(reply, service.getCredentials(await caller(request, { tokenA: true, apiToken: false }), base(request))));
    app.post(credentials, { schema: { tags, summary: 'Register: send your token B and versions URL with token A; the answer carries token C' } }, async (request, reply) =>
      ok(reply, await service.postCredentials(await caller(request, { tokenA: true, apiToken: false }), request.body, base(request))));
    app.put(credentials, { schema: { tags, summary: 'Update credentials (new token B or endpoints); the answer carries a new token C' } }, async (request, reply) =>
      ok(reply, await service.putCredentials(await caller(request, { tokenA: true, apiToken: false }), request.body, base(request))));
    app.delete(credentials, { schema: { tags, summary: 'Unregister: token C stops working' } }, async (request, reply) => {
      await service.deleteCredentials(await caller(request, { tokenA: true, apiToken: false }));
      return ok(reply, undefined);
    });

    // Locations. One URL for both interfaces: the sender's objects are census locations (UUIDs);
    // the receiver's paths start with the pushing party's country code and party id.
    const locations = `/${ocpiVersion}/locations`;
    app.get(locations, { schema: { tags, summary: 'Locations sender: published census locations with live EVSE status, paginated (date_from, date_to, offset, limit)' } }, async (request, reply) => {
      const who = await caller(request, { tokenA: false, apiToken: true });
      const query = request.query as Record<string, string | undefined>;
      const page = pageQuery(query);
      if (typeof page === 'string') throw new AppError('OCPI.INVALID_OBJECT', page);
      const { items, total } = await service.senderList(who, page);
      const url = `${base(request)}/ocpi${locations}`;
      return reply.headers(pageHeaders(url, query, page, total)).status(200).send(envelope(items));
    });

    const segments = ['a', 'b', 'c', 'd', 'e'];
    for (let n = 1; n <= 5; n++) {
      const path = `${locations}/${segments.slice(0, n).map((s) => `:${s}`).join('/')}`;
      app.get(path, { schema: { tags, summary: n <= 3 ? 'A published Location, EVSE or Connector (sender), or one you pushed (receiver)' : 'An EVSE or Connector you pushed (receiver)' } }, async (request, reply) => {
        const p = request.params as Record<string, string>;
        const who = await caller(request, { tokenA: false, apiToken: true });
        if (n <= 3 && isUuid(p.a!)) return ok(reply, await service.senderGet(who, { locationId: p.a!, evseUid: p.b, connectorId: p.c }));
        if (n < 3) throw new AppError('OCPI.UNKNOWN_LOCATION', `Location "${p.a}" is not among the published locations (their ids are UUIDs).`);
        return ok(reply, await service.receiverGet(who, { countryCode: p.a!, partyId: p.b!, locationId: p.c!, evseUid: p.d, connectorId: p.e }));
      });
      if (n < 3) continue;
      for (const method of ['PUT', 'PATCH'] as const) {
        app.route({
          method, url: path,
          schema: { tags, summary: `Locations receiver: ${method} a ${n === 3 ? 'Location' : n === 4 ? 'EVSE' : 'Connector'} of your party` },
          handler: async (request, reply) => {
            const p = request.params as Record<string, string>;
            const who = await caller(request, { tokenA: false, apiToken: false });
            const result = await service.push(who, method, { countryCode: p.a!, partyId: p.b!, locationId: p.c!, evseUid: p.d, connectorId: p.e }, request.body);
            // OCPI 2.2.1 (Status codes): 201 when the object is new, 200 when it was updated.
            return ok(reply, undefined, result.created ? 201 : 200,
              result.stale ? 'Older than what is stored (last_updated): the object is kept as it was; its status entered the history.' : undefined);
          },
        });
      }
    }
  };
}

const PartyView = Type.Object({
  id: Type.String(), organisation: Type.Object({ id: Type.String(), name: Type.String() }), countryCode: Type.String(), partyId: Type.String(),
  status: Type.Union(['pending', 'registered', 'unregistered', 'revoked'].map((s) => Type.Literal(s))),
  peerVersionsUrl: Nullable(Type.String()), version: Nullable(Type.String()),
  endpoints: Type.Array(Type.Object({ identifier: Type.String(), role: Type.String(), url: Type.String() })),
  roles: Type.Array(Type.Object({}, { additionalProperties: true })),
  createdAt: Type.String(), registeredAt: Nullable(Type.String()), endedAt: Nullable(Type.String()),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Admins register operators' OCPI platforms: token A is issued here, once. */
export function ocpiAdminRoutes(service: OcpiService, options: { publicBaseUrl: string | null }) {
  return async (app: FastifyInstance) => {
    const tags = ['ocpi'];
    app.post('/live/ocpi/parties', {
      schema: {
        tags, summary: 'Register an operator organisation (with its OCPI party) for the OCPI handshake; returns token A once (admins)',
        body: Type.Object({ organisationId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ ...PartyView.properties, tokenA: Type.String(), versionsUrl: Type.String() }), ...errors },
      },
    }, async (request, reply) => {
      const { organisationId } = request.body as { organisationId: string };
      return reply.status(201).send(await service.createParty(request.principal, organisationId, baseUrlOf(options.publicBaseUrl, request)));
    });
    app.get('/live/ocpi/parties', {
      schema: { tags, summary: 'OCPI party registrations, newest first, without tokens (admins)', response: { 200: Type.Object({ items: Type.Array(PartyView) }), ...errors } },
    }, async (request) => ({ items: await service.listParties(request.principal) }));
    app.delete('/live/ocpi/parties/:id', {
      schema: {
        tags, summary: 'Revoke a registration: its tokens stop working at once (admins)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: PartyView, ...errors },
      },
    }, async (request) => service.revokeParty(request.principal, (request.params as { id: string }).id));
  };
}
