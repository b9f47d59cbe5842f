import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import { loadScian, scianCataloguePath, scianFromCsv } from './scian.js';

describe('SCIAN 2018 lookup', () => {
  const scian = loadScian(path.join(repoRoot, 'data/reference', scianCataloguePath));

  it('holds the published totals of each level', () => {
    const levels = new Map<string, number>();
    for (const code of scian.codes) levels.set(scian.get(code)!.level, (levels.get(scian.get(code)!.level) ?? 0) + 1);
    expect(Object.fromEntries(levels)).toEqual({ sector: 20, subsector: 94, rama: 306, subrama: 615, clase: 1084 });
  });

  it('gives titles and levels, and tells classes from other codes', () => {
    expect(scian.get('336390')).toEqual({ code: '336390', title: 'Fabricación de otras partes para vehículos automotrices', level: 'clase', parent: '33639' });
    expect(scian.titleOf('3363')).toBe('Fabricación de partes para vehículos automotores');
    expect(scian.isClass('336390')).toBe(true);
    expect(scian.isClass('3363')).toBe(false);
    expect(scian.isClass('336399')).toBe(false);
    expect(scian.titleOf(null)).toBeNull();
    expect(scian.get('31-33')?.level).toBe('sector');
  });

  it('refuses a catalogue row without a known level', () => {
    expect(() => scianFromCsv('codigo,titulo,nivel,codigo_padre\n11,Agricultura,seccion,\n')).toThrow('unknown level');
  });
});
