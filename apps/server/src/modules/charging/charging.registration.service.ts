import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { PointChecker } from '../../platform/imports/import-kind.js';
import { hasRole, type Principal } from '../accounts/accounts.domain.js';
import { actorOf } from '../accounts/accounts.service.js';
import { matchDuplicates } from './charging.duplicates.js';
import type { Access, ChargingUse, ConnectorStandard, LifecycleStatus, OpeningHours, PaymentMethod, PowerType } from './charging.domain.js';
import { groupByEvse, sourceOfKey } from './charging.domain.js';
import {
  auditView, changedFields, declaredProvenance, leadingCode, registrationFieldNames, registrationProblems, toCensusLocation,
  type FieldProblem, type RegistrantRole, type RegistrationFields,
} from './charging.registration.domain.js';
import type { ConnectorRow, RegistrationRepository, RegistrationRow } from './charging.registration.repository.js';
import { placeLocations, writeChildren } from './import/location-merge.js';
import { isoTimestamp as iso } from '../../platform/time.js';

export interface CreateRegistrationInput extends RegistrationFields {
  actingAs: RegistrantRole;
  /** Operators: the charge point operator they act for. Owners: an organisation they edit, or null for themselves. */
  organisationId: string | null;
}
export type UpdateRegistrationInput = Partial<RegistrationFields> & { updatedAt: string };

const operatorType = 'charge_point_operator';
const notFound = (id: string) => new AppError('CHARGING.LOCATION_NOT_FOUND', `There is no charging location ${id} among those you register, own or may review.`);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Operators and private owners register and edit their own charging locations. Every
 * write is authorised here and audited in its transaction; a location the caller may not
 * see answers "not found", so its existence is not revealed.
 */
export function createRegistrationService(deps: { db: Db; repository: RegistrationRepository; checkPoints: PointChecker }) {
  const { db, repository } = deps;

  function requireSignedIn(principal: Principal | null): asserts principal is Principal {
    if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', 'Sign in, or send an API token as "Authorization: Bearer <token>", to register chargers.');
  }

  const editorOf = (principal: Principal, organisationId: string | null) =>
    organisationId !== null && principal.memberships.some((m) => m.organisationId === organisationId && m.role === 'editor');

  /** The role a location's record fixes: registered by an operator, or owned privately. */
  const roleOf = (row: RegistrationRow): RegistrantRole => (row.operator_organisation_id !== null && row.access !== 'private' ? 'operator' : 'owner');

  /** May edit: admins, the operator's editors, the owner and the owning organisation's editors; only registered locations. */
  function mayEdit(principal: Principal, row: RegistrationRow): boolean {
    if (row.origin !== 'registered') return false;
    if (principal.role === 'admin') return true;
    if (roleOf(row) === 'operator') return editorOf(principal, row.operator_organisation_id);
    return row.owner_user_id === principal.userId || editorOf(principal, row.owner_organisation_id);
  }

  /** May see through these endpoints: whoever may edit, analysts, and an operator's editors for imported locations linked to it. */
  function maySee(principal: Principal, row: RegistrationRow): boolean {
    if (mayEdit(principal, row) || hasRole(principal, 'analyst')) return true;
    if (row.origin === 'import' && row.access !== 'private') return editorOf(principal, row.operator_organisation_id);
    return false;
  }

  async function checkedFields(fields: RegistrationFields, role: RegistrantRole) {
    const problems: FieldProblem[] = registrationProblems(fields, role, today());
    // The box check passed: ask the boundaries (a point in Texas is inside Mexico's box).
    if (!problems.some((p) => p.path === '/lat')) {
      const [boundary] = await deps.checkPoints([{ lat: fields.lat, lon: fields.lon }], 'mexico');
      if (boundary) {
        problems.push({
          path: '/lat', code: boundary.code === 'IMPORT.ROW_SWAPPED_COORDINATES' ? 'CHARGING.POINT_SWAPPED' : 'CHARGING.POINT_OUTSIDE_MEXICO', message: boundary.message,
        });
      }
    }
    if (problems.length > 0) {
      throw new AppError(leadingCode(problems), problems.map((p) => p.message).join(' '), problems.map(({ path, message }) => ({ path, message })));
    }
  }

  /** EVSEs as stored; an imported connector outside the vocabulary keeps `standard: null`. */
  function evsesOf(connectors: ConnectorRow[]) {
    return groupByEvse(
      connectors,
      (c) => ({ evseUid: c.evse_uid }),
      (c): Omit<RegistrationFields['evses'][number]['connectors'][number], 'standard'> & { standard: ConnectorStandard | null } => ({
        standard: c.standard as ConnectorStandard | null, format: c.format as 'SOCKET' | 'CABLE' | null, powerType: c.power_type as PowerType | null,
        maxVoltageV: c.max_voltage_v, maxAmperageA: c.max_amperage_a, maxPowerKw: c.max_electric_power_kw,
      }),
    );
  }

  /** A registered location's declared fields (registrants choose standards from the vocabulary, so none is null). */
  function fieldsOf(row: RegistrationRow, connectors: ConnectorRow[]): RegistrationFields {
    const evses = evsesOf(connectors) as RegistrationFields['evses'];
    return {
      name: row.name, address: row.address, postalCode: row.postal_code, lat: row.lat, lon: row.lon, access: row.access as Access,
      uses: (row.uses ?? []) as ChargingUse[], paymentMethods: (row.payment_methods ?? []) as PaymentMethod[], ocppSupport: row.ocpp_support,
      openingHours: (row.opening_hours ?? null) as OpeningHours | null,
      commissionedOn: row.commissioned_on === null ? null : typeof row.commissioned_on === 'string' ? row.commissioned_on.slice(0, 10) : iso(row.commissioned_on).slice(0, 10),
      lifecycleStatus: row.lifecycle_status as LifecycleStatus, evses,
    };
  }

  function toDetail(principal: Principal, row: RegistrationRow, connectors: ConnectorRow[]) {
    const editable = mayEdit(principal, row);
    const fields = fieldsOf(row, connectors);
    return {
      id: row.id,
      sourceKey: row.source_key,
      origin: row.origin,
      registeredAs: row.origin === 'registered' ? roleOf(row) : null,
      editable,
      readOnlyReason: editable ? null : row.origin === 'import' ? 'imported' as const : 'not_yours' as const,
      ...fields,
      // Imported records may leave these unknown; registered ones always declare them.
      access: row.access as Access | null,
      lifecycleStatus: row.lifecycle_status as LifecycleStatus | null,
      evses: evsesOf(connectors),
      operatorName: row.operator_name,
      operatorOrganisation: row.operator_organisation_id ? { id: row.operator_organisation_id, name: row.operator_organisation_name ?? '' } : null,
      ownerOrganisation: row.owner_organisation_id ? { id: row.owner_organisation_id, name: row.owner_organisation_name ?? '' } : null,
      ownedByYou: row.owner_user_id !== null && row.owner_user_id === principal.userId,
      cveEnt: row.cve_ent ? String(row.cve_ent).trim() : null,
      stateName: row.state_name,
      cvegeo: row.cvegeo ? String(row.cvegeo).trim() : null,
      municipalityName: row.municipality_name,
      provenance: row.provenance,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  async function detail(principal: Principal, id: string, tx: Db = db) {
    const row = await repository.findLocation(id, tx);
    if (!row) throw notFound(id);
    return toDetail(principal, row, await repository.connectors(id, tx));
  }

  /** The next `updated_at`: now, but always later than the last, so every edit moves the version. */
  const nextVersion = (previous: Date) => new Date(Math.max(Date.now(), new Date(previous).getTime() + 1));

  /** A location the caller may change, at the version it read; else the reason it may not. */
  function assertWritable(principal: Principal, id: string, row: RegistrationRow | null, updatedAt: string | undefined): asserts row is RegistrationRow {
    if (!row || !maySee(principal, row)) throw notFound(id);
    if (row.origin === 'import') {
      throw new AppError('CHARGING.LOCATION_READ_ONLY', `Location ${id} comes from the source ${sourceOfKey(row.source_key)}; corrections go through that source or a moderator.`);
    }
    if (!mayEdit(principal, row)) throw new AppError('ACCOUNTS.FORBIDDEN', 'Only its operator’s editors, its owner and admins can change this location.');
    if (updatedAt !== undefined && new Date(row.updated_at).getTime() !== Date.parse(updatedAt)) {
      throw new AppError('CHARGING.STALE_EDIT', `Location ${id} was changed at ${iso(row.updated_at)}, after the version you edited (${updatedAt}); reload it and apply your changes again.`);
    }
  }

  /** Locks the row for the write and checks it again: another editor may have saved in between. */
  async function lockForWrite(tx: Db, principal: Principal, id: string, updatedAt: string | undefined) {
    const row = await repository.findLocation(id, tx, true);
    assertWritable(principal, id, row, updatedAt);
    return row;
  }

  return {
    /** Organisations the caller can register for: as operator (charge point operators it edits; any, for admins) and as owner. */
    async options(principal: Principal | null) {
      requireSignedIn(principal);
      const edited = await repository.editedOrganisations(principal.userId);
      const operators = principal.role === 'admin' ? await repository.organisationsOfType(operatorType) : edited.filter((o) => o.type === operatorType);
      return {
        operatorOrganisations: operators.map((o) => ({ id: o.id, name: o.name })),
        ownerOrganisations: edited.map((o) => ({ id: o.id, name: o.name, type: o.type })),
      };
    },

    async create(principal: Principal | null, input: CreateRegistrationInput) {
      requireSignedIn(principal);
      const { actingAs, organisationId, ...fields } = input;
      let operatorOrganisationId: string | null = null;
      let ownerOrganisationId: string | null = null;
      let operatorName: string | null = null;
      let ownerName: string | null = null;
      if (actingAs === 'operator') {
        if (!organisationId) throw new AppError('CHARGING.NOT_AN_OPERATOR', 'Choose the charge point operator organisation you register this location for.', [{ path: '/organisationId', message: 'required for operators' }]);
        const org = await repository.findOrganisation(organisationId);
        // A stranger's organisation and a missing one answer alike.
        if (!org || !(principal.role === 'admin' || editorOf(principal, org.id)) || org.type !== operatorType) {
          throw new AppError('CHARGING.NOT_AN_OPERATOR', 'You can register locations only for a charge point operator organisation you edit.', [{ path: '/organisationId', message: 'not a charge point operator you edit' }]);
        }
        operatorOrganisationId = org.id;
        operatorName = org.name;
      } else if (organisationId) {
        const org = await repository.findOrganisation(organisationId);
        if (!org || !(principal.role === 'admin' || editorOf(principal, org.id))) {
          throw new AppError('ACCOUNTS.FORBIDDEN', 'You can register a private charger for yourself or for an organisation you edit.', [{ path: '/organisationId', message: 'not an organisation you edit' }]);
        }
        ownerOrganisationId = org.id;
        ownerName = org.name;
      }
      await checkedFields(fields, actingAs);

      const location = toCensusLocation(`reg:${randomUUID()}`, fields, { operatorName, ownerName });
      const at = new Date();
      const id = await db.transaction().execute(async (tx) => {
        const newId = await repository.insertLocation(tx, location, {
          operatorOrganisationId, ownerOrganisationId, ownerUserId: actingAs === 'owner' && !ownerOrganisationId ? principal.userId : null,
          provenance: declaredProvenance(registrationFieldNames, actingAs, principal.userId, at), at,
        });
        await writeChildren(tx, new Map([[newId, location]]));
        await placeLocations(tx, [newId]);
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'charging.location', entityId: newId, action: 'create', before: null,
          after: { origin: 'registered', registeredAs: actingAs, operatorOrganisationId, ownerOrganisationId, ...auditView(fields) },
        }]);
        // A private charger is nobody else's duplicate: only published locations are matched across sources.
        if (fields.access !== 'private') await matchDuplicates(tx, [newId], actorOf(principal));
        return newId;
      });
      return detail(principal, id);
    },

    async list(principal: Principal | null, query: { scope: 'mine' | 'all'; limit: number; offset: number }) {
      requireSignedIn(principal);
      let scope: Parameters<RegistrationRepository['listScoped']>[0];
      if (query.scope === 'all') {
        if (!hasRole(principal, 'analyst')) throw new AppError('ACCOUNTS.FORBIDDEN', 'Every registered location is listed for analysts and admins; use scope=mine.');
        scope = 'everyRegistered';
      } else {
        const edited = await repository.editedOrganisations(principal.userId);
        scope = { userId: principal.userId, organisationIds: edited.map((o) => o.id) };
      }
      const { rows, total } = await repository.listScoped(scope, { limit: query.limit, offset: query.offset });
      return {
        items: rows
          // Imported locations linked to an organisation are its operator's to see; a private import is not.
          .filter((r) => maySee(principal, r))
          .map((r) => {
            const editable = mayEdit(principal, r);
            return {
              id: r.id, name: r.name, origin: r.origin, registeredAs: r.origin === 'registered' ? roleOf(r) : null, editable,
              readOnlyReason: editable ? null : r.origin === 'import' ? 'imported' as const : 'not_yours' as const,
              access: r.access, lifecycleStatus: r.lifecycle_status, operatorName: r.operator_name,
              organisation: r.operator_organisation_id
                ? { id: r.operator_organisation_id, name: r.operator_organisation_name ?? '' }
                : r.owner_organisation_id ? { id: r.owner_organisation_id, name: r.owner_organisation_name ?? '' } : null,
              ownedByYou: r.owner_user_id !== null && r.owner_user_id === principal.userId,
              lat: r.lat, lon: r.lon, cveEnt: r.cve_ent ? String(r.cve_ent).trim() : null, stateName: r.state_name,
              cvegeo: r.cvegeo ? String(r.cvegeo).trim() : null, municipalityName: r.municipality_name,
              evseCount: r.evse_count, connectorStandards: r.standards ?? [], maxPowerKw: r.max_power_kw, updatedAt: iso(r.updated_at),
            };
          }),
        total,
        limit: query.limit,
        offset: query.offset,
      };
    },

    async get(principal: Principal | null, id: string) {
      requireSignedIn(principal);
      const row = await repository.findLocation(id);
      if (!row || !maySee(principal, row)) throw notFound(id);
      return toDetail(principal, row, await repository.connectors(id));
    },

    async update(principal: Principal | null, id: string, input: UpdateRegistrationInput) {
      requireSignedIn(principal);
      const { updatedAt, ...patch } = input;
      // Validated before the transaction: the boundary check reads the database on its own connection.
      const current = await repository.findLocation(id);
      assertWritable(principal, id, current, updatedAt);
      const role = roleOf(current);
      const before = fieldsOf(current, await repository.connectors(id));
      const after: RegistrationFields = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      const changed = changedFields(before, after);
      if (changed.length === 0) return toDetail(principal, current, await repository.connectors(id));
      await checkedFields(after, role);

      return db.transaction().execute(async (tx) => {
        // Same version as validated: `updatedAt` matched `current`, and must still match.
        const row = await lockForWrite(tx, principal, id, updatedAt);
        const location = toCensusLocation(row.source_key, after, { operatorName: row.operator_name, ownerName: row.owner_name });
        const at = nextVersion(row.updated_at);
        await repository.updateLocation(tx, id, location, declaredProvenance(changed, role, principal.userId, at), at);
        if (changed.includes('evses')) await writeChildren(tx, new Map([[id, location]]));
        const moved = changed.includes('lat') || changed.includes('lon');
        if (moved) await placeLocations(tx, [id]);
        // Withhold the point from the trail if the location is private on either side of the change.
        const privateEither = before.access === 'private' || after.access === 'private';
        const view = (f: RegistrationFields) => ({
          ...auditView(privateEither ? { ...f, access: 'private' } : f, changed),
          ...(changed.includes('access') ? { access: f.access } : {}),
        });
        await recordAudit(tx, actorOf(principal), [{ entityType: 'charging.location', entityId: id, action: 'update', before: view(before), after: view(after) }]);
        if (moved && after.access !== 'private') await matchDuplicates(tx, [id], actorOf(principal));
        return detail(principal, id, tx);
      });
    },

    /** Marks a location decommissioned: never deleted, so history and past counts keep it. */
    async retire(principal: Principal | null, id: string, input: { updatedAt?: string | undefined }) {
      requireSignedIn(principal);
      return db.transaction().execute(async (tx) => {
        const row = await lockForWrite(tx, principal, id, input.updatedAt);
        if (row.lifecycle_status !== 'decommissioned') {
          const at = nextVersion(row.updated_at);
          await repository.retireLocation(tx, id, declaredProvenance(['lifecycleStatus'], roleOf(row), principal.userId, at), at);
          await recordAudit(tx, actorOf(principal), [{
            entityType: 'charging.location', entityId: id, action: 'update',
            before: { lifecycleStatus: row.lifecycle_status }, after: { lifecycleStatus: 'decommissioned', retired: true },
          }]);
        }
        return detail(principal, id, tx);
      });
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
