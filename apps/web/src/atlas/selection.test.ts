import { describe, expect, it } from 'vitest';
import { municipalityCodeOf, selectionFromFeatures, stateCodeOf, zoomFor } from './selection';

describe('selectionFromFeatures', () => {
  it('prefers a municipality over its state', () => {
    expect(
      selectionFromFeatures([
        { sourceLayer: 'states', properties: { cveEnt: '22', name: 'Querétaro' } },
        { sourceLayer: 'municipalities', properties: { cvegeo: '22014', cveEnt: '22', name: 'Querétaro' } },
      ]),
    ).toEqual({ type: 'municipality', code: '22014', name: 'Querétaro' });
  });

  it('falls back to the state, padding numeric codes', () => {
    expect(selectionFromFeatures([{ sourceLayer: 'states', properties: { cveEnt: 9, name: 'Ciudad de México' } }])).toEqual({
      type: 'state',
      code: '09',
      name: 'Ciudad de México',
    });
  });

  it('ignores other layers and features without codes', () => {
    expect(selectionFromFeatures([{ sourceLayer: 'us-states', properties: { abbr: 'TX' } }])).toBeNull();
    expect(selectionFromFeatures([{ sourceLayer: 'states', properties: {} }])).toBeNull();
  });
});

describe('codes', () => {
  it('derive the state and municipality of a code', () => {
    expect(stateCodeOf('22014')).toBe('22');
    expect(municipalityCodeOf('220140001')).toBe('22014');
    expect(zoomFor('locality')).toBeGreaterThan(zoomFor('municipality'));
    expect(zoomFor('municipality')).toBeGreaterThan(zoomFor('state'));
  });
});
