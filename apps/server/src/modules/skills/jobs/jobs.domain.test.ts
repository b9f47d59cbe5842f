import { describe, expect, it } from 'vitest';
import {
  cleanText, cvKind, fairProblems, isCurrency, languageGrants, nonSkillMax, suppressCells, weights, languageKey, monthly, scoreMatch, skillGap, transitionProblem, vacancyProblems,
  type FairFields, type MatchCandidate, type MatchVacancy, type ValidationContext, type VacancyFields,
} from './jobs.domain.js';
import { tinyDocx, tinyPdf } from './jobs.fixtures.js';

const context: ValidationContext = {
  skills: new Map([['local:a', { seq: 1 }], ['local:b', { seq: 2 }], ['local:c', { seq: 3 }]]),
  occupations: new Set(['local:tech']),
  states: { MX: new Set(['05', '22']), US: new Set(['MI', 'TX']) },
  municipalities: new Map([['05030', '05']]),
  today: '2026-01-15',
};
const vacancy = (over: Partial<VacancyFields> = {}): Partial<VacancyFields> => ({
  title: 'Técnico de baterías', occupationId: 'local:tech', country: 'MX', stateCode: '05', municipalityCode: '05030', lat: null, lon: null,
  salaryMin: 15000, salaryMax: 22000, salaryCurrency: 'MXN', salaryPeriod: 'month', benefits: ['aguinaldo', 'imss'], benefitsOther: null,
  activities: 'Ensamble de módulos', requiredSkills: ['local:a'], optionalSkills: ['local:b'], languages: [{ code: 'en', level: 'B1' }],
  workMode: 'on_site', inclusion: ['childcare'], workAuthorisationRequired: true, closingDate: null, status: 'published', ...over,
});
const paths = (p: { path: string }[]) => p.map((x) => x.path);

describe('vacancy validation', () => {
  it('accepts a complete vacancy', () => {
    expect(vacancyProblems(vacancy(), context)).toEqual([]);
  });
  it('reports each missing required field by its path', () => {
    const problems = vacancyProblems({ title: '  ', requiredSkills: [] }, context);
    expect(paths(problems)).toEqual(expect.arrayContaining(['/title', '/occupationId', '/country', '/stateCode', '/salaryMin', '/salaryMax', '/salaryCurrency', '/salaryPeriod', '/activities', '/workMode', '/requiredSkills']));
    expect(problems.every((p) => p.code === 'JOBS.INVALID_VACANCY')).toBe(true);
  });
  it('refuses a minimum above the maximum, also when an edit changes one bound', () => {
    expect(vacancyProblems(vacancy({ salaryMin: 30000 }), context)).toEqual([expect.objectContaining({ path: '/salaryMin', code: 'JOBS.SALARY_MIN_ABOVE_MAX' })]);
    expect(vacancyProblems({ salaryMax: 1000 }, context, { partial: true, current: vacancy() })).toEqual([expect.objectContaining({ code: 'JOBS.SALARY_MIN_ABOVE_MAX' })]);
  });
  it('knows ISO 4217 currencies from ICU and refuses others', () => {
    expect(isCurrency('MXN') && isCurrency('USD') && isCurrency('CAD')).toBe(true);
    expect(isCurrency('XYZ') || isCurrency('mxn') || isCurrency('PESO')).toBe(false);
    expect(vacancyProblems(vacancy({ salaryCurrency: 'XYZ' }), context)).toEqual([expect.objectContaining({ path: '/salaryCurrency', code: 'JOBS.UNKNOWN_CURRENCY' })]);
  });
  it('refuses unknown skills and occupations, and a skill listed twice across lists', () => {
    const problems = vacancyProblems(vacancy({ occupationId: 'local:nope', requiredSkills: ['local:a', 'local:zz'], optionalSkills: ['local:a'] }), context);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/occupationId', 'JOBS.UNKNOWN_OCCUPATION'], ['/requiredSkills/1', 'JOBS.UNKNOWN_SKILL'], ['/optionalSkills/0', 'JOBS.INVALID_VACANCY'],
    ]);
  });
  it('checks places: INEGI and USPS codes, a municipality in its state', () => {
    expect(paths(vacancyProblems(vacancy({ stateCode: '99' }), context))).toContain('/stateCode');
    expect(paths(vacancyProblems(vacancy({ stateCode: '22' }), context))).toEqual(['/municipalityCode']);
    expect(vacancyProblems(vacancy({ country: 'US', stateCode: 'MI', municipalityCode: 'Detroit', salaryCurrency: 'USD' }), context)).toEqual([]);
    expect(paths(vacancyProblems(vacancy({ country: 'CA' as never }), context))).toEqual(['/country']);
  });
  it('refuses unknown codes, a past closing date and a half point', () => {
    const problems = vacancyProblems(vacancy({ benefits: ['gold'], inclusion: ['x'], languages: [{ code: 'zz', level: 'Z9' as never }], closingDate: '2025-01-01', lat: 20 }), context);
    expect(paths(problems)).toEqual(['/lon', '/benefits/0', '/languages/0/code', '/languages/0/level', '/inclusion/0', '/closingDate']);
  });
  it('checks an industry code against the SCIAN catalogue it is given; blank or null means none', () => {
    // A two-entry stand-in for the catalogue: real SCIAN 2018 codes and titles.
    const titles: Record<string, string> = { '3363': 'Fabricación de partes para vehículos automotores', '336320': 'Fabricación de equipo eléctrico y electrónico y sus partes para vehículos automotores' };
    const withScian: ValidationContext = { ...context, scianTitle: (code) => titles[code] ?? null };
    expect(vacancyProblems(vacancy({ industryScian: '336320' }), withScian)).toEqual([]);
    expect(vacancyProblems(vacancy({ industryScian: ' 3363 ' }), withScian)).toEqual([]);
    expect(vacancyProblems(vacancy({ industryScian: null }), withScian)).toEqual([]);
    expect(vacancyProblems(vacancy({ industryScian: '  ' }), withScian)).toEqual([]);
    for (const code of ['336399', '33632A', '3', '3363201']) {
      expect(vacancyProblems(vacancy({ industryScian: code }), withScian)).toEqual([expect.objectContaining({ path: '/industryScian', code: 'JOBS.INVALID_VACANCY' })]);
    }
    // Without a catalogue no code can be confirmed, so none is accepted.
    expect(paths(vacancyProblems(vacancy({ industryScian: '336320' }), context))).toEqual(['/industryScian']);
  });
});

describe('free text', () => {
  it('strips control characters but keeps markup as given', () => {
    expect(cleanText('  <script>alert(1)</script>\u0000\u0007 ok\r\nnext\u0085 ')).toBe('<script>alert(1)</script> ok\nnext');
  });
});

describe('salaries per month', () => {
  it('converts periods with one full-time convention', () => {
    expect(monthly(100, 'hour')).toBeCloseTo(17333.33, 1);
    expect(monthly(7000, 'fortnight')).toBe(14000);
    expect(monthly(120000, 'year')).toBe(10000);
  });
});

describe('matching', () => {
  const v: MatchVacancy = {
    country: 'MX', stateCode: '05', municipalityKey: '05030', workMode: 'on_site', requiredSeqs: [1, 2], optionalSeqs: [3],
    languageReqs: [languageKey('en', 'B2')], workAuthorisationRequired: true,
  };
  const c: MatchCandidate = {
    country: 'MX', stateCode: '05', municipalityKey: '05030', skillSeqs: [1, 3, 9], languageGrants: languageGrants([{ code: 'en', level: 'C1' }]),
    authorisedMx: true, authorisedUs: false,
  };
  it('weighs required skills twice and explains what matches and what is missing', () => {
    const m = scoreMatch(v, c);
    // skills: 60 × (2·1 + 1) / (2·2 + 1) = 36; same municipality 20; English met 10; authorised 10
    expect(m.parts).toEqual({ skills: 36, location: 20, language: 10, authorisation: 10 });
    expect(m.score).toBe(76);
    expect(m).toMatchObject({ matchedRequired: [1], missingRequired: [2], matchedOptional: [3], missingOptional: [], location: 'municipality' });
  });
  it('scores location by closeness, remote as close, and authorisation per country', () => {
    expect(scoreMatch(v, { ...c, municipalityKey: '05002' }).location).toBe('state');
    expect(scoreMatch(v, { ...c, stateCode: '19' }).parts.location).toBe(5);
    expect(scoreMatch({ ...v, workMode: 'remote' }, { ...c, country: 'US', stateCode: 'MI' }).parts.location).toBe(20);
    expect(scoreMatch({ ...v, country: 'US', stateCode: 'MI' }, c).parts.authorisation).toBe(0);
    expect(scoreMatch({ ...v, workAuthorisationRequired: false, country: 'US' }, c).parts.authorisation).toBe(10);
  });
  it('meets a language requirement at its level or above only', () => {
    expect(scoreMatch(v, { ...c, languageGrants: languageGrants([{ code: 'en', level: 'B1' }]) }).parts.language).toBe(0);
    expect(scoreMatch(v, { ...c, languageGrants: languageGrants([{ code: 'en', level: 'native' }]) }).parts.language).toBe(10);
    expect(scoreMatch(v, { ...c, languageGrants: languageGrants([{ code: 'fr', level: 'C2' }]) }).languagesMet).toBe(0);
  });
});

describe('applications', () => {
  it('lets the employer move and the candidate withdraw, and nothing leave a final status', () => {
    expect(transitionProblem('submitted', 'interview', 'employer')).toBeNull();
    expect(transitionProblem('submitted', 'withdrawn', 'candidate')).toBeNull();
    expect(transitionProblem('submitted', 'hired', 'candidate')).toMatch(/only withdraw/);
    expect(transitionProblem('submitted', 'withdrawn', 'employer')).toMatch(/employer moves/);
    expect(transitionProblem('rejected', 'interview', 'employer')).toMatch(/no longer changes/);
  });
});

describe('CV files by content', () => {
  it('knows PDF and DOCX by their bytes, not their names', () => {
    expect(cvKind(tinyPdf())).toBe('pdf');
    expect(cvKind(tinyDocx())).toBe('docx');
    expect(cvKind(Buffer.from('MZ\u0090\u0000 executable', 'latin1'))).toBeNull();
    // A ZIP that is not a Word document (an .xlsx, say) is not a DOCX.
    expect(cvKind(Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('xl/workbook.xml [Content_Types].xml')]))).toBeNull();
    // Legacy Word (OLE compound file).
    expect(cvKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
  });
});

describe('career pathways', () => {
  it('lists shared skills and skills to gain, essential first', () => {
    const gap = skillGap(
      [{ skillId: 'a', relation: 'essential' }, { skillId: 'b', relation: 'optional' }],
      [{ skillId: 'z', relation: 'optional' }, { skillId: 'b', relation: 'essential' }, { skillId: 'c', relation: 'essential' }],
    );
    expect(gap.shared.map((s) => s.skillId)).toEqual(['b']);
    expect(gap.toGain.map((s) => s.skillId)).toEqual(['c', 'z']);
  });
});

describe('job fair validation', () => {
  const fair = (over: Partial<FairFields> = {}): Partial<FairFields> => ({
    title: 'Feria sintética', description: null, startsOn: '2026-02-01', endsOn: '2026-02-02', mode: 'in_person', country: 'MX', stateCode: '05',
    municipalityCode: '05030', venue: null, url: null, binational: false, ...over,
  });
  it('accepts in-person, online and hybrid fairs with what each needs', () => {
    expect(fairProblems(fair(), context)).toEqual([]);
    expect(fairProblems(fair({ mode: 'online', country: null, stateCode: null, municipalityCode: null, url: 'https://feria.example.mx' }), context)).toEqual([]);
    expect(fairProblems(fair({ mode: 'hybrid', url: 'http://feria.example.mx/sala?x=1' }), context)).toEqual([]);
  });
  it('reports each field: dates, mode, place, link', () => {
    expect(paths(fairProblems(fair({ startsOn: '2026-02-30', endsOn: 'mañana' }), context))).toEqual(['/startsOn', '/endsOn']);
    expect(paths(fairProblems(fair({ startsOn: '2026-02-03' }), context))).toEqual(['/endsOn']);
    expect(paths(fairProblems(fair({ startsOn: '2026-01-01', endsOn: '2026-01-02' }), context))).toEqual(['/endsOn']);
    expect(paths(fairProblems(fair({ mode: 'presencial' as never }), context))).toEqual(['/mode']);
    expect(paths(fairProblems(fair({ country: null, stateCode: null, municipalityCode: null }), context))).toEqual(['/country', '/stateCode']);
    expect(paths(fairProblems(fair({ stateCode: '22' }), context))).toEqual(['/municipalityCode']);
    expect(paths(fairProblems(fair({ mode: 'online', url: 'ftp://feria.example.mx' }), context))).toEqual(['/url']);
    expect(paths(fairProblems(fair({ title: 'x'.repeat(201) }), context))).toEqual(['/title']);
  });
  it('an edit is checked against what is stored', () => {
    const current = fair() as FairFields;
    expect(fairProblems({ title: 'Otra' }, context, { partial: true, current })).toEqual([]);
    expect(paths(fairProblems({ endsOn: '2026-01-31' }, context, { partial: true, current }))).toEqual(['/endsOn']);
    expect(paths(fairProblems({ mode: 'hybrid' }, context, { partial: true, current }))).toEqual(['/url']);
  });
});

describe('small-cell suppression', () => {
  const cells = (...people: number[]) => people.map((n, i) => ({ key: `g${i}`, people: n, value: n * 2 }));
  it('hides 1 to 4 people, shows zero and 5 or more', () => {
    expect(suppressCells(cells(5, 0, 3, 4), 12).cells.map((c) => c.value)).toEqual([10, 0, null, null]);
  });
  it('hides a second cell when only one is hidden, so the total does not give it away', () => {
    const { cells: out, totalSuppressed } = suppressCells(cells(9, 6, 2, 0), 17);
    expect(out.map((c) => c.suppressed)).toEqual([false, true, true, false]);
    expect(totalSuppressed).toBe(false);
  });
  it('hides the total and every non-zero cell of a group under 5 people', () => {
    expect(suppressCells(cells(3, 0, 1), 4)).toEqual({ totalSuppressed: true, cells: [{ key: 'g0', value: null, suppressed: true }, { key: 'g1', value: 0, suppressed: false }, { key: 'g2', value: null, suppressed: true }] });
  });
});

describe('early-stop bound', () => {
  it('the parts other than skills add at most 40 points', () => {
    expect(nonSkillMax).toBe(40);
    expect(nonSkillMax + weights.skills).toBe(100);
  });
});
