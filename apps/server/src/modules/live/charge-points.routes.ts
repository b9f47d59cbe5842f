import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, Page, Problem } from '../../platform/http/schemas.js';
import type { ChargePointsService, CreateChargePointInput, UpdateChargePointInput } from './charge-points.service.js';

const tags = ['live: charge points (OCPP)'];
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const registrationStatus = literals(['accepted', 'pending', 'rejected'] as const);
const evseStatus = literals(['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN'] as const);

const identity = Type.String({ minLength: 1, maxLength: 48, pattern: '^[A-Za-z0-9*\\-_=:+|@.]+$', description: 'The OCPP chargePointIdentity, as in wss://…/ocpp/{identity}' });
const password = Type.String({ minLength: 16, maxLength: 40, description: 'HTTP Basic auth password (security profiles 1 and 2): 16–40 printable ASCII characters' });
const PortMapping = Type.Object({
  ocppEvseId: Type.Integer({ minimum: 1, description: 'OCPP 1.6 connectorId, or OCPP 2.0.1 evseId' }),
  ocppConnectorId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'OCPP 2.0.1 connectorId within the EVSE; omit for all of them' })),
  evseUid: Type.String({ minLength: 1, maxLength: 48, description: 'The census EVSE (evse_uid) at the charge point’s location' }),
}, { additionalProperties: false });
const ports = Type.Array(PortMapping, { maxItems: 100, description: 'Omit or leave empty: OCPP EVSE/connector n is the location’s n-th EVSE, ordered by evse_uid (shorter first, so EVSE-10 follows EVSE-9)' });

const Port = Type.Object({
  ocppEvseId: Type.Integer(), ocppConnectorId: Nullable(Type.Integer()), evseUid: Nullable(Type.String()),
  status: Nullable(evseStatus), protocolStatus: Nullable(Type.String()), errorCode: Nullable(Type.String()), statusAt: Nullable(Type.String({ format: 'date-time' })),
});
const Item = Type.Object({
  id: Type.String({ format: 'uuid' }), identity: Type.String(),
  operatorOrganisationId: Nullable(Type.String()), operatorName: Nullable(Type.String()),
  locationId: Nullable(Type.String()), locationName: Nullable(Type.String()),
  registrationStatus, ocppVersion: Nullable(literals(['ocpp1.6', 'ocpp2.0.1'] as const)),
  vendor: Nullable(Type.String()), model: Nullable(Type.String()), serialNumber: Nullable(Type.String()), firmwareVersion: Nullable(Type.String()),
  connected: Type.Boolean(), lastSeenAt: Nullable(Type.String({ format: 'date-time' })),
  offlineSince: Nullable(Type.String({ format: 'date-time', description: 'Set when the charge point missed its heartbeats beyond the window' })),
  ports: Type.Array(Port, { description: 'Reported ports with their last status, then declared mappings not reported yet (status null)' }),
  portMap: Type.Array(Type.Object({ ocppEvseId: Type.Integer(), ocppConnectorId: Nullable(Type.Integer()), evseUid: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
const Created = Type.Intersect([Item, Type.Object({ password: Type.Optional(Type.String({ description: 'Only when Electrifica generated it: shown this once, never again' })) })]);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const withMappingDefaults = (p: Array<{ ocppEvseId: number; ocppConnectorId?: number | null; evseUid: string }> | undefined) =>
  p?.map((m) => ({ ocppEvseId: m.ocppEvseId, ocppConnectorId: m.ocppConnectorId ?? null, evseUid: m.evseUid }));

export function chargePointRoutes(chargePoints: ChargePointsService) {
  return async (app: FastifyInstance) => {
    app.get('/live/charge-points', {
      schema: {
        tags, summary: 'Charge points you manage (editors: your operators’; admins: all, pending unknown ones included)',
        querystring: Type.Intersect([Page, Type.Object({
          operator: Type.Optional(Type.String({ format: 'uuid' })),
          registrationStatus: Type.Optional(registrationStatus),
          connected: Type.Optional(Type.Boolean()),
        })]),
        response: { 200: Type.Object({ items: Type.Array(Item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }), ...errors },
      },
    }, async (request) => chargePoints.list(request.principal, request.query as Parameters<ChargePointsService['list']>[1]));

    app.post('/live/charge-points', {
      schema: {
        tags, summary: 'Provision a charge point for an operator you edit',
        description: 'Without a password, one is generated and answered once. 409 OCPP.IDENTITY_TAKEN when the identity exists.',
        body: Type.Object({
          identity, password: Type.Optional(password), operatorOrganisationId: Type.String({ format: 'uuid' }),
          locationId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))), ports: Type.Optional(ports),
        }, { additionalProperties: false }),
        response: { 201: Created, ...errors },
      },
    }, async (request, reply) => {
      const body = request.body as CreateChargePointInput;
      return reply.status(201).send(await chargePoints.create(request.principal, { ...body, ports: withMappingDefaults(body.ports) ?? [] }));
    });

    app.get('/live/charge-points/:id', {
      schema: { tags, summary: 'One charge point you manage, with its ports', params: Id, response: { 200: Item, ...errors } },
    }, async (request) => chargePoints.get(request.principal, (request.params as { id: string }).id));

    app.patch('/live/charge-points/:id', {
      schema: {
        tags, summary: 'Change a charge point’s password, location, port mapping or registration status',
        description: 'A new password closes the open connection (it must reconnect with the new one). A new location without ports clears the mapping.',
        params: Id,
        body: Type.Object({
          password: Type.Optional(password), locationId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
          ports: Type.Optional(ports), registrationStatus: Type.Optional(registrationStatus),
        }, { additionalProperties: false }),
        response: { 200: Item, ...errors },
      },
    }, async (request) => {
      const body = request.body as UpdateChargePointInput;
      return chargePoints.update(request.principal, (request.params as { id: string }).id, { ...body, ports: withMappingDefaults(body.ports) });
    });

    app.delete('/live/charge-points/:id', {
      schema: { tags, summary: 'Remove a charge point (its sessions and unmapped reports go; the history of census EVSEs stays)', params: Id, response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      await chargePoints.remove(request.principal, (request.params as { id: string }).id);
      return reply.status(204).send();
    });

    app.post('/live/charge-points/:id/claim', {
      schema: {
        tags, summary: 'Take a charge point that connected unknown and is held as pending (admins, or editors of the organisation)',
        params: Id,
        body: Type.Object({ operatorOrganisationId: Type.String({ format: 'uuid' }), password }, { additionalProperties: false }),
        response: { 200: Item, ...errors },
      },
    }, async (request) => chargePoints.claim(request.principal, (request.params as { id: string }).id, request.body as { operatorOrganisationId: string; password: string }));
  };
}
