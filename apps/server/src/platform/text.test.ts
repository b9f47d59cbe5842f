import { describe, expect, it } from 'vitest';
import { escapeLike, foldForSearch } from './text.js';

describe('foldForSearch', () => {
  it('folds accents and case', () => {
    expect(foldForSearch('Querétaro')).toBe('queretaro');
    expect(foldForSearch('  SAN LUIS POTOSÍ ')).toBe('san luis potosi');
    expect(foldForSearch('Ñuu Savi')).toBe('nuu savi');
    expect(foldForSearch('Coahuila de Zaragoza')).toBe(foldForSearch('coahuila  de   ZARAGOZA'));
  });
  it('treats punctuation as a space', () => {
    expect(foldForSearch('Edo. Méx.')).toBe('edo mex');
  });
});

describe('escapeLike', () => {
  it('escapes wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
