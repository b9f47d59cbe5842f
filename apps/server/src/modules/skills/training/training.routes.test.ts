import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { actors, count } from '../demand/demand.test.fixtures.js';
import { insertTestTaxonomy, type TestTaxonomy } from '../jobs/jobs.fixtures.js';
import { coursesTeaching } from './training.repository.js';

/*
 * Every provider, course and skill here is SYNTHETIC, and so is the certification code
 * "EC9901". The places are real codes: Querétaro (22) with its municipality 22014, Coahuila (05), Michigan (MI).
 */
let t: TestApp;
let tax: TestTaxonomy;
const a = actors(() => t);
const { call, orgs } = a;
const sk = (n: string) => tax.skills[n]!.id;
const course = (who: string, over: Record<string, unknown> = {}) => ({
  organisationId: orgs[who], kind: 'course', title: 'Seguridad en sistemas de alta tensión para baterías', level: 'short_course', modality: 'in_person',
  durationHours: 40, languages: ['es'], country: 'MX', stateCode: '22', municipalityCode: '22014', skills: [sk('hv'), sk('bms')],
  certificationCode: 'EC9901', startDates: ['2099-03-01', '2099-01-15'], isFree: false, costAmount: 3500, costCurrency: 'MXN', seatsPerYear: 60,
  url: 'https://example.edu.mx/curso', ...over,
});
const ids: Record<string, string> = {};
const search = async (qs: string) => {
  const res = await call('GET', `/api/v1/skills/courses?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  tax = await insertTestTaxonomy(t.database.db, {
    skills: ['hv', 'bms', 'modules', 'plc'],
    occupations: { battery: { essential: ['hv', 'modules', 'bms'] }, electrician: { essential: ['hv', 'plc'] } },
  });
  await sql`insert into skills_certification (code, scheme, title_es, provenance) values ('EC9901', 'conocer', 'Estándar sintético de prueba', '{}'::jsonb)`.execute(t.database.db);
  await a.add('cecati', 'training_centre');
  await a.add('universidad', 'university');
  await a.add('empresa', 'company');
  await a.add('camara', 'industry_chamber');
});
afterAll(async () => {
  await t?.dispose();
});

describe('publishing courses', () => {
  it('a training centre publishes a course; audited, with labels, certification and provenance', async () => {
    const res = await call('POST', '/api/v1/skills/courses', 'cecati', course('cecati', { title: '<b>Seguridad</b> en alta tensión para baterías', partnerName: 'Synthetic Community College', partnerCountry: 'US' }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    ids.c1 = body.id;
    expect(body).toMatchObject({
      status: 'published', title: '<b>Seguridad</b> en alta tensión para baterías', provider: { id: orgs.cecati, type: 'training_centre' },
      stateCode: '22', stateName: 'Querétaro', municipalityName: 'Querétaro', skills: [{ id: sk('hv'), labelEn: 'Synthetic skill hv' }, { id: sk('bms') }],
      certification: { code: 'EC9901', titleEs: 'Estándar sintético de prueba' }, partner: { name: 'Synthetic Community College', country: 'US' },
      startDates: ['2099-01-15', '2099-03-01'], isFree: false, cost: { amount: 3500, currency: 'MXN' }, seatsPerYear: 60,
      provenance: { source: 'skills-training-catalogue', method: 'declared by provider' },
    });
    expect(await t.database.db.selectFrom('audit_event').select('id').where('entity_type', '=', 'skills.course').where('entity_id', '=', ids.c1!).execute()).toHaveLength(1);
  });
  it('companies publish too; online courses need no place', async () => {
    const online = await call('POST', '/api/v1/skills/courses', 'empresa', course('empresa', {
      title: 'Programación de BMS', modality: 'online', country: null, stateCode: null, municipalityCode: null, skills: [sk('bms'), sk('modules')],
      certificationCode: null, isFree: true, costAmount: null, costCurrency: null, seatsPerYear: null, languages: ['es', 'en'], startDates: ['2099-02-01'],
    }));
    expect(online.statusCode, online.body).toBe(201);
    ids.c2 = online.json().id;
    const us = await call('POST', '/api/v1/skills/courses', 'empresa', course('empresa', {
      title: 'Battery module assembly', kind: 'programme', level: 'technical', country: 'US', stateCode: 'MI', municipalityCode: null, skills: [sk('modules')],
      certificationCode: null, costCurrency: 'USD', costAmount: 900, languages: ['en'], startDates: [],
    }));
    expect(us.statusCode, us.body).toBe(201);
    ids.c3 = us.json().id;
    const coahuila = await call('POST', '/api/v1/skills/courses', 'cecati', course('cecati', { title: 'Ensamble de módulos', stateCode: '05', municipalityCode: null, skills: [sk('modules')], certificationCode: null, startDates: ['2099-05-01'] }));
    expect(coahuila.statusCode, coahuila.body).toBe(201);
    ids.c4 = coahuila.json().id;
  });
  it('only editors of providers publish', async () => {
    expect((await call('POST', '/api/v1/skills/courses', 'camara', course('camara'))).json().code).toBe('TRAINING.NOT_A_PROVIDER');
    expect((await call('POST', '/api/v1/skills/courses', 'empresa', course('cecati'))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/skills/courses', undefined, course('cecati'))).statusCode).toBe(401);
  });
});

describe('bad input: per-field errors, nothing saved', () => {
  it('missing, unknown and inconsistent fields', async () => {
    const before = await count(t, 'skills_course');
    const missing = await call('POST', '/api/v1/skills/courses', 'cecati', { organisationId: orgs.cecati, title: 'Sólo título' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['/kind', '/level', '/modality', '/durationHours', '/languages', '/skills', '/isFree']);
    const bad = await call('POST', '/api/v1/skills/courses', 'cecati', course('cecati', { skills: ['local:nope'], costCurrency: 'XXQ', certificationCode: 'EC0000', municipalityCode: '05030', url: 'javascript:alert(1)' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('TRAINING.UNKNOWN_CURRENCY');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/skills/0', '/municipalityCode', '/certificationCode', '/costCurrency', '/url']);
    const noPlace = await call('POST', '/api/v1/skills/courses', 'cecati', course('cecati', { country: null, stateCode: null, municipalityCode: null }));
    expect(noPlace.json().errors).toEqual([expect.objectContaining({ path: '/country' })]);
    expect(await count(t, 'skills_course')).toBe(before);
  });
});

describe('the catalogue', () => {
  it('searches accent-insensitively and filters, with total', async () => {
    const ids1 = (b: { items: Array<{ id: string }> }) => b.items.map((c) => c.id).sort();
    expect(ids1(await search('q=TENSION baterias'))).toEqual([ids.c1]);
    expect(ids1(await search('q=sintetica'))).toEqual([ids.c1, ids.c2, ids.c3, ids.c4].sort());
    expect((await search(`skill=${encodeURIComponent(sk('bms'))}`)).total).toBe(2);
    expect(ids1(await search('state=22'))).toEqual([ids.c1]);
    expect(ids1(await search('modality=online'))).toEqual([ids.c2]);
    expect(ids1(await search('level=technical'))).toEqual([ids.c3]);
    expect(ids1(await search('free=true'))).toEqual([ids.c2]);
    expect(ids1(await search('language=en'))).toEqual([ids.c2, ids.c3].sort());
    expect(ids1(await search('certification=EC9901'))).toEqual([ids.c1]);
    expect((await search(`organisation=${orgs.cecati}`)).total).toBe(2);
    const page = await search('limit=1&offset=1');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(4);
    const bad = await call('GET', '/api/v1/skills/courses?modality=space&state=99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'TRAINING.INVALID_QUERY', errors: [{ path: '/state' }, { path: '/modality' }] });
  });
  it('detail, and 404 for an unknown id', async () => {
    expect((await call('GET', `/api/v1/skills/courses/${ids.c2}`)).json()).toMatchObject({ id: ids.c2, modality: 'online', country: null, isFree: true, cost: null });
    expect((await call('GET', '/api/v1/skills/courses/00000000-0000-0000-0000-000000000000')).json().code).toBe('TRAINING.COURSE_NOT_FOUND');
  });
});

describe('editing and withdrawing', () => {
  it('only the provider edits; making a course free drops its cost', async () => {
    expect((await call('PATCH', `/api/v1/skills/courses/${ids.c1}`, 'empresa', { title: 'mío' })).json().code).toBe('TRAINING.NOT_YOUR_COURSE');
    const bad = await call('PATCH', `/api/v1/skills/courses/${ids.c1}`, 'cecati', { title: '  ', stateCode: '05' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/title', '/municipalityCode']);
    const ok = await call('PATCH', `/api/v1/skills/courses/${ids.c1}`, 'cecati', { isFree: true, seatsPerYear: 80 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ isFree: true, cost: null, seatsPerYear: 80 });
  });
  it('a withdrawn course leaves the catalogue and is no longer edited', async () => {
    expect((await call('POST', `/api/v1/skills/courses/${ids.c3}/withdraw`, 'empresa')).json()).toMatchObject({ status: 'withdrawn' });
    expect((await search('')).total).toBe(3);
    expect((await call('PATCH', `/api/v1/skills/courses/${ids.c3}`, 'empresa', { title: 'otra vez' })).json().code).toBe('TRAINING.COURSE_WITHDRAWN');
    expect((await call('GET', '/api/v1/skills/courses/mine', 'empresa')).json().total).toBe(2);
  });
});

describe('courses that close a gap', () => {
  it('coursesTeaching: same state first, then online, then the rest of the country; at most N per skill', async () => {
    const near22 = await coursesTeaching(t.database.db, [sk('bms'), sk('modules'), sk('plc')], { stateCode: '22' }, 3);
    expect(near22.map((s) => [s.skillId, s.courses.map((c) => [c.id, c.nearness])])).toEqual([
      [sk('bms'), [[ids.c1, 'same_state'], [ids.c2, 'online']]],
      [sk('modules'), [[ids.c2, 'online'], [ids.c4, 'same_country']]],
    ]);
    const near05 = await coursesTeaching(t.database.db, [sk('modules')], { stateCode: '05' }, 1);
    expect(near05).toEqual([{ skillId: sk('modules'), courses: [expect.objectContaining({ id: ids.c4, nearness: 'same_state', nextStartDate: '2099-05-01', stateName: 'Coahuila de Zaragoza' })] }]);
  });
  it('the career pathway lists the courses for each skill to gain', async () => {
    const res = await call('GET', `/api/v1/skills/pathways?from=${encodeURIComponent(tax.occupations.electrician!)}&to=${encodeURIComponent(tax.occupations.battery!)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Electrician → battery: bms and modules to gain; every placed course is elsewhere, so online ones lead.
    expect(body.courses.map((s: { skillId: string; courses: Array<{ id: string }> }) => [s.skillId, s.courses.map((c) => c.id)])).toEqual([
      [sk('bms'), [ids.c2, ids.c1]],
      [sk('modules'), [ids.c2, ids.c4]],
    ]);
    expect(body.courses[0].courses[1]).toMatchObject({ title: '<b>Seguridad</b> en alta tensión para baterías', organisation: { id: orgs.cecati }, nearness: 'elsewhere', isFree: true });
  });
});

describe('courses in the match explanation', () => {
  it('a candidate sees, under each missing skill of a matched vacancy, the courses that teach it, nearest first', async () => {
    await a.add('patrona', 'company');
    await a.add('candidata');
    const posted = await call('POST', '/api/v1/skills/vacancies', 'patrona', {
      organisationId: orgs.patrona, title: 'Técnica de baterías (sintética)', occupationId: tax.occupations.battery, country: 'MX', stateCode: '22',
      municipalityCode: '22014', salaryMin: 15000, salaryMax: 20000, salaryCurrency: 'MXN', salaryPeriod: 'month', benefits: ['aguinaldo'],
      activities: 'Ensamble de módulos.', requiredSkills: [sk('hv'), sk('bms')], optionalSkills: [sk('modules')], languages: [], workMode: 'on_site',
      inclusion: [], workAuthorisationRequired: false,
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const profile = await call('PUT', '/api/v1/skills/candidates/me', 'candidata', {
      skills: [sk('hv')], experience: [], country: 'MX', stateCode: '22', languages: [{ code: 'es', level: 'native' }], authorisedMx: true, authorisedUs: false,
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const res = await call('GET', '/api/v1/skills/candidates/me/vacancies?limit=20', 'candidata');
    expect(res.statusCode, res.body).toBe(200);
    const match = res.json().items.find((i: { vacancy: { id: string } }) => i.vacancy.id === posted.json().id).match;
    // Missing: bms (required) then modules (optional); the candidate lives in Querétaro (22), so the course there leads.
    expect(match.courses.map((s: { skillId: string; courses: Array<{ id: string; nearness: string }> }) => [s.skillId, s.courses.map((c) => [c.id, c.nearness])])).toEqual([
      [sk('bms'), [[ids.c1, 'same_state'], [ids.c2, 'online']]],
      [sk('modules'), [[ids.c2, 'online'], [ids.c4, 'same_country']]],
    ]);
  });
});

// Last: the courses it adds would change the counts above.
describe('universities', () => {
  it('a university publishes a degree programme as itself, not as a training centre', async () => {
    const res = await call('POST', '/api/v1/skills/courses', 'universidad', course('universidad', { title: 'Ingeniería en electromovilidad (sintética)' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ provider: { id: orgs.universidad, type: 'university' } });
  });
});
