import { describe, expect, it } from 'vitest';
import { courseProblems, isCountryCode, isWebUrl, normaliseCourse, type CourseContext, type CourseFields } from './training.domain.js';

// Synthetic ids; 22 Querétaro and 22014 Querétaro (municipality) are real INEGI codes.
const context: CourseContext = {
  skills: new Set(['local:test-hv']), certifications: new Set(['EC1547']),
  states: { MX: new Set(['22']), US: new Set(['MI']) }, municipalities: new Map([['22014', '22']]),
};
const valid: CourseFields = {
  kind: 'course', title: 'Seguridad en alto voltaje', description: null, level: 'short_course', modality: 'in_person', durationHours: 40,
  languages: ['es'], country: 'MX', stateCode: '22', municipalityCode: '22014', lat: null, lon: null, skills: ['local:test-hv'],
  certificationCode: 'EC1547', partnerName: null, partnerCountry: null, startDates: ['2025-09-01'], isFree: false, costAmount: 3500,
  costCurrency: 'MXN', seatsPerYear: 60, url: 'https://example.edu.mx/curso',
};
const codes = (p: ReturnType<typeof courseProblems>) => p.map((x) => [x.path, x.code]);

describe('courseProblems', () => {
  it('accepts a valid course, and an online one without a place', () => {
    expect(courseProblems(valid, context)).toEqual([]);
    expect(courseProblems({ ...valid, modality: 'online', country: null, stateCode: null, municipalityCode: null }, context)).toEqual([]);
  });
  it('names each wrong field with its code', () => {
    const p = courseProblems({
      ...valid, modality: 'mixed', country: 'MX', stateCode: '99', municipalityCode: null, skills: ['local:nope'], certificationCode: 'EC0000',
      costCurrency: 'XXQ', languages: ['zz'], url: 'javascript:alert(1)', partnerName: 'Synthetic College', partnerCountry: null, durationHours: 0,
    }, context);
    expect(codes(p)).toEqual([
      ['/durationHours', 'TRAINING.INVALID_COURSE'], ['/languages/0', 'TRAINING.INVALID_COURSE'], ['/skills/0', 'TRAINING.UNKNOWN_SKILL'],
      ['/stateCode', 'TRAINING.UNKNOWN_PLACE'], ['/certificationCode', 'TRAINING.UNKNOWN_CERTIFICATION'], ['/partnerCountry', 'TRAINING.INVALID_COURSE'],
      ['/costCurrency', 'TRAINING.UNKNOWN_CURRENCY'], ['/url', 'TRAINING.INVALID_COURSE'],
    ]);
  });
  it('requires a place unless online, and a cost unless free', () => {
    expect(codes(courseProblems({ ...valid, stateCode: null, municipalityCode: null }, context))).toEqual([['/stateCode', 'TRAINING.INVALID_COURSE']]);
    expect(codes(courseProblems({ ...valid, costAmount: null, costCurrency: null }, context)).map((c) => c[0])).toEqual(['/costAmount', '/costCurrency']);
    expect(codes(courseProblems({ ...valid, isFree: true }, context)).map((c) => c[0])).toEqual(['/costAmount']);
  });
  it('keeps markup as text and sorts start dates', () => {
    const f = normaliseCourse({ ...valid, title: '  <b>Curso</b>\u0007 ', startDates: ['2025-10-01', '2025-09-01', '2025-10-01'] });
    expect(f.title).toBe('<b>Curso</b>');
    expect(f.startDates).toEqual(['2025-09-01', '2025-10-01']);
  });
  it('knows country codes and web URLs', () => {
    expect([isCountryCode('US'), isCountryCode('us'), isCountryCode('ZZ')]).toEqual([true, false, false]);
    expect([isWebUrl('https://a.mx'), isWebUrl('data:text/html,x'), isWebUrl('nada')]).toEqual([true, false, false]);
  });
});
