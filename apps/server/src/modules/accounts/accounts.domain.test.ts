import { describe, expect, it } from 'vitest';
import { canEditOrganisation, hasRole, isValidEmail, passwordProblems, type Principal } from './accounts.domain.js';

const aPrincipal = (fields: Partial<Principal> = {}): Principal => ({
  userId: 'u1', email: 'ana@example.mx', displayName: 'Ana', role: 'member', memberships: [], via: 'session', ...fields,
});

describe('hasRole', () => {
  it('lets anyone reach public things and only signed-in users reach member things', () => {
    expect(hasRole(null, 'public')).toBe(true);
    expect(hasRole(null, 'member')).toBe(false);
    expect(hasRole(aPrincipal(), 'member')).toBe(true);
  });
  it('keeps moderator and analyst apart, and lets admin do everything', () => {
    expect(hasRole(aPrincipal({ role: 'moderator' }), 'analyst')).toBe(false);
    expect(hasRole(aPrincipal({ role: 'analyst' }), 'moderator')).toBe(false);
    expect(hasRole(aPrincipal({ role: 'admin' }), 'analyst')).toBe(true);
    expect(hasRole(aPrincipal({ role: 'member' }), 'admin')).toBe(false);
  });
});

describe('canEditOrganisation', () => {
  it('allows editors of that organisation and admins only', () => {
    const editor = aPrincipal({ memberships: [{ organisationId: 'o1', organisationName: 'CFE', role: 'editor' }] });
    const member = aPrincipal({ memberships: [{ organisationId: 'o1', organisationName: 'CFE', role: 'member' }] });
    expect(canEditOrganisation(editor, 'o1')).toBe(true);
    expect(canEditOrganisation(editor, 'o2')).toBe(false);
    expect(canEditOrganisation(member, 'o1')).toBe(false);
    expect(canEditOrganisation(aPrincipal({ role: 'admin' }), 'o2')).toBe(true);
    expect(canEditOrganisation(null, 'o1')).toBe(false);
  });
});

describe('passwords and emails', () => {
  it('asks for length, not composition', () => {
    expect(passwordProblems('short', 'ana@example.mx')).not.toEqual([]);
    expect(passwordProblems('caballo correcto batería grapa', 'ana@example.mx')).toEqual([]);
  });
  it('rejects passwords built from the email', () => {
    expect(passwordProblems('anagarcia2024!', 'anagarcia@example.mx')).toContain('Do not use your email in the password.');
  });
  it('validates emails', () => {
    expect(isValidEmail('ana@example.mx')).toBe(true);
    expect(isValidEmail('ana@example')).toBe(false);
    expect(isValidEmail('ana example.mx')).toBe(false);
  });
});
