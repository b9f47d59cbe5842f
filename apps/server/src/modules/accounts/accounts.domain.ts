import type { MembershipRole, PlatformRole } from '@electrifica/contracts';

/** What a route or import kind asks of the caller. `public` needs no sign-in. */
export type RequiredRole = 'public' | PlatformRole;

export interface Principal {
  userId: string;
  email: string;
  displayName: string;
  role: PlatformRole;
  memberships: Array<{ organisationId: string; organisationName: string; role: MembershipRole }>;
  /** How the caller proved identity. */
  via: 'session' | 'token' | 'cli';
}

/**
 * Platform roles are not a ladder: moderators review, analysts see private detail;
 * admins can do everything; every signed-in user is at least a member.
 */
export function hasRole(principal: Principal | null, required: RequiredRole): boolean {
  if (required === 'public') return true;
  if (!principal) return false;
  if (principal.role === 'admin') return true;
  if (required === 'member') return true;
  return principal.role === required;
}

/** The organisations the principal is an editor of (their records it may edit). */
export function editedOrganisations(principal: Principal): string[] {
  return principal.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
}

/** Can the principal edit records owned by this organisation? */
export function canEditOrganisation(principal: Principal | null, organisationId: string): boolean {
  if (!principal) return false;
  if (principal.role === 'admin') return true;
  return principal.memberships.some((m) => m.organisationId === organisationId && m.role === 'editor');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isValidEmail(email: string): boolean {
  return emailPattern.test(email.trim()) && email.length <= 254;
}

/**
 * Password policy after NIST SP 800-63B: length matters, composition rules do not;
 * reject the obviously guessable.
 */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('Use at least 10 characters.');
  if (password.length > 256) problems.push('Use at most 256 characters.');
  const lower = password.toLowerCase();
  if (/^(.)\1+$/.test(password)) problems.push('Do not repeat one character.');
  if (['password123', '1234567890', 'qwertyuiop', 'contraseña1', 'electrifica'].some((w) => lower.includes(w))) {
    problems.push('Avoid common passwords.');
  }
  const local = normalizeEmail(email).split('@')[0];
  if (local && local.length >= 4 && lower.includes(local)) problems.push('Do not use your email in the password.');
  return problems;
}

/**
 * An OCPI 2.2.1 party: ISO 3166-1 alpha-2 country code and a 3-character party id
 * (letters and digits), set together or not at all.
 */
export function ocpiPartyProblems(countryCode: string | null, partyId: string | null): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if ((countryCode === null) !== (partyId === null)) {
    problems.push({ path: countryCode === null ? '/ocpiCountryCode' : '/ocpiPartyId', message: 'Give both the OCPI country code and the party id, or neither.' });
  }
  if (countryCode !== null && !/^[A-Z]{2}$/.test(countryCode)) problems.push({ path: '/ocpiCountryCode', message: `"${countryCode}" is not an ISO 3166-1 alpha-2 country code (e.g. MX).` });
  if (partyId !== null && !/^[A-Z0-9]{3}$/.test(partyId)) problems.push({ path: '/ocpiPartyId', message: `"${partyId}" is not an OCPI party id: 3 letters or digits.` });
  return problems;
}
