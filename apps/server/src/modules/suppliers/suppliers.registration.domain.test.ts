import { describe, expect, it } from 'vitest';
import {
  changedFields, companyProblems, correctedByAdmin, declaredByCompany, declaredColumns, declaredProvenance, establishmentFieldNames,
  establishmentProblems, isIsoCountry, isPhone, leadingCode, normaliseCompany, normaliseEstablishment,
  type EstablishmentFields, type RegistrationContext,
} from './suppliers.registration.domain.js';

/* Synthetic declarations: the RFCs have a valid form and check digit but were made up for these tests. */
const context: RegistrationContext = {
  components: new Map([['inverter', { retired: false }], ['battery_cell', { retired: false }], ['carburettor', { retired: true }]]),
  scianTitle: (code) => (code === '336390' ? 'Fabricación de otras partes para vehículos automotrices' : null),
  today: '2026-12-03',
};
const plant = (over: Partial<EstablishmentFields> = {}): EstablishmentFields => ({
  name: 'Planta Sintética Ramos', street: 'Blvd. Industrial', exteriorNumber: '100', neighbourhood: null, postalCode: '25900', locality: 'Ramos Arizpe',
  industrialPark: 'Parque Industrial Santa María', lat: 25.54, lon: -100.95, scian: '336390', employeesStratum: '101-250', tiers: ['tier1'],
  processes: ['die_casting', 'machining'], components: ['inverter'], certifications: [{ code: 'iatf_16949', expiresOn: '2027-05-31' }],
  oemCustomers: ['General Motors'], exportMarkets: ['US', 'CA'], evReadiness: 'makes_ev_parts', phone: '+52 844 123 4567', email: 'ventas@example.mx',
  website: 'https://example.mx', contactConsent: true, ...over,
});
const pathsOf = (problems: Array<{ path: string }>) => problems.map((p) => p.path);

describe('an establishment declaration', () => {
  it('passes when every value is in the taxonomy, the catalogue and SCIAN', () => {
    expect(establishmentProblems(plant(), context)).toEqual([]);
  });

  it('names each value outside the taxonomy by its path', () => {
    const problems = establishmentProblems(plant({
      tiers: ['tier1', 'tier9', 'tier1'], processes: ['welding', 'teleportation'], employeesStratum: '7-9' as never, evReadiness: 'maybe' as never,
    }), context);
    expect(pathsOf(problems)).toEqual(['/establishment/employeesStratum', '/establishment/tiers/1', '/establishment/tiers/2', '/establishment/processes/1', '/establishment/evReadiness']);
    expect(problems.every((p) => p.code === 'SUPPLIERS.INVALID_REGISTRATION')).toBe(true);
    expect(problems[1]!.message).toContain('tier1, tier2');
  });

  it('refuses components missing from the catalogue or retired from it', () => {
    const problems = establishmentProblems(plant({ components: ['inverter', 'flux_capacitor', 'carburettor', 'inverter'] }), context);
    expect(pathsOf(problems)).toEqual(['/establishment/components/1', '/establishment/components/2', '/establishment/components/3']);
    expect(problems[1]!.message).toContain('retired');
  });

  it('checks certifications: code, real date, not expired, not twice', () => {
    const problems = establishmentProblems(plant({
      certifications: [
        { code: 'iso_9001', expiresOn: '2026-02-30' }, { code: 'iso_14001', expiresOn: '2026-12-02' }, { code: 'six_sigma' }, { code: 'iso_9001' },
      ],
    }), context);
    expect(pathsOf(problems)).toEqual([
      '/establishment/certifications/0/expiresOn', '/establishment/certifications/1/expiresOn', '/establishment/certifications/2/code', '/establishment/certifications/3/code',
    ]);
    expect(problems[1]!.message).toContain('expired on 2026-12-02');
    // Expiring today is still held today.
    expect(establishmentProblems(plant({ certifications: [{ code: 'iso_9001', expiresOn: '2026-12-03' }] }), context)).toEqual([]);
  });

  it('takes export markets as ISO 3166-1 alpha-2 codes, not Mexico, not groupings', () => {
    const problems = establishmentProblems(plant({ exportMarkets: ['us', 'MX', 'EU', 'ZZ', 'XX', 'DE', 'de'] }), context);
    expect(pathsOf(problems)).toEqual(['/establishment/exportMarkets/1', '/establishment/exportMarkets/2', '/establishment/exportMarkets/3', '/establishment/exportMarkets/4', '/establishment/exportMarkets/6']);
    expect(isIsoCountry('JP')).toBe(true);
    expect(isIsoCountry('XK')).toBe(false);
    expect(isIsoCountry('jp')).toBe(false);
  });

  it('checks SCIAN against the classification when it is given, else only its form', () => {
    expect(pathsOf(establishmentProblems(plant({ scian: '336399' }), context))).toEqual(['/establishment/scian']);
    expect(pathsOf(establishmentProblems(plant({ scian: '3363' }), context))).toEqual(['/establishment/scian']);
    expect(establishmentProblems(plant({ scian: '336399' }), { ...context, scianTitle: undefined })).toEqual([]);
  });

  it('refuses points outside Mexico with their own code, and swapped ones too', () => {
    const outside = establishmentProblems(plant({ lat: 40.4, lon: -3.7 }), context);
    expect(outside).toEqual([expect.objectContaining({ path: '/establishment/lat', code: 'SUPPLIERS.POINT_OUTSIDE_MEXICO' })]);
    const swapped = establishmentProblems(plant({ lat: -100.95, lon: 25.54 }), context);
    expect(swapped[0]).toMatchObject({ code: 'SUPPLIERS.POINT_OUTSIDE_MEXICO', message: expect.stringContaining('swapped') });
    expect(leadingCode([...swapped, { path: '/company/rfc', code: 'SUPPLIERS.INVALID_RFC', message: '' }])).toBe('SUPPLIERS.POINT_OUTSIDE_MEXICO');
  });

  it('checks contact details and the postal code', () => {
    const problems = establishmentProblems(plant({ phone: '123', email: 'ventas@', website: 'ftp://example.mx', postalCode: '2590' }), context);
    expect(pathsOf(problems)).toEqual(['/establishment/postalCode', '/establishment/phone', '/establishment/email', '/establishment/website']);
    expect(isPhone('(844) 123-4567')).toBe(true);
    expect(isPhone('+1 313 555 0100')).toBe(true);
  });

  it('judges an edit on the fields it gives, under the prefix asked', () => {
    expect(establishmentProblems({ phone: '8441234567' }, context, '')).toEqual([]);
    expect(pathsOf(establishmentProblems({ tiers: ['tier0'] }, context, ''))).toEqual(['/tiers/0']);
    // A latitude alone is checked with the longitude it will be paired with.
    expect(pathsOf(establishmentProblems({ lat: 25.5 }, context, ''))).toEqual(['/lat']);
  });
});

describe('a company declaration', () => {
  it('passes a valid one and normalises it', () => {
    const company = { legalName: ' Fundiciones Sintéticas, S.A. de C.V. ', tradeNames: ['FuSin', 'fusin', ' '], rfc: ' psi200101ab3 ', sizeClass: 'medium' as const, ownershipCountry: 'de', website: '' };
    expect(companyProblems({ ...company, tradeNames: ['FuSin'] })).toEqual([]);
    expect(normaliseCompany(company)).toEqual({
      legalName: 'Fundiciones Sintéticas, S.A. de C.V.', tradeNames: ['fusin'], rfc: 'PSI200101AB3', sizeClass: 'medium', ownershipCountry: 'DE', website: null,
    });
  });

  it('answers a bad RFC with its own code, and other fields with theirs', () => {
    const problems = companyProblems({ legalName: 'X', tradeNames: ['A', 'a'], rfc: 'PSI200101AB4', sizeClass: 'huge' as never, ownershipCountry: 'Germany', website: 'not a site' });
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/company/legalName', 'SUPPLIERS.INVALID_REGISTRATION'],
      ['/company/tradeNames/1', 'SUPPLIERS.INVALID_REGISTRATION'],
      ['/company/rfc', 'SUPPLIERS.INVALID_RFC'],
      ['/company/sizeClass', 'SUPPLIERS.INVALID_REGISTRATION'],
      ['/company/ownershipCountry', 'SUPPLIERS.INVALID_REGISTRATION'],
      ['/company/website', 'SUPPLIERS.INVALID_REGISTRATION'],
    ]);
    expect(leadingCode(problems)).toBe('SUPPLIERS.INVALID_RFC');
    expect(leadingCode(problems.filter((p) => p.code !== 'SUPPLIERS.INVALID_RFC'))).toBe('SUPPLIERS.INVALID_REGISTRATION');
    expect(companyProblems({ rfc: 'XAXX010101000' })[0]!.message).toContain('generic');
  });
});

describe('provenance of declared fields', () => {
  it('says who declared each field and how, and tells imports which columns to leave alone', () => {
    const at = new Date('2026-12-03T10:00:00Z');
    const provenance: Record<string, unknown> = {
      record: { source: 'denue', method: 'imported' },
      ...declaredProvenance(['phone', 'employeesStratum', 'exportMarkets'], 'u1', at),
      ...declaredProvenance(['lat'], 'admin1', at, correctedByAdmin),
    };
    expect(provenance.phone).toEqual({ source: 'suppliers-registration', method: declaredByCompany, userId: 'u1', declaredAt: '2026-12-03T10:00:00.000Z' });
    expect(declaredColumns(provenance).sort()).toEqual(['employees_stratum', 'export_markets', 'lat', 'phone']);
    expect(declaredColumns(null)).toEqual([]);
  });

  it('finds the fields an edit changes, comparing arrays and certifications by content', () => {
    const before = plant();
    const patch = normaliseEstablishment({ phone: ' +52 844 123 4567 ', tiers: ['tier1'], exportMarkets: ['us', 'CA'], certifications: [{ code: 'iatf_16949', expiresOn: '2027-05-31', certificateId: ' ' }], email: 'otro@example.mx' });
    expect(changedFields(establishmentFieldNames, before, patch)).toEqual(['email']);
  });
});
