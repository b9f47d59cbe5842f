import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { canEditOrganisation, hasRole, type Principal } from '../accounts/accounts.domain.js';
import { actorOf } from '../accounts/accounts.service.js';
import { companyKey, nameKey } from './suppliers.domain.js';
import type { SupplierRegistrationRepository } from './suppliers.registration.repository.js';
import { createCompanyOrganisation, nextVersion, requireSignedIn, toClaim, type OrganisationWriter } from './suppliers.registration.service.js';

export interface ClaimInput {
  /** An organisation the caller edits; without it one is made (named `organisationName`, else after the plant's legal name). */
  organisationId: string | null;
  organisationName: string | null;
  jobTitle: string | null;
  /** What lets a moderator verify the claim: a corporate email domain, a document, a phone to call back. */
  evidence: string;
}

const claimNotFound = (id: string) => new AppError('SUPPLIERS.CLAIM_NOT_FOUND', `There is no claim ${id} among those you may see.`);

/**
 * A company claims an establishment already in the census; a moderator verifies the claim.
 * Approval links the establishment's company to the claiming organisation, whose editors
 * may then edit the plant and consent to showing its contact details.
 */
export function createSupplierClaimsService(deps: { db: Db; repository: SupplierRegistrationRepository; organisations: OrganisationWriter }) {
  const { db, repository } = deps;

  function requireModerator(principal: Principal | null): asserts principal is Principal {
    requireSignedIn(principal, 'decide claims');
    if (!hasRole(principal, 'moderator')) throw new AppError('ACCOUNTS.FORBIDDEN', 'Claims are decided by moderators and admins.');
  }

  const mayRead = (principal: Principal, claim: { user_id: string; organisation_id: string }) =>
    hasRole(principal, 'moderator') || claim.user_id === principal.userId || principal.memberships.some((m) => m.organisationId === claim.organisation_id);

  async function view(id: string, tx: Db = db) {
    const row = await repository.findClaim(id, tx);
    if (!row) throw claimNotFound(id);
    return toClaim(row);
  }

  /** A pending claim the caller may decide, locked for the decision. */
  async function lockPending(tx: Db, principal: Principal, id: string) {
    const claim = await repository.findClaim(id, tx, true);
    if (!claim) throw claimNotFound(id);
    if (claim.status !== 'pending') throw new AppError('SUPPLIERS.CLAIM_ALREADY_DECIDED', `Claim ${id} was already ${claim.status}${claim.decided_by_name ? ` by ${claim.decided_by_name}` : ''}.`);
    // Whoever verifies a claim must not be the one who made it.
    if (claim.user_id === principal.userId) throw new AppError('ACCOUNTS.FORBIDDEN', 'You made this claim; another moderator must decide it.');
    return claim;
  }

  return {
    async create(principal: Principal | null, establishmentId: string, input: ClaimInput) {
      requireSignedIn(principal, 'claim an establishment');
      const evidence = input.evidence.trim();
      const problems: Array<{ path: string; message: string }> = [];
      if (evidence.length < 10) problems.push({ path: '/evidence', message: 'Tell the moderator how to verify the claim (a corporate email, a document, a phone to call back), in at least 10 characters.' });
      if (input.organisationName !== null && input.organisationName.trim().length < 2) problems.push({ path: '/organisationName', message: 'Give the organisation a name of at least 2 characters.' });
      if (problems.length > 0) throw new AppError('SUPPLIERS.INVALID_REGISTRATION', problems.map((p) => p.message).join(' '), problems);

      const establishment = await repository.findEstablishment(establishmentId);
      if (!establishment) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', `There is no establishment ${establishmentId}.`);
      if (establishment.merged_into) {
        throw new AppError('SUPPLIERS.ESTABLISHMENT_FOLDED', `Establishment ${establishmentId} was merged into ${establishment.merged_into}; claim that record instead.`);
      }
      if (input.organisationId) {
        const org = await repository.findOrganisation(input.organisationId);
        if (!org || !canEditOrganisation(principal, org.id)) {
          throw new AppError('ACCOUNTS.FORBIDDEN', 'You can claim only for an organisation you edit, or leave organisationId out to create one.', [{ path: '/organisationId', message: 'not an organisation you edit' }]);
        }
      }
      const manager = establishment.company_organisation_id;
      if (manager !== null && manager !== input.organisationId) {
        throw new AppError('SUPPLIERS.ALREADY_CLAIMED', 'Another organisation already manages this establishment’s company. If that is wrong, write to the moderators with your evidence.');
      }
      if (manager !== null && (establishment.origin === 'registered' || establishment.approved_claim_organisation_ids.includes(manager))) {
        throw new AppError('SUPPLIERS.ALREADY_CLAIMED', 'Your organisation already manages this establishment; edit it from your plants.');
      }
      if (input.organisationId && (await repository.pendingClaim(establishmentId, input.organisationId))) {
        throw new AppError('SUPPLIERS.CLAIM_PENDING', 'Your organisation already has a pending claim on this establishment; a moderator will decide it.');
      }

      const id = await db.transaction().execute(async (tx) => {
        const organisationId = input.organisationId ?? (await createCompanyOrganisation(tx, deps.organisations, principal, {
          name: input.organisationName?.trim() || establishment.company_legal_name || establishment.legal_name || establishment.name, rfc: null, website: null,
        })).id;
        const claimId = await repository.insertClaim(tx, { establishmentId, userId: principal.userId, organisationId, jobTitle: input.jobTitle?.trim() || null, evidence });
        // Null: a claim of the same organisation arrived in between.
        if (!claimId) throw new AppError('SUPPLIERS.CLAIM_PENDING', 'Your organisation already has a pending claim on this establishment; a moderator will decide it.');
        await recordAudit(tx, actorOf(principal), [{
          entityType: 'suppliers.claim', entityId: claimId, action: 'create', before: null,
          after: { establishmentId, organisationId, jobTitle: input.jobTitle, evidence, status: 'pending' },
        }]);
        return claimId;
      });
      return view(id);
    },

    async list(principal: Principal | null, query: { status?: 'pending' | 'approved' | 'rejected' | undefined; limit: number; offset: number }) {
      requireSignedIn(principal, 'see claims');
      const mineFor = hasRole(principal, 'moderator') ? undefined : { userId: principal.userId, organisationIds: principal.memberships.map((m) => m.organisationId) };
      const { rows, total } = await repository.listClaims({ status: query.status, mineFor, limit: query.limit, offset: query.offset });
      return { items: rows.map(toClaim), total, limit: query.limit, offset: query.offset };
    },

    async get(principal: Principal | null, id: string) {
      requireSignedIn(principal, 'see claims');
      const row = await repository.findClaim(id);
      // Another organisation's claim answers as missing: its evidence is theirs and the moderators'.
      if (!row || !mayRead(principal, row)) throw claimNotFound(id);
      return toClaim(row);
    },

    /**
     * Links the establishment's company to the claiming organisation. An organisation
     * manages one company: if it already manages another, the plant moves to that company
     * (the moderator verified it is theirs); a plant without a company gets one from its legal name.
     */
    async approve(principal: Principal | null, id: string, input: { note: string | null }) {
      requireModerator(principal);
      await db.transaction().execute(async (tx) => {
        const claim = await lockPending(tx, principal, id);
        const row = await repository.findEstablishment(claim.establishment_id, tx, true);
        if (!row) throw new AppError('SUPPLIERS.ESTABLISHMENT_NOT_FOUND', `There is no establishment ${claim.establishment_id}.`);
        if (row.merged_into) throw new AppError('SUPPLIERS.ESTABLISHMENT_FOLDED', `The claimed establishment was merged into ${row.merged_into}; reject this claim and ask for one on that record.`);
        const org = claim.organisation_id;
        if (row.company_organisation_id && row.company_organisation_id !== org) {
          throw new AppError('SUPPLIERS.ALREADY_CLAIMED', `${row.company_organisation_name ?? 'Another organisation'} already manages this establishment’s company; reject this claim or settle it with both.`);
        }
        const at = new Date();
        const audit: Parameters<typeof recordAudit>[2] = [];
        if (row.company_organisation_id !== org) {
          const managed = await repository.findCompany({ organisationId: org }, tx);
          let companyId = row.company_id;
          if (managed && managed.id !== row.company_id) {
            companyId = managed.id;
          } else if (companyId === null) {
            const legalName = row.legal_name ?? row.name;
            const key = companyKey({ rfc: row.rfc, legalName })!;
            const found = await repository.findCompany({ companyKey: key }, tx);
            if (found?.organisation_id && found.organisation_id !== org) {
              throw new AppError('SUPPLIERS.ALREADY_CLAIMED', `Another organisation manages the company ${found.legal_name} this establishment would join; settle it with both before approving.`);
            }
            companyId = found?.id ?? await repository.insertCompany(tx, {
              companyKey: key, legalName, nameKey: nameKey(legalName), tradeNames: [], rfc: row.rfc, sizeClass: null, ownershipCountry: null, website: null,
              organisationId: null, provenance: { record: { source: row.source, method: 'derived from the claimed establishment', claimId: id } },
            });
            if (!companyId) throw new Error(`Company ${key} neither inserted nor found.`);
            audit.push({ entityType: 'suppliers.company', entityId: companyId, action: found ? 'update' : 'create', before: null, after: { legalName, rfc: row.rfc, fromClaim: id } });
          }
          if (companyId !== managed?.id) {
            await repository.lockCompany(companyId, tx);
            await repository.updateCompany(tx, companyId, { organisation_id: org }, { organisation: { source: 'suppliers-claim', method: 'claim approved by moderator', claimId: id, userId: principal.userId, decidedAt: at.toISOString() } }, at);
            audit.push({ entityType: 'suppliers.company', entityId: companyId, action: 'update', before: { organisationId: null }, after: { organisationId: org, claimId: id } });
          }
          if (companyId !== row.company_id) {
            await repository.updateEstablishment(tx, row.id, { company_id: companyId }, {
              company: { source: 'suppliers-claim', method: 'claim approved by moderator', claimId: id, userId: principal.userId, decidedAt: at.toISOString() },
            }, nextVersion(row.updated_at));
            audit.push({ entityType: 'suppliers.establishment', entityId: row.id, action: 'update', before: { companyId: row.company_id }, after: { companyId, claimId: id } });
          }
        }
        await repository.decideClaim(tx, id, { status: 'approved', userId: principal.userId, note: input.note?.trim() || null, at });
        audit.unshift({ entityType: 'suppliers.claim', entityId: id, action: 'update', before: { status: 'pending' }, after: { status: 'approved', note: input.note } });
        await recordAudit(tx, actorOf(principal), audit);
      });
      return view(id);
    },

    async reject(principal: Principal | null, id: string, input: { note: string }) {
      requireModerator(principal);
      const note = input.note.trim();
      if (note === '') throw new AppError('SUPPLIERS.INVALID_REGISTRATION', 'Say why the claim is rejected; the claimant reads it.', [{ path: '/note', message: 'required' }]);
      await db.transaction().execute(async (tx) => {
        await lockPending(tx, principal, id);
        await repository.decideClaim(tx, id, { status: 'rejected', userId: principal.userId, note, at: new Date() });
        await recordAudit(tx, actorOf(principal), [{ entityType: 'suppliers.claim', entityId: id, action: 'update', before: { status: 'pending' }, after: { status: 'rejected', note } }]);
      });
      return view(id);
    },
  };
}

export type SupplierClaimsService = ReturnType<typeof createSupplierClaimsService>;
