import { describe, expect, it } from 'vitest';
import {
  auditView, changedFields, declaredProvenance, leadingCode, numberedEvses, registrationProblems, toCensusLocation, type RegistrationFields,
} from './charging.registration.domain.js';

/** A synthetic registration at a real point (Querétaro city). */
const fields = (over: Partial<RegistrationFields> = {}): RegistrationFields => ({
  name: 'Cargador sintético', address: null, postalCode: '76000', lat: 20.5888, lon: -100.3899, access: 'public', uses: ['light_duty'],
  paymentMethods: ['app'], ocppSupport: null, openingHours: { twentyfourseven: true }, commissionedOn: '2024-01-15', lifecycleStatus: 'operational',
  evses: [{ connectors: [{ standard: 'CCS1', format: 'CABLE', powerType: 'DC', maxVoltageV: 500, maxAmperageA: 125, maxPowerKw: 62.5 }] }],
  ...over,
});
const today = '2025-06-01';

describe('registrationProblems', () => {
  it('accepts a complete operator registration', () => {
    expect(registrationProblems(fields(), 'operator', today)).toEqual([]);
  });

  it('names swapped and outside points with their own codes', () => {
    expect(registrationProblems(fields({ lat: -100.3899, lon: 20.5888 }), 'operator', today)).toEqual([expect.objectContaining({ path: '/lat', code: 'CHARGING.POINT_SWAPPED' })]);
    expect(registrationProblems(fields({ lat: 48.85, lon: 2.35 }), 'operator', today)).toEqual([expect.objectContaining({ code: 'CHARGING.POINT_OUTSIDE_MEXICO' })]);
  });

  it('checks power, voltage and current against what chargers can be', () => {
    const bad = fields({ evses: [{ connectors: [{ standard: 'CCS1', format: null, powerType: 'DC', maxVoltageV: 20000, maxAmperageA: -1, maxPowerKw: 3500 }] }] });
    expect(registrationProblems(bad, 'operator', today).map((p) => [p.path, p.code])).toEqual([
      ['/evses/0/connectors/0/maxPowerKw', 'CHARGING.IMPLAUSIBLE_POWER'],
      ['/evses/0/connectors/0/maxVoltageV', 'CHARGING.IMPLAUSIBLE_POWER'],
      ['/evses/0/connectors/0/maxAmperageA', 'CHARGING.IMPLAUSIBLE_POWER'],
    ]);
  });

  it('lets operators publish and owners keep private, not the other way round', () => {
    expect(registrationProblems(fields({ access: 'private' }), 'operator', today)[0]?.code).toBe('CHARGING.ACCESS_NOT_ALLOWED');
    expect(registrationProblems(fields({ access: 'restricted' }), 'owner', today)[0]?.code).toBe('CHARGING.ACCESS_NOT_ALLOWED');
    expect(registrationProblems(fields({ access: 'private' }), 'owner', today)).toEqual([]);
  });

  it('checks OCPI opening hours, dates and EVSE ids', () => {
    const paths = (f: RegistrationFields) => registrationProblems(f, 'operator', today).map((p) => p.path);
    expect(paths(fields({ openingHours: { twentyfourseven: false } }))).toEqual(['/openingHours/regular_hours']);
    expect(paths(fields({ openingHours: { twentyfourseven: false, regular_hours: [{ weekday: 8, period_begin: '7:00', period_end: '18:00' }] } })))
      .toEqual(['/openingHours/regular_hours/0/weekday', '/openingHours/regular_hours/0/period_begin']);
    expect(paths(fields({ commissionedOn: '2026-01-01' }))).toEqual(['/commissionedOn']);
    expect(paths(fields({ commissionedOn: '2026-01-01', lifecycleStatus: 'planned' }))).toEqual([]);
    const evse = fields().evses[0]!;
    expect(paths(fields({ evses: [{ ...evse, evseUid: 'A' }, { ...evse, evseUid: 'A' }] }))).toEqual(['/evses/1/evseUid']);
    expect(paths(fields({ evses: [{ connectors: [] }] }))).toEqual(['/evses/0/connectors']);
  });
});

describe('shaping a registration', () => {
  it('leads with the point, then power', () => {
    expect(leadingCode([
      { path: '/name', code: 'CHARGING.INVALID_REGISTRATION', message: '' },
      { path: '/x', code: 'CHARGING.IMPLAUSIBLE_POWER', message: '' },
      { path: '/lat', code: 'CHARGING.POINT_SWAPPED', message: '' },
    ])).toBe('CHARGING.POINT_SWAPPED');
  });

  it('numbers EVSEs without colliding with ids the operator gave', () => {
    const c = fields().evses[0]!.connectors;
    expect(numberedEvses([{ connectors: c }, { evseUid: 'EVSE-1', connectors: c }, { connectors: c }]).map((e) => e.evseUid)).toEqual(['EVSE-2', 'EVSE-1', 'EVSE-3']);
  });

  it('becomes the census shape with vocabulary codes and no unknown connectors', () => {
    const l = toCensusLocation('reg:x', fields(), { operatorName: 'Operadora', ownerName: null });
    expect(l).toMatchObject({ sourceKey: 'reg:x', countryCode: 'MX', operatorName: 'Operadora', stateAsGiven: null });
    expect(l.evses[0]!.connectors[0]).toMatchObject({ connectorId: '1', standard: 'CCS1', sourceCode: 'reg:CCS1', maxPowerKw: 62.5 });
  });

  it('records who declared each field and when', () => {
    const p = declaredProvenance(['name', 'lat'], 'owner', 'u1', new Date('2025-01-02T03:04:05Z'));
    expect(p).toEqual({
      name: { source: 'registration', method: 'declared by owner', userId: 'u1', declaredAt: '2025-01-02T03:04:05.000Z' },
      lat: { source: 'registration', method: 'declared by owner', userId: 'u1', declaredAt: '2025-01-02T03:04:05.000Z' },
    });
  });

  it('finds changed fields by content and withholds a private point from the audit view', () => {
    expect(changedFields(fields({ uses: ['fleet', 'light_duty'] }), fields({ uses: ['light_duty', 'fleet'] }))).toEqual([]);
    expect(changedFields(fields(), fields({ name: 'Otro', lat: 20.6 }))).toEqual(['name', 'lat']);
    expect(auditView(fields({ access: 'private' }), ['lat', 'name'])).toEqual({ lat: 'withheld: private charger', name: 'Cargador sintético' });
    expect(auditView(fields(), ['lat'])).toEqual({ lat: 20.5888 });
  });
});
