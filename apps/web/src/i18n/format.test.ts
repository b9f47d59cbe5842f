import { describe, expect, it } from 'vitest';
import { density, formatArea, formatBytes, formatDecimal, formatInteger, formatPercent } from './format';
import { intlLocale, normaliseLanguage } from './languages';

describe('number formatting', () => {
  it('groups thousands in es-MX and en', () => {
    expect(formatInteger(126014024, 'es-MX')).toBe('126,014,024');
    expect(formatInteger(126014024, 'en')).toBe('126,014,024');
  });

  it('uses a point for decimals in both languages', () => {
    expect(formatDecimal(1234.56, 'es-MX', 1)).toBe('1,234.6');
    expect(formatDecimal(1234.56, 'en', 2)).toBe('1,234.56');
  });

  it('gives a fallback for missing values', () => {
    expect(formatInteger(null, 'es-MX')).toBe('—');
    expect(formatInteger(undefined, 'en', 'n/a')).toBe('n/a');
    expect(formatInteger(Number.NaN, 'en', 'n/a')).toBe('n/a');
    expect(formatArea(null, 'es-MX', 'No disponible')).toBe('No disponible');
  });

  it('formats areas with one decimal only when small', () => {
    expect(formatArea(12.345, 'es-MX')).toBe('12.3');
    expect(formatArea(1964375.4, 'es-MX')).toBe('1,964,375');
  });

  it('computes density only when it can', () => {
    expect(density(1000, 10)).toBe(100);
    expect(density(1000, 0)).toBeNull();
    expect(density(null, 10)).toBeNull();
  });

  it('formats percentages and sizes', () => {
    expect(formatPercent(0.5, 'en')).toBe('50%');
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
  });
});

describe('languages', () => {
  it('normalises stored values to a supported language', () => {
    expect(normaliseLanguage('en')).toBe('en');
    expect(normaliseLanguage('en-GB')).toBe('en');
    expect(normaliseLanguage('es-MX')).toBe('es-MX');
    expect(normaliseLanguage('fr')).toBe('es-MX');
    expect(normaliseLanguage(null)).toBe('es-MX');
    expect(intlLocale('en')).toBe('en-US');
    expect(intlLocale('es-MX')).toBe('es-MX');
  });
});
