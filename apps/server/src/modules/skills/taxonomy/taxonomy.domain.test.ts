import { describe, expect, it } from 'vitest';
import { altLabelProblems, correctedTsQuery, labelIn, localEntryProblems, schemeOf, searchColumns, searchTerms, slugOf, stemPrefix } from './taxonomy.domain.js';

describe('taxonomy ids', () => {
  it('knows the three schemes and rejects anything else', () => {
    expect(schemeOf('esco:06bd6285-13ed-4ea7-90cc-e9638a0600a9')).toBe('esco');
    expect(schemeOf('onet:17-2141.02')).toBe('onet');
    expect(schemeOf('onet:2.B.3.d')).toBe('onet');
    expect(schemeOf('local:ev-charger-installer')).toBe('local');
    for (const bad of ['esco:not-a-uuid', 'local:Bad Slug', 'isco:7412', '17-2141.02', 'local:', 'onet:']) expect(schemeOf(bad)).toBeNull();
  });
  it('makes slugs from labels, accents folded', () => {
    expect(slugOf('Técnico en BMS / baterías')).toBe('tecnico-en-bms-baterias');
  });
});

describe('search terms', () => {
  it('folds accents and case, drops stop words, keeps the phrase', () => {
    const t = searchTerms('Técnico en Baterías')!;
    expect(t.phrase).toBe('tecnico en baterias');
    expect(t.words).toEqual(['tecnico', 'bateria']);
    expect(t.tsquery).toBe("'tecnico':* & 'bateria':*");
    expect(t.tsqueryPreferred).toBe("'tecnico':*A & 'bateria':*A");
  });
  it('keeps stop words when the query has nothing else', () => {
    expect(searchTerms('de la')!.words).toEqual(['de', 'la']);
  });
  it('cuts plural endings so singular and plural meet as prefixes', () => {
    expect(stemPrefix('baterias')).toBe('bateria');
    expect(stemPrefix('batteries')).toBe('batter');
    expect(stemPrefix('battery')).toBe('batter');
    expect(stemPrefix('motores')).toBe('motor');
    expect(stemPrefix('bms')).toBe('bms');
    expect(stemPrefix('glass')).toBe('glass');
  });
  it('lets no tsquery syntax through', () => {
    const t = searchTerms("a' | b:* & !c <-> (d)")!;
    expect(t.tsquery).not.toMatch(/[|&!<>()]\s*[^&' :*]/);
    expect(t.words.every((w) => /^[a-z0-9]+$/.test(w))).toBe(true);
    expect(searchTerms('  ¿? ')).toBeNull();
  });
  it('adds corrections as alternatives of the misspelt word only', () => {
    expect(correctedTsQuery(['baterya', 'litio'], new Map([['baterya', ['bateria', 'baterias']]])))
      .toBe("('baterya':* | 'bateria' | 'baterias') & 'litio':*");
  });
  it('searches EV and VE as the whole word or "electric vehicle" / "vehículo eléctrico", never as a prefix of "eventos"', () => {
    const t = searchTerms('EV electrician')!;
    expect(t.words).toEqual(['ev', 'electrician']);
    expect(t.tsquery).toBe("('ev' | 'electric':* <-> 'vehicl':* | 'vehicul':* <-> 'electric':*) & 'electrician':*");
    expect(t.tsqueryPreferred).toBe("('ev':A | 'electric':*A <-> 'vehicl':*A | 'vehicul':*A <-> 'electric':*A) & 'electrician':*A");
    expect(t.phraseEndsWhole).toBe(false);
    expect(searchTerms('cargador VE')!.phraseEndsWhole).toBe(true);
    expect(searchTerms('cargador VE')!.tsquery).toContain("'ve' | 'vehicul':* <-> 'electric':*");
    expect(searchTerms('eventos')!.tsquery).toBe("'evento':*");
    expect(correctedTsQuery(['ev', 'tecnco'], new Map([['tecnco', ['tecnico']]])))
      .toBe("('ev' | 'electric':* <-> 'vehicl':* | 'vehicul':* <-> 'electric':*) & ('tecnco':* | 'tecnico')");
  });
});

describe('search columns', () => {
  it('keeps preferred and alternative labels apart, both languages folded', () => {
    const c = searchColumns({ labelEs: 'Técnico de baterías', labelEn: 'Battery technician', altLabelsEs: ['Mecánico automotriz'], altLabelsEn: [] });
    expect(c.search_label_es).toBe('tecnico de baterias');
    expect(c.search_labels).toBe('tecnico de baterias . battery technician');
    expect(c.search_alts).toBe('mecanico automotriz');
  });
  it('falls back to the other language when an entry has no label in the one asked', () => {
    expect(labelIn('es', { label_es: null, label_en: 'Fuel Cell Engineers' })).toEqual({ label: 'Fuel Cell Engineers', labelLang: 'en' });
    expect(labelIn('en', { label_es: 'electricista', label_en: 'electrician' })).toEqual({ label: 'electrician', labelLang: 'en' });
  });
});

describe('moderator input', () => {
  it('reports every bad field with its path', () => {
    const problems = localEntryProblems({ labelEs: '  ', slug: 'Bad Slug', altLabelsEs: ['ok', ''], iscoCode: '74123', essentialSkills: ['nope'] }, 'occupation');
    expect(problems.map((p) => p.path)).toEqual(['/labelEs', '/labelEn', '/slug', '/altLabelsEs/1', '/iscoCode', '/essentialSkills/0']);
  });
  it('needs a known skill type for skills, and accepts a complete entry', () => {
    expect(localEntryProblems({ labelEs: 'a', labelEn: 'b', skillType: 'talent' }, 'skill').map((p) => p.path)).toEqual(['/skillType']);
    expect(localEntryProblems({ labelEs: 'Software BMS', labelEn: 'BMS software', skillType: 'skill' }, 'skill')).toEqual([]);
  });
  it('checks an alternative label', () => {
    expect(altLabelProblems({ lang: 'fr', label: '<b>x</b>' }).map((p) => p.path)).toEqual(['/lang', '/label']);
    expect(altLabelProblems({ lang: 'es', label: 'mecánico automotriz' })).toEqual([]);
  });
});
