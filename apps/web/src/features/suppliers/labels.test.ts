import { describe, expect, it } from 'vitest';
import { componentLabeller, formatKm, groupComponents, isExpired, labelIn, provenanceRows } from './labels';
import type { CatalogueComponent, Taxonomy } from './types';

const taxonomy = {
  tiers: [{ code: 'tier1', es: 'Nivel 1', en: 'Tier 1' }],
  processes: [], certifications: [], employeeStrata: [], sizeClasses: [], evReadiness: [], componentGroups: [],
  components: [{ code: 'bms', es: 'Sistema de gestión de baterías', en: 'Battery management system', group: 'battery', evSpecific: true, hsCodes: [] }],
} satisfies Taxonomy;

const component = (code: string, group: string, extra: Partial<CatalogueComponent> = {}): CatalogueComponent => ({
  code, group, evSpecific: true, nameEs: `${code} es`, nameEn: `${code} en`, hsCodes: [], retired: false, establishments: 0, ...extra,
});

describe('labels from the taxonomy', () => {
  it('names a code in the interface language, and shows unknown codes as they came', () => {
    expect(labelIn(taxonomy.tiers, 'tier1', 'es-MX')).toBe('Nivel 1');
    expect(labelIn(taxonomy.tiers, 'tier1', 'en')).toBe('Tier 1');
    expect(labelIn(taxonomy.tiers, 'tier9', 'en')).toBe('tier9');
    expect(labelIn(undefined, 'tier1', 'en')).toBe('tier1');
  });

  it('prefers the live catalogue (curated names) over the taxonomy copy', () => {
    const name = componentLabeller([component('bms', 'battery', { nameEs: 'BMS (renombrado)' })], taxonomy, 'es-MX');
    expect(name('bms')).toBe('BMS (renombrado)');
    expect(componentLabeller(undefined, taxonomy, 'en')('bms')).toBe('Battery management system');
    expect(name('unknown_code')).toBe('unknown_code');
  });
});

describe('groupComponents', () => {
  it('groups in the taxonomy order, unknown groups last', () => {
    const groups = groupComponents([component('a', 'materials'), component('b', 'battery'), component('c', 'zzz'), component('d', 'battery')], ['battery', 'materials']);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.code)])).toEqual([['battery', ['b', 'd']], ['materials', ['a']], ['zzz', ['c']]]);
  });
});

describe('certifications and distances', () => {
  it('marks a certification expired after its date, trusting the server flag when given', () => {
    expect(isExpired({ code: 'iso_9001', expiresOn: '2024-01-31' }, '2024-02-01')).toBe(true);
    expect(isExpired({ code: 'iso_9001', expiresOn: '2024-01-31' }, '2024-01-31')).toBe(false);
    expect(isExpired({ code: 'iso_9001' }, '2030-01-01')).toBe(false);
    expect(isExpired({ code: 'iso_9001', expiresOn: '2099-01-01', expired: true }, '2024-01-01')).toBe(true);
  });

  it('writes km with one decimal close by, whole km further away', () => {
    expect(formatKm(3.456, 'es-MX')).toBe('3.5');
    expect(formatKm(123.4, 'en')).toBe('123');
    expect(formatKm(null, 'en')).toBe('—');
  });
});

describe('provenanceRows', () => {
  it('keeps fields that name a source and a method, the whole record first', () => {
    const rows = provenanceRows({
      tiers: { source: 'reg', method: 'declared by company', declaredAt: '2026-01-02' },
      record: { source: 'retc', method: 'import', vintage: '2022' },
      junk: 'text',
      partial: { source: 'x' },
    });
    expect(rows.map((r) => r.field)).toEqual(['record', 'tiers']);
    expect(provenanceRows(undefined)).toEqual([]);
  });
});
