import { describe, expect, it } from 'vitest';
import en from '../../../i18n/locales/en/chargingDuplicates.json';
import esMX from '../../../i18n/locales/es-MX/chargingDuplicates.json';
import { connectorSummary, differs, parseReason } from './compare';

// Reason codes the server publishes (see charging.duplicates.domain.ts).
const reasonCodes = [
  'distance', 'name_same', 'name_similar', 'name_differs', 'same_operator', 'operator_differs',
  'connectors_compatible', 'connectors_differ', 'connectors_conflict', 'connectors_unknown', 'registered_location',
];

describe('parseReason', () => {
  it('reads the distance out of distance_<n>m and keeps other codes', () => {
    expect(parseReason('distance_12m')).toEqual({ key: 'distance', distanceM: 12 });
    expect(parseReason('same_operator')).toEqual({ key: 'same_operator' });
  });
});

describe('reason wording', () => {
  it('names every reason in both languages, with the same keys', () => {
    for (const locale of [esMX, en]) {
      for (const code of reasonCodes) expect((locale.chargingDuplicates.reasons as Record<string, string>)[code]).toBeTruthy();
    }
    expect(Object.keys(esMX.chargingDuplicates).sort()).toEqual(Object.keys(en.chargingDuplicates).sort());
    expect(esMX.chargingDuplicates.reasons.distance).toContain('{{distanceM}}');
  });
});

describe('connectorSummary', () => {
  it('counts connectors per standard with their highest power, unknown last', () => {
    const connector = (standard: string | null, maxElectricPowerKw: number | null) => ({ connectorId: '1', standard, sourceCode: 'x', sourceLabel: null, powerType: null, maxElectricPowerKw });
    const summary = connectorSummary({
      evses: [
        { evseUid: '1', lifecycleStatus: null, connectors: [connector(null, 7), connector('NACS', 18)] },
        { evseUid: '2', lifecycleStatus: null, connectors: [connector('NACS', 250), connector('J1772', null)] },
      ],
    });
    expect(summary).toEqual([
      { standard: 'J1772', count: 1, maxPowerKw: null },
      { standard: 'NACS', count: 2, maxPowerKw: 250 },
      { standard: 'UNKNOWN', count: 1, maxPowerKw: 7 },
    ]);
  });
});

describe('differs', () => {
  it('ignores case, accents and spacing, but not a missing value', () => {
    expect(differs('Querétaro', ' QUERETARO ')).toBe(false);
    expect(differs('Tesla', 'Tesla Motors')).toBe(true);
    expect(differs(null, 'Tesla')).toBe(true);
    expect(differs(null, '')).toBe(false);
  });
});
