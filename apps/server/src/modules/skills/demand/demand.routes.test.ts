import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { insertTestTaxonomy, type TestTaxonomy } from '../jobs/jobs.fixtures.js';
import { actors, count } from './demand.test.fixtures.js';

/*
 * Every organisation, person and need here is SYNTHETIC. The places are real INEGI codes:
 * Coahuila (05) with Saltillo (05030), Nuevo León (19), Querétaro (22).
 */
let t: TestApp;
let tax: TestTaxonomy;
const a = actors(() => t);
const { call, orgs } = a;
const sk = (n: string) => tax.skills[n]!.id;
const report = (who: string, over: Record<string, unknown> = {}) => ({
  organisationId: orgs[who], occupationId: tax.occupations.battery, skills: [sk('hv'), sk('bms')], people: 10, horizon: 'within_12_months',
  stateCode: '05', municipalityCode: '05030', level: 'technical', reportedOn: '2024-01-10', ...over,
});
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  tax = await insertTestTaxonomy(t.database.db, {
    skills: ['hv', 'bms', 'plc', 'welding'],
    occupations: { battery: { essential: ['hv', 'bms'] }, electrician: { essential: ['hv', 'plc'] }, welder: { essential: ['welding'] } },
  });
  await a.add('alfa', 'company');
  await a.add('beta', 'company');
  await a.add('gama', 'company');
  await a.add('camara', 'industry_chamber');
  await a.add('escuela', 'training_centre');
  await a.add('analista', null, { role: 'analyst' });
  await a.add('nadie');
});
afterAll(async () => {
  await t?.dispose();
});

const post = async (who: string, body: unknown) => call('POST', '/api/v1/skills/demand/reports', who, body);
const agg = async (qs: string, who?: string) => {
  const res = await call('GET', `/api/v1/skills/demand?${qs}`, who);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('reporting demand', () => {
  it('an editor of a company reports a need; it is audited and reads back with labels and provenance', async () => {
    const res = await post('alfa', report('alfa', { notes: '<script>alert(1)</script> turno nocturno' }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    ids.r1 = body.id;
    expect(body).toMatchObject({
      status: 'active', organisation: { id: orgs.alfa }, occupation: { id: tax.occupations.battery, labelEn: 'Synthetic occupation battery' },
      skills: [{ id: sk('hv') }, { id: sk('bms') }], people: 10, horizon: 'within_12_months', stateCode: '05', stateName: 'Coahuila de Zaragoza',
      municipalityCode: '05030', municipalityName: 'Saltillo', level: 'technical', reportedOn: '2024-01-10',
      notes: '<script>alert(1)</script> turno nocturno', provenance: { source: 'electrifica-skills-demand', method: 'declared by organisation' },
    });
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'skills.demand').where('entity_id', '=', ids.r1!).execute();
    expect(audit).toHaveLength(1);
  });

  it('the hand-checked dataset', async () => {
    const more: Array<[string, string, Record<string, unknown>]> = [
      ['r2', 'beta', { skills: [sk('hv')], people: 20, horizon: null, targetDate: '2025-06-01', reportedOn: '2024-02-20', municipalityCode: null }],
      ['r3', 'gama', { occupationId: tax.occupations.electrician, skills: [sk('hv'), sk('plc')], people: 5, level: 'undergraduate', reportedOn: '2024-04-05' }],
      ['r4', 'camara', { skills: [sk('bms')], people: 7, stateCode: '19', municipalityCode: null, level: 'graduate', horizon: '3_5_years', reportedOn: '2024-04-15' }],
      ['r5', 'alfa', { occupationId: tax.occupations.welder, skills: [sk('welding')], people: 3, stateCode: '19', municipalityCode: null, reportedOn: '2024-05-01' }],
    ];
    for (const [key, who, over] of more) {
      const res = await post(who, report(who, over));
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    }
    // A target date 15 months after reporting falls in 1–3 years.
    expect((await call('GET', `/api/v1/skills/demand/reports/${ids.r2}`, 'beta')).json()).toMatchObject({ horizon: '1_3_years', targetDate: '2025-06-01' });
  });

  it('only editors of companies and chambers report', async () => {
    const before = await count(t, 'skills_demand');
    expect((await post('escuela', report('escuela'))).json().code).toBe('DEMAND.NOT_A_REPORTER');
    expect((await post('nadie', report('alfa'))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/skills/demand/reports', undefined, report('alfa'))).statusCode).toBe(401);
    expect(await count(t, 'skills_demand')).toBe(before);
  });
});

describe('bad input: per-field errors, nothing saved', () => {
  it('missing fields', async () => {
    const before = await count(t, 'skills_demand');
    const res = await post('alfa', { organisationId: orgs.alfa });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('DEMAND.INVALID_REPORT');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/occupationId', '/skills', '/people', '/stateCode', '/level', '/horizon']);
    expect(await count(t, 'skills_demand')).toBe(before);
  });
  it('unknown skill, place and bad numbers', async () => {
    const before = await count(t, 'skills_demand');
    const res = await post('alfa', report('alfa', { skills: ['local:nope'], people: 0, municipalityCode: '19039' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DEMAND.UNKNOWN_SKILL');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/skills/0', '/people', '/municipalityCode']);
    const place = await post('alfa', report('alfa', { stateCode: '40', municipalityCode: null }));
    expect(place.json()).toMatchObject({ code: 'DEMAND.UNKNOWN_PLACE', errors: [{ path: '/stateCode' }] });
    expect(await count(t, 'skills_demand')).toBe(before);
  });
});

describe('aggregates (public, with the privacy rule)', () => {
  it('by state: Coahuila has 3 organisations (35 people); Nuevo León only 2, so it is withheld', async () => {
    const body = await agg('groupBy=state');
    expect(body.items).toEqual([
      { key: '05', labelEs: 'Coahuila de Zaragoza', labelEn: 'Coahuila de Zaragoza', people: 35, reports: 3, organisations: 3, suppressed: false },
      { key: '19', labelEs: 'Nuevo León', labelEn: 'Nuevo León', people: null, reports: null, organisations: null, suppressed: true },
    ]);
    expect(body).toMatchObject({ total: 2, peoplePublished: 35, suppressedCells: 1, sources: [{ id: 'electrifica-skills-demand' }] });
    expect(body.asOf).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toContain('sintética alfa');
  });
  it('analysts see every cell', async () => {
    const body = await agg('groupBy=state', 'analista');
    expect(body.items.map((c: { key: string; people: number }) => [c.key, c.people])).toEqual([['05', 35], ['19', 10]]);
    const level = await agg('groupBy=level', 'analista');
    expect(level.items.map((c: { key: string; people: number; organisations: number }) => [c.key, c.people, c.organisations])).toEqual([['technical', 33, 2], ['graduate', 7, 1], ['undergraduate', 5, 1]]);
  });
  it('by skill: a report counts once per skill', async () => {
    const body = await agg('groupBy=skill', 'analista');
    expect(body.items.map((c: { key: string; people: number }) => [c.key, c.people])).toEqual([[sk('hv'), 35], [sk('bms'), 17], [sk('plc'), 5], [sk('welding'), 3]]);
    expect(body.items[0].labelEn).toBe('Synthetic skill hv');
    const pub = await agg('groupBy=skill');
    expect(pub.items.map((c: { key: string; people: number | null }) => [c.key, c.people])).toEqual([[sk('hv'), 35], [sk('bms'), null], [sk('plc'), null], [sk('welding'), null]]);
  });
  it('by occupation, municipality and horizon, with filters', async () => {
    const occ = await agg(`groupBy=occupation&state=05`, 'analista');
    expect(occ.items.map((c: { key: string; people: number }) => [c.key, c.people])).toEqual([[tax.occupations.battery, 30], [tax.occupations.electrician, 5]]);
    const mun = await agg('groupBy=municipality', 'analista');
    expect(mun.items).toEqual([expect.objectContaining({ key: '05030', labelEs: 'Saltillo', people: 15, organisations: 2 })]);
    const hz = await agg(`groupBy=horizon&skill=${encodeURIComponent(sk('hv'))}`, 'analista');
    expect(hz.items.map((c: { key: string; people: number }) => [c.key, c.people])).toEqual([['1_3_years', 20], ['within_12_months', 15]]);
    expect((await agg('groupBy=state&level=graduate', 'analista')).items).toEqual([expect.objectContaining({ key: '19', people: 7 })]);
    expect((await agg('groupBy=state&from=2024-04-01&to=2024-04-30', 'analista')).items.map((c: { people: number }) => c.people)).toEqual([7, 5]);
  });
  it('trend per quarter, in time order', async () => {
    const body = await agg('groupBy=quarter');
    expect(body.items.map((c: { key: string; people: number | null }) => [c.key, c.people])).toEqual([['2024-Q1', null], ['2024-Q2', 15]]);
  });
  it('bad query parameters', async () => {
    const res = await call('GET', '/api/v1/skills/demand?groupBy=planet&state=99&level=phd');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'DEMAND.INVALID_QUERY' });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/groupBy', '/state', '/level']);
  });
});

describe('editing and withdrawing', () => {
  it('reports are private to their organisation', async () => {
    expect((await call('GET', `/api/v1/skills/demand/reports/${ids.r1}`, 'beta')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/skills/demand/reports/${ids.r1}`)).statusCode).toBe(401);
    const mine = (await call('GET', '/api/v1/skills/demand/reports/mine', 'alfa')).json();
    expect(mine.total).toBe(2);
  });
  it('only the reporting organisation edits; edits are validated and audited', async () => {
    expect((await call('PATCH', `/api/v1/skills/demand/reports/${ids.r1}`, 'beta', { people: 1 })).json().code).toBe('DEMAND.NOT_YOUR_REPORT');
    const bad = await call('PATCH', `/api/v1/skills/demand/reports/${ids.r1}`, 'alfa', { stateCode: '19' });
    expect(bad.json()).toMatchObject({ code: 'DEMAND.UNKNOWN_PLACE', errors: [{ path: '/municipalityCode' }] });
    const ok = await call('PATCH', `/api/v1/skills/demand/reports/${ids.r1}`, 'alfa', { people: 12 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().people).toBe(12);
    expect((await agg('groupBy=state')).items[0].people).toBe(37);
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', ids.r1!).execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['create', 'update']);
  });
  it('a withdrawn report leaves the aggregates: Coahuila falls below 3 organisations', async () => {
    const res = await call('POST', `/api/v1/skills/demand/reports/${ids.r3}/withdraw`, 'gama');
    expect(res.json()).toMatchObject({ status: 'withdrawn' });
    const body = await agg('groupBy=state');
    expect(body.items.every((c: { suppressed: boolean }) => c.suppressed)).toBe(true);
    expect(body.peoplePublished).toBe(0);
    expect((await call('PATCH', `/api/v1/skills/demand/reports/${ids.r3}`, 'gama', { people: 2 })).json().code).toBe('DEMAND.REPORT_WITHDRAWN');
  });
});
