import { describe, expect, it } from 'vitest';
import {
  cleanText, cvKind, isCurrency, languageGrants, languageKey, monthly, scoreMatch, skillGap, transitionProblem, vacancyProblems,
  type MatchCandidate, type MatchVacancy, type ValidationContext, type VacancyFields,
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
