import { describe, expect, it } from 'vitest';
import {
  canonicalOf, connectorFit, isPlausible, nameSimilarity, sameOperator, scorePair, sourceOfKey, sourceRecordId, type MatchSide,
} from './charging.duplicates.domain.js';

// Synthetic records, made for these tests.
const side = (fields: Partial<MatchSide> = {}): MatchSide => ({
  sourceKey: 'ocm:1', name: 'Plaza Galerías', operatorName: 'Tesla', operatorOrganisationId: null, standards: ['NACS'], ...fields,
});

describe('sources of a record', () => {
  it('is the prefix of its source key, and the rest is its id in the source', () => {
    expect(sourceOfKey('afdc:1234')).toBe('afdc');
    expect(sourceRecordId('afdc:1234')).toBe('1234');
    expect(sourceRecordId('ocpi:MX*ABC:LOC1')).toBe('MX*ABC:LOC1');
  });
});

describe('nameSimilarity', () => {
  it('ignores accents, case and the generic words of the trade', () => {
    expect(nameSimilarity('Estación de carga Plaza Galerías', 'PLAZA GALERIAS EV charging')).toBe(1);
  });
  it('counts a name whose words are all in the other as nearly the same', () => {
    expect(nameSimilarity('Walmart', 'Walmart Supercenter Saltillo')).toBe(0.9);
  });
  it('scores partly shared names between 0 and 1, and unrelated ones 0', () => {
    const partly = nameSimilarity('Hotel Cuesta Real Mulegé', 'Hotel Serenidad Mulegé');
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(1);
    expect(nameSimilarity('Hotel Cuesta Real', 'Oxxo Centro')).toBe(0);
    expect(nameSimilarity(null, 'Oxxo Centro')).toBe(0);
  });
});

describe('sameOperator', () => {
  it('is true for the same organisation, or names one within the other', () => {
    expect(sameOperator({ operatorName: 'X', operatorOrganisationId: 'org-1' }, { operatorName: 'Y', operatorOrganisationId: 'org-1' })).toBe(true);
    expect(sameOperator({ operatorName: 'Tesla', operatorOrganisationId: null }, { operatorName: 'Tesla Motors (Worldwide)', operatorOrganisationId: null })).toBe(true);
  });
  it('is false for different operators and unknown when either does not say', () => {
    expect(sameOperator({ operatorName: 'CFE', operatorOrganisationId: null }, { operatorName: 'Tesla', operatorOrganisationId: null })).toBe(false);
    expect(sameOperator({ operatorName: null, operatorOrganisationId: null }, { operatorName: 'Tesla', operatorOrganisationId: null })).toBeNull();
  });
});

describe('connectorFit', () => {
  it('is compatible for the same set or a subset', () => {
    expect(connectorFit(['CCS1', 'J1772'], ['J1772', 'CCS1'])).toBe('compatible');
    expect(connectorFit(['CCS1'], ['CCS1', 'CHADEMO', 'J1772'])).toBe('compatible');
  });
  it('is a conflict when both offer DC standards with none in common', () => {
    expect(connectorFit(['CCS1', 'J1772'], ['CHADEMO', 'J1772'])).toBe('conflict');
  });
  it('differs otherwise, and is unknown when a side lists none', () => {
    expect(connectorFit(['J1772'], ['NACS'])).toBe('differ');
    expect(connectorFit([], ['NACS'])).toBe('unknown');
  });
});

describe('scorePair', () => {
  it('is confident at the same site with the same operator and compatible connectors', () => {
    const s = scorePair(side(), side({ sourceKey: 'afdc:9', name: 'Plaza Galerias Supercharger', operatorName: 'Tesla Motors (Worldwide)' }), 12.4);
    expect(s.confident).toBe(true);
    expect(s.reasons).toEqual(['distance_12m', 'name_similar', 'same_operator', 'connectors_compatible']);
    expect(s.score).toBeGreaterThan(0.8);
  });

  it('is not confident beyond 30 m, with another operator, or with conflicting connectors', () => {
    expect(scorePair(side(), side({ sourceKey: 'afdc:9' }), 45).confident).toBe(false);
    expect(scorePair(side(), side({ sourceKey: 'afdc:9', operatorName: 'CFE' }), 5).confident).toBe(false);
    expect(scorePair(side(), side({ sourceKey: 'afdc:9', operatorName: null }), 5).confident).toBe(false);
    const conflict = scorePair(side({ standards: ['CCS1'] }), side({ sourceKey: 'afdc:9', standards: ['CHADEMO'] }), 5);
    expect(conflict.confident).toBe(false);
    expect(conflict.reasons).toContain('connectors_conflict');
    expect(conflict.score).toBeLessThan(scorePair(side({ standards: ['CCS1'] }), side({ sourceKey: 'afdc:9', standards: ['CCS1'] }), 5).score);
  });

  it('never merges a registered location automatically', () => {
    const s = scorePair(side({ sourceKey: 'reg:abc' }), side({ sourceKey: 'ocm:1' }), 0);
    expect(s.confident).toBe(false);
    expect(s.reasons).toContain('registered_location');
    expect(isPlausible(s)).toBe(true);
  });

  it('queues a nearby record with another name and the same operator, and ignores a far, unrelated one', () => {
    const near = scorePair(side(), side({ sourceKey: 'test:1', name: 'Oxxo Centro' }), 80);
    expect(near.confident).toBe(false);
    expect(near.reasons).toContain('name_differs');
    expect(isPlausible(near)).toBe(true);
    const unrelated = scorePair(side({ standards: ['CCS1'] }), side({ sourceKey: 'test:1', name: 'Oxxo Centro', operatorName: 'CFE', standards: ['CHADEMO'] }), 140);
    expect(isPlausible(unrelated)).toBe(false);
  });

  it('keeps the score within 0..1', () => {
    const s = scorePair(side(), side({ sourceKey: 'x:1' }), 0);
    expect(s.score).toBe(1);
  });
});

describe('canonicalOf', () => {
  it('keeps the record that existed first', () => {
    const old = { id: 'b', createdAt: new Date('2024-01-01') };
    const fresh = { id: 'a', createdAt: new Date('2025-01-01') };
    expect(canonicalOf(fresh, old)).toEqual({ canonical: old, folded: fresh });
    expect(canonicalOf(old, fresh).canonical).toBe(old);
  });
});
