import { describe, expect, it } from 'vitest';
import {
  emptyForm, emptyPlant, establishmentBodyOf, firstStepWithError, marketCodes, patchOf, plantFromEstablishment, registrationBodyOf, serverErrors, splitList, stepOf,
  validatePlant, validateStep, type RegistrationForm,
} from './form';
import type { OwnEstablishment } from './types';

/** A synthetic registration at a real point (an industrial park in Ramos Arizpe, Coahuila). */
const filled = (): RegistrationForm => ({
  organisationId: '',
  company: { legalName: 'Arneses Sintéticos, S.A. de C.V.', tradeNames: 'Arneses Sint, ArnSint', rfc: 'asi010101ab1', sizeClass: 'medium', ownershipCountry: 'mx', website: 'arneses.example' },
  plant: {
    ...emptyPlant(), name: 'Planta Sintética Ramos', postalCode: '25900', lat: '25,5406', lon: '-100.9512', scian: '336320', employeesStratum: '101-250',
    tiers: ['tier2'], processes: ['wire_harness'], components: ['hv_harness'], certifications: [{ code: 'iatf_16949', expiresOn: '2027-06-30', certificateId: '' }],
    oemCustomers: 'GM;  Stellantis\nGM', exportMarkets: ['US'], otherMarkets: 'cz, pl', evReadiness: 'makes_ev_parts', phone: '+52 844 000 0000',
    email: 'ventas@arneses.example', contactConsent: true,
  },
  declaration: true,
});

/** Fixed, so the expiry checks do not depend on when the tests run. */
const today = '2026-12-01';

describe('supplier registration form', () => {
  it('starts for the first organisation the user edits, with its name as the legal name', () => {
    const form = emptyForm([{ organisationId: 'o1', organisationName: 'Viewer Org', role: 'member' }, { organisationId: 'o2', organisationName: 'Acme', role: 'editor' }]);
    expect(form.organisationId).toBe('o2');
    expect(form.company.legalName).toBe('Acme');
    expect(emptyForm([]).organisationId).toBe('');
  });

  it('passes every step when complete and builds the API body without empty fields', () => {
    for (const step of ['company', 'location', 'activity', 'contact', 'review'] as const) expect(validateStep(filled(), step, today)).toEqual({});
    const body = registrationBodyOf(filled());
    expect(body.organisationId).toBeUndefined();
    expect(body.company).toEqual({ legalName: 'Arneses Sintéticos, S.A. de C.V.', tradeNames: ['Arneses Sint', 'ArnSint'], rfc: 'ASI010101AB1', sizeClass: 'medium', ownershipCountry: 'MX', website: 'https://arneses.example' });
    expect(body.establishment).toMatchObject({
      name: 'Planta Sintética Ramos', lat: 25.5406, lon: -100.9512, scian: '336320', oemCustomers: ['GM', 'Stellantis'], exportMarkets: ['US', 'CZ', 'PL'],
      certifications: [{ code: 'iatf_16949', expiresOn: '2027-06-30' }], contactConsent: true, tiers: ['tier2'],
    });
    expect('street' in body.establishment).toBe(false);
    expect(registrationBodyOf({ ...filled(), organisationId: 'o2' }).organisationId).toBe('o2');
  });

  it('checks only the fields of the current step, keyed by the server pointer', () => {
    const form = filled();
    form.company.legalName = '';
    form.company.rfc = 'NOT AN RFC';
    form.plant.lat = '-100.95';
    form.plant.lon = '25.54';
    form.plant.scian = '3363';
    form.plant.otherMarkets = 'Chequia';
    form.plant.email = 'ventas@';
    form.declaration = false;
    expect(validateStep(form, 'company', today)).toEqual({ '/company/legalName': { key: 'required' }, '/company/rfc': { key: 'rfc' } });
    expect(validateStep(form, 'location', today)).toEqual({ '/establishment/lat': { key: 'swapped' } });
    expect(validateStep(form, 'activity', today)).toEqual({ '/establishment/scian': { key: 'scian' }, '/establishment/exportMarkets': { key: 'countries' } });
    expect(validateStep(form, 'contact', today)).toEqual({ '/establishment/email': { key: 'email' }, '/declaration': { key: 'declaration' } });
    expect(Object.keys(validateStep(form, 'review', today))).toHaveLength(7);
  });

  it('refuses an expired certificate, Mexico as an export market and a short phone, as the server does', () => {
    const form = filled();
    form.plant.certifications = [{ code: 'iso_9001', expiresOn: '2026-11-30', certificateId: '' }, { code: 'iso_14001', expiresOn: '2026-12-01', certificateId: '' }];
    form.plant.otherMarkets = 'mx';
    form.plant.phone = '844 000 00';
    expect(validateStep(form, 'review', today)).toEqual({
      '/establishment/certifications/0/expiresOn': { key: 'certificationExpired' }, '/establishment/exportMarkets': { key: 'homeMarket' }, '/establishment/phone': { key: 'phone' },
    });
  });

  it('shows every field the API takes on a step before the review, so a server message lands next to its field', () => {
    const body = registrationBodyOf(filled());
    for (const key of Object.keys(establishmentBodyOf(filled().plant))) expect(stepOf(`/establishment/${key}`), key).not.toBe('review');
    for (const key of Object.keys(body.company)) expect(stepOf(`/company/${key}`), key).toBe('company');
  });

  it('maps each pointer to the step that shows it', () => {
    expect(stepOf('/company/rfc')).toBe('company');
    expect(stepOf('/organisationId')).toBe('company');
    expect(stepOf('/establishment/lon')).toBe('location');
    expect(stepOf('/establishment/certifications/0/expiresOn')).toBe('activity');
    expect(stepOf('/establishment/contactConsent')).toBe('contact');
    expect(stepOf('/somethingElse')).toBe('review');
    expect(firstStepWithError({ '/establishment/email': { key: 'email' }, '/establishment/postalCode': { key: 'postalCode' } })).toBe('location');
    expect(firstStepWithError({})).toBeNull();
  });

  it('places server errors at their fields, with a prefix for PATCH and by code when the server names no field', () => {
    expect(serverErrors({ code: 'SUPPLIERS.INVALID_REGISTRATION', title: 't', detail: '', errors: [{ path: '/body/establishment/tiers/0', message: 'unknown tier' }] }))
      .toEqual({ '/establishment/tiers/0': { text: 'unknown tier' } });
    expect(serverErrors({ code: 'SUPPLIERS.INVALID_REGISTRATION', title: 't', detail: '', errors: [{ path: '/email', message: 'bad' }] }, '/establishment'))
      .toEqual({ '/establishment/email': { text: 'bad' } });
    // The leading code belongs to its own field only, not to the other problems of the same answer.
    expect(serverErrors({ code: 'SUPPLIERS.INVALID_RFC', title: 't', detail: '', errors: [{ path: '/company/rfc', message: 'check digit' }, { path: '/establishment/tiers/0', message: 'unknown tier' }] }))
      .toEqual({ '/company/rfc': { text: 'check digit', code: 'SUPPLIERS.INVALID_RFC' }, '/establishment/tiers/0': { text: 'unknown tier' } });
    expect(serverErrors({ code: 'SUPPLIERS.INVALID_RFC', title: 'The RFC is not valid', detail: 'check digit', errors: [] }))
      .toEqual({ '/company/rfc': { text: 'check digit', code: 'SUPPLIERS.INVALID_RFC' } });
    expect(serverErrors({ code: 'SUPPLIERS.POINT_OUTSIDE_MEXICO', title: 'Outside', detail: '', errors: [] })).toHaveProperty(['/establishment/lat']);
  });

  it('reads lists and market codes as typed', () => {
    expect(splitList(' a, b;\nb ,, ')).toEqual(['a', 'b']);
    expect(marketCodes({ exportMarkets: ['US'], otherMarkets: 'us, de, Alemania' })).toEqual({ codes: ['US', 'DE'], invalid: ['ALEMANIA'] });
  });
});

describe('editing a plant', () => {
  const own: OwnEstablishment = {
    id: 'e1', sourceKey: 'retc:SYN-1', name: 'Planta Sintética', origin: 'import', source: 'retc', editable: true, readOnlyReason: null, company: null, street: 'Av. Uno', exteriorNumber: null,
    neighbourhood: null, postalCode: '25900', locality: null, industrialPark: null, lat: 25.54, lon: -100.95, cveEnt: '05', stateName: 'Coahuila de Zaragoza',
    cvegeo: '05027', municipalityName: 'Ramos Arizpe', scian: '336320', employeesStratum: null, tiers: [], processes: ['stamping'], components: [],
    certifications: [{ code: 'iso_9001', expiresOn: '2026-01-31' }], oemCustomers: [], exportMarkets: ['US', 'CZ'], evReadiness: null, phone: null, email: null,
    website: null, contactConsent: false, updatedAt: '2026-12-01T10:00:00.000Z',
  };

  it('round-trips the establishment into the form', () => {
    const plant = plantFromEstablishment(own);
    expect(plant).toMatchObject({ lat: '25.54', exportMarkets: ['US'], otherMarkets: 'CZ', certifications: [{ code: 'iso_9001', expiresOn: '2026-01-31', certificateId: '' }] });
    expect(validatePlant(plant, '2026-01-31')).toEqual({});
    expect(validatePlant(plant, today)).toEqual({ '/establishment/certifications/0/expiresOn': { key: 'certificationExpired' } });
  });

  it('sends only what changed, with null for a cleared field and both coordinates when the point moved', () => {
    const initial = plantFromEstablishment(own);
    expect(patchOf(initial, initial, own.updatedAt)).toEqual({ updatedAt: own.updatedAt });
    const edited = { ...initial, street: '', contactConsent: true, lon: '-100.96', processes: ['stamping', 'welding'] };
    expect(patchOf(initial, edited, own.updatedAt)).toEqual({ updatedAt: own.updatedAt, street: null, contactConsent: true, lat: 25.54, lon: -100.96, processes: ['stamping', 'welding'] });
  });
});
