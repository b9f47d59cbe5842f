import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../../test/builders.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { languageKey, scoreMatch } from './jobs.domain.js';
import { createJobsRepository } from './jobs.repository.js';
import { insertTestTaxonomy, tinyDocx, tinyPdf, type TestTaxonomy } from './jobs.fixtures.js';

/*
 * Every organisation, person, vacancy and skill here is SYNTHETIC, made for these tests. The
 * places are real codes: Coahuila (05) and its municipality Saltillo (05030), Querétaro (22),
 * Michigan (MI).
 */
let t: TestApp;
let tax: TestTaxonomy;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
const password = 'caballo correcto batería';
let org: string;
let otherOrg: string;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, who?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

async function user(name: string) {
  const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: `Persona ${name}` }, null);
  tokens[name] = (await t.services.accounts.createApiToken(principal, 'test')).token;
  userIds[name] = principal.userId;
  return principal;
}
const sk = (name: string) => tax.skills[name]!.id;
const vacancy = (over: Record<string, unknown> = {}) => ({
  organisationId: org, title: 'Técnico en ensamble de módulos de batería', occupationId: tax.occupations.battery, country: 'MX', stateCode: '05',
  municipalityCode: '05030', salaryMin: 14000, salaryMax: 19000, salaryCurrency: 'MXN', salaryPeriod: 'month',
  benefits: ['aguinaldo', 'imss', 'infonavit', 'vacation_premium'], benefitsOther: 'Comedor subsidiado', activities: 'Ensamble y prueba de módulos de batería.',
  requiredSkills: [sk('hv'), sk('modules')], optionalSkills: [sk('bms')], languages: [{ code: 'en', level: 'B1' }], workMode: 'on_site',
  inclusion: ['childcare', 'accessible_workplace'], workAuthorisationRequired: true, ...over,
});
const profile = (over: Record<string, unknown> = {}) => ({
  skills: [sk('hv'), sk('modules')], experience: [{ occupationId: tax.occupations.electrician, years: 4, title: 'Electricista industrial' }],
  country: 'MX', stateCode: '05', municipalityCode: '05030', languages: [{ code: 'es', level: 'native' }, { code: 'en', level: 'B2' }],
  authorisedMx: true, authorisedUs: false, desiredSalaryMin: 16000, desiredSalaryCurrency: 'MXN', desiredSalaryPeriod: 'month', gender: 'woman', ...over,
});
const count = async (table: string, where = sql`true`) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(t.database.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  tax = await insertTestTaxonomy(t.database.db, {
    skills: ['hv', 'modules', 'bms', 'welding', 'plc', 'charger'],
    occupations: {
      battery: { essential: ['hv', 'modules', 'bms'], optional: ['plc'] },
      electrician: { essential: ['hv', 'plc'], optional: ['charger'] },
      welder: { essential: ['welding'] },
    },
  });
  for (const name of ['employer', 'rival', 'ana', 'beto', 'carla', 'dora']) await user(name);
  const e = await t.services.accounts.signIn({ email: 'employer@example.mx', password }, null);
  org = (await t.services.accounts.createOrganisation(e.principal, { name: 'Baterías Sintéticas del Norte', type: 'company' })).id;
  const r = await t.services.accounts.signIn({ email: 'rival@example.mx', password }, null);
  otherOrg = (await t.services.accounts.createOrganisation(r.principal, { name: 'Rival Sintético', type: 'company' })).id;
});
afterAll(async () => {
  await t?.dispose();
});

let vacancyId: string;

describe('vacancies', () => {
  it('an editor posts a vacancy; it reads back with labels, place names and provenance', async () => {
    const res = await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    vacancyId = body.id;
    expect(body).toMatchObject({
      status: 'published', organisation: { id: org, name: 'Baterías Sintéticas del Norte' }, country: 'MX', stateCode: '05', stateName: 'Coahuila de Zaragoza',
      municipalityCode: '05030', municipalityName: 'Saltillo', salary: { min: 14000, max: 19000, currency: 'MXN', period: 'month' },
      requiredSkills: [{ id: sk('hv'), labelEn: 'Synthetic skill hv' }, { id: sk('modules') }], optionalSkills: [{ id: sk('bms') }],
      occupation: { id: tax.occupations.battery, labelEs: 'Ocupación sintética battery' }, provenance: { source: 'skills-job-board', method: 'declared by employer' },
    });
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'skills.vacancy').where('entity_id', '=', vacancyId).execute();
    expect(audit).toHaveLength(1);
  });

  it('lists and filters open vacancies publicly, with total', async () => {
    await call('POST', '/api/v1/skills/vacancies', 'rival', vacancy({ organisationId: otherOrg, title: 'Soldador remoto sintético', occupationId: tax.occupations.welder, country: 'US', stateCode: 'MI', municipalityCode: 'Detroit', salaryCurrency: 'USD', salaryMin: 20, salaryMax: 30, salaryPeriod: 'hour', requiredSkills: [sk('welding')], optionalSkills: [], activities: 'Soldadura de bastidores.', benefitsOther: null, workMode: 'remote', inclusion: ['flexible_hours'], benefits: ['health_insurance', 'retirement_401k'] }));
    const all = (await call('GET', '/api/v1/skills/vacancies')).json();
    expect(all.total).toBe(2);
    const q = async (qs: string) => (await call('GET', `/api/v1/skills/vacancies?${qs}`)).json();
    expect((await q('q=MODULOS bateria')).items.map((v: { id: string }) => v.id)).toEqual([vacancyId]);
    expect((await q('country=US')).items[0].title).toBe('Soldador remoto sintético');
    expect((await q('state=05')).total).toBe(1);
    expect((await q(`occupation=${encodeURIComponent(tax.occupations.welder!)}`)).total).toBe(1);
    expect((await q(`skill=${encodeURIComponent(sk('bms'))}`)).total).toBe(1);
    expect((await q('remote=true')).items[0].workMode).toBe('remote');
    expect((await q('inclusion=childcare&inclusion=accessible_workplace')).total).toBe(1);
    // 20–30 US$ an hour is 3,467–5,200 a month at 40 h/week.
    expect((await q('salaryFloor=5000&currency=USD')).total).toBe(1);
    expect((await q('salaryFloor=6000&currency=USD')).total).toBe(0);
    expect((await q('salaryFloor=15000&currency=MXN')).total).toBe(1);
    const bad = await call('GET', '/api/v1/skills/vacancies?salaryFloor=100&currency=XXQ');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'JOBS.UNKNOWN_CURRENCY', errors: [{ path: '/currency' }] });
  });

  it('only editors of the organisation post and edit its vacancies', async () => {
    const posted = await call('POST', '/api/v1/skills/vacancies', 'ana', vacancy());
    expect(posted.statusCode).toBe(403);
    expect(posted.json().code).toBe('JOBS.NOT_AN_EDITOR');
    const edited = await call('PATCH', `/api/v1/skills/vacancies/${vacancyId}`, 'rival', { title: 'mío' });
    expect(edited.statusCode).toBe(403);
    expect(edited.json().code).toBe('JOBS.NOT_YOUR_VACANCY');
    expect((await call('POST', '/api/v1/skills/vacancies', undefined, vacancy())).statusCode).toBe(401);
    const ok = await call('PATCH', `/api/v1/skills/vacancies/${vacancyId}`, 'employer', { salaryMax: 21000 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().salary.max).toBe(21000);
  });
});

describe('bad input: per-field errors with JOBS codes, nothing saved', () => {
  const post = async (body: unknown) => {
    const before = await count('skills_vacancy');
    const res = await call('POST', '/api/v1/skills/vacancies', 'employer', body);
    expect(await count('skills_vacancy')).toBe(before);
    return res;
  };

  it('missing required fields', async () => {
    const res = await post({ organisationId: org, title: 'Sólo título' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('JOBS.INVALID_VACANCY');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/occupationId', '/country', '/salaryMin', '/salaryCurrency', '/activities', '/requiredSkills']));
  });
  it('salary minimum above maximum', async () => {
    const res = await post(vacancy({ salaryMin: 30000, salaryMax: 20000 }));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'JOBS.SALARY_MIN_ABOVE_MAX', errors: [{ path: '/salaryMin' }] });
    const patch = await call('PATCH', `/api/v1/skills/vacancies/${vacancyId}`, 'employer', { salaryMin: 50000 });
    expect(patch.json().code).toBe('JOBS.SALARY_MIN_ABOVE_MAX');
  });
  it('unknown currency', async () => {
    const res = await post(vacancy({ salaryCurrency: 'PES' }));
    expect(res.json()).toMatchObject({ code: 'JOBS.UNKNOWN_CURRENCY', errors: [{ path: '/salaryCurrency' }] });
  });
  it('unknown skill and occupation ids, each at its path', async () => {
    const res = await post(vacancy({ occupationId: 'esco:00000000-0000-0000-0000-000000000000', requiredSkills: [sk('hv'), 'local:no-such-skill'] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('JOBS.UNKNOWN_OCCUPATION');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/occupationId', '/requiredSkills/1']);
    const skillOnly = await post(vacancy({ optionalSkills: ['local:nope'] }));
    expect(skillOnly.json()).toMatchObject({ code: 'JOBS.UNKNOWN_SKILL', errors: [{ path: '/optionalSkills/0' }] });
  });
  it('a wrong type is refused by the schema', async () => {
    const res = await post(vacancy({ salaryMin: 'mucho' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/salaryMin');
  });
  it('HTML and script are stored as given and returned as plain JSON strings; control characters are stripped', async () => {
    const res = await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: '<b>Técnico</b>\u0000\u0007', activities: '<script>alert("x")</script>\u001b[31m rojo', status: 'draft' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().title).toBe('<b>Técnico</b>');
    expect(res.json().activities).toBe('<script>alert("x")</script>[31m rojo');
    const row = await t.database.db.selectFrom('skills_vacancy').select(['activities']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.activities).toBe('<script>alert("x")</script>[31m rojo');
    // A draft is not public.
    expect((await call('GET', `/api/v1/skills/vacancies/${res.json().id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/skills/vacancies/${res.json().id}`, 'employer')).statusCode).toBe(200);
  });
});

describe('candidates: private profiles, applications, matching', () => {
  it('a candidate keeps one profile; bad fields are reported per field', async () => {
    const bad = await call('PUT', '/api/v1/skills/candidates/me', 'ana', profile({ skills: ['local:nope'], desiredSalaryCurrency: 'ABC', experience: [{ occupationId: 'local:nope', years: 99 }] }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/skills/0', '/experience/0/occupationId', '/experience/0/years', '/desiredSalaryCurrency']);
    expect(await count('skills_candidate')).toBe(0);
    const res = await call('PUT', '/api/v1/skills/candidates/me', 'ana', profile());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ openToEmployers: false, gender: 'woman', skills: [{ id: sk('hv') }, { id: sk('modules') }] });
    await call('PUT', '/api/v1/skills/candidates/me', 'beto', profile({ skills: [sk('hv'), sk('modules'), sk('bms')], openToEmployers: true, gender: 'man', stateCode: '22', municipalityCode: null }));
    await call('PUT', '/api/v1/skills/candidates/me', 'carla', profile({ skills: [sk('welding')], openToEmployers: true, country: 'US', stateCode: 'MI', municipalityCode: 'Detroit', authorisedUs: true }));
  });

  it('an employer cannot read a profile of someone who neither applied nor opted in', async () => {
    const res = await call('GET', `/api/v1/skills/candidates/${userIds.ana}`, 'employer');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('JOBS.CANDIDATE_NOT_FOUND');
    // An opted-in candidate is visible to employers, without gender.
    const beto = await call('GET', `/api/v1/skills/candidates/${userIds.beto}`, 'employer');
    expect(beto.statusCode).toBe(200);
    expect(beto.json()).not.toHaveProperty('gender');
    // A signed-in person who edits no organisation is no employer.
    expect((await call('GET', `/api/v1/skills/candidates/${userIds.beto}`, 'dora')).statusCode).toBe(404);
  });

  it('ranks opted-in candidates for a vacancy with the score explained; non-applicants who did not opt in stay out', async () => {
    const res = await call('GET', `/api/v1/skills/vacancies/${vacancyId}/candidates?limit=20`, 'employer');
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.map((i: { candidate: { userId: string } }) => i.candidate.userId)).toEqual([userIds.beto]);
    expect(items[0].match).toMatchObject({
      score: 85, parts: { skills: 60, location: 5, language: 10, authorisation: 10 }, location: 'country',
      skills: { matchedRequired: [{ id: sk('hv') }, { id: sk('modules') }], matchedOptional: [{ id: sk('bms') }], missingRequired: [], missingOptional: [] },
    });
    expect(items[0].candidate).not.toHaveProperty('gender');
    expect((await call('GET', `/api/v1/skills/vacancies/${vacancyId}/candidates`, 'rival')).statusCode).toBe(403);
  });

  it('a candidate applies once; the employer then sees the profile and the explanation', async () => {
    const res = await call('POST', `/api/v1/skills/vacancies/${vacancyId}/applications`, 'ana', { coverNote: 'Me interesa <b>mucho</b>' });
    expect(res.statusCode).toBe(201);
    expect(res.json().match).toMatchObject({ score: 88, parts: { skills: 48, location: 20, language: 10, authorisation: 10 }, skills: { missingOptional: [{ id: sk('bms') }] } });
    const again = await call('POST', `/api/v1/skills/vacancies/${vacancyId}/applications`, 'ana', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('JOBS.ALREADY_APPLIED');
    expect((await call('POST', `/api/v1/skills/vacancies/${vacancyId}/applications`, 'dora', {})).json().code).toBe('JOBS.PROFILE_REQUIRED');
    expect((await call('GET', `/api/v1/skills/candidates/${userIds.ana}`, 'employer')).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/skills/candidates/${userIds.ana}`, 'rival')).statusCode).toBe(404);
    const applicants = (await call('GET', `/api/v1/skills/vacancies/${vacancyId}/applications`, 'employer')).json();
    expect(applicants.total).toBe(1);
    expect(applicants.items[0]).toMatchObject({ status: 'submitted', coverNote: 'Me interesa <b>mucho</b>', candidate: { userId: userIds.ana }, match: { score: 88 } });
    const ranked = (await call('GET', `/api/v1/skills/vacancies/${vacancyId}/candidates`, 'employer')).json();
    expect(ranked.items.map((i: { candidate: { userId: string }; applied: boolean }) => [i.candidate.userId, i.applied]).sort()).toEqual([[userIds.ana, true], [userIds.beto, false]].sort());
  });

  it('the SQL ranking and the explained score agree', async () => {
    const repository = createJobsRepository(t.database.db);
    const v = (await repository.findVacancy(vacancyId))!;
    const ranked = await repository.topCandidates(v, 20);
    expect(ranked.length).toBe(2);
    for (const c of ranked) {
      const m = scoreMatch(
        { country: v.country, stateCode: v.state_code, municipalityKey: v.municipality_key, workMode: v.work_mode, requiredSeqs: v.required_seqs, optionalSeqs: v.optional_seqs, languageReqs: v.language_reqs, workAuthorisationRequired: v.work_authorisation_required },
        { country: c.country, stateCode: c.state_code, municipalityKey: c.municipality_key, skillSeqs: c.skill_seqs, languageGrants: c.language_grants, authorisedMx: c.authorised_mx, authorisedUs: c.authorised_us },
      );
      expect(Number(c.score)).toBeCloseTo(m.score, 1);
    }
    expect(v.language_reqs).toEqual([languageKey('en', 'B1')]);
  });

  it('matches vacancies to a candidate, best first, explained', async () => {
    const res = await call('GET', '/api/v1/skills/candidates/me/vacancies?limit=20', 'carla');
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ vacancy: { title: 'Soldador remoto sintético' }, match: { location: 'remote', skills: { matchedRequired: [{ id: sk('welding') }] } } });
    expect((await call('GET', '/api/v1/skills/candidates/me/vacancies', 'dora')).json().code).toBe('JOBS.PROFILE_REQUIRED');
  });

  it('statuses are moved by the right side', async () => {
    const mine = (await call('GET', '/api/v1/skills/candidates/me/applications', 'ana')).json();
    const id = mine.items[0].id;
    expect((await call('PATCH', `/api/v1/skills/applications/${id}`, 'ana', { status: 'hired' })).json().code).toBe('JOBS.STATUS_NOT_ALLOWED');
    expect((await call('PATCH', `/api/v1/skills/applications/${id}`, 'rival', { status: 'interview' })).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/skills/applications/${id}`, 'employer', { status: 'interview' })).json().status).toBe('interview');
    expect((await call('PATCH', `/api/v1/skills/applications/${id}`, 'employer', { status: 'withdrawn' })).statusCode).toBe(409);
    expect((await call('PATCH', `/api/v1/skills/applications/${id}`, 'ana', { status: 'withdrawn' })).json().status).toBe('withdrawn');
    expect((await call('PATCH', `/api/v1/skills/applications/${id}`, 'employer', { status: 'offered' })).statusCode).toBe(409);
  });

  it('public vacancy JSON carries no candidate data', async () => {
    const text = (await call('GET', `/api/v1/skills/vacancies/${vacancyId}`)).body + (await call('GET', '/api/v1/skills/vacancies')).body;
    for (const leak of ['ana@example.mx', 'Persona ana', userIds.ana!, userIds.employer!, userIds.rival!, 'Me interesa', 'woman']) expect(text).not.toContain(leak);
  });
});

describe('CV uploads', () => {
  const upload = (who: string, file: { name: string; content: Buffer; type?: string }) => {
    const body = multipart({}, file);
    return t.app.inject({ method: 'POST', url: '/api/v1/skills/candidates/me/cv', headers: { ...body.headers, authorization: `Bearer ${tokens[who]}` }, payload: body.payload });
  };
  it('accepts PDF and DOCX by their content', async () => {
    const pdf = await upload('ana', { name: 'cv.pdf', content: tinyPdf(), type: 'application/pdf' });
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().mediaType).toBe('application/pdf');
    const docx = await upload('ana', { name: 'curriculum.docx', content: tinyDocx() });
    expect(docx.json().mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const back = await call('GET', '/api/v1/skills/candidates/me/cv', 'ana');
    expect(Buffer.from(back.rawPayload).equals(tinyDocx())).toBe(true);
  });
  it('refuses other types whatever their name, oversize files and empty uploads', async () => {
    const exe = await upload('beto', { name: 'cv.pdf', content: Buffer.from('MZ\u0090\u0000 not a pdf', 'latin1'), type: 'application/pdf' });
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'JOBS.CV_TYPE_NOT_ALLOWED', errors: [{ path: '/file' }] });
    const big = await upload('beto', { name: 'cv.pdf', content: Buffer.concat([tinyPdf(), Buffer.alloc(2 * 1024 * 1024)]) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('JOBS.CV_TOO_LARGE');
    const none = await upload('beto', { name: 'cv.pdf', content: Buffer.alloc(0) });
    expect(none.json().code).toBe('JOBS.CV_MISSING');
    expect(await count('skills_candidate_cv', sql`user_id = ${userIds.beto!}`)).toBe(0);
  });
});

describe('saved searches and alerts', () => {
  let alertId: string;
  it('a new published vacancy matching a saved search creates an alert; others do not', async () => {
    const bad = await call('POST', '/api/v1/skills/saved-searches', 'beto', { name: 'x', filters: { skill: 'local:nope' } });
    expect(bad.json()).toMatchObject({ code: 'JOBS.UNKNOWN_SKILL', errors: [{ path: '/skill' }] });
    const saved = await call('POST', '/api/v1/skills/saved-searches', 'beto', { name: 'Baterías en Coahuila', filters: { q: 'bateria', state: '05', skill: sk('bms'), salaryFloor: 15000, currency: 'MXN' } });
    expect(saved.statusCode).toBe(201);
    await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Analista de baterías', salaryMin: 16000, salaryMax: 25000 }));
    await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Analista de baterías mal pagado', salaryMin: 8000, salaryMax: 9000 }));
    await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Técnico de baterías en Querétaro', stateCode: '22', municipalityCode: null }));
    const draft = (await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Supervisor de baterías', status: 'draft', salaryMax: 30000 }))).json();
    let alerts = (await call('GET', '/api/v1/skills/alerts', 'beto')).json();
    expect(alerts.items.map((a: { vacancy: { title: string } }) => a.vacancy.title)).toEqual(['Analista de baterías']);
    // Publishing the draft alerts once.
    await call('PATCH', `/api/v1/skills/vacancies/${draft.id}`, 'employer', { status: 'published' });
    await call('PATCH', `/api/v1/skills/vacancies/${draft.id}`, 'employer', { title: 'Supervisor de baterías (turno B)' });
    alerts = (await call('GET', '/api/v1/skills/alerts?unread=true', 'beto')).json();
    expect(alerts.total).toBe(2);
    alertId = alerts.items[0].id;
  });
  it('marks an alert read, only one’s own', async () => {
    expect((await call('POST', `/api/v1/skills/alerts/${alertId}/read`, 'ana')).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/skills/alerts/${alertId}/read`, 'beto')).json()).toEqual({ id: alertId, read: true });
    expect((await call('GET', '/api/v1/skills/alerts?unread=true', 'beto')).json().total).toBe(1);
  });
});

describe('export and delete', () => {
  it('exports all of a candidate’s data as JSON', async () => {
    const res = await call('GET', '/api/v1/skills/candidates/me/export', 'ana');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.profile).toMatchObject({ userId: userIds.ana, gender: 'woman' });
    expect(data.cv.contentBase64).toBe(tinyDocx().toString('base64'));
    expect(data.applications).toHaveLength(1);
  });
  it('deletes profile, CV and searches; applications stay anonymous; the audit holds no personal data', async () => {
    const res = await call('DELETE', '/api/v1/skills/candidates/me', 'ana');
    expect(res.json()).toEqual({ applicationsAnonymised: 1, savedSearchesDeleted: 0, alertsDeleted: 0, profileDeleted: true });
    expect((await call('GET', '/api/v1/skills/candidates/me', 'ana')).statusCode).toBe(409);
    expect(await count('skills_candidate_cv', sql`user_id = ${userIds.ana!}`)).toBe(0);
    const app = await t.database.db.selectFrom('skills_application').selectAll().where('vacancy_id', '=', vacancyId).execute();
    expect(app).toHaveLength(1);
    expect(app[0]).toMatchObject({ candidate_user_id: null, cover_note: null });
    expect((await call('GET', `/api/v1/skills/candidates/${userIds.ana}`, 'employer')).statusCode).toBe(404);
    const audit = JSON.stringify(await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', 'like', 'skills.%').where('actor_user_id', '=', userIds.ana!).execute());
    for (const personal of ['ana@example.mx', 'woman', 'Me interesa', 'Electricista']) expect(audit).not.toContain(personal);
    const beto = await call('DELETE', '/api/v1/skills/candidates/me', 'beto');
    expect(beto.json()).toMatchObject({ savedSearchesDeleted: 1, alertsDeleted: 2 });
  });
});

describe('career pathways', () => {
  it('lists shared skills, skills to gain essential first, and salary ranges from posted vacancies', async () => {
    const res = await call('GET', `/api/v1/skills/pathways?from=${encodeURIComponent(tax.occupations.electrician!)}&to=${encodeURIComponent(tax.occupations.battery!)}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The target asks hv and bms, modules (essential) and plc (optional); the origin has hv and plc.
    expect(body.sharedSkills.map((s: { id: string; relation: string }) => [s.id, s.relation])).toEqual([[sk('hv'), 'essential'], [sk('plc'), 'optional']]);
    expect(body.skillsToGain.map((s: { id: string; relation: string }) => [s.id, s.relation])).toEqual([[sk('bms'), 'essential'], [sk('modules'), 'essential']]);
    const mx = body.to.salaries.mx.ranges;
    expect(mx).toHaveLength(1);
    expect(mx[0]).toMatchObject({ currency: 'MXN', period: 'month', min: 8000, max: 30000 });
    expect(mx[0].count).toBeGreaterThanOrEqual(5);
    expect(body.courses).toEqual([]);
    const unknown = await call('GET', '/api/v1/skills/pathways?from=local:nope&to=local:test-battery');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'JOBS.OCCUPATION_NOT_FOUND', errors: [{ path: '/from' }] });
  });
  it('relates occupations by shared essential skills (Jaccard)', async () => {
    const res = await call('GET', `/api/v1/skills/occupations/${encodeURIComponent(tax.occupations.battery!)}/related`);
    expect(res.statusCode).toBe(200);
    // battery {hv, modules, bms} vs electrician {hv, plc}: 1 shared of 4.
    expect(res.json().items).toEqual([expect.objectContaining({ id: tax.occupations.electrician, sharedEssentialSkills: 1, jaccard: 0.25 })]);
  });
});

describe('employer industry in SCIAN 2018', () => {
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((v) => v.id).sort();

  it('stores a valid code and shows it with its catalogue title; without one, industry is null', async () => {
    const res = await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Técnico de arneses sintético', industryScian: '336320' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().industry).toEqual({ code: '336320', titleEs: 'Fabricación de equipo eléctrico y electrónico y sus partes para vehículos automotores' });
    const read = await call('GET', `/api/v1/skills/vacancies/${res.json().id}`);
    expect(read.json().industry.code).toBe('336320');
    const stored = await t.database.db.selectFrom('skills_vacancy').select('industry_scian').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(stored.industry_scian).toBe('336320');
    expect((await call('GET', `/api/v1/skills/vacancies/${vacancyId}`)).json().industry).toBeNull();
  });

  it('refuses an unknown or malformed code per field, saving nothing', async () => {
    for (const code of ['999999', '33632x', '3']) {
      const before = await count('skills_vacancy');
      const res = await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ industryScian: code }));
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'JOBS.INVALID_VACANCY', errors: [{ path: '/industryScian' }] });
      expect(await count('skills_vacancy')).toBe(before);
    }
    const patched = await call('PATCH', `/api/v1/skills/vacancies/${vacancyId}`, 'employer', { industryScian: '999999' });
    expect(patched.statusCode).toBe(422);
    expect(patched.json().errors).toEqual([expect.objectContaining({ path: '/industryScian' })]);
  });

  it('filters the public list by a code or its prefix: a subsector matches its ramas and clases', async () => {
    const rama = (await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Ensamblador de autopartes sintético', industryScian: '3363' }))).json().id as string;
    const other = (await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Electricista de obra sintético', industryScian: '238210' }))).json().id as string;
    const q = async (code: string) => (await call('GET', `/api/v1/skills/vacancies?industry=${code}`)).json();
    const subsector = await q('336');
    expect(subsector.total).toBe(2);
    expect(ids(subsector)).toContain(rama);
    expect(ids(subsector)).not.toContain(other);
    expect((await q('336320')).total).toBe(1);
    expect((await q('3363')).total).toBe(2);
    expect(ids(await q('23'))).toEqual([other]);
    expect((await q('111')).total).toBe(0);
    const bad = await call('GET', '/api/v1/skills/vacancies?industry=33a');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'JOBS.INVALID_QUERY', errors: [{ path: '/industry' }] });
    // An edit may clear the code (US employers, or one that chose a wrong class).
    const cleared = await call('PATCH', `/api/v1/skills/vacancies/${rama}`, 'employer', { industryScian: null });
    expect(cleared.json().industry).toBeNull();
    expect((await q('336')).total).toBe(1);
  });

  it('keeps the industry in a saved search, whose alerts match it by prefix as the list does', async () => {
    const bad = await call('POST', '/api/v1/skills/saved-searches', 'carla', { name: 'x', filters: { industry: '33a' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'JOBS.INVALID_SAVED_SEARCH', errors: [{ path: '/industry' }] });
    const saved = await call('POST', '/api/v1/skills/saved-searches', 'carla', { name: 'Autopartes', filters: { industry: '336' } });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().filters).toEqual({ industry: '336' });
    const titles = async () => ((await call('GET', '/api/v1/skills/alerts', 'carla')).json().items as Array<{ vacancy: { title: string } }>).map((a) => a.vacancy.title).sort();
    const before = await titles();
    await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Inspector de calidad de arneses sintético', industryScian: '336320' }));
    await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Instalador eléctrico sintético', industryScian: '238210' }));
    await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy({ title: 'Técnico sin industria sintético' }));
    expect(await titles()).toEqual([...before, 'Inspector de calidad de arneses sintético'].sort());
  });

  it('documents the field, the output and the filter in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const list = doc.paths['/api/v1/skills/vacancies'];
    expect(list.get.parameters.map((p: { name: string }) => p.name)).toContain('industry');
    expect(JSON.stringify(list.post.requestBody)).toContain('industryScian');
    expect(JSON.stringify(list.get.responses['200'])).toContain('titleEs');
  });
});
