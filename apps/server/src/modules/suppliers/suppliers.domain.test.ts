import { describe, expect, it } from 'vitest';
import { checkRfc, companyKey, nameKey, parseCoordinate, sizeClassOfStratum, stratumOf } from './suppliers.domain.js';
import { componentCatalogue, isAutomotiveScian } from './suppliers.taxonomy.js';

describe('RFC', () => {
  it('accepts legal entities and people with a valid check digit, upper-cased and trimmed', () => {
    expect(checkRfc(' mag041126gt8 ')).toEqual({ ok: true, rfc: 'MAG041126GT8', type: 'company' });
    expect(checkRfc('GODE561231GR8')).toEqual({ ok: true, rfc: 'GODE561231GR8', type: 'person' });
  });
  it('says why an RFC is refused', () => {
    expect(checkRfc('AAA010101AAA')).toMatchObject({ ok: false, message: expect.stringContaining('check digit') });
    expect(checkRfc('ABC991332XY1')).toMatchObject({ ok: false, message: expect.stringMatching(/date|12 characters/) });
    expect(checkRfc('12345')).toMatchObject({ ok: false, message: expect.stringContaining('12 characters') });
  });
  it('refuses the generic RFCs, which would join unrelated companies', () => {
    expect(checkRfc('XAXX010101000')).toMatchObject({ ok: false, message: expect.stringContaining('generic') });
    expect(checkRfc('XEXX010101000').ok).toBe(false);
  });
});

describe('name keys', () => {
  it('drop Mexican legal forms however they are written, accents and abbreviations', () => {
    expect(nameKey('Cía. Ind. Acme, S.A. de C.V.')).toBe('compania industrial acme');
    expect(nameKey('COMPAÑIA INDUSTRIAL ACME SA DE CV')).toBe('compania industrial acme');
    expect(nameKey('Nissan Mexicana, S. de R.L. de C.V.')).toBe('nissan mexicana');
    expect(nameKey('Grupo Bimbo SAB de CV')).toBe('grupo bimbo');
    expect(nameKey('Metalsa SAPI de CV')).toBe('metalsa');
  });
  it('never strip a name down to nothing', () => {
    expect(nameKey('S.A.')).toBe('s a');
  });
  it('key companies by RFC when known, else by legal name', () => {
    expect(companyKey({ rfc: 'MAG041126GT8', legalName: 'Acme SA de CV' })).toBe('rfc:MAG041126GT8');
    expect(companyKey({ rfc: null, legalName: 'Acme, S.A. de C.V.' })).toBe('name:acme');
    expect(companyKey({ rfc: null, legalName: ' , ' })).toBeNull();
  });
});

describe('employee strata', () => {
  it('read DENUE per_ocu labels and head counts', () => {
    expect(stratumOf('0 a 5 personas')).toBe('0-5');
    expect(stratumOf('251 y más personas')).toBe('251+');
    expect(stratumOf('101 a 250 personas')).toBe('101-250');
    expect(stratumOf(42)).toBe('31-50');
    expect(stratumOf('7 a 12 personas')).toBeNull();
    expect(stratumOf('muchos')).toBeNull();
  });
  it('map to the size classes of the Ministry of Economy', () => {
    expect(sizeClassOfStratum('6-10')).toBe('micro');
    expect(sizeClassOfStratum('31-50')).toBe('small');
    expect(sizeClassOfStratum('101-250')).toBe('medium');
    expect(sizeClassOfStratum('251+')).toBe('large');
  });
});

describe('coordinates', () => {
  it('read degrees-minutes-seconds as RETC writes them, west made negative', () => {
    expect(parseCoordinate(`22°7'16"`)).toBeCloseTo(22.12111, 5);
    expect(parseCoordinate(`89°31'57"`, { westPositive: true })).toBeCloseTo(-89.5325, 4);
    expect(parseCoordinate(`99° 4' 20" O`)).toBeCloseTo(-99.07222, 4);
    expect(parseCoordinate('-100.98')).toBe(-100.98);
    expect(parseCoordinate('sin dato')).toBeNull();
    expect(parseCoordinate('')).toBeNull();
  });
});

describe('taxonomy', () => {
  it('has unique component codes, each with an HS heading', () => {
    const codes = componentCatalogue.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of componentCatalogue) expect(c.hsCodes.every((hs) => /^\d{4}(\.\d{2})?$/.test(hs))).toBe(true);
  });
  it('knows the automotive supply chain by SCIAN prefix', () => {
    expect(isAutomotiveScian('336390')).toBe(true);
    expect(isAutomotiveScian('335910')).toBe(true);
    expect(isAutomotiveScian('112211')).toBe(false);
  });
});
