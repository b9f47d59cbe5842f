import { describe, expect, it } from 'vitest';
import { checkMexicanPoint, isCveEnt, isCvegeoLocality, isCvegeoMunicipality, municipalityNotes, padCode, parseNumber } from './geo.domain.js';

describe('INEGI codes', () => {
  it('accepts state codes 01–32 only', () => {
    expect(isCveEnt('01')).toBe(true);
    expect(isCveEnt('32')).toBe(true);
    expect(isCveEnt('00')).toBe(false);
    expect(isCveEnt('33')).toBe(false);
    expect(isCveEnt('1')).toBe(false);
  });
  it('checks municipal and locality CVEGEO', () => {
    expect(isCvegeoMunicipality('22014')).toBe(true);
    expect(isCvegeoMunicipality('22000')).toBe(false);
    expect(isCvegeoMunicipality('40001')).toBe(false);
    expect(isCvegeoLocality('220140001')).toBe(true);
    expect(isCvegeoLocality('22014001')).toBe(false);
  });
  it('restores leading zeros that spreadsheets drop', () => {
    expect(padCode(1001, 5)).toBe('01001');
    expect(padCode('9', 2)).toBe('09');
    expect(padCode('', 2)).toBeNull();
    expect(padCode('ABC', 2)).toBe('ABC');
  });
});

describe('checkMexicanPoint', () => {
  it('accepts a point in Mexico', () => {
    expect(checkMexicanPoint(19.4326, -99.1332)).toBeNull();
  });
  it('recognises swapped latitude and longitude', () => {
    expect(checkMexicanPoint(-99.1332, 19.4326)?.code).toBe('IMPORT.ROW_SWAPPED_COORDINATES');
  });
  it('flags a positive longitude as outside Mexico and suggests the sign', () => {
    const problem = checkMexicanPoint(19.4326, 99.1332);
    expect(problem?.code).toBe('IMPORT.ROW_OUTSIDE_MEXICO');
    expect(problem?.message).toContain('-99.1332');
  });
  it('flags points elsewhere in the world', () => {
    expect(checkMexicanPoint(40.4168, -3.7038)?.code).toBe('IMPORT.ROW_OUTSIDE_MEXICO');
  });
  it('rejects missing or impossible values', () => {
    expect(checkMexicanPoint(null, -99)?.code).toBe('IMPORT.ROW_INVALID_VALUE');
    expect(checkMexicanPoint(Number.NaN, -99)?.code).toBe('IMPORT.ROW_INVALID_VALUE');
    expect(checkMexicanPoint(95, 200)?.code).toBe('IMPORT.ROW_INVALID_VALUE');
  });
});

describe('parseNumber', () => {
  it('reads thousands separators and never turns blank into 0', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('  ')).toBeNull();
    expect(parseNumber(null)).toBeNull();
    expect(parseNumber('abc')).toBeNaN();
  });
});

describe('municipalityNotes', () => {
  it('says when a municipality has no boundary or was created after the census', () => {
    expect(municipalityNotes({ hasBoundary: false, population2020: 0 })).toEqual(['no_boundary_in_vintage', 'created_after_census']);
    expect(municipalityNotes({ hasBoundary: true, population2020: 1000 })).toEqual([]);
  });
});
