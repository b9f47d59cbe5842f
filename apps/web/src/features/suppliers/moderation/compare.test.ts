import { describe, expect, it } from 'vitest';
import en from '../../../i18n/locales/en/suppliersModeration.json';
import esMX from '../../../i18n/locales/es-MX/suppliersModeration.json';
import { compareRows, differs, parseReason, rowKeys, type RowLabels } from './compare';
import type { MatchSide } from './types';

// Reason codes the server publishes (suppliers.matching.domain.ts, scorePair).
const reasonCodes = [
  'distance', 'rfc_same', 'rfc_differs', 'name_same', 'name_similar', 'name_differs', 'legal_name_same', 'plant_number_differs', 'phone_same', 'email_same',
  'scian_same_branch', 'scian_same_subsector', 'scian_differs', 'address_similar', 'postal_code_same', 'registered_establishment',
];

describe('reasons', () => {
  it('reads the distance out of distance_<n>m and keeps other codes', () => {
    expect(parseReason('distance_120m')).toEqual({ key: 'distance', distanceM: 120 });
    expect(parseReason('rfc_same')).toEqual({ key: 'rfc_same' });
  });

  it('names every reason and every compared field in both languages, with the same keys', () => {
    for (const locale of [esMX, en]) {
      for (const code of reasonCodes) expect((locale.suppliersModeration.reasons as Record<string, string>)[code]).toBeTruthy();
      for (const key of rowKeys) expect((locale.suppliersModeration.detail.fields as Record<string, string>)[key]).toBeTruthy();
    }
    expect(esMX.suppliersModeration.reasons.distance).toContain('{{distanceM}}');
  });
});

/** Two synthetic records of one plant, as DENUE and a registration might describe it. */
const side = (over: Partial<MatchSide>): MatchSide => ({
  id: 'a', sourceKey: 'denue:1', source: 'inegi-denue', sourceRecordId: '1', origin: 'import', name: 'Arneses Sintéticos', legalName: null, rfc: null, company: null,
  address: { street: 'Blvd. Uno', exteriorNumber: '10', neighbourhood: null, postalCode: '25900', locality: null, industrialPark: null, municipalityAsGiven: 'Ramos Arizpe', stateAsGiven: 'Coahuila', cvegeoAsGiven: null },
  lat: 25.54061, lon: -100.95123, cveEnt: '05', cvegeo: '05027', stateName: 'Coahuila de Zaragoza', municipalityName: 'Ramos Arizpe', locationFlags: [],
  scian: '336320', employeesStratum: '101-250', sizeClass: null, tiers: [], processes: ['welding', 'stamping'], components: [], certifications: [],
  oemCustomers: [], exportMarkets: [], evReadiness: null, phone: null, email: null, website: null, contactConsent: false, registeredOn: null, mergedInto: null,
  createdAt: '2026-11-30T12:00:00.000Z', updatedAt: '2026-11-30T12:00:00.000Z', provenance: {}, ...over,
});

const labels: RowLabels = {
  field: (key) => key, source: (s) => (s === 'inegi-denue' ? 'DENUE' : s), tier: (c) => c, process: (c) => ({ welding: 'Soldadura', stamping: 'Estampado' })[c] ?? c,
  component: (c) => c, certification: (c) => c, stratum: (c) => `${c} personas`, size: (c) => c, evReadiness: (c) => c, yes: 'Sí', no: 'No',
};

describe('compareRows', () => {
  it('shows every field for both records, labelled, and marks only real differences', () => {
    const a = side({});
    const b = side({
      id: 'b', sourceKey: 'reg:9', source: 'suppliers-registration', origin: 'registered', name: 'ARNESES SINTETICOS', rfc: 'ASI010101AB1',
      processes: ['stamping', 'welding'], employeesStratum: null, address: { ...a.address, exteriorNumber: '12' },
    });
    const rows = compareRows(a, b, labels);
    expect(rows.map((r) => r.key)).toEqual([...rowKeys]);
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row('source')).toMatchObject({ a: 'DENUE', b: 'suppliers-registration' });
    expect(row('processes')).toMatchObject({ a: 'Estampado, Soldadura', b: 'Estampado, Soldadura' });
    expect(row('stratum')).toMatchObject({ a: '101-250 personas', b: null });
    expect(row('place').a).toBe('Ramos Arizpe, Coahuila de Zaragoza');
    expect(row('coordinates').a).toBe('25.54061, -100.95123');
    const differing = rows.filter((r) => differs(r.a, r.b)).map((r) => r.key);
    // The names differ only in case and accents: not a difference worth a moderator's eye.
    expect(differing).toEqual(['rfc', 'source', 'sourceKey', 'address', 'stratum']);
  });
});
