import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Problem } from '../../platform/http/schemas.js';
import { limits } from './suppliers.registration.domain.js';
import type { EstablishmentPatch, RegistrationInput, SupplierRegistrationService } from './suppliers.registration.service.js';
import { certifications, employeeStrata, evReadiness, processes, sizeClasses, tiers } from './suppliers.taxonomy.js';

const tags = ['suppliers'];
/*
 * Optional values are "not declared" when null. With type coercion on, `anyOf [T, null]`
 * would coerce null into "" (see charging.registration.routes.ts); a type list does not.
 */
const nullString = (options: object = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const codes = (list: readonly { code: string }[]) => list.map((i) => i.code).join(', ');
const text = (maxLength: number = limits.textLength) => Type.Optional(nullString({ maxLength }));

/*
 * Codes are checked against the taxonomy by the service (422 SUPPLIERS.INVALID_REGISTRATION
 * with a path per wrong value), not by the schema: a form shows each wrong value next to its
 * field. The accepted codes are listed here and in GET /api/v1/suppliers/taxonomy.
 */
const Certification = Type.Object({
  code: Type.String({ maxLength: 40, description: `One of ${codes(certifications)}` }),
  expiresOn: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; a past date is refused (the certificate is no longer held)' })),
  certificateId: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });

const establishmentFieldSchemas = {
  name: Type.String({ minLength: 1, maxLength: limits.textLength, description: 'The plant’s name as the company uses it' }),
  street: text(), exteriorNumber: text(20), neighbourhood: text(), postalCode: text(10), locality: text(), industrialPark: text(),
  lat: Type.Number({ description: 'WGS84 latitude (≈14 to 33 in Mexico); the point decides state and municipality' }),
  lon: Type.Number({ description: 'WGS84 longitude (≈-118 to -86 in Mexico)' }),
  scian: Type.Optional(nullString({ maxLength: 6, description: 'A 6-digit SCIAN 2018 class (e.g. 336390)' })),
  employeesStratum: Type.Optional(nullString({ maxLength: 10, description: `DENUE stratum: ${codes(employeeStrata)}` })),
  tiers: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: `Codes: ${codes(tiers)}` })),
  processes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 60, description: `Codes: ${codes(processes)}` })),
  components: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: limits.components, description: 'Codes of the catalogue (GET /api/v1/suppliers/components); retired ones are refused' })),
  certifications: Type.Optional(Type.Array(Certification, { maxItems: limits.certifications })),
  oemCustomers: Type.Optional(Type.Array(Type.String({ maxLength: limits.textLength }), { maxItems: limits.oemCustomers, description: 'Vehicle makers the plant supplies, by name' })),
  exportMarkets: Type.Optional(Type.Array(Type.String({ maxLength: 2 }), { maxItems: limits.exportMarkets, description: 'ISO 3166-1 alpha-2 codes (US, CA, DE…), not MX' })),
  evReadiness: Type.Optional(nullString({ maxLength: 20, description: `One of ${codes(evReadiness)}` })),
  phone: text(40), email: text(254), website: text(300),
  contactConsent: Type.Boolean({ description: 'Whether signed-in members may see phone, email and website' }),
};

const CompanyBody = Type.Object({
  legalName: Type.String({ minLength: 1, maxLength: limits.textLength, description: 'Razón social' }),
  tradeNames: Type.Optional(Type.Array(Type.String({ maxLength: limits.textLength }), { maxItems: limits.tradeNames })),
  rfc: Type.Optional(nullString({ maxLength: 13, description: 'RFC of the company (12 characters) or person (13); checked with its check digit. A company with this RFC already in the census is reused unless another organisation manages it (409 SUPPLIERS.ALREADY_CLAIMED).' })),
  sizeClass: Type.Optional(nullString({ maxLength: 10, description: `Ministry of Economy class of the whole company: ${codes(sizeClasses)}` })),
  ownershipCountry: Type.Optional(nullString({ maxLength: 2, description: 'ISO 3166-1 alpha-2 of the controlling capital (MX for Mexican-owned)' })),
  website: text(300),
}, { additionalProperties: false });

const RegistrationBody = Type.Object({
  organisationId: Type.Optional(nullString({ format: 'uuid', description: 'An organisation you edit; omitted: a new organisation of type company is created with you as its editor' })),
  company: CompanyBody,
  establishment: Type.Object(establishmentFieldSchemas, { additionalProperties: false }),
}, { additionalProperties: false });

const PatchBody = Type.Object({
  updatedAt: Type.String({ format: 'date-time', description: 'The `updatedAt` you read; a later change by someone else answers 409 SUPPLIERS.STALE_EDIT' }),
  ...Object.fromEntries(Object.entries(establishmentFieldSchemas).map(([k, v]) => [k, Type.Optional(v)])),
}, { additionalProperties: false });

const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });
const Provenance = Type.Object({}, { additionalProperties: true, description: 'Per field: { source, method, userId?, declaredAt? } — method "declared by company" for what the company declared' });

/** An establishment as its company's members read it (contact included: it is theirs). */
export const OwnEstablishment = Type.Object({
  id: Type.String(), sourceKey: Type.String(), source: Type.String({ description: '`reg` for registered plants; else the source that brought it (denue, retc, template)' }),
  origin: Type.Union([Type.Literal('import'), Type.Literal('registered')]),
  editable: Type.Boolean(),
  readOnlyReason: Nullable(Type.Union(['claim_required', 'not_editor', 'folded', 'not_yours'].map((r) => Type.Literal(r)), {
    description: 'claim_required: an imported plant of your company, editable once a moderator approves your claim on it; not_editor: you are a member, not an editor; folded: merged into mergedInto',
  })),
  company: Nullable(Type.Object({
    id: Type.String(), legalName: Type.String(), tradeNames: Type.Array(Type.String()), rfc: Nullable(Type.String()), sizeClass: Nullable(Type.String()),
    ownershipCountry: Nullable(Type.String()), website: Nullable(Type.String()), organisation: Nullable(OrgRef), provenance: Provenance,
  })),
  name: Type.String(), street: Nullable(Type.String()), exteriorNumber: Nullable(Type.String()), neighbourhood: Nullable(Type.String()),
  postalCode: Nullable(Type.String()), locality: Nullable(Type.String()), industrialPark: Nullable(Type.String()), lat: Type.Number(), lon: Type.Number(),
  scian: Nullable(Type.String()), scianTitle: Nullable(Type.String()), employeesStratum: Nullable(Type.String()), sizeClass: Nullable(Type.String()),
  tiers: Type.Array(Type.String()), processes: Type.Array(Type.String()), components: Type.Array(Type.String()),
  certifications: Type.Array(Type.Object({ code: Type.String(), expiresOn: Type.Optional(Type.String()), certificateId: Type.Optional(Type.String()), issuer: Type.Optional(Type.String()) })),
  oemCustomers: Type.Array(Type.String()), exportMarkets: Type.Array(Type.String()), evReadiness: Nullable(Type.String()),
  phone: Nullable(Type.String()), email: Nullable(Type.String()), website: Nullable(Type.String()), contactConsent: Type.Boolean(),
  cveEnt: Nullable(Type.String()), stateName: Nullable(Type.String()), cvegeo: Nullable(Type.String()), municipalityName: Nullable(Type.String()),
  locationFlags: Type.Array(Type.String()), registeredOn: Nullable(Type.String()), mergedInto: Nullable(Type.String()),
  provenance: Provenance, createdAt: Type.String(), updatedAt: Type.String(),
});

export const Claim = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  establishment: Type.Object({
    id: Type.String(), name: Type.String(), legalName: Nullable(Type.String()), origin: Type.String(), source: Type.String(),
    stateName: Nullable(Type.String()), municipalityName: Nullable(Type.String()), mergedInto: Nullable(Type.String()),
  }),
  organisation: OrgRef,
  claimant: Type.Object({ id: Type.String(), displayName: Type.String(), email: Type.String() }),
  jobTitle: Nullable(Type.String()), evidence: Type.String(), createdAt: Type.String(), decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() })), decisionNote: Nullable(Type.String()),
});

export const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Defaults for what a company may leave out: "not declared", never invented. */
function registrationInput(body: Record<string, unknown>): RegistrationInput {
  const company = body.company as Record<string, unknown>;
  const establishment = body.establishment as Record<string, unknown>;
  return {
    organisationId: (body.organisationId as string | null | undefined) ?? null,
    company: { tradeNames: [], rfc: null, sizeClass: null, ownershipCountry: null, website: null, ...company } as unknown as RegistrationInput['company'],
    establishment: {
      street: null, exteriorNumber: null, neighbourhood: null, postalCode: null, locality: null, industrialPark: null, scian: null, employeesStratum: null,
      tiers: [], processes: [], components: [], certifications: [], oemCustomers: [], exportMarkets: [], evReadiness: null, phone: null, email: null, website: null,
      ...establishment,
    } as unknown as RegistrationInput['establishment'],
  };
}

export function supplierRegistrationRoutes(registrations: SupplierRegistrationService) {
  return async (app: FastifyInstance) => {
    app.post('/suppliers/registrations', {
      schema: {
        tags, summary: 'Register a company and one of its plants (signed in)',
        description: 'Without organisationId a new organisation of type company is created with you as its editor; with it, you must edit it. '
          + 'A company with the same RFC already in the census is reused unless another organisation manages it (409 SUPPLIERS.ALREADY_CLAIMED: claim its plants instead). '
          + 'The point must be in Mexico (422 SUPPLIERS.POINT_OUTSIDE_MEXICO) and decides state and municipality; a bad RFC answers 422 SUPPLIERS.INVALID_RFC; '
          + 'other invalid fields 422 SUPPLIERS.INVALID_REGISTRATION. Every problem is in `errors[]` with a JSON pointer (`/establishment/tiers/0`). '
          + 'Every field carries provenance { source: suppliers-registration, method: declared by company, userId, declaredAt }.',
        body: RegistrationBody, response: { 201: OwnEstablishment, ...errors },
      },
    }, async (request, reply) => reply.status(201).send(await registrations.register(request.principal, registrationInput(request.body as Record<string, unknown>))));

    app.patch('/suppliers/establishments/:id', {
      schema: {
        tags, summary: 'Edit a plant your organisation manages (send the updatedAt you read)',
        description: 'For editors of the organisation managing the establishment’s company (and admins): registered plants, and imported plants whose claim a moderator approved '
          + '(else 409 SUPPLIERS.ESTABLISHMENT_READ_ONLY). Others answer 403 SUPPLIERS.NOT_YOUR_ESTABLISHMENT. Only the fields given change; each gets provenance '
          + '"declared by company" (an admin who is not an editor: "corrected by admin"), which later imports do not overwrite.',
        params: Id, body: PatchBody, response: { 200: OwnEstablishment, ...errors },
      },
    }, async (request) => registrations.update(request.principal, (request.params as { id: string }).id, request.body as EstablishmentPatch));

    app.get('/suppliers/mine', {
      schema: {
        tags, summary: 'Your organisations, the plants of the companies they manage, and your claims',
        response: {
          200: Type.Object({
            organisations: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), companyId: Nullable(Type.String()) })),
            establishments: Type.Array(OwnEstablishment),
            total: Type.Integer(),
            claims: Type.Array(Claim),
          }),
          401: Problem,
        },
      },
    }, async (request) => registrations.mine(request.principal));
  };
}
