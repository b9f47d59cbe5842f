import { errorCatalogue, membershipRoles, organisationTypes, platformRoles } from '@electrifica/contracts';
import { describe, expect, it } from 'vitest';
import { translations } from './resources';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]).sort();

const es = flatten(translations['es-MX'] as Tree);
const eng = flatten(translations.en as Tree);

describe('locale files', () => {
  it('es-MX and en have exactly the same keys', () => {
    const missingInEn = [...es.keys()].filter((k) => !eng.has(k));
    const missingInEs = [...eng.keys()].filter((k) => !es.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInEs).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...es.keys()].filter((k) => eng.has(k) && variables(es.get(k)!).join() !== variables(eng.get(k)!).join());
    expect(mismatched).toEqual([]);
  });

  it('has no empty strings', () => {
    expect([...es.entries()].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    expect([...eng.entries()].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('translates every published error code', () => {
    const missing = Object.keys(errorCatalogue).filter((code) => !es.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it('translates every role and organisation type', () => {
    for (const role of platformRoles) expect(es.has(`roles.platform.${role}`)).toBe(true);
    for (const role of membershipRoles) expect(es.has(`roles.membership.${role}`)).toBe(true);
    for (const type of organisationTypes) expect(es.has(`organisationTypes.${type}`)).toBe(true);
  });

  it('keeps the required attribution wording', () => {
    expect(es.get('map.attribution')).toBe('Fuente: INEGI (Marco Geoestadístico; Censo de Población y Vivienda 2020)');
  });
});
