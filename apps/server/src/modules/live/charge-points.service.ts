import { recordAudit, type Actor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { editedOrganisations, type Principal } from '../accounts/accounts.domain.js';
import { actorOf } from '../accounts/accounts.service.js';
import { auditView, mayManage, provisioningProblems, toItem, type ChargePointItem } from './charge-points.domain.js';
import type { ChargePointFilter, ChargePointsRepository } from './charge-points.repository.js';
import { generatePassword, hashPassword } from './ocpp/ocpp.credentials.js';
import { identityProblem, passwordProblem, type PortMapping, type RegistrationStatus } from './ocpp/ocpp.domain.js';

export interface CreateChargePointInput {
  identity: string;
  /** Omitted: one is generated and shown once in the answer. */
  password?: string;
  operatorOrganisationId: string;
  locationId?: string | null;
  ports?: PortMapping[];
}

export interface UpdateChargePointInput {
  password?: string;
  locationId?: string | null;
  ports?: PortMapping[];
  registrationStatus?: RegistrationStatus;
}

const operatorType = 'charge_point_operator';
const entityType = 'live.charge-point';
const notFound = (id: string) => new AppError('OCPP.CHARGE_POINT_NOT_FOUND', `There is no charge point ${id} among those you manage.`);

/**
 * Provisioning of the charge points that speak OCPP to Electrifica: per operator
 * organisation, with a password (stored as a scrypt hash, shown once when generated) and
 * an optional link to a census location and its EVSEs. Every write is audited; the CSMS is
 * told (`onChange`) so that it reads the charge point again.
 */
export function createChargePointsService(deps: {
  db: Db;
  repository: ChargePointsRepository;
  onChange?: (identity: string, options: { disconnect: boolean }) => void;
}) {
  const { db, repository } = deps;
  const changed = (identity: string, disconnect: boolean) => deps.onChange?.(identity, { disconnect });

  function requireSignedIn(principal: Principal | null): asserts principal is Principal {
    if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>", to manage charge points.');
  }

  function failOn(problems: ReturnType<typeof provisioningProblems>) {
    if (problems.length > 0) {
      throw new AppError(problems[0]!.code, problems.map((p) => p.message).join(' '), problems.map(({ path, message }) => ({ path, message })));
    }
  }

  async function operatorFor(principal: Principal, organisationId: string) {
    const org = await repository.findOrganisation(organisationId);
    // A stranger's organisation and a missing one answer alike.
    if (!org || org.type !== operatorType || !mayManage(principal, org.id)) {
      throw new AppError('OCPP.NOT_AN_OPERATOR', 'Charge points are provisioned for a charge point operator organisation you edit.', [{ path: '/operatorOrganisationId', message: 'not a charge point operator you edit' }]);
    }
    return org;
  }

  /** The location to link, which must exist and not be another operator's (admins may link any). */
  async function linkableLocation(principal: Principal | null, operatorOrganisationId: string | null, locationId: string, tx: Db = db) {
    const location = await repository.location(locationId, tx);
    if (!location) throw new AppError('OCPP.LOCATION_NOT_FOUND', `There is no charging location ${locationId}.`, [{ path: '/locationId', message: 'unknown location' }]);
    if (principal && principal.role !== 'admin' && location.operatorOrganisationId !== null && location.operatorOrganisationId !== operatorOrganisationId) {
      throw new AppError('ACCOUNTS.FORBIDDEN', 'That location belongs to another operator; link your charge points to your own locations.', [{ path: '/locationId', message: 'another operator’s location' }]);
    }
    return location;
  }

  async function item(id: string, tx: Db = db): Promise<ChargePointItem> {
    const row = await repository.find(id, tx);
    if (!row) throw notFound(id);
    return toItem(row, await repository.ports([id], tx));
  }

  async function manageable(principal: Principal, id: string, tx: Db = db, lock = false) {
    const row = await repository.find(id, tx, lock);
    if (!row || !mayManage(principal, row.operator_organisation_id)) throw notFound(id);
    return row;
  }

  /** Provisions one charge point (trusted callers: the CLI). */
  async function provision(actor: Actor, principal: Principal | null, input: Omit<CreateChargePointInput, 'operatorOrganisationId'> & { operatorOrganisationId: string | null }) {
    const password = input.password ?? generatePassword();
    const location = input.locationId ? await linkableLocation(principal, input.operatorOrganisationId, input.locationId) : null;
    failOn(provisioningProblems({ identity: input.identity, password, ports: input.ports ?? [] }, location?.evseUids ?? null));
    const passwordHash = await hashPassword(password);
    const id = await db.transaction().execute(async (tx) => {
      if (await repository.identityExists(input.identity, tx)) {
        throw new AppError('OCPP.IDENTITY_TAKEN', `A charge point with identity ${input.identity} already exists; identities are unique across Electrifica.`, [{ path: '/identity', message: 'taken' }]);
      }
      const newId = await repository.insert(tx, {
        identity: input.identity, passwordHash, operatorOrganisationId: input.operatorOrganisationId, locationId: location?.id ?? null, portMap: input.ports ?? [],
      });
      await recordAudit(tx, actor, [{
        entityType, entityId: newId, action: 'create', before: null,
        after: auditView({ identity: input.identity, operatorOrganisationId: input.operatorOrganisationId, locationId: location?.id ?? null, registrationStatus: 'accepted', portMap: input.ports ?? [] }),
      }]);
      return newId;
    });
    changed(input.identity, false);
    return { ...(await item(id)), ...(input.password === undefined ? { password } : {}) };
  }

  return {
    async list(principal: Principal | null, query: Omit<ChargePointFilter, 'scope'>) {
      requireSignedIn(principal);
      const scope: ChargePointFilter['scope'] = principal.role === 'admin'
        ? 'all'
        : editedOrganisations(principal);
      const { rows, total } = await repository.list({ ...query, scope });
      const ports = await repository.ports(rows.map((r) => r.id));
      return { items: rows.map((r) => toItem(r, ports.filter((p) => p.charge_point_id === r.id))), total, limit: query.limit, offset: query.offset };
    },

    async get(principal: Principal | null, id: string) {
      requireSignedIn(principal);
      await manageable(principal, id);
      return item(id);
    },

    /** Provisions a charge point for an operator the caller edits. Answers the generated password once when none was given. */
    async create(principal: Principal | null, input: CreateChargePointInput) {
      requireSignedIn(principal);
      await operatorFor(principal, input.operatorOrganisationId);
      return provision(actorOf(principal), principal, input);
    },

    /** The CLI: no principal, any organisation (or none), same rules and audit. */
    async provisionTrusted(input: Omit<CreateChargePointInput, 'operatorOrganisationId'> & { operatorOrganisationId: string | null }, actor: Actor) {
      return provision(actor, null, input);
    },

    /** An organisation by id or exact name (case-insensitive), for the CLI. */
    async resolveOrganisation(idOrName: string) {
      if (/^[0-9a-f-]{36}$/i.test(idOrName)) {
        const org = await repository.findOrganisation(idOrName);
        if (org) return org;
      }
      const named = await repository.organisationsNamed(idOrName);
      if (named.length === 1) return named[0]!;
      throw new AppError('ACCOUNTS.ORGANISATION_NOT_FOUND', named.length === 0
        ? `There is no organisation with id or name "${idOrName}".`
        : `${named.length} organisations are named "${idOrName}"; give the id instead.`);
    },

    /**
     * Provisions many charge points in a few statements (load tests, fleet onboarding):
     * the same validation and hashing as one at a time, hashes computed in parallel; an
     * existing identity gets the new password. One audit entry per charge point.
     */
    async provisionMany(items: Array<{ identity: string; password: string }>, options: { operatorOrganisationId: string | null; locationId?: string | null; actor: Actor }) {
      for (const [i, it] of items.entries()) {
        const problem = identityProblem(it.identity) ?? passwordProblem(it.password);
        if (problem) throw new AppError('OCPP.INVALID_IDENTITY', `Item ${i} (${it.identity}): ${problem}`, [{ path: `/${i}`, message: problem }]);
      }
      const hashes: string[] = new Array(items.length);
      // scrypt runs on libuv's thread pool; a bounded number in flight keeps memory flat.
      for (let i = 0; i < items.length; i += 64) {
        const chunk = await Promise.all(items.slice(i, i + 64).map((it) => hashPassword(it.password)));
        chunk.forEach((h, j) => { hashes[i + j] = h; });
      }
      const rows = await db.transaction().execute(async (tx) => {
        const written = await repository.upsertMany(tx, items.map((it, i) => ({
          identity: it.identity, password_hash: hashes[i]!, operator_organisation_id: options.operatorOrganisationId, location_id: options.locationId ?? null,
        })));
        await recordAudit(tx, options.actor, written.map((w) => ({
          entityType, entityId: w.id, action: 'create' as const, before: null,
          after: { identity: w.identity, operatorOrganisationId: options.operatorOrganisationId, locationId: options.locationId ?? null, bulk: true },
        })));
        return written;
      });
      for (const r of rows) changed(r.identity, true);
      return rows;
    },

    async update(principal: Principal | null, id: string, patch: UpdateChargePointInput) {
      requireSignedIn(principal);
      const passwordHash = patch.password !== undefined ? (failOn(provisioningProblems({ password: patch.password }, null)), await hashPassword(patch.password)) : undefined;
      const { before, identity } = await db.transaction().execute(async (tx) => {
        const row = await manageable(principal, id, tx, true);
        const prior = toItem(row, []);
        const locationId = patch.locationId !== undefined ? patch.locationId : row.location_id;
        const location = locationId ? await linkableLocation(principal, row.operator_organisation_id, locationId, tx) : null;
        // A new location invalidates a mapping onto the old one's EVSEs unless a new mapping comes along.
        const ports = patch.ports ?? (patch.locationId !== undefined && patch.locationId !== row.location_id ? [] : prior.portMap);
        failOn(provisioningProblems({ ports }, location?.evseUids ?? null));
        await repository.update(tx, id, {
          ...(passwordHash !== undefined ? { passwordHash } : {}),
          locationId: location?.id ?? null,
          portMap: ports,
          ...(patch.registrationStatus !== undefined ? { registrationStatus: patch.registrationStatus } : {}),
        });
        const after = await item(id, tx);
        await recordAudit(tx, actorOf(principal), [{
          entityType, entityId: id, action: 'update', before: auditView(prior), after: auditView(after, passwordHash !== undefined ? { passwordChanged: true } : {}),
        }]);
        return { before: prior, identity: row.identity };
      });
      // A new password must be proven: the connection made with the old one ends.
      changed(identity, passwordHash !== undefined || (patch.registrationStatus === 'rejected' && before.registrationStatus !== 'rejected'));
      return item(id);
    },

    async remove(principal: Principal | null, id: string) {
      requireSignedIn(principal);
      const identity = await db.transaction().execute(async (tx) => {
        const row = await manageable(principal, id, tx, true);
        await repository.remove(tx, id);
        await recordAudit(tx, actorOf(principal), [{ entityType, entityId: id, action: 'delete', before: auditView(toItem(row, [])), after: null }]);
        return row.identity;
      });
      changed(identity, true);
    },

    /**
     * An admin, or an editor of the organisation, takes a charge point that connected
     * unknown and was held as pending: it gets an operator and a password, and is accepted.
     */
    async claim(principal: Principal | null, id: string, input: { operatorOrganisationId: string; password: string }) {
      requireSignedIn(principal);
      await operatorFor(principal, input.operatorOrganisationId);
      failOn(provisioningProblems({ password: input.password }, null));
      const passwordHash = await hashPassword(input.password);
      const identity = await db.transaction().execute(async (tx) => {
        const row = await repository.find(id, tx, true);
        // Pending charge points belong to no one; only admins list them, but whoever may claim may take one by id.
        if (!row || (row.operator_organisation_id !== null && !mayManage(principal, row.operator_organisation_id))) throw notFound(id);
        if (row.registration_status !== 'pending' || row.operator_organisation_id !== null) {
          throw new AppError('OCPP.NOT_PENDING', `Charge point ${row.identity} is ${row.registration_status} and has an operator; only unclaimed pending charge points can be claimed.`);
        }
        await repository.update(tx, id, { passwordHash, operatorOrganisationId: input.operatorOrganisationId, registrationStatus: 'accepted' });
        await recordAudit(tx, actorOf(principal), [{
          entityType, entityId: id, action: 'update', before: auditView(toItem(row, [])),
          after: { ...auditView(toItem({ ...row, operator_organisation_id: input.operatorOrganisationId, registration_status: 'accepted' }, [])), claimed: true, passwordChanged: true },
        }]);
        return row.identity;
      });
      // It connected without a password: it must come back with the one it now has.
      changed(identity, true);
      return item(id);
    },
  };
}

export type ChargePointsService = ReturnType<typeof createChargePointsService>;
