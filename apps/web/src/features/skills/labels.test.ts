import { describe, expect, it } from 'vitest';
import { currencyNote, formatMoney, formatSalaryAmounts, labelIn, labelLanguage, placeLabel, schemesOf } from './labels';
import { isTaxonomyId, occupationPath, pathwayPath, vacancyPath } from './paths';

describe('labelIn', () => {
  const both = { id: 'esco:1', labelEs: 'técnico de baterías', labelEn: 'battery technician' };
  it('picks the page language and falls back to the other one, then the id', () => {
    expect(labelIn(both, 'es-MX')).toBe('técnico de baterías');
    expect(labelIn(both, 'en')).toBe('battery technician');
    // ESCO 1.2.0 occupations have English labels only.
    expect(labelIn({ id: 'esco:2', labelEs: null, labelEn: 'battery system engineer' }, 'es-MX')).toBe('battery system engineer');
    expect(labelLanguage({ labelEs: null, labelEn: 'battery system engineer' }, 'es-MX')).toBe('en');
    expect(labelLanguage(both, 'es-MX')).toBe('es');
    expect(labelIn({ id: 'local:x', labelEs: ' ', labelEn: '' }, 'en')).toBe('local:x');
  });
});

describe('salary formatting', () => {
  it('formats a range with the currency of each locale, never an ambiguous "$"', () => {
    expect(formatSalaryAmounts({ min: 15000, max: 20000, currency: 'MXN' }, 'es-MX')).toBe('$15,000 – $20,000');
    expect(formatSalaryAmounts({ min: 15000, max: 20000, currency: 'MXN' }, 'en')).toBe('MX$15,000 – MX$20,000');
    expect(formatSalaryAmounts({ min: 52000, max: 61000, currency: 'USD' }, 'en')).toBe('$52,000 – $61,000');
    expect(formatSalaryAmounts({ min: 52000, max: 61000, currency: 'USD' }, 'es-MX')).toMatch(/^USD\s?52,000 – USD\s?61,000$/);
    expect(currencyNote('MXN', 'es-MX')).toBe('MXN');
    expect(currencyNote('USD', 'en')).toBe('USD');
    expect(currencyNote('USD', 'es-MX')).toBeNull();
  });

  it('keeps cents for hourly pay and shows one amount when min equals max', () => {
    expect(formatSalaryAmounts({ min: 17.5, max: 22, currency: 'USD' }, 'en')).toBe('$17.50 – $22.00');
    expect(formatSalaryAmounts({ min: 9000, max: 9000, currency: 'MXN' }, 'es-MX')).toBe('$9,000');
    expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
  });

  it('still shows the figures when the currency code is unknown to the browser', () => {
    expect(formatSalaryAmounts({ min: 1, max: 2, currency: 'ZZ' }, 'en')).toBe('ZZ 1–2');
  });
});

describe('places and ids', () => {
  it('joins the parts of a place that are there', () => {
    expect(placeLabel(['Ramos Arizpe', null, 'Coahuila de Zaragoza', ''])).toBe('Ramos Arizpe, Coahuila de Zaragoza');
  });

  it('encodes the colon of taxonomy ids in page paths and recognises the schemes', () => {
    expect(occupationPath('onet:17-2141.02')).toBe('/habilidades/ocupaciones/onet%3A17-2141.02');
    expect(vacancyPath('0b7e')).toBe('/empleo/vacantes/0b7e');
    expect(pathwayPath('esco:a', 'onet:b')).toBe('/habilidades/trayectorias?from=esco%3Aa&to=onet%3Ab');
    expect(pathwayPath(null, null)).toBe('/habilidades/trayectorias');
    expect(isTaxonomyId('esco:0b7e1c1e-1a2b-4c3d-8e9f-001122334455')).toBe(true);
    expect(isTaxonomyId('local:high-voltage-safety')).toBe(true);
    expect(isTaxonomyId('other:1')).toBe(false);
    expect(isTaxonomyId('esco:<script>')).toBe(false);
    expect([...schemesOf(['esco:1', 'onet:2', 'esco:3'])].sort()).toEqual(['esco', 'onet']);
  });
});
