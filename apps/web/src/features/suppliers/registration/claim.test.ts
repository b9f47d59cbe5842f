import { describe, expect, it } from 'vitest';
import { claimBodyOf, claimOrganisations, claimStanding, emptyClaimForm, newOrganisation, validateClaim } from './claim';
import type { Claim } from './types';

const memberships = [
  { organisationId: 'o1', organisationName: 'Solo miembro', role: 'member' as const },
  { organisationId: 'o2', organisationName: 'Editora', role: 'editor' as const },
];

const claim = (over: Partial<Claim>): Claim => ({
  id: 'c', status: 'pending', establishment: { id: 'e1', name: 'Planta', legalName: null, origin: 'import', source: 'retc', stateName: null, municipalityName: null, mergedInto: null },
  organisation: { id: 'o2', name: 'Editora' }, claimant: { id: 'u', displayName: 'U', email: 'u@example.test' }, jobTitle: null, evidence: 'x',
  decidedAt: null, decidedBy: null, decisionNote: null, createdAt: '2026-12-01T00:00:00Z', ...over,
});

describe('claim form', () => {
  it('offers only the organisations the user edits, else a new one', () => {
    expect(claimOrganisations(memberships)).toEqual([{ id: 'o2', name: 'Editora' }]);
    expect(emptyClaimForm(memberships).organisationId).toBe('o2');
    expect(emptyClaimForm([memberships[0]!]).organisationId).toBe(newOrganisation);
  });

  it('asks for a name for a new organisation and for enough evidence', () => {
    expect(validateClaim({ organisationId: newOrganisation, organisationName: ' ', jobTitle: '', evidence: 'corto' })).toEqual({ organisationName: 'required', evidence: 'evidenceShort' });
    expect(validateClaim({ organisationId: 'o2', organisationName: '', jobTitle: '', evidence: '' })).toEqual({ evidence: 'required' });
  });

  it('sends the organisation id, or the new organisation name, and leaves an empty job title out', () => {
    const evidence = 'Correo en el dominio de la empresa y RFC.';
    expect(claimBodyOf({ organisationId: 'o2', organisationName: 'ignored', jobTitle: ' ', evidence: ` ${evidence} ` })).toEqual({ organisationId: 'o2', evidence });
    expect(claimBodyOf({ organisationId: newOrganisation, organisationName: ' Acme ', jobTitle: 'Gerente', evidence })).toEqual({ organisationName: 'Acme', jobTitle: 'Gerente', evidence });
  });
});

describe('claim standing', () => {
  it('tells managing, pending, rejected and nothing apart; the newest claim counts', () => {
    expect(claimStanding('e1', { establishments: [{ id: 'e1' }], claims: [] }).kind).toBe('manages');
    expect(claimStanding('e1', { establishments: [], claims: [] }).kind).toBe('none');
    expect(claimStanding('e1', { establishments: [], claims: [claim({ establishment: { ...claim({}).establishment, id: 'e2' } })] }).kind).toBe('none');
    const rejected = claim({ id: 'r', status: 'rejected', createdAt: '2026-12-02T00:00:00Z' });
    const older = claim({ id: 'a', status: 'approved', createdAt: '2026-11-01T00:00:00Z' });
    expect(claimStanding('e1', { establishments: [], claims: [older, rejected] })).toEqual({ kind: 'rejected', claim: rejected });
    expect(claimStanding('e1', { establishments: [], claims: [rejected, claim({ id: 'p' })] }).kind).toBe('pending');
  });
});
