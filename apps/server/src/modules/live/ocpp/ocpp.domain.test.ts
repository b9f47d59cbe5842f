import { describe, expect, it } from 'vitest';
import {
  bootStatus, energyRegisterWh, evseOrder, identityProblem, idTokenStatus, offlineSince, passwordProblem, portMapProblems, portReport16, resolveEvseUid, TokenBucket,
} from './ocpp.domain.js';
import { hashPassword, VerifiedCredentials, verifyPassword } from './ocpp.credentials.js';

describe('identities and passwords', () => {
  it('accepts the OCPP identifier charset up to 48 characters and nothing else', () => {
    expect(identityProblem('CP-001')).toBeNull();
    expect(identityProblem('a*b-c_d=e:f+g|h@i.j')).toBeNull();
    expect(identityProblem('x'.repeat(48))).toBeNull();
    expect(identityProblem('x'.repeat(49))).not.toBeNull();
    expect(identityProblem('')).not.toBeNull();
    expect(identityProblem('with space')).not.toBeNull();
    expect(identityProblem('slash/no')).not.toBeNull();
    expect(identityProblem('ñandú')).not.toBeNull();
  });

  it('wants 16 to 40 printable ASCII characters', () => {
    expect(passwordProblem('0123456789abcdef')).toBeNull();
    expect(passwordProblem('0123456789abcde')).not.toBeNull();
    expect(passwordProblem('x'.repeat(41))).not.toBeNull();
    expect(passwordProblem('0123456789 abcdef')).not.toBeNull();
  });

  it('hashes with scrypt, verifies bytes, and remembers a verified pair without trusting a wrong one', async () => {
    const stored = await hashPassword('SYNTHETIC-pass-0001');
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$/);
    expect(stored).not.toContain('SYNTHETIC');
    expect(await verifyPassword(stored, Buffer.from('SYNTHETIC-pass-0001'))).toBe(true);
    expect(await verifyPassword(stored, Buffer.from('SYNTHETIC-pass-0002'))).toBe(false);
    const cache = new VerifiedCredentials();
    expect(await cache.verify('cp', stored, Buffer.from('SYNTHETIC-pass-0001'))).toBe(true);
    expect(await cache.verify('cp', stored, Buffer.from('SYNTHETIC-pass-0002'))).toBe(false);
    // A new password hash (re-provisioned) does not match what was remembered for the old one.
    const changed = await hashPassword('SYNTHETIC-pass-0003');
    expect(await cache.verify('cp', changed, Buffer.from('SYNTHETIC-pass-0001'))).toBe(false);
  });
});

describe('port mapping', () => {
  it('counts EVSEs shorter-first so EVSE-10 follows EVSE-9', () => {
    expect(evseOrder(['EVSE-10', 'EVSE-2', 'EVSE-1', 'EVSE-9'])).toEqual(['EVSE-1', 'EVSE-2', 'EVSE-9', 'EVSE-10']);
  });

  it('maps OCPP EVSE n to the n-th EVSE without a mapping, and only as declared with one', () => {
    const ordered = ['A', 'B'];
    expect(resolveEvseUid([], ordered, 1, null)).toBe('A');
    expect(resolveEvseUid([], ordered, 2, 1)).toBe('B');
    expect(resolveEvseUid([], ordered, 3, null)).toBeNull();
    expect(resolveEvseUid([], ordered, 0, null)).toBeNull();
    const map = [{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'B' }, { ocppEvseId: 2, ocppConnectorId: 2, evseUid: 'A' }];
    expect(resolveEvseUid(map, ordered, 1, 1)).toBe('B');
    expect(resolveEvseUid(map, ordered, 2, 2)).toBe('A');
    expect(resolveEvseUid(map, ordered, 2, 1)).toBeNull();
  });

  it('rejects mappings onto EVSEs the location lacks, twice-mapped ports, and mappings without a location', () => {
    expect(portMapProblems([{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'A' }], ['A'])).toEqual([]);
    expect(portMapProblems([{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'Z' }], ['A'])[0]!.path).toBe('/ports/0/evseUid');
    expect(portMapProblems([{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'A' }, { ocppEvseId: 1, ocppConnectorId: null, evseUid: 'A' }], ['A'])).toHaveLength(1);
    expect(portMapProblems([{ ocppEvseId: 1, ocppConnectorId: null, evseUid: 'A' }], null)).toHaveLength(1);
  });
});

describe('energy readings', () => {
  it('takes the latest total import register, converting kWh and 2.0.1 multipliers, skipping phases and other measurands', () => {
    expect(energyRegisterWh([{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: '1234' }] }])).toMatchObject({ wh: 1234 });
    expect(energyRegisterWh([
      { timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: '1.5', unit: 'kWh' }] },
      { timestamp: '2026-01-01T00:05:00Z', sampledValue: [{ value: '2.25', unit: 'kWh', measurand: 'Energy.Active.Import.Register' }, { value: '9', unit: 'kWh', phase: 'L1' }] },
    ])).toMatchObject({ wh: 2250 });
    expect(energyRegisterWh([{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: 12, unitOfMeasure: { unit: 'kWh', multiplier: 1 } }] }])).toMatchObject({ wh: 120_000 });
    expect(energyRegisterWh([{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: '7000', measurand: 'Power.Active.Import', unit: 'W' }] }])).toBeNull();
    expect(energyRegisterWh([{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: '12', unit: 'varh' }] }])).toBeNull();
    expect(energyRegisterWh([{ timestamp: '2026-01-01T00:00:00Z', sampledValue: [{ value: 'abc' }] }])).toBeNull();
    expect(energyRegisterWh(undefined)).toBeNull();
  });
});

describe('answers and limits', () => {
  it('maps registration and token states to what OCPP answers', () => {
    expect(bootStatus('accepted')).toBe('Accepted');
    expect(bootStatus('pending')).toBe('Pending');
    expect(bootStatus('rejected')).toBe('Rejected');
    const now = new Date('2026-06-01T00:00:00Z');
    expect(idTokenStatus(undefined, now)).toBe('Invalid');
    expect(idTokenStatus({ status: 'Accepted', expires_at: new Date('2026-05-31T00:00:00Z') }, now)).toBe('Expired');
    expect(idTokenStatus({ status: 'Accepted', expires_at: null }, now)).toBe('Accepted');
    expect(idTokenStatus({ status: 'Blocked', expires_at: null }, now)).toBe('Blocked');
    expect(offlineSince(new Date('2026-06-01T00:00:00Z'), 180).toISOString()).toBe('2026-06-01T00:03:00.000Z');
  });

  it('keeps OCPP 1.6 error codes except NoError and joins the vendor code into info', () => {
    expect(portReport16({ connectorId: 2, status: 'Faulted', errorCode: 'GroundFailure', info: 'RCD', vendorErrorCode: '0x1F' }, new Date(0)))
      .toMatchObject({ ocppEvseId: 2, ocppConnectorId: 0, status: 'OUTOFORDER', errorCode: 'GroundFailure', info: 'RCD; vendor error 0x1F' });
    expect(portReport16({ connectorId: 1, status: 'Available', errorCode: 'NoError' }, new Date(0))).toMatchObject({ errorCode: null, info: null });
  });

  it('lets a burst of the per-minute budget through, then one message per refill interval', () => {
    const bucket = new TokenBucket(60, 0);
    const burst = Array.from({ length: 70 }, () => bucket.take(0)).filter(Boolean).length;
    expect(burst).toBe(60);
    expect(bucket.take(500)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(1000)).toBe(false);
  });
});
