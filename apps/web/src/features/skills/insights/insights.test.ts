import { describe, expect, it } from 'vitest';
import { noDataColour, quantileClasses } from '../../charging/choropleth';
import type { Course, DemandCell, DemandReport } from './api';
import {
  checkDemandForm, courseBody, courseFormFrom, courseParams, courseQueryFrom, dateRange, demandBody, demandFillExpression, demandFormFrom, emptyCourseForm,
  emptyDemandForm, emptyFairForm, errorsByField, fairBody, labelOf, organisationsOfTypes, stateFigures, trendSeries, withheldColour,
} from './insights';

// Synthetic cells and records, made for these tests.
const cell = (key: string, people: number | null, suppressed = false): DemandCell => ({ key, labelEs: key, labelEn: key, people, reports: people === null ? null : 3, organisations: people === null ? null : 3, suppressed });

describe('errorsByField', () => {
  it('files each server error under the first segment of its pointer, first message winning', () => {
    expect(errorsByField([
      { path: '/skills/1', message: 'Unknown skill' },
      { path: '/skills/0', message: 'second' },
      { path: '/body/people', message: 'Too many' },
      { path: '', message: 'whole form' },
    ])).toEqual({ skills: 'Unknown skill', people: 'Too many', _: 'whole form' });
  });
});

describe('the demand map', () => {
  it('keeps withheld states apart from published ones and ignores non-state keys', () => {
    const f = stateFigures([cell('05', 120), cell('19', null, true), cell('unknown', 4)]);
    expect([...f.people]).toEqual([['05', 120]]);
    expect([...f.withheld]).toEqual(['19']);
  });

  it('paints withheld states in their own colour, never as zero', () => {
    const f = stateFigures([cell('05', 120), cell('02', 0), cell('19', null, true)]);
    const expr = demandFillExpression(f, quantileClasses([120])) as unknown[];
    const pairs = expr.slice(2, -1);
    const colourOf = (code: string) => pairs[pairs.indexOf(code) + 1];
    expect(colourOf('19')).toBe(withheldColour);
    expect(colourOf('02')).toBe(noDataColour);
    expect(colourOf('05')).not.toBe(noDataColour);
    expect(expr.at(-1)).toBe(noDataColour);
    expect(demandFillExpression(stateFigures([]), [])).toBe(noDataColour);
  });
});

describe('trendSeries', () => {
  it('orders quarters in time and breaks the line at a withheld quarter', () => {
    expect(trendSeries([cell('2026-Q1', 40), cell('2025-Q3', 10), cell('2025-Q4', null, true), cell('bad', 1)])).toEqual([
      { quarter: '2025-Q3', people: 10, withheld: false },
      { quarter: '2025-Q4', people: null, withheld: true },
      { quarter: '2026-Q1', people: 40, withheld: false },
    ]);
  });
});

describe('the demand form', () => {
  it('asks for what is missing before calling the server', () => {
    expect(checkDemandForm(emptyDemandForm('org'))).toEqual({ occupationId: 'required', skills: 'required', people: 'required', horizon: 'horizonOrDate', stateCode: 'required', level: 'required' });
    const form = { ...emptyDemandForm('org'), occupation: { id: 'esco:x', label: 'X' }, skills: [{ id: 'local:y', label: 'Y' }], people: '2.5', targetDate: '2027-01-01', stateCode: '05', level: 'technical' };
    expect(checkDemandForm(form)).toEqual({ people: 'wholeNumber' });
    expect(checkDemandForm({ ...form, people: '12' })).toEqual({});
  });

  it('sends a target date instead of a horizon, nulls for empty optionals, and the organisation only on create', () => {
    const form = { ...emptyDemandForm('org-1'), occupation: { id: 'esco:x', label: 'X' }, skills: [{ id: 'local:y', label: 'Y' }], people: ' 12 ', horizon: '1_3_years', targetDate: '2027-01-01', stateCode: '05', level: 'technical' };
    expect(demandBody(form, true)).toEqual({ organisationId: 'org-1', occupationId: 'esco:x', skills: ['local:y'], people: 12, horizon: null, targetDate: '2027-01-01', stateCode: '05', municipalityCode: null, level: 'technical', notes: null });
    const edit = demandBody({ ...form, targetDate: '' }, false);
    expect(edit.horizon).toBe('1_3_years');
    expect(edit.targetDate).toBeNull();
    expect('organisationId' in edit).toBe(false);
  });

  it('loads a stored report back into the form in the page language', () => {
    const report = {
      id: 'r1', status: 'active', organisation: { id: 'o1', name: 'Synthetic' }, occupation: { id: 'esco:x', labelEs: 'Técnica', labelEn: 'Technician' },
      skills: [{ id: 'local:y', labelEs: 'Seguridad', labelEn: 'Safety' }], people: 7, horizon: '1_3_years', targetDate: null, level: 'graduate', stateCode: '19',
      stateName: 'Nuevo León', municipalityCode: null, municipalityName: null, reportedOn: '2026-01-02', notes: null, provenance: {}, withdrawnAt: null, updatedAt: '2026-01-02',
    } satisfies DemandReport;
    const form = demandFormFrom(report, 'en');
    expect(form).toMatchObject({ organisationId: 'o1', people: '7', horizon: '1_3_years', targetDate: '', stateCode: '19', level: 'graduate' });
    expect(form.occupation?.label).toBe('Technician');
    expect(form.skills).toEqual([{ id: 'local:y', label: 'Safety' }]);
  });
});

describe('the catalogue filters in the address bar', () => {
  it('round-trips, dropping empty values and a free flag that is not "true"', () => {
    const q = courseQueryFrom(new URLSearchParams('q=+baterias+&state=05&modality=&free=true&level=technical&other=x'));
    expect(q).toEqual({ q: 'baterias', state: '05', level: 'technical', free: true });
    expect(courseParams(q).toString()).toBe('q=baterias&state=05&level=technical&free=true');
    expect(courseQueryFrom(new URLSearchParams('free=1'))).toEqual({});
  });
});

describe('the course form', () => {
  it('drops the cost of a free course and the place of an online one without state', () => {
    const form = { ...emptyCourseForm('prov'), title: ' Alta tensión ', level: 'short_course', modality: 'online', durationHours: '1,500', isFree: true, costAmount: '100', startDates: '2026-03-01, 2026-09-01\n' };
    const body = courseBody(form, true);
    expect(body).toMatchObject({ organisationId: 'prov', title: 'Alta tensión', durationHours: 1500, country: null, stateCode: null, costAmount: null, costCurrency: null, startDates: ['2026-03-01', '2026-09-01'] });
  });

  it('keeps a paid in-person course as typed and leaves a bad number for the server to name', () => {
    const body = courseBody({ ...emptyCourseForm('prov'), modality: 'in_person', stateCode: '05', costAmount: '2500', costCurrency: 'mxn', seatsPerYear: 'many' }, false);
    expect(body).toMatchObject({ country: 'MX', stateCode: '05', costAmount: 2500, costCurrency: 'MXN' });
    expect(Number.isNaN(body.seatsPerYear)).toBe(true);
    expect('organisationId' in body).toBe(false);
  });

  it('loads a stored course back into the form', () => {
    const course = {
      id: 'c1', status: 'published', kind: 'programme', title: 'T', description: null, provider: { id: 'p1', name: 'P', type: 'training_centre' }, level: 'technical',
      modality: 'mixed', durationHours: 40, languages: ['es', 'en'], country: 'MX', stateCode: '05', stateName: 'Coahuila', municipalityCode: null, municipalityName: null,
      lat: null, lon: null, skills: [{ id: 's', labelEs: 'Ensamble', labelEn: 'Assembly' }], certification: { code: 'EC1547', titleEs: null }, partner: null,
      startDates: ['2026-02-01'], isFree: false, cost: { amount: 900, currency: 'USD' }, seatsPerYear: 30, url: null, provenance: {}, withdrawnAt: null, updatedAt: '2026-01-01',
    } satisfies Course;
    expect(courseFormFrom(course, 'es')).toMatchObject({ organisationId: 'p1', kind: 'programme', durationHours: '40', certificationCode: 'EC1547', costAmount: '900', costCurrency: 'USD', seatsPerYear: '30', startDates: '2026-02-01' });
    expect(courseFormFrom(course, 'es').skills[0]!.label).toBe('Ensamble');
  });
});

describe('the fair form', () => {
  it('sends no place for an online fair and no address for an in-person one', () => {
    const base = { ...emptyFairForm(''), title: 'Feria', startsOn: '2026-05-01', endsOn: '2026-05-02', stateCode: '05', venue: 'Centro', url: 'https://example.mx' };
    expect(fairBody({ ...base, mode: 'online' })).toMatchObject({ organisationId: null, country: null, stateCode: null, venue: null, url: 'https://example.mx' });
    expect(fairBody({ ...base, mode: 'in_person' })).toMatchObject({ country: 'MX', stateCode: '05', venue: 'Centro', url: null });
    expect(fairBody({ ...base, mode: 'hybrid' })).toMatchObject({ stateCode: '05', url: 'https://example.mx' });
  });
});

describe('small helpers', () => {
  it('writes a range of calendar dates without shifting the day', () => {
    expect(dateRange('2026-03-12', '2026-03-12', 'en')).toBe('Mar 12, 2026');
    expect(dateRange('2026-03-12', '2026-03-14', 'en')).toMatch(/^Mar 12\s*–\s*14, 2026$/);
    expect(dateRange('bad', '2026-03-14', 'es-MX')).toBe('bad – 2026-03-14');
  });

  it('picks the label of the page language, falling back to the other', () => {
    expect(labelOf({ labelEs: 'Batería', labelEn: 'Battery' }, 'en')).toBe('Battery');
    expect(labelOf({ labelEs: 'Batería', labelEn: '' }, 'en')).toBe('Batería');
    expect(labelOf({ labelEs: 'Batería', labelEn: 'Battery' }, 'es-MX')).toBe('Batería');
  });

  it('keeps only the organisations whose type may act', () => {
    const ms = [{ organisationId: 'a' }, { organisationId: 'b' }, { organisationId: 'c' }];
    expect(organisationsOfTypes(ms, new Map([['a', 'company'], ['b', 'university']]), ['company', 'industry_chamber'])).toEqual([{ organisationId: 'a' }]);
  });
});
