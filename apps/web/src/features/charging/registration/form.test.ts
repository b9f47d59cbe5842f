import { describe, expect, it } from 'vitest';
import { bodyOf, createBodyOf, emptyForm, parseDecimal, serverErrors, validateForm, type RegistrationForm } from './form';

/** A synthetic registration at a real point (Querétaro city). */
const filled = (over: Partial<RegistrationForm> = {}): RegistrationForm => ({
  ...emptyForm('operator', 'org-1'),
  name: 'Cargador sintético', lat: '20.5888', lon: '-100.3899',
  evses: [{ evseUid: '', connectors: [{ standard: 'CCS1', format: 'CABLE', powerType: 'DC', maxVoltageV: '', maxAmperageA: '', maxPowerKw: '150' }] }],
  ...over,
});

describe('registration form', () => {
  it('reads decimals with a point or a comma', () => {
    expect(parseDecimal('20,5')).toBe(20.5);
    expect(parseDecimal(' -100.39 ')).toBe(-100.39);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('20.5.1')).toBeNaN();
  });

  it('accepts a complete form and builds the API body, leaving undeclared values null', () => {
    expect(validateForm(filled())).toEqual({});
    const body = createBodyOf(filled());
    expect(body).toMatchObject({ actingAs: 'operator', organisationId: 'org-1', lat: 20.5888, lon: -100.3899, openingHours: { twentyfourseven: true }, ocppSupport: null });
    expect(body.evses[0]).toEqual({ evseUid: null, connectors: [{ standard: 'CCS1', format: 'CABLE', powerType: 'DC', maxVoltageV: null, maxAmperageA: null, maxPowerKw: 150 }] });
  });

  it('flags each bad field at its pointer', () => {
    const errors = validateForm(filled({
      organisationId: '', name: 'x', postalCode: '123', lat: '-100.3899', lon: '20.5888', hoursMode: 'weekly',
      periods: [{ weekday: 1, begin: '18:00', end: '08:00' }],
      evses: [{ evseUid: '', connectors: [{ standard: 'J1772', format: '', powerType: '', maxVoltageV: '-1', maxAmperageA: '', maxPowerKw: '5000' }] }, { evseUid: '', connectors: [] }],
    }));
    expect(errors).toEqual({
      '/organisationId': { key: 'organisation' }, '/name': { key: 'nameShort' }, '/postalCode': { key: 'postalCode' }, '/lat': { key: 'swapped' },
      '/openingHours/regular_hours/0/period_end': { key: 'period' },
      '/evses/0/connectors/0/maxPowerKw': { key: 'power' }, '/evses/0/connectors/0/maxVoltageV': { key: 'positive' }, '/evses/1/connectors': { key: 'oneConnector' },
    });
  });

  it('sends weekly hours in OCPI shape and private owners without an organisation', () => {
    const owner = { ...emptyForm('owner'), name: 'Casa', lat: '25.68', lon: '-100.31', hoursMode: 'weekly' as const, periods: [{ weekday: 6, begin: '09:00', end: '14:00' }] };
    expect(validateForm(owner)).toEqual({});
    expect(createBodyOf(owner)).toMatchObject({ actingAs: 'owner', organisationId: null, access: 'private' });
    expect(bodyOf(owner).openingHours).toEqual({ twentyfourseven: false, regular_hours: [{ weekday: 6, period_begin: '09:00', period_end: '14:00' }] });
  });

  it('keys server errors by the body pointer', () => {
    expect(serverErrors([{ path: '/lat', message: 'outside' }, { path: '/body/name', message: 'short' }])).toEqual({ '/lat': { text: 'outside' }, '/name': { text: 'short' } });
  });
});
