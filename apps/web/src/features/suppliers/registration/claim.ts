import type { Membership } from '../../../api/types';
import type { Claim, ClaimBody, OwnEstablishment } from './types';

/**
 * The claim form ("¿Es tu planta? Reclámala") as the inputs hold it, and the pure rules
 * that check it and turn it into the API body.
 */
export interface ClaimForm {
  /** An organisation the user edits, or `new` to create one named `organisationName`. */
  organisationId: string;
  organisationName: string;
  jobTitle: string;
  evidence: string;
}

export const newOrganisation = 'new';
/** Enough to say how the moderator can check it, as the server asks (10 to 4000 characters). */
export const evidenceMinLength = 10;
export const evidenceMaxLength = 4000;

export type ClaimErrors = Partial<Record<'organisationName' | 'evidence', 'required' | 'evidenceShort' | 'evidenceLong'>>;

/** The organisations a user may claim for: those they edit (members cannot act for them). */
export function claimOrganisations(memberships: readonly Membership[]): Array<{ id: string; name: string }> {
  return memberships.filter((m) => m.role === 'editor').map((m) => ({ id: m.organisationId, name: m.organisationName }));
}

export function emptyClaimForm(memberships: readonly Membership[]): ClaimForm {
  const first = claimOrganisations(memberships)[0];
  return { organisationId: first?.id ?? newOrganisation, organisationName: '', jobTitle: '', evidence: '' };
}

export function validateClaim(form: ClaimForm): ClaimErrors {
  const errors: ClaimErrors = {};
  if (form.organisationId === newOrganisation && !form.organisationName.trim()) errors.organisationName = 'required';
  const evidence = form.evidence.trim();
  if (!evidence) errors.evidence = 'required';
  else if (evidence.length < evidenceMinLength) errors.evidence = 'evidenceShort';
  else if (evidence.length > evidenceMaxLength) errors.evidence = 'evidenceLong';
  return errors;
}

export function claimBodyOf(form: ClaimForm): ClaimBody {
  const body: ClaimBody = { evidence: form.evidence.trim() };
  if (form.organisationId === newOrganisation) body.organisationName = form.organisationName.trim();
  else body.organisationId = form.organisationId;
  if (form.jobTitle.trim()) body.jobTitle = form.jobTitle.trim();
  return body;
}

/**
 * Where the user stands with one establishment: they manage it, a claim of theirs is
 * waiting, their last claim was rejected, or nothing yet. The newest claim counts.
 */
export type ClaimStanding =
  | { kind: 'manages' }
  | { kind: 'pending'; claim: Claim }
  | { kind: 'rejected'; claim: Claim }
  | { kind: 'approved'; claim: Claim }
  | { kind: 'none' };

export function claimStanding(establishmentId: string, mine: { establishments: Pick<OwnEstablishment, 'id'>[]; claims: Claim[] }): ClaimStanding {
  if (mine.establishments.some((e) => e.id === establishmentId)) return { kind: 'manages' };
  const claims = mine.claims.filter((c) => c.establishment.id === establishmentId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const pending = claims.find((c) => c.status === 'pending');
  if (pending) return { kind: 'pending', claim: pending };
  const last = claims[0];
  if (!last) return { kind: 'none' };
  return last.status === 'approved' ? { kind: 'approved', claim: last } : { kind: 'rejected', claim: last };
}
