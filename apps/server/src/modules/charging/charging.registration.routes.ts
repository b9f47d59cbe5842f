import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import { accessLevels, chargingUses, connectorStandards, lifecycleStatuses, paymentMethods } from './charging.domain.js';
import { maxConnectorsPerEvse, maxEvsesPerLocation } from './charging.registration.domain.js';
import type { CreateRegistrationInput, RegistrationService, UpdateRegistrationInput } from './charging.registration.service.js';

const tags = ['charging registration'];
/*
 * Optional values are "not declared" when null. With type coercion on, `anyOf [T, null]`
 * coerces whichever branch comes first (null would become "", 0 or false; 0 would become
 * null); a type list (`type: ['number', 'null']`) coerces only values of neither type.
 */
const nullNumber = (options: object = {}) => Type.Unsafe<number | null>({ type: ['number', 'null'], ...options });
const nullString = (options: object = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const nullBoolean = () => Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] });
const nullEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T | null>({ type: ['string', 'null'], enum: [...values, null] });
/** For objects, which coercion never produces from null nor turns into null. */
const OrNull = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Connector = Type.Object({
  standard: literals(connectorStandards),
  format: Type.Optional(nullEnum(['SOCKET', 'CABLE'] as const)),
  powerType: Type.Optional(nullEnum(['AC_1_PHASE', 'AC_3_PHASE', 'DC'] as const)),
  maxVoltageV: Type.Optional(nullNumber()),
  maxAmperageA: Type.Optional(nullNumber()),
  maxPowerKw: Type.Optional(nullNumber({ description: 'Maximum power in kW (checked: positive, at most 1,200 kW)' })),
}, { additionalProperties: false });
const Evse = Type.Object({
  evseUid: Type.Optional(nullString({ maxLength: 48, description: 'Your EVSE id (OCPI evse_uid); numbered EVSE-1, EVSE-2… when omitted' })),
  connectors: Type.Array(Connector, { maxItems: maxConnectorsPerEvse }),
}, { additionalProperties: false });
/** OCPI 2.2.1 Hours: 24/7, or weekly periods (weekday 1 = Monday … 7 = Sunday, HH:MM local time). */
const OpeningHours = Type.Object({
  twentyfourseven: Type.Boolean(),
  regular_hours: Type.Optional(Type.Array(Type.Object({
    weekday: Type.Integer({ minimum: 1, maximum: 7 }), period_begin: Type.String({ maxLength: 5 }), period_end: Type.String({ maxLength: 5 }),
  }, { additionalProperties: false }), { maxItems: 50 })),
}, { additionalProperties: false });

const fieldSchemas = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  address: Type.Optional(nullString({ maxLength: 300 })),
  postalCode: Type.Optional(nullString({ maxLength: 10 })),
  lat: Type.Number({ description: 'WGS84 latitude (≈14 to 33 in Mexico)' }),
  lon: Type.Number({ description: 'WGS84 longitude (≈-118 to -86 in Mexico)' }),
  access: literals(accessLevels),
  uses: Type.Optional(Type.Array(literals(chargingUses), { maxItems: chargingUses.length })),
  paymentMethods: Type.Optional(Type.Array(literals(paymentMethods), { maxItems: paymentMethods.length })),
  ocppSupport: Type.Optional(nullBoolean()),
  openingHours: Type.Optional(OrNull(OpeningHours)),
  commissionedOn: Type.Optional(nullString({ maxLength: 10, description: 'YYYY-MM-DD' })),
  lifecycleStatus: literals(lifecycleStatuses),
  evses: Type.Array(Evse, { maxItems: maxEvsesPerLocation }),
};

const CreateBody = Type.Object({
  actingAs: literals(['operator', 'owner'] as const),
  organisationId: Type.Optional(nullString({ format: 'uuid' })),
  ...fieldSchemas,
}, { additionalProperties: false });

const PatchBody = Type.Object({
  updatedAt: Type.String({ format: 'date-time', description: 'The `updatedAt` you read; a later change by someone else answers 409 CHARGING.STALE_EDIT' }),
  ...Object.fromEntries(Object.entries(fieldSchemas).map(([k, v]) => [k, Type.Optional(v)])),
}, { additionalProperties: false });

const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });
const ReadOnlyReason = Nullable(literals(['imported', 'not_yours'] as const));
const Detail = Type.Object({
  id: Type.String(), sourceKey: Type.String(), origin: literals(['import', 'registered'] as const),
  registeredAs: Nullable(literals(['operator', 'owner'] as const)), editable: Type.Boolean(), readOnlyReason: ReadOnlyReason,
  name: Type.String(), address: Nullable(Type.String()), postalCode: Nullable(Type.String()), lat: Type.Number(), lon: Type.Number(),
  access: Nullable(Type.String()), uses: Type.Array(Type.String()), paymentMethods: Type.Array(Type.String()), ocppSupport: Nullable(Type.Boolean()),
  openingHours: Nullable(Type.Object({}, { additionalProperties: true })), commissionedOn: Nullable(Type.String()), lifecycleStatus: Nullable(Type.String()),
  evses: Type.Array(Type.Object({
    evseUid: Type.String(),
    connectors: Type.Array(Type.Object({
      standard: Nullable(Type.String()), format: Nullable(Type.String()), powerType: Nullable(Type.String()),
      maxVoltageV: Nullable(Type.Number()), maxAmperageA: Nullable(Type.Number()), maxPowerKw: Nullable(Type.Number()),
    })),
  })),
  operatorName: Nullable(Type.String()), operatorOrganisation: Nullable(OrgRef), ownerOrganisation: Nullable(OrgRef), ownedByYou: Type.Boolean(),
  cveEnt: Nullable(Type.String()), stateName: Nullable(Type.String()), cvegeo: Nullable(Type.String()), municipalityName: Nullable(Type.String()),
  provenance: Type.Object({}, { additionalProperties: true }), createdAt: Type.String(), updatedAt: Type.String(),
});
const ListItem = Type.Object({
  id: Type.String(), name: Type.String(), origin: Type.String(), registeredAs: Nullable(Type.String()), editable: Type.Boolean(), readOnlyReason: ReadOnlyReason,
  access: Nullable(Type.String()), lifecycleStatus: Nullable(Type.String()), operatorName: Nullable(Type.String()), organisation: Nullable(OrgRef),
  ownedByYou: Type.Boolean(), lat: Type.Number(), lon: Type.Number(), cveEnt: Nullable(Type.String()), stateName: Nullable(Type.String()),
  cvegeo: Nullable(Type.String()), municipalityName: Nullable(Type.String()), evseCount: Type.Integer(), connectorStandards: Type.Array(Type.String()),
  maxPowerKw: Nullable(Type.Number()), updatedAt: Type.String(),
});
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Defaults for what a registrant may leave out: "not declared", never invented. */
const withDefaults = (body: Record<string, unknown>) => ({
  address: null, postalCode: null, uses: [], paymentMethods: [], ocppSupport: null, openingHours: null, commissionedOn: null,
  ...body,
  evses: (body.evses as Array<{ evseUid?: string | null; connectors: Array<Record<string, unknown>> }>).map((e) => ({
    evseUid: e.evseUid ?? null,
    connectors: e.connectors.map((c) => ({ format: null, powerType: null, maxVoltageV: null, maxAmperageA: null, maxPowerKw: null, ...c })),
  })),
});

export function registrationRoutes(registrations: RegistrationService) {
  return async (app: FastifyInstance) => {
    app.get('/charging/registrations/options', {
      schema: {
        tags, summary: 'Organisations you can register chargers for: as operator (charge point operators you edit) and as owner',
        response: { 200: Type.Object({ operatorOrganisations: Type.Array(OrgRef), ownerOrganisations: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() })) }), 401: Problem },
      },
    }, async (request) => registrations.options(request.principal));

    app.post('/charging/registrations', {
      schema: {
        tags, summary: 'Register a charging location: public or restricted for an operator you edit, or a private charger you own',
        description: 'The point is checked (inside Mexico, not swapped) and decides state and municipality. Private chargers are visible only to their owner, the owning organisation’s editors, analysts and admins.',
        body: CreateBody, response: { 201: Detail, ...errors },
      },
    }, async (request, reply) => {
      const body = withDefaults(request.body as Record<string, unknown>) as unknown as CreateRegistrationInput;
      return reply.status(201).send(await registrations.create(request.principal, { ...body, organisationId: body.organisationId ?? null }));
    });

    app.get('/charging/registrations', {
      schema: {
        tags, summary: 'Locations you registered, own or operate (scope=mine); every registered location for analysts and admins (scope=all)',
        querystring: Type.Intersect([Page, Type.Object({ scope: Type.Union([Type.Literal('mine'), Type.Literal('all')], { default: 'mine' }) })]),
        response: { 200: Type.Object({ items: Type.Array(ListItem), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errors },
      },
    }, async (request) => registrations.list(request.principal, request.query as { scope: 'mine' | 'all'; limit: number; offset: number }));

    app.get('/charging/registrations/:id', {
      schema: { tags, summary: 'One location you registered, own or operate, with its exact point and owner', params: Id, response: { 200: Detail, ...errors } },
    }, async (request) => registrations.get(request.principal, (request.params as { id: string }).id));

    app.patch('/charging/registrations/:id', {
      schema: {
        tags, summary: 'Edit a registered location (send the updatedAt you read; giving evses rewrites them all)',
        params: Id, body: PatchBody, response: { 200: Detail, ...errors },
      },
    }, async (request) => {
      const body = request.body as Record<string, unknown>;
      const patch = body.evses ? { ...body, evses: withDefaults({ evses: body.evses }).evses } : body;
      return registrations.update(request.principal, (request.params as { id: string }).id, patch as unknown as UpdateRegistrationInput);
    });

    app.post('/charging/registrations/:id/retire', {
      schema: {
        tags, summary: 'Retire a registered location (lifecycle decommissioned; never deleted)', params: Id,
        body: Type.Optional(Type.Object({ updatedAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false })),
        response: { 200: Detail, ...errors },
      },
    }, async (request) => registrations.retire(request.principal, (request.params as { id: string }).id, (request.body as { updatedAt?: string } | undefined) ?? {}));
  };
}
