/** Client-side checks that mirror the obvious server rules; the server stays the authority. */
import type { ErrorCode } from '@electrifica/contracts';

/** A translation key for each problem, so the UI can word it. */
export type ValidationKey =
  | 'validation.required'
  | 'validation.email'
  | 'validation.passwordLength'
  | 'validation.displayNameLength';

export const minPasswordLength = 10;
export const maxPasswordLength = 256;
export const maxDisplayNameLength = 120;
export const maxTokenNameLength = 80;

export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export interface SignInValues {
  email: string;
  password: string;
}

export interface SignUpValues extends SignInValues {
  displayName: string;
}

export function validateSignIn(values: SignInValues): Record<string, ValidationKey> {
  const errors: Record<string, ValidationKey> = {};
  if (!values.email.trim()) errors.email = 'validation.required';
  else if (!looksLikeEmail(values.email)) errors.email = 'validation.email';
  if (!values.password) errors.password = 'validation.required';
  return errors;
}

export function validateSignUp(values: SignUpValues): Record<string, ValidationKey> {
  const errors: Record<string, ValidationKey> = { ...validateSignIn(values) };
  if (!errors.password && values.password.length < minPasswordLength) errors.password = 'validation.passwordLength';
  const name = values.displayName.trim();
  if (!name) errors.displayName = 'validation.required';
  else if (name.length > maxDisplayNameLength) errors.displayName = 'validation.displayNameLength';
  return errors;
}

/** Field that a server error code belongs to, if any. */
export function fieldForErrorCode(code: string): 'email' | 'password' | null {
  switch (code) {
    case 'ACCOUNTS.EMAIL_TAKEN' satisfies ErrorCode:
      return 'email';
    case 'ACCOUNTS.WEAK_PASSWORD' satisfies ErrorCode:
      return 'password';
    default:
      return null;
  }
}

/** Only same-site paths are accepted as a post-sign-in destination. */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
