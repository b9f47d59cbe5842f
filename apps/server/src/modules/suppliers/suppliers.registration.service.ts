import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { SupplierCertification } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { PointChecker } from '../../platform/imports/import-kind.js';
import { canEditOrganisation, type Principal } from '../accounts/accounts.domain.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { actorOf } from '../accounts/accounts.service.js';
import type { ScianLookup } from './import/scian.js';
import { companyKey, nameKey, searchDocument, sizeClassOfStratum } from './suppliers.domain.js';
import { placeEstablishments } from './suppliers.placement.js';
import {
  changedFields, companyFieldColumns, companyFieldNames, companyProblems, correctedByAdmin, declaredByCompany, declaredProvenance,
  establishmentFieldColumns, establishmentFieldNames, establishmentProblems, leadingCode, normaliseCompany, normaliseEstablishment,
  type CompanyField, type CompanyFields, type EstablishmentField, type EstablishmentFields, type FieldProblem, type RegistrationContext,
} from './suppliers.registration.domain.js';
import type { ClaimRow, CompanyRow, EstablishmentColumns, OwnEstablishmentRow, SupplierRegistrationRepository } from './suppliers.registration.repository.js';
import { certifications as certificationLabels, labelOf, processes as processLabels, tiers as tierLabels, type EmployeeStratum } from './suppliers.taxonomy.js';
import { isoTimestamp as iso } from '../../platform/time.js';

export interface RegistrationInput {
  /** An organisation the caller edits; without it a new `company` organisation is made with the caller as its editor. */
  organisationId: string | null;
  company: CompanyFields;
  establishment: EstablishmentFields;
}
export type EstablishmentPatch = Partial<EstablishmentFields> & { updatedAt: string };

/** Why an establishment listed to its company may not be edited by the caller. */
export type ReadOnlyReason = 'claim_required' | 'not_editor' | 'folded' | 'not_yours';

/** What the accounts module lends for making an organisation with its first editor. */
export type OrganisationWriter = Pick<AccountsRepository, 'insertOrganisation' | 'insertMembership'>;

const today = () => new Date().toISOString().slice(0, 10);
const trimmedChar = (v: string | null) => (v ? String(v).trim() : null);
/** The next `updated_at`: now, but always later than the last, so every edit moves the version. */
export const nextVersion = (previous: Date) => new Date(Math.max(Date.now(), new Date(previous).getTime() + 1));

export function requireSignedIn(principal: Principal | null, what: string): asserts principal is Principal {
  if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', `Sign in, or send an API token as "Authorization: Bearer <token>", to ${what}.`);
}

const isEditorOf = (principal: Principal, organisationId: string | null) =>
  organisationId !== null && principal.memberships.some((m) => m.organisationId === organisationId && m.role === 'editor');

/**
 * Who may edit an establishment: editors of the organisation managing its company (admins
 * too). A registered plant is theirs by registration; an imported plant only once a
 * moderator approved that organisation's claim on it — a company reused by RFC does not
 * by itself hand over the registry's plants.
 */
export function editability(principal: Principal | null, row: OwnEstablishmentRow): { editable: boolean; reason: ReadOnlyReason | null } {
  const org = row.company_organisation_id;
  if (row.merged_into) return { editable: false, reason: 'folded' };
  if (!principal || org === null) return { editable: false, reason: 'not_yours' };
  const member = principal.memberships.some((m) => m.organisationId === org);
  if (!(principal.role === 'admin' || isEditorOf(principal, org))) return { editable: false, reason: member ? 'not_editor' : 'not_yours' };
  if (row.origin === 'import' && !row.approved_claim_organisation_ids.includes(org)) return { editable: false, reason: 'claim_required' };
  return { editable: true, reason: null };
}

/**
 * Makes an organisation of type `company` with the caller as its editor, audited as the
 * accounts module audits it, inside the caller's transaction.
 */
export async function createCompanyOrganisation(tx: Db, writer: OrganisationWriter, principal: Principal, o: { name: string; rfc: string | null; website: string | null }) {
  const org = await writer.insertOrganisation({ name: o.name.trim(), type: 'company', rfc: o.rfc, cveEnt: null, website: o.website }, tx);
  await writer.insertMembership({ userId: principal.userId, organisationId: org.id, role: 'editor' }, tx);
  await recordAudit(tx, actorOf(principal), [
    { entityType: 'accounts.organisation', entityId: org.id, action: 'create', before: null, after: { id: org.id, name: org.name, type: org.type, rfc: org.rfc, website: org.website } },
    { entityType: 'accounts.membership', entityId: `${org.id}:${principal.userId}`, action: 'create', before: null, after: { role: 'editor' } },
  ]);
  return { id: org.id, name: org.name };
}

/** An establishment's declared fields as stored. */
export function fieldsOf(row: OwnEstablishmentRow): EstablishmentFields {
  return {
    name: row.name, street: row.street, exteriorNumber: row.exterior_number, neighbourhood: row.neighbourhood, postalCode: row.postal_code,
    locality: row.locality, industrialPark: row.industrial_park, lat: row.lat, lon: row.lon, scian: trimmedChar(row.scian),
    employeesStratum: row.employees_stratum as EmployeeStratum | null, tiers: row.tiers ?? [], processes: row.processes ?? [], components: row.components ?? [],
    certifications: row.certifications ?? [], oemCustomers: row.oem_customers ?? [], exportMarkets: row.export_markets ?? [],
    evReadiness: row.ev_readiness as EstablishmentFields['evReadiness'], phone: row.phone, email: row.email, website: row.website, contactConsent: row.contact_consent,
  };
}

/** An establishment as its company's members see it: every declared field, contact included, and whether the caller may edit it. */
export function toOwnEstablishment(principal: Principal | null, row: OwnEstablishmentRow, scian?: ScianLookup) {
  const { editable, reason } = editability(principal, row);
  const fields = fieldsOf(row);
  return {
    id: row.id,
    sourceKey: row.source_key,
    source: row.source,
    origin: row.origin,
    editable,
    readOnlyReason: reason,
    company: row.company_id
      ? {
        id: row.company_id, legalName: row.company_legal_name ?? '', tradeNames: row.company_trade_names ?? [], rfc: row.company_rfc,
        sizeClass: row.company_size_class, ownershipCountry: trimmedChar(row.company_ownership_country), website: row.company_website,
        organisation: row.company_organisation_id ? { id: row.company_organisation_id, name: row.company_organisation_name ?? '' } : null,
        provenance: row.company_provenance ?? {},
      }
      : null,
    ...fields,
    scianTitle: fields.scian && scian ? scian.titleOf(fields.scian) : null,
    sizeClass: row.size_class,
    cveEnt: trimmedChar(row.cve_ent),
    stateName: row.state_name,
    cvegeo: trimmedChar(row.cvegeo),
    municipalityName: row.municipality_name,
    locationFlags: row.location_flags ?? [],
    registeredOn: row.registered_on ? String(row.registered_on).slice(0, 10) : null,
    mergedInto: row.merged_into,
    provenance: row.provenance ?? {},
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A claim as its claimant and the moderators read it. */
export function toClaim(row: ClaimRow) {
  return {
    id: row.id,
    status: row.status,
    establishment: {
      id: row.establishment_id, name: row.establishment_name, legalName: row.establishment_legal_name, origin: row.establishment_origin,
      source: row.establishment_source, stateName: row.state_name, municipalityName: row.municipality_name, mergedInto: row.establishment_merged_into,
    },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    claimant: { id: row.user_id, displayName: row.claimant_name, email: row.claimant_email },
    jobTitle: row.job_title,
    evidence: row.evidence,
    createdAt: iso(row.created_at),
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    decidedBy: row.decided_by ? { id: row.decided_by, displayName: row.decided_by_name ?? '' } : null,
    decisionNote: row.decision_note,
  };
}

/**
 * Companies register themselves and their plants, and edit the plants they manage. Every
 * write is authorised here and audited in its transaction; each declared field carries who
 * declared it and when.
 */
export function createSupplierRegistrationService(deps: {
  db: Db; repository: SupplierRegistrationRepository; organisations: OrganisationWriter; checkPoints: PointChecker; scian?: ScianLookup | undefined;
}) {
  const { db, repository, scian } = deps;
  const scianTitle = scian ? (code: string) => (scian.isClass(code) ? scian.titleOf(code) : null) : undefined;

  async function context(components: readonly string[]): Promise<RegistrationContext> {
    return { components: await repository.components(components), scianTitle, today: today() };
  }

  /** Throws the problems, the leading one deciding the code; asks the boundaries when the box check passed. */
  async function assertValid(problems: FieldProblem[], point: { lat: number; lon: number; path: string } | null) {
    if (point && !problems.some((p) => p.path === point.path)) {
      const [boundary] = await deps.checkPoints([{ lat: point.lat, lon: point.lon }], 'mexico');
      if (boundary) problems.push({ path: point.path, code: 'SUPPLIERS.POINT_OUTSIDE_MEXICO', message: boundary.message });
    }
    if (problems.length > 0) {
      throw new AppError(leadingCode(problems), problems.map((p) => p.message).join(' '), problems.map(({ path, message }) => ({ path, message })));
    }
  }

  /** What the directory searches: names, the SCIAN title and every label in both languages. */
  async function searchDocumentOf(tx: Db, f: Pick<EstablishmentFields, 'name' | 'scian' | 'tiers' | 'processes' | 'components' | 'certifications'>, company: { legalName: string | null; tradeNames: string[] }) {
    // Inside the write's transaction: PGlite has one connection, which the transaction holds.
    const components = await repository.components(f.components, tx);
    return searchDocument([
      f.name, company.legalName, ...company.tradeNames,
      f.scian ? scian?.titleOf(f.scian) : null,
      ...f.tiers.flatMap((c) => [labelOf(tierLabels, c, 'es'), labelOf(tierLabels, c, 'en')]),
      ...f.processes.flatMap((c) => [labelOf(processLabels, c, 'es'), labelOf(processLabels, c, 'en')]),
      ...f.components.flatMap((c) => [components.get(c)?.nameEs, components.get(c)?.nameEn]),
      ...f.certifications.flatMap((c) => [labelOf(certificationLabels, c.code, 'es'), labelOf(certificationLabels, c.code, 'en')]),
    ]);
  }

  const contentHash = (f: EstablishmentFields) => createHash('sha256').update(JSON.stringify(f)).digest('hex');

  const companyColumnsOf = (c: CompanyFields, only: readonly CompanyField[]) =>
    Object.fromEntries(only.map((f) => [companyFieldColumns[f], c[f]]));
  const companyFieldsOf = (row: CompanyRow): CompanyFields => ({
    legalName: row.legal_name, tradeNames: row.trade_names ?? [], rfc: row.rfc, sizeClass: row.size_class as CompanyFields['sizeClass'],
    ownershipCountry: trimmedChar(row.ownership_country), website: row.website,
  });

  /**
   * The company the registration belongs to, linked to the organisation: the one it already
   * manages, else one found by RFC (or, without RFC, by legal name) that nobody manages,
   * else a new one. Declared fields are written with their provenance.
   */
  async function resolveCompany(tx: Db, principal: Principal, organisationId: string, company: CompanyFields, at: Date) {
    const provenanceOf = (fields: readonly string[]) => declaredProvenance(fields, principal.userId, at);
    const key = companyKey({ rfc: company.rfc, legalName: company.legalName })!;
    const managed = await repository.findCompany({ organisationId }, tx);
    let existing: CompanyRow | undefined = managed;
    if (managed) {
      if (company.rfc && managed.rfc && company.rfc !== managed.rfc) {
        throw new AppError('SUPPLIERS.INVALID_REGISTRATION', `Your organisation manages ${managed.legal_name} (RFC ${managed.rfc}); register another company under an organisation of its own.`, [{ path: '/company/rfc', message: `your organisation's company has RFC ${managed.rfc}` }]);
      }
      if (company.rfc && !managed.rfc) {
        const other = await repository.findCompany({ rfc: company.rfc }, tx);
        if (other) {
          if (other.organisation_id) throw new AppError('SUPPLIERS.ALREADY_CLAIMED', `Another organisation manages the company with RFC ${company.rfc}; if it is yours, claim its establishments instead.`, [{ path: '/company/rfc', message: 'managed by another organisation' }]);
          throw new AppError('SUPPLIERS.INVALID_REGISTRATION', `The census already has another company record with RFC ${company.rfc}; a moderator must join the two before you give this RFC.`, [{ path: '/company/rfc', message: 'belongs to another company record' }]);
        }
      }
    } else {
      existing = company.rfc ? await repository.findCompany({ rfc: company.rfc }, tx) : await repository.findCompany({ companyKey: key }, tx);
      if (!existing) {
        const id = await repository.insertCompany(tx, {
          companyKey: key, legalName: company.legalName, nameKey: nameKey(company.legalName), tradeNames: company.tradeNames, rfc: company.rfc,
          sizeClass: company.sizeClass, ownershipCountry: company.ownershipCountry, website: company.website, organisationId,
          provenance: provenanceOf(companyFieldNames),
        });
        // Null: made by someone else since we looked (a concurrent registration or import); treat it as found.
        if (id) {
          await recordAudit(tx, actorOf(principal), [{ entityType: 'suppliers.company', entityId: id, action: 'create', before: null, after: { ...company, organisationId } }]);
          return id;
        }
        existing = await repository.findCompany({ companyKey: key }, tx);
        if (!existing) throw new Error(`Company ${key} neither inserted nor found.`);
      }
      await repository.lockCompany(existing.id, tx);
      existing = (await repository.findCompany({ id: existing.id }, tx))!;
      if (existing.organisation_id && existing.organisation_id !== organisationId) {
        throw new AppError('SUPPLIERS.ALREADY_CLAIMED', company.rfc
          ? `Another organisation manages the company with RFC ${company.rfc}; if this plant is yours, claim it from its page instead.`
          : `Another organisation manages a company named ${existing.legal_name}; if it is yours, claim its establishments instead, or give your RFC to tell the two apart.`,
        [{ path: company.rfc ? '/company/rfc' : '/company/legalName', message: 'managed by another organisation' }]);
      }
    }
    if (!existing) throw new Error('unreachable: a company was found, linked or made above');
    // Declared fields overwrite what a source said; an RFC newly given becomes the company's key.
    const before = companyFieldsOf(existing);
    const after: CompanyFields = { ...company, rfc: company.rfc ?? before.rfc };
    const changed = changedFields(companyFieldNames, before, after);
    const set: Record<string, unknown> = { ...companyColumnsOf(after, changed) };
    if (changed.includes('legalName')) set.name_key = nameKey(after.legalName);
    if (changed.includes('rfc') && after.rfc) set.company_key = `rfc:${after.rfc}`;
    const linking = existing.organisation_id !== organisationId;
    if (linking) set.organisation_id = organisationId;
    if (changed.length > 0 || linking) {
      await repository.updateCompany(tx, existing.id, set, provenanceOf(changed), at);
      await recordAudit(tx, actorOf(principal), [{
        entityType: 'suppliers.company', entityId: existing.id, action: 'update',
        before: { ...Object.fromEntries(changed.map((f) => [f, before[f]])), ...(linking ? { organisationId: existing.organisation_id } : {}) },
        after: { ...Object.fromEntries(changed.map((f) => [f, after[f]])), ...(linking ? { organisationId } : {}) },
      }]);
    }
    return existing.id;
  }

  async function detail(principal: Principal | null, id: string, tx: Db = db) {
    const row = await repository.findEstablishment(id, tx);
    if (!row) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', `There is no establishment ${id}.`);
    return toOwnEstablishment(principal, row, scian);
  }

  /** An establishment the caller may change, at the version it read; else the reason it may not. */
  function assertWritable(principal: Principal, id: string, row: OwnEstablishmentRow | null, updatedAt: string): asserts row is OwnEstablishmentRow {
    if (!row) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', `There is no establishment ${id}.`);
    const { editable, reason } = editability(principal, row);
    if (!editable) {
      if (reason === 'folded') throw new AppError('SUPPLIERS.ESTABLISHMENT_FOLDED', `Establishment ${id} was merged into ${row.merged_into}; edit that record instead.`);
      if (reason === 'claim_required') {
        throw new AppError('SUPPLIERS.ESTABLISHMENT_READ_ONLY', `Establishment ${id} comes from the source ${row.source}; claim it (POST /api/v1/suppliers/establishments/${id}/claims) and, once a moderator approves, you can edit it.`);
      }
      throw new AppError('SUPPLIERS.NOT_YOUR_ESTABLISHMENT', reason === 'not_editor'
        ? 'Only editors of the organisation that manages this establishment (and admins) can change it; ask one of them to make you an editor.'
        : 'This establishment is not one your organisation manages; if it is your plant, claim it.');
    }
    if (new Date(row.updated_at).getTime() !== Date.parse(updatedAt)) {
      throw new AppError('SUPPLIERS.STALE_EDIT', `Establishment ${id} was changed at ${iso(row.updated_at)}, after the version you edited (${updatedAt}); reload it and apply your changes again.`);
    }
  }

  return {
    async register(principal: Principal | null, input: RegistrationInput) {
      requireSignedIn(principal, 'register a company');
      const company = normaliseCompany(input.company);
      const establishment = normaliseEstablishment(input.establishment);
      // Validated before the transaction: the boundary check reads the database on its own connection.
      const problems = [...companyProblems(input.company), ...establishmentProblems(establishment, await context(establishment.components))];
      await assertValid(problems, { lat: establishment.lat, lon: establishment.lon, path: '/establishment/lat' });

      let organisation: { id: string; name: string } | null = null;
      if (input.organisationId) {
        const org = await repository.findOrganisation(input.organisationId);
        // A stranger's organisation and a missing one answer alike.
        if (!org || !canEditOrganisation(principal, org.id)) {
          throw new AppError('ACCOUNTS.FORBIDDEN', 'You can register a company only for an organisation you edit, or leave organisationId out to create one.', [{ path: '/organisationId', message: 'not an organisation you edit' }]);
        }
        organisation = { id: org.id, name: org.name };
      }

      const at = new Date();
      const id = randomUUID();
      const org = await db.transaction().execute(async (tx) => {
        const org = organisation ?? await createCompanyOrganisation(tx, deps.organisations, principal, { name: company.legalName, rfc: company.rfc, website: company.website });
        const companyId = await resolveCompany(tx, principal, org.id, company, at);
        const stored = (await repository.findCompany({ id: companyId }, tx))!;
        const columns: EstablishmentColumns = {
          name: establishment.name, name_key: nameKey(establishment.name), legal_name: stored.legal_name, rfc: stored.rfc,
          search_document: await searchDocumentOf(tx, establishment, { legalName: stored.legal_name, tradeNames: stored.trade_names ?? [] }),
          street: establishment.street, exterior_number: establishment.exteriorNumber, neighbourhood: establishment.neighbourhood,
          postal_code: establishment.postalCode, locality: establishment.locality, industrial_park: establishment.industrialPark,
          lat: establishment.lat, lon: establishment.lon, scian: establishment.scian, employees_stratum: establishment.employeesStratum,
          // The size a company declares is Ministry of Economy's MSME class for the whole company; else the plant's stratum says it.
          size_class: stored.size_class ?? (establishment.employeesStratum ? sizeClassOfStratum(establishment.employeesStratum) : null),
          tiers: establishment.tiers, processes: establishment.processes, components: establishment.components, certifications: establishment.certifications,
          oem_customers: establishment.oemCustomers, export_markets: establishment.exportMarkets, ev_readiness: establishment.evReadiness,
          phone: establishment.phone, email: establishment.email, website: establishment.website, contact_consent: establishment.contactConsent,
        };
        await repository.insertEstablishment(tx, {
          ...columns, id, source_key: `reg:${id}`, company_id: companyId, content_hash: contentHash(establishment),
          provenance: declaredProvenance(establishmentFieldNames, principal.userId, at), registered_on: at.toISOString().slice(0, 10), at,
        });
        await placeEstablishments(tx, [id]);
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'suppliers.establishment', entityId: id, action: 'create', before: null,
          after: { origin: 'registered', companyId, organisationId: org.id, ...establishment },
        }]);
        return org;
      });
      // The principal was read before this request made the caller an editor of a new organisation.
      const known = principal.memberships.some((m) => m.organisationId === org.id);
      return detail(known ? principal : { ...principal, memberships: [...principal.memberships, { organisationId: org.id, organisationName: org.name, role: 'editor' }] }, id);
    },

    async update(principal: Principal | null, id: string, input: EstablishmentPatch) {
      requireSignedIn(principal, 'edit an establishment');
      const { updatedAt, ...given } = input;
      const current = await repository.findEstablishment(id);
      assertWritable(principal, id, current, updatedAt);
      const patch = normaliseEstablishment(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<EstablishmentFields>);
      const before = fieldsOf(current);
      const changed = changedFields(establishmentFieldNames, before, patch);
      if (changed.length === 0) return toOwnEstablishment(principal, current, scian);
      const after: EstablishmentFields = { ...before, ...patch };
      const moved = changed.includes('lat') || changed.includes('lon');
      // Judged on what changes: a stored value that a newer rule refuses does not block other edits.
      const checked: Partial<EstablishmentFields> = Object.fromEntries(changed.map((f) => [f, after[f]]));
      if (moved) Object.assign(checked, { lat: after.lat, lon: after.lon });
      await assertValid(establishmentProblems(checked, await context(changed.includes('components') ? after.components : []), ''), moved ? { lat: after.lat, lon: after.lon, path: '/lat' } : null);

      return db.transaction().execute(async (tx) => {
        // Same version as validated: `updatedAt` matched `current`, and must still match.
        const row = await repository.findEstablishment(id, tx, true);
        assertWritable(principal, id, row, updatedAt);
        const at = nextVersion(row.updated_at);
        const set: Partial<EstablishmentColumns> & { content_hash?: string } = Object.fromEntries(changed.map((f) => [establishmentFieldColumns[f], after[f]]));
        if (moved) Object.assign(set, { lat: after.lat, lon: after.lon });
        if (changed.includes('name')) set.name_key = nameKey(after.name);
        if (changed.includes('employeesStratum') && !row.company_size_class) set.size_class = after.employeesStratum ? sizeClassOfStratum(after.employeesStratum) : null;
        if ((['name', 'scian', 'tiers', 'processes', 'components', 'certifications'] as EstablishmentField[]).some((f) => changed.includes(f))) {
          set.search_document = await searchDocumentOf(tx, after, { legalName: row.company_legal_name ?? row.legal_name, tradeNames: row.company_trade_names ?? [] });
        }
        // An import's hash describes what its source said; only a registered plant's hash follows its declarations.
        if (row.origin === 'registered') set.content_hash = contentHash(after);
        const method = isEditorOf(principal, row.company_organisation_id) ? declaredByCompany : correctedByAdmin;
        await repository.updateEstablishment(tx, id, set, declaredProvenance(changed, principal.userId, at, method), at);
        if (moved) await placeEstablishments(tx, [id]);
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'suppliers.establishment', entityId: id, action: 'update',
          before: Object.fromEntries(changed.map((f) => [f, before[f]])), after: Object.fromEntries(changed.map((f) => [f, after[f]])),
        }]);
        return detail(principal, id, tx);
      });
    },

    /** The establishments of the companies the caller's organisations manage, and the caller's claims. */
    async mine(principal: Principal | null) {
      requireSignedIn(principal, 'see your establishments');
      const memberships = await repository.memberships(principal.userId);
      const orgIds = memberships.map((m) => m.id);
      const rows = await repository.managedEstablishments(orgIds);
      const claims = await repository.listClaims({ mineFor: { userId: principal.userId, organisationIds: orgIds }, limit: 500, offset: 0 });
      const companies = new Map(rows.filter((r) => r.company_organisation_id).map((r) => [r.company_organisation_id!, r.company_id!]));
      return {
        organisations: memberships.map((m) => ({ id: m.id, name: m.name, role: m.role, companyId: companies.get(m.id) ?? null })),
        establishments: rows.map((r) => toOwnEstablishment(principal, r, scian)),
        total: rows.length,
        claims: claims.rows.map(toClaim),
      };
    },
  };
}

export type SupplierRegistrationService = ReturnType<typeof createSupplierRegistrationService>;

/** Certifications as the API takes them (the stored shape), for the routes' types. */
export type CertificationInput = SupplierCertification;
