import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { insertTestTaxonomy, type TestTaxonomy } from './jobs.fixtures.js';

/*
 * Job fairs and the inclusion indicators. Every organisation, person, fair and vacancy here is
 * SYNTHETIC, made for these tests; the places are real codes: Coahuila (05) and Saltillo
 * (05030), Querétaro (22), Michigan (MI).
 */
let t: TestApp;
let tax: TestTaxonomy;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
const orgs: Record<string, string> = {};
const password = 'caballo correcto batería';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, who?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);

const fair = (over: Record<string, unknown> = {}) => ({
  organisationId: orgs.chamber, title: 'Feria sintética del empleo en electromovilidad', description: 'Empresas de baterías y <b>cargadores</b>.',
  startsOn: day(20), endsOn: day(21), mode: 'in_person', country: 'MX', stateCode: '05', municipalityCode: '05030', venue: 'Centro de convenciones sintético',
  binational: true, ...over,
});
const vacancy = (org: string, over: Record<string, unknown> = {}) => ({
  organisationId: org, title: 'Técnico sintético de baterías', occupationId: tax.occupations.battery, country: 'MX', stateCode: '05', municipalityCode: '05030',
  salaryMin: 14000, salaryMax: 19000, salaryCurrency: 'MXN', salaryPeriod: 'month', benefits: ['aguinaldo'], activities: 'Ensamble de módulos.',
  requiredSkills: [tax.skills.hv!.id], optionalSkills: [], languages: [], workMode: 'on_site', inclusion: [], workAuthorisationRequired: false, ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  tax = await insertTestTaxonomy(t.database.db, { skills: ['hv'], occupations: { battery: { essential: ['hv'] } } });
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin sintético' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  for (const name of ['organiser', 'employer', 'rival', 'moderator', 'visitor']) {
    const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: `Persona ${name}` }, null);
    if (name === 'moderator') await t.services.accounts.setUserRole(admin, principal.userId, 'moderator');
    userIds[name] = principal.userId;
  }
  for (const [name, who] of [['chamber', 'organiser'], ['employer', 'employer'], ['rival', 'rival']] as const) {
    const p = (await t.services.accounts.principalFor(userIds[who]!, 'token'))!;
    orgs[name] = (await t.services.accounts.createOrganisation(p, { name: `Organización sintética ${name}`, type: name === 'chamber' ? 'industry_chamber' : 'company' })).id;
  }
  for (const name of Object.keys(userIds)) tokens[name] = (await t.services.accounts.createApiToken((await t.services.accounts.principalFor(userIds[name]!, 'token'))!, 'test')).token;
});
afterAll(async () => {
  await t?.dispose();
});

describe('job fairs', () => {
  let fairId: string;
  let onlineId: string;
  let vacancyId: string;

  it('an organisation’s editor posts an in-person fair; it reads back with place names, organiser and provenance, audited', async () => {
    const res = await call('POST', '/api/v1/skills/fairs', 'organiser', fair());
    expect(res.statusCode).toBe(201);
    fairId = res.json().id;
    expect(res.json()).toMatchObject({
      title: 'Feria sintética del empleo en electromovilidad', mode: 'in_person', stateName: 'Coahuila de Zaragoza', municipalityName: 'Saltillo', binational: true,
      url: null, status: 'published', organiser: { id: orgs.chamber }, description: 'Empresas de baterías y <b>cargadores</b>.', provenance: { method: 'declared by organiser' },
    });
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'skills.job_fair').where('entity_id', '=', fairId).execute();
    expect(audit).toHaveLength(1);
  });

  it('bad fields are reported one by one, and nothing is saved', async () => {
    const before = await count('skills_job_fair');
    const missing = await call('POST', '/api/v1/skills/fairs', 'organiser', { organisationId: orgs.chamber, binational: false });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('JOBS.INVALID_FAIR');
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['/title', '/startsOn', '/endsOn', '/mode']);
    const wrong = await call('POST', '/api/v1/skills/fairs', 'organiser', fair({ startsOn: day(10), endsOn: day(5), mode: 'hybrid', stateCode: null, url: 'javascript:alert(1)' }));
    expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual(['/endsOn', '/stateCode', '/url']);
    const online = await call('POST', '/api/v1/skills/fairs', 'organiser', fair({ mode: 'online', country: null, stateCode: null, municipalityCode: null }));
    expect(online.json().errors).toEqual([{ path: '/url', message: expect.stringContaining('https://') }]);
    const place = await call('POST', '/api/v1/skills/fairs', 'organiser', fair({ stateCode: '22' }));
    expect(place.json().errors.map((e: { path: string }) => e.path)).toEqual(['/municipalityCode']);
    const past = await call('POST', '/api/v1/skills/fairs', 'organiser', fair({ startsOn: day(-3), endsOn: day(-2) }));
    expect(past.json().errors.map((e: { path: string }) => e.path)).toEqual(['/endsOn']);
    expect(await count('skills_job_fair')).toBe(before);
  });

  it('only organisers post: editors for their organisation, moderators and admins also for none', async () => {
    expect((await call('POST', '/api/v1/skills/fairs', undefined, fair())).statusCode).toBe(401);
    const notEditor = await call('POST', '/api/v1/skills/fairs', 'employer', fair());
    expect(notEditor.statusCode).toBe(403);
    expect(notEditor.json().code).toBe('JOBS.NOT_FAIR_ORGANISER');
    expect((await call('POST', '/api/v1/skills/fairs', 'visitor', fair({ organisationId: undefined }))).statusCode).toBe(403);
    const res = await call('POST', '/api/v1/skills/fairs', 'moderator', fair({ organisationId: undefined, mode: 'online', country: null, stateCode: null, municipalityCode: null, venue: null, url: 'https://feria.example.mx/sala', startsOn: day(5), endsOn: day(6), binational: false }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ organiser: null, mode: 'online', url: 'https://feria.example.mx/sala' });
    onlineId = res.json().id;
  });

  it('employers bring their own published vacancies; others’ and drafts are refused per item', async () => {
    vacancyId = (await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy(orgs.employer!))).json().id;
    const draft = (await call('POST', '/api/v1/skills/vacancies', 'employer', vacancy(orgs.employer!, { status: 'draft' }))).json().id;
    const rivals = (await call('POST', '/api/v1/skills/vacancies', 'rival', vacancy(orgs.rival!, { title: 'Vacante sintética rival' }))).json().id;
    const refused = await call('POST', `/api/v1/skills/fairs/${fairId}/vacancies`, 'employer', { vacancyIds: [vacancyId, rivals, draft] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'JOBS.FAIR_VACANCY_NOT_ALLOWED' });
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['/vacancyIds/1', '/vacancyIds/2']);
    expect(await count('skills_job_fair_vacancy')).toBe(0);
    const ok = await call('POST', `/api/v1/skills/fairs/${fairId}/vacancies`, 'employer', { vacancyIds: [vacancyId] });
    expect(ok.json()).toEqual({ fairId, added: [vacancyId], alreadyLinked: [] });
    expect((await call('POST', `/api/v1/skills/fairs/${fairId}/vacancies`, 'employer', { vacancyIds: [vacancyId] })).json()).toEqual({ fairId, added: [], alreadyLinked: [vacancyId] });
    expect((await call('POST', `/api/v1/skills/fairs/${fairId}/vacancies`, 'rival', { vacancyIds: [rivals] })).statusCode).toBe(200);
  });

  it('lists fairs publicly, soonest first, with filters; the detail shows employers and their open vacancies', async () => {
    const list = (await call('GET', '/api/v1/skills/fairs')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((f: { id: string }) => f.id)).toEqual([onlineId, fairId]);
    expect((await call('GET', '/api/v1/skills/fairs?mode=online')).json().items.map((f: { id: string }) => f.id)).toEqual([onlineId]);
    expect((await call('GET', '/api/v1/skills/fairs?state=05&binational=true')).json().total).toBe(1);
    expect((await call('GET', '/api/v1/skills/fairs?mode=zoom')).statusCode).toBe(400);
    const detail = (await call('GET', `/api/v1/skills/fairs/${fairId}`)).json();
    expect(detail.employers.map((e: { organisation: { name: string }; vacancies: unknown[] }) => [e.organisation.name, e.vacancies.length]))
      .toEqual([['Organización sintética employer', 1], ['Organización sintética rival', 1]]);
    expect(detail.employers[0].vacancies[0]).toMatchObject({ id: vacancyId, title: 'Técnico sintético de baterías' });
    // A closed vacancy leaves the fair's page by itself.
    await call('POST', `/api/v1/skills/vacancies/${vacancyId}/close`, 'employer');
    expect((await call('GET', `/api/v1/skills/fairs/${fairId}`)).json().employers.map((e: { organisation: { id: string } }) => e.organisation.id)).toEqual([orgs.rival]);
    expect((await call('GET', '/api/v1/skills/fairs/00000000-0000-0000-0000-000000000000')).json().code).toBe('JOBS.FAIR_NOT_FOUND');
  });

  it('people register interest; the public sees only a count', async () => {
    expect((await call('POST', `/api/v1/skills/fairs/${fairId}/interest`)).statusCode).toBe(401);
    expect((await call('POST', `/api/v1/skills/fairs/${fairId}/interest`, 'visitor')).json()).toEqual({ fairId, registered: true, count: 1 });
    expect((await call('POST', `/api/v1/skills/fairs/${fairId}/interest`, 'visitor')).json()).toEqual({ fairId, registered: true, count: 1 });
    const open = await call('GET', `/api/v1/skills/fairs/${fairId}`);
    expect(open.json().interest).toEqual({ count: 1 });
    for (const leak of [userIds.visitor!, 'visitor@example.mx', 'Persona visitor', userIds.organiser!]) expect(open.body).not.toContain(leak);
    expect((await call('GET', `/api/v1/skills/fairs/${fairId}`, 'visitor')).json().interest).toEqual({ count: 1, registered: true });
    expect((await call('DELETE', `/api/v1/skills/fairs/${fairId}/interest`, 'visitor')).json()).toEqual({ fairId, registered: false, count: 0 });
    const audit = JSON.stringify(await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'skills.job_fair_interest').execute());
    expect(audit).not.toContain('visitor@example.mx');
  });

  it('organisers edit and cancel; a cancelled or ended fair takes no vacancies or interest', async () => {
    const notOrganiser = await call('PATCH', `/api/v1/skills/fairs/${fairId}`, 'employer', { title: 'mía' });
    expect(notOrganiser.statusCode).toBe(403);
    expect(notOrganiser.json().code).toBe('JOBS.NOT_FAIR_ORGANISER');
    const bad = await call('PATCH', `/api/v1/skills/fairs/${fairId}`, 'organiser', { endsOn: day(1) });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/endsOn']);
    const toHybrid = await call('PATCH', `/api/v1/skills/fairs/${fairId}`, 'organiser', { mode: 'hybrid' });
    expect(toHybrid.json().errors.map((e: { path: string }) => e.path)).toEqual(['/url']);
    const ok = await call('PATCH', `/api/v1/skills/fairs/${fairId}`, 'moderator', { mode: 'hybrid', url: 'https://feria.example.mx/en-linea' });
    expect(ok.json()).toMatchObject({ mode: 'hybrid', url: 'https://feria.example.mx/en-linea', stateCode: '05' });
    expect((await call('PATCH', `/api/v1/skills/fairs/${onlineId}`, 'moderator', { status: 'cancelled' })).json().status).toBe('cancelled');
    expect((await call('POST', `/api/v1/skills/fairs/${onlineId}/interest`, 'visitor')).json().code).toBe('JOBS.FAIR_ENDED');
    expect((await call('GET', '/api/v1/skills/fairs')).json().total).toBe(1);
    await sql`update skills_job_fair set starts_on = ${day(-5)}::date, ends_on = ${day(-4)}::date where id = ${fairId}::uuid`.execute(t.database.db);
    const late = await call('POST', `/api/v1/skills/fairs/${fairId}/vacancies`, 'rival', { vacancyIds: [vacancyId] });
    expect(late.statusCode).toBe(409);
    expect((await call('GET', '/api/v1/skills/fairs?past=true')).json().items.map((f: { id: string }) => f.id)).toEqual([fairId]);
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'skills.job_fair').where('action', '=', 'update').execute();
    expect(audit).toHaveLength(2);
  });
});

describe('inclusion indicators', () => {
  /** n synthetic candidates of one gender, each applying to the given vacancies; `hired` of them hired on the first. */
  async function applicants(n: number, gender: string | null, vacancies: string[], hired = 0) {
    for (let i = 0; i < n; i += 1) {
      const email = `incl-${gender}-${vacancies.length}-${i}-${Math.random().toString(36).slice(2)}@example.invalid`;
      const user = (await sql<{ id: string }>`insert into app_user (email, email_normalized, display_name, password_hash, role) values (${email}, ${email}, 'Persona sintética', '!', 'member') returning id`.execute(t.database.db)).rows[0]!.id;
      await sql`insert into skills_candidate (user_id, gender, provenance) values (${user}::uuid, ${gender}, '{}')`.execute(t.database.db);
      for (const [k, v] of vacancies.entries()) {
        await sql`insert into skills_application (vacancy_id, candidate_user_id, status) values (${v}::uuid, ${user}::uuid, ${k === 0 && i < hired ? 'hired' : 'submitted'})`.execute(t.database.db);
      }
    }
  }
  let body: Record<string, any>;

  beforeAll(async () => {
    await sql`delete from skills_application`.execute(t.database.db);
    await sql`update skills_vacancy set status = 'closed'`.execute(t.database.db);
    const post = async (over: Record<string, unknown>, who = 'employer', org = orgs.employer!) => (await call('POST', '/api/v1/skills/vacancies', who, vacancy(org, over))).json().id as string;
    const v1 = await post({ inclusion: ['childcare', 'accessible_workplace'] });
    const v2 = await post({ inclusion: ['flexible_hours'] });
    const closed = await post({ inclusion: ['childcare'] });
    await call('POST', `/api/v1/skills/vacancies/${closed}/close`, 'employer');
    const v4 = await post({ stateCode: '22', municipalityCode: null });
    await post({ country: 'US', stateCode: 'MI', municipalityCode: 'Detroit', salaryCurrency: 'USD', salaryMin: 20, salaryMax: 30, salaryPeriod: 'hour', inclusion: ['childcare'] });
    // Coahuila: 7 women (one applies twice), 6 men, 2 non-binary, 1 application anonymised by deletion; 5 women and 1 man hired.
    await applicants(1, 'woman', [v1, v2], 1);
    await applicants(6, 'woman', [v1], 4);
    await applicants(6, 'man', [v1], 1);
    await applicants(2, 'non_binary', [v2]);
    await sql`insert into skills_application (vacancy_id, candidate_user_id, status, anonymised_at) values (${v2}::uuid, null, 'submitted', now())`.execute(t.database.db);
    // Querétaro: 3 women only.
    await applicants(3, 'woman', [v4]);
    const res = await call('GET', '/api/v1/skills/inclusion');
    expect(res.statusCode).toBe(200);
    body = res.json();
  });

  it('shares of open vacancies with each feature, by country and state', () => {
    const mx = body.vacancies.byCountry.find((g: { country: string }) => g.country === 'MX');
    expect(mx.openVacancies).toBe(3);
    expect(mx.features.find((f: { code: string }) => f.code === 'childcare')).toMatchObject({ vacancies: 1, share: 0.333, labelEs: expect.any(String) });
    const coahuila = body.vacancies.byState.find((g: { stateCode: string }) => g.stateCode === '05');
    expect(coahuila).toMatchObject({ country: 'MX', stateName: 'Coahuila de Zaragoza', openVacancies: 2 });
    expect(Object.fromEntries(coahuila.features.filter((f: { vacancies: number }) => f.vacancies > 0).map((f: { code: string; share: number }) => [f.code, f.share])))
      .toEqual({ accessible_workplace: 0.5, childcare: 0.5, flexible_hours: 0.5 });
    expect(body.vacancies.byCountry.find((g: { country: string }) => g.country === 'US').features.find((f: { code: string }) => f.code === 'childcare').share).toBe(1);
  });

  it('applications and placements by gender, small cells suppressed and their complements too', () => {
    const cells = (m: { byGender: Array<{ gender: string; count: number | null; suppressed: boolean }> }) => Object.fromEntries(m.byGender.map((c) => [c.gender, c.suppressed ? 'suppressed' : c.count]));
    const coahuila = body.applications.byState.find((g: { stateCode: string }) => g.stateCode === '05');
    // 8 applications by 7 women; 2 non-binary people and 1 anonymous application are under 5 people: suppressed.
    expect(coahuila.applications).toMatchObject({ total: 17, totalSuppressed: false });
    expect(cells(coahuila.applications)).toEqual({ woman: 8, man: 6, non_binary: 'suppressed', other: 0, prefer_not_to_say: 0, not_stated: 'suppressed' });
    // 1 man hired is suppressed alone, so the next smallest (5 women) is suppressed too: the total would give it away.
    expect(coahuila.placements).toMatchObject({ total: 6, totalSuppressed: false });
    expect(cells(coahuila.placements)).toEqual({ woman: 'suppressed', man: 'suppressed', non_binary: 0, other: 0, prefer_not_to_say: 0, not_stated: 0 });
    // Querétaro: 3 people in all: the total and the cell are suppressed.
    const queretaro = body.applications.byState.find((g: { stateCode: string }) => g.stateCode === '22');
    expect(queretaro.applications).toMatchObject({ total: null, totalSuppressed: true });
    expect(cells(queretaro.applications).woman).toBe('suppressed');
    const mx = body.applications.byCountry.find((g: { country: string }) => g.country === 'MX');
    expect(cells(mx.applications)).toMatchObject({ woman: 11, man: 6, non_binary: 'suppressed', not_stated: 'suppressed' });
  });

  it('says how it is made, and carries no personal data', async () => {
    expect(body).toMatchObject({ asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), suppression: { minPeople: 5 }, sources: [{ id: 'skills-job-board' }] });
    expect(body.method).toContain('suppressed');
    const text = JSON.stringify(body);
    const people = (await sql<{ id: string; email: string }>`select id, email from app_user`.execute(t.database.db)).rows;
    for (const p of people) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.email);
    }
    expect(text).not.toContain('Persona');
  });
});
