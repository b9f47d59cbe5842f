import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json';
import esMX from '../../i18n/locales/es-MX.json';
import { formatKw, sortStandards } from './labels';
import { accessValues, connectorStandards, lifecycleStatuses, unknownStandard } from './types';

describe('sortStandards', () => {
  it('follows the census vocabulary, unknown last, without repeats', () => {
    expect(sortStandards(['UNKNOWN', 'NACS', 'J1772', 'NACS', 'CCS1'])).toEqual(['J1772', 'CCS1', 'NACS', 'UNKNOWN']);
    expect(sortStandards(['ZZZ', 'UNKNOWN', 'TYPE_2'])).toEqual(['TYPE_2', 'UNKNOWN', 'ZZZ']);
  });
});

describe('formatKw', () => {
  it('shows whole kW without decimals and others with one', () => {
    expect(formatKw(150, 'es-MX')).toBe('150');
    expect(formatKw(3.7, 'en')).toBe('3.7');
    expect(formatKw(1250, 'en')).toBe('1,250');
    expect(formatKw(null, 'en')).toBe('—');
  });
});

describe('charging wording', () => {
  it('names every standard, access and status in both languages', () => {
    for (const locale of [esMX, en]) {
      for (const s of [...connectorStandards, unknownStandard]) expect(locale.charging.standards[s]).toBeTruthy();
      for (const a of accessValues) expect(locale.charging.access[a]).toBeTruthy();
      for (const s of lifecycleStatuses) expect(locale.charging.status[s]).toBeTruthy();
    }
  });

  it('keeps the required Open Charge Map attribution', () => {
    expect(esMX.charging.attribution).toBe('Datos: Open Charge Map (CC BY-SA 4.0)');
    expect(esMX.charging.standards.UNKNOWN).toBe('No reconocido');
  });
});
