import { describe, expect, it } from 'vitest';
import { missingBoundaryNote, noteCodesToShow } from './notes';
import { profilePathFor } from './paths';

describe('boundary notes', () => {
  it('always shows the missing-boundary note first when there is no boundary', () => {
    expect(noteCodesToShow(false, [])).toEqual([missingBoundaryNote]);
    expect(noteCodesToShow(false, ['ASSIGNED_TO_2010_PARENT', 'ASSIGNED_TO_2010_PARENT'])).toEqual([
      missingBoundaryNote,
      'ASSIGNED_TO_2010_PARENT',
    ]);
  });
  it('passes the API notes through otherwise', () => {
    expect(noteCodesToShow(true, [])).toEqual([]);
    expect(noteCodesToShow(true, ['X', ''])).toEqual(['X']);
  });
});

describe('profile paths', () => {
  it('links a locality to its municipality', () => {
    expect(profilePathFor({ type: 'state', code: '22' })).toBe('/estados/22');
    expect(profilePathFor({ type: 'municipality', code: '22014' })).toBe('/municipios/22014');
    expect(profilePathFor({ type: 'locality', code: '220140001' })).toBe('/municipios/22014');
  });
});
