import { describe, expect, it } from 'vitest';
import { csmsUrl, generatePassword, timeAgo } from './liveStatus';

describe('timeAgo', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('says how long ago in the largest whole unit, in both languages', () => {
    expect(timeAgo('2026-03-10T11:55:00Z', now, 'es-MX')).toBe('hace 5 min');
    expect(timeAgo('2026-03-10T11:55:00Z', now, 'en')).toBe('5 min. ago');
    expect(timeAgo('2026-03-10T09:30:00Z', now, 'es-MX')).toBe('hace 2 h');
    expect(timeAgo('2026-03-07T12:00:00Z', now, 'en')).toBe('3 days ago');
  });
  it('reads under a minute, and a clock slightly ahead, as now', () => {
    expect(timeAgo('2026-03-10T11:59:30Z', now, 'es-MX')).toBe('ahora');
    expect(timeAgo('2026-03-10T12:00:20Z', now, 'en')).toBe('now');
  });
});

describe('generatePassword', () => {
  it('makes 24 characters from the unambiguous alphabet', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{24}$/);
    expect(generatePassword()).not.toBe(p);
  });
  it('drops bytes that would bias the choice', () => {
    // 57 characters: bytes ≥ 228 are skipped, so a source of only 255s and 0s gives only 'A'.
    let call = 0;
    const source = (b: Uint8Array) => b.fill(call++ === 0 ? 255 : 0);
    expect(generatePassword(source, 8)).toBe('AAAAAAAA');
  });
});

describe('csmsUrl', () => {
  it('is wss on HTTPS, ws on plain HTTP, with the identity escaped', () => {
    expect(csmsUrl('https://electrifica.mx', 'CP 01')).toBe('wss://electrifica.mx/ocpp/CP%2001');
    expect(csmsUrl('http://127.0.0.1:4105', 'CP-1')).toBe('ws://127.0.0.1:4105/ocpp/CP-1');
    expect(csmsUrl('https://electrifica.mx', '')).toBe('wss://electrifica.mx/ocpp/<identity>');
  });
});
