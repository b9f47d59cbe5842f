import { describe, expect, it } from 'vitest';
import { curationBody, emptyCurationForm, formOf, parseHsCodes, validateCuration } from './curation';
import type { CatalogueComponent } from './types';

const bms: CatalogueComponent = {
  code: 'bms', group: 'battery', evSpecific: true, nameEs: 'BMS', nameEn: 'BMS', descriptionEs: null, descriptionEn: null,
  hsCodes: ['8537.10', '8507.90'], retired: false, establishments: 2,
};

describe('parseHsCodes', () => {
  it('reads headings and subheadings separated by commas or spaces, once each', () => {
    expect(parseHsCodes('8507.60, 8507.90 8544;8507.60')).toEqual({ codes: ['8507.60', '8507.90', '8544'], invalid: [] });
  });
  it('writes six digits as a dotted subheading and reports what is not a code', () => {
    expect(parseHsCodes('850760 85 abc 8507.6')).toEqual({ codes: ['8507.60'], invalid: ['85', 'abc', '8507.6'] });
  });
});

describe('validateCuration', () => {
  it('asks for a code, a group and both names when adding', () => {
    expect(Object.keys(validateCuration(emptyCurationForm, true)).sort()).toEqual(['code', 'group', 'nameEn', 'nameEs']);
    expect(validateCuration({ ...emptyCurationForm, code: 'Bad Code' }, true).code?.key).toBe('codeInvalid');
  });
  it('names the HS codes it refuses', () => {
    expect(validateCuration({ ...formOf(bms), hsCodes: '8507, 12' }, false)).toEqual({ hsCodes: { key: 'hsInvalid', codes: '12' } });
  });
  it('accepts an unchanged existing component (its code is not edited)', () => {
    expect(validateCuration(formOf(bms), false)).toEqual({});
  });
});

describe('curationBody', () => {
  it('sends everything when adding', () => {
    expect(curationBody({ ...formOf(bms), code: ' new_part ', hsCodes: '8507' }, null)).toEqual({
      code: 'new_part', group: 'battery', nameEs: 'BMS', nameEn: 'BMS', descriptionEs: null, descriptionEn: null, evSpecific: true, hsCodes: ['8507'], retired: false,
    });
  });
  it('sends only what changed when editing (rename, HS codes, retire)', () => {
    expect(curationBody(formOf(bms), bms)).toEqual({});
    expect(curationBody({ ...formOf(bms), nameEs: 'Gestión de baterías ', hsCodes: '8537.10', retired: true }, bms)).toEqual({
      nameEs: 'Gestión de baterías', hsCodes: ['8537.10'], retired: true,
    });
  });
});
