import { describe, expect, it } from 'vitest';
import { fieldForErrorCode, looksLikeEmail, safeNextPath, validateSignIn, validateSignUp } from './validation';

describe('account form validation', () => {
  it('checks emails loosely', () => {
    expect(looksLikeEmail('ana@energia.gob.mx')).toBe(true);
    expect(looksLikeEmail('ana@localhost')).toBe(false);
    expect(looksLikeEmail('ana energia@x.mx')).toBe(false);
  });

  it('reports each problem with a translation key', () => {
    expect(validateSignIn({ email: '', password: '' })).toEqual({
      email: 'validation.required',
      password: 'validation.required',
    });
    expect(validateSignUp({ email: 'x', password: 'short', displayName: ' ' })).toEqual({
      email: 'validation.email',
      password: 'validation.passwordLength',
      displayName: 'validation.required',
    });
    expect(validateSignUp({ email: 'ana@x.mx', password: 'a long passphrase', displayName: 'Ana' })).toEqual({});
  });

  it('places server errors on their field', () => {
    expect(fieldForErrorCode('ACCOUNTS.EMAIL_TAKEN')).toBe('email');
    expect(fieldForErrorCode('ACCOUNTS.WEAK_PASSWORD')).toBe('password');
    expect(fieldForErrorCode('ACCOUNTS.INVALID_CREDENTIALS')).toBeNull();
  });

  it('only follows same-site next paths', () => {
    expect(safeNextPath('/importaciones?id=1')).toBe('/importaciones?id=1');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
