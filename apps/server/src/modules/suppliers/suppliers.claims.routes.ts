import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Page } from '../../platform/http/schemas.js';
import type { ClaimInput, SupplierClaimsService } from './suppliers.claims.service.js';
import { Claim, errors, Id } from './suppliers.registration.routes.js';

const tags = ['suppliers'];
const nullString = (options: object = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);

const ClaimBody = Type.Object({
  organisationId: Type.Optional(nullString({ format: 'uuid', description: 'An organisation you edit; omitted: one is created with you as its editor' })),
  organisationName: Type.Optional(nullString({ maxLength: 200, description: 'Name of the organisation to create (default: the plant’s legal name)' })),
  jobTitle: Type.Optional(nullString({ maxLength: 200 })),
  evidence: Type.String({ minLength: 1, maxLength: 4000, description: 'How a moderator can verify you speak for the company (corporate email, document, phone to call back); at least 10 characters' }),
}, { additionalProperties: false });

export function supplierClaimsRoutes(claims: SupplierClaimsService) {
  return async (app: FastifyInstance) => {
    app.post('/suppliers/establishments/:id/claims', {
      schema: {
        tags, summary: 'Claim an establishment in the census for your company (a moderator verifies it)',
        description: '409 SUPPLIERS.CLAIM_PENDING if your organisation already has a pending claim on it; 409 SUPPLIERS.ALREADY_CLAIMED if another organisation '
          + 'manages its company (or yours already does); 409 SUPPLIERS.ESTABLISHMENT_FOLDED if it was merged into another record (claim that one).',
        params: Id, body: ClaimBody, response: { 201: Claim, ...errors },
      },
    }, async (request, reply) => {
      const body = request.body as Partial<ClaimInput> & { evidence: string };
      return reply.status(201).send(await claims.create(request.principal, (request.params as { id: string }).id, {
        organisationId: body.organisationId ?? null, organisationName: body.organisationName ?? null, jobTitle: body.jobTitle ?? null, evidence: body.evidence,
      }));
    });

    app.get('/suppliers/claims', {
      schema: {
        tags, summary: 'Claims: every claim for moderators and admins; yours and your organisations’ for everyone else (newest first)',
        querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(Status) })]),
        response: { 200: Type.Object({ items: Type.Array(Claim), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errors },
      },
    }, async (request) => claims.list(request.principal, request.query as { status?: 'pending' | 'approved' | 'rejected'; limit: number; offset: number }));

    app.get('/suppliers/claims/:id', {
      schema: { tags, summary: 'One claim (moderators, admins, the claimant and its organisation’s members)', params: Id, response: { 200: Claim, ...errors } },
    }, async (request) => claims.get(request.principal, (request.params as { id: string }).id));

    app.post('/suppliers/claims/:id/approve', {
      schema: {
        tags, summary: 'Approve a claim (moderators, admins): the establishment’s company becomes managed by the claiming organisation',
        description: 'The claimant cannot decide its own claim. 409 SUPPLIERS.CLAIM_ALREADY_DECIDED once decided; 409 SUPPLIERS.ALREADY_CLAIMED if another organisation manages it meanwhile.',
        params: Id, body: Type.Optional(Type.Object({ note: Type.Optional(nullString({ maxLength: 2000 })) }, { additionalProperties: false })),
        response: { 200: Claim, ...errors },
      },
    }, async (request) => claims.approve(request.principal, (request.params as { id: string }).id, { note: (request.body as { note?: string | null } | undefined)?.note ?? null }));

    app.post('/suppliers/claims/:id/reject', {
      schema: {
        tags, summary: 'Reject a claim with a note the claimant reads (moderators, admins)',
        params: Id, body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Claim, ...errors },
      },
    }, async (request) => claims.reject(request.principal, (request.params as { id: string }).id, request.body as { note: string }));
  };
}
