import { describe, expect, it } from 'vitest';
import { emptyProfileForm, profileBodyOf, profileServerErrors, validateProfile } from './profileForm';
import { languageChoices } from './vocab';
import {
  addPicked, changedFields, emptyVacancyForm, isKnownCurrency, parseAmount, toggle, vacancyBodyOf, vacancyFieldOf, vacancyServerErrors, validateVacancy,
  type VacancyForm,
} from './vacancyForm';

const filled = (): VacancyForm => ({
  ...emptyVacancyForm('org-1'),
  title: 'Técnico de baterías',
  occupation: { id: 'esco:abc', label: 'técnico de baterías' },
  stateCode: '05',
  salaryMin: '15,000',
  salaryMax: '20000',
  activities: 'Ensamble de módulos <b>y</b> pruebas',
  requiredSkills: [{ id: 'local:high-voltage-safety', label: 'Seguridad en alto voltaje' }],
});

describe('the vacancy form', () => {
  it('reads amounts as typed in Mexico and the US', () => {
    expect(parseAmount('15,000')).toBe(15000);
    expect(parseAmount(' $ 15,000.50 ')).toBe(15000.5);
    expect(parseAmount('17,5')).toBe(17.5);
    expect(parseAmount('diez')).toBeNull();
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('-5')).toBeNull();
  });

  it('accepts a complete form and builds the API body (HTML kept as text)', () => {
    const form = filled();
    expect(validateVacancy(form, '2026-01-01')).toEqual({});
    const body = vacancyBodyOf(form);
    expect([body.salaryMin, body.salaryMax, body.salaryCurrency, body.salaryPeriod]).toEqual([15000, 20000, 'MXN', 'month']);
    expect(body.occupationId).toBe('esco:abc');
    expect(body.requiredSkills).toEqual(['local:high-voltage-safety']);
    expect([body.country, body.stateCode, body.municipalityCode]).toEqual(['MX', '05', null]);
    expect(body.status).toBe('published');
    expect(body.activities).toBe('Ensamble de módulos <b>y</b> pruebas');
  });

  it('flags missing fields, min above max, unknown currencies and past closing dates', () => {
    const empty = validateVacancy(emptyVacancyForm(), '2026-01-01');
    expect(Object.keys(empty).sort()).toEqual(['activities', 'occupationId', 'organisationId', 'requiredSkills', 'salaryMax', 'salaryMin', 'stateCode', 'title']);
    const wrong = validateVacancy({ ...filled(), salaryMin: '30000', salaryCurrency: 'XYZ', closingDate: '2025-12-31' }, '2026-01-01');
    expect(wrong.salaryMin).toEqual({ key: 'minAboveMax' });
    expect(wrong.salaryCurrency).toEqual({ key: 'currency' });
    expect(wrong.closingDate).toEqual({ key: 'pastDate' });
    expect(isKnownCurrency('MXN')).toBe(true);
    expect(isKnownCurrency('usd')).toBe(false);
  });

  it('puts each server error next to its field', () => {
    expect(vacancyFieldOf('/salaryMin')).toBe('salaryMin');
    expect(vacancyFieldOf('/body/salaryCurrency')).toBe('salaryCurrency');
    expect(vacancyFieldOf('/stateCode')).toBe('stateCode');
    expect(vacancyFieldOf('/requiredSkills/2')).toBe('requiredSkills');
    expect(vacancyFieldOf('/languages/0/level')).toBe('languages');
    expect(vacancyFieldOf('/occupationId')).toBe('occupationId');
    expect(vacancyFieldOf('/lat')).toBe('municipalityCode');
    expect(vacancyFieldOf('/')).toBe('form');
    expect(vacancyFieldOf('/somethingElse')).toBe('form');
    expect(
      vacancyServerErrors([
        { path: '/salaryMin', message: 'The minimum is above the maximum.' },
        { path: '/salaryMin', message: 'second message' },
        { path: '/requiredSkills/0', message: 'Unknown skill local:nope' },
      ]),
    ).toEqual({ salaryMin: { text: 'The minimum is above the maximum.' }, requiredSkills: { text: 'Unknown skill local:nope' } });
  });

  it('sends only the fields an edit changed', () => {
    const before = vacancyBodyOf(filled());
    const after = vacancyBodyOf({ ...filled(), salaryMax: '21000', inclusion: ['childcare'] });
    expect(changedFields(before, after)).toEqual({ salaryMax: 21000, inclusion: ['childcare'] });
    expect(changedFields(before, before)).toEqual({});
  });

  it('keeps the optional SCIAN industry code: shape checked here, empty sent as null', () => {
    expect(vacancyBodyOf(filled()).industryScian).toBeNull();
    expect(vacancyBodyOf({ ...filled(), industryScian: ' 336320 ' }).industryScian).toBe('336320');
    expect(validateVacancy({ ...filled(), industryScian: '3363' }, '2026-01-01')).toEqual({});
    expect(validateVacancy({ ...filled(), industryScian: '33-63' }, '2026-01-01')).toEqual({ industryScian: { key: 'scian' } });
    expect(vacancyFieldOf('/industryScian')).toBe('industryScian');
  });

  it('toggles ticks and adds a picked item once', () => {
    expect(toggle(toggle(['a'], 'b'), 'a')).toEqual(['b']);
    const one = addPicked([], { id: 'x', label: 'X' });
    expect(addPicked(one, { id: 'x', label: 'X again' })).toEqual(one);
  });
});

describe('the candidate profile form', () => {
  it('is private by default and builds the body with a desired salary range', () => {
    const form = emptyProfileForm();
    expect(form.openToEmployers).toBe(false);
    const body = profileBodyOf({ ...form, stateCode: '19', desiredSalaryMin: '18,000', skills: [{ id: 'esco:s1', label: 's1' }] });
    expect(body.openToEmployers).toBe(false);
    expect(body.gender).toBeNull();
    expect([body.country, body.stateCode, body.municipalityCode]).toEqual(['MX', '19', null]);
    expect([body.desiredSalaryMin, body.desiredSalaryCurrency, body.desiredSalaryPeriod]).toEqual([18000, 'MXN', 'month']);
    expect(body.skills).toEqual(['esco:s1']);
    // No amount: no currency or period either.
    expect([profileBodyOf(form).desiredSalaryMin, profileBodyOf(form).desiredSalaryCurrency]).toEqual([null, null]);
    expect(profileBodyOf({ ...form, country: '' , stateCode: '19' }).stateCode).toBeNull();
  });

  it('checks amounts and experience rows, and maps server errors', () => {
    const errors = validateProfile({ ...emptyProfileForm(), desiredSalaryMin: 'mucho', stateCode: 'TX', experience: [{ occupation: null, title: '', years: '2' }] });
    expect(errors.desiredSalaryMin).toEqual({ key: 'number' });
    expect(errors.stateCode).toEqual({ key: 'required' });
    expect(errors.experience).toEqual({ key: 'required' });
    expect(profileServerErrors([{ path: '/desiredSalaryCurrency', message: 'Unknown currency' }, { path: '/skills/1', message: 'Unknown skill' }, { path: '/experience/0/years', message: 'x' }])).toEqual({
      desiredSalaryCurrency: { text: 'Unknown currency' },
      experience: { text: 'x' },
      skills: { text: 'Unknown skill' },
    });
  });
});

describe('language choices', () => {
  it('names the common languages in the page language and keeps a chosen code that is not listed', () => {
    const es = languageChoices('', 'es-MX');
    expect(es[0]).toEqual(['es', 'español']);
    expect(es[1]).toEqual(['en', 'inglés']);
    expect(languageChoices('', 'en')[0]).toEqual(['es', 'Spanish']);
    expect(languageChoices('nl', 'en').at(-1)).toEqual(['nl', 'Dutch']);
    expect(languageChoices('es', 'en').filter(([code]) => code === 'es')).toHaveLength(1);
  });
});
