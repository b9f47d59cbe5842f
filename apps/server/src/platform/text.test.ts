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

describe('foldForSearch on Latin-1 text', () => {
  /** The rules, applied to the whole text at once. */
  const byRules = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  it('folds every Latin-1 character as the rules do, alone and between letters', () => {
    for (let code = 0; code < 256; code += 1) {
      const c = String.fromCharCode(code);
      for (const text of [c, `a${c}b`, `A ${c} B`, `${c}${c}`]) expect(foldForSearch(text)).toBe(byRules(text));
    }
  });

  it('folds mixed text as the rules do, whether or not it leaves Latin-1', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const alphabet = [...'aeiouAEIOU áéíóúÁÉÍÓÚñÑüÜçÇ.,;-_/()&#°ª^`¨´ 0123456789ß', 'Ł', 'ǅ', 'ﬁ', 'e\u0301', '中'];
    for (let k = 0; k < 2_000; k += 1) {
      const text = Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      expect(foldForSearch(text)).toBe(byRules(text));
    }
  });
});
