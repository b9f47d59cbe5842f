import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { actors } from '../demand/demand.test.fixtures.js';
import { insertTestTaxonomy, type TestTaxonomy } from '../jobs/jobs.fixtures.js';

/*
 * A small SYNTHETIC dataset, checked by hand (organisations, people, courses and skills are
 * made up; the places are real INEGI codes: Coahuila 05, Nuevo León 19, Querétaro 22).
 *
 * Demand (state, skill → people, organisations):
 *   05 hv 35 (alfa 10, beta 20, gama 5: 3 organisations)   05 bms 10 (alfa)   05 plc 5 (gama)
 *   19 bms 7 (camara)   19 welding 3 (alfa)
 * Supply: escuela in 05 teaches hv (20 seats) and hv+bms (seats unknown); remota teaches bms
 * online and plc in 22 (15 seats).
 */
let t: TestApp;
let tax: TestTaxonomy;
const a = actors(() => t);
const { call, orgs } = a;
const sk = (n: string) => tax.skills[n]!.id;

beforeAll(async () => {
  t = await createTestApp();
  tax = await insertTestTaxonomy(t.database.db, {
    skills: ['hv', 'bms', 'plc', 'welding'],
    occupations: { battery: { essential: ['hv', 'bms'] }, electrician: { essential: ['hv', 'plc'] }, welder: { essential: ['welding'] } },
  });
  for (const [name, type] of [['alfa', 'company'], ['beta', 'company'], ['gama', 'company'], ['camara', 'industry_chamber'], ['escuela', 'training_centre'], ['remota', 'training_centre']] as const) await a.add(name, type);
  await a.add('sinlugar', 'training_centre');
  await a.add('conlugar', 'training_centre', { cveEnt: '19' });
  await a.add('analista', null, { role: 'analyst' });
  const need = (who: string, over: Record<string, unknown>) => ({
    organisationId: orgs[who], occupationId: tax.occupations.battery, skills: [sk('hv')], people: 10, horizon: 'within_12_months', stateCode: '05', level: 'technical', reportedOn: '2024-03-01', ...over,
  });
  for (const [who, over] of [
    ['alfa', { skills: [sk('hv'), sk('bms')] }],
    ['beta', { people: 20, horizon: '1_3_years' }],
    ['gama', { occupationId: tax.occupations.electrician, skills: [sk('hv'), sk('plc')], people: 5, level: 'undergraduate' }],
    ['camara', { skills: [sk('bms')], people: 7, stateCode: '19', level: 'graduate' }],
    ['alfa', { occupationId: tax.occupations.welder, skills: [sk('welding')], people: 3, stateCode: '19' }],
  ] as const) {
    const res = await call('POST', '/api/v1/skills/demand/reports', who, need(who, over));
    expect(res.statusCode, res.body).toBe(201);
  }
  const course = (who: string, over: Record<string, unknown>) => ({
    organisationId: orgs[who], kind: 'course', title: 'Curso sintético', level: 'short_course', modality: 'in_person', durationHours: 40, languages: ['es'],
    country: 'MX', stateCode: '05', skills: [sk('hv')], isFree: true, ...over,
  });
  for (const [who, over] of [
    ['escuela', { seatsPerYear: 20 }],
    ['escuela', { skills: [sk('hv'), sk('bms')], modality: 'mixed' }],
    ['remota', { skills: [sk('bms')], modality: 'online', country: null, stateCode: null }],
    ['remota', { skills: [sk('plc')], stateCode: '22', seatsPerYear: 15 }],
  ] as const) {
    const res = await call('POST', '/api/v1/skills/courses', who, course(who, over));
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t?.dispose();
});

type Cell = { stateCode: string; skill: { id: string }; peopleNeeded: number | null; gap: number | null; status: string | null; suppressed: boolean; supply: Record<string, number> };
const row = (c: Cell) => [c.stateCode, c.skill.id, c.peopleNeeded, c.gap, c.status];

describe('GET /skills/gaps', () => {
  it('public: figures of cells with fewer than 3 organisations are withheld; published cells by gap', async () => {
    const res = await call('GET', '/api/v1/skills/gaps');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map(row)).toEqual([
      ['05', sk('hv'), 35, 15, 'capacity_unknown'],
      ['22', sk('plc'), 0, 0, 'covered'],
      ['05', sk('bms'), null, null, null],
      ['05', sk('plc'), null, null, 'no_supply'],
      ['19', sk('bms'), null, null, 'no_supply'],
      ['19', sk('welding'), null, null, 'no_supply'],
    ]);
    expect(body.items[0]).toMatchObject({ stateName: 'Coahuila de Zaragoza', reports: 3, organisations: 3, suppressed: false, supply: { courses: 2, seatsPerYear: 20, coursesWithoutSeats: 1, onlineCourses: 0 } });
    expect(body.items[2].supply).toEqual({ courses: 1, seatsPerYear: 0, coursesWithoutSeats: 1, onlineCourses: 1 });
    expect(body.total).toBe(6);
    expect(body.method).toContain('seats per year when the course gives them');
    expect(body.asOf).toEqual(expect.any(String));
    expect(body.sources.map((s: { id: string }) => s.id)).toEqual(['electrifica-skills-demand', 'skills-training-catalogue']);
  });
  it('analysts see every gap', async () => {
    const body = (await call('GET', '/api/v1/skills/gaps', 'analista')).json();
    expect(body.items.map(row)).toEqual([
      ['05', sk('hv'), 35, 15, 'capacity_unknown'],
      ['05', sk('bms'), 10, 10, 'capacity_unknown'],
      ['19', sk('bms'), 7, 7, 'no_supply'],
      ['05', sk('plc'), 5, 5, 'no_supply'],
      ['19', sk('welding'), 3, 3, 'no_supply'],
      ['22', sk('plc'), 0, 0, 'covered'],
    ]);
  });
  it('filters by state and skill; bad parameters are per-field errors', async () => {
    const body = (await call('GET', `/api/v1/skills/gaps?state=19&skill=${encodeURIComponent(sk('bms'))}`, 'analista')).json();
    expect(body.items.map(row)).toEqual([['19', sk('bms'), 7, 7, 'no_supply']]);
    const bad = await call('GET', '/api/v1/skills/gaps?state=77&skill=local:nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'GAPS.INVALID_QUERY', errors: [{ path: '/state' }, { path: '/skill' }] });
  });
});

describe('GET /skills/gaps/providers/:id', () => {
  it('the top unmet skills near a provider: its own state first, then neighbours, with the demand behind them', async () => {
    const res = await call('GET', `/api/v1/skills/gaps/providers/${orgs.escuela}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.provider).toMatchObject({ id: orgs.escuela, type: 'training_centre' });
    expect(body.basis).toBe('courses');
    expect(body.states[0]).toEqual({ code: '05', name: 'Coahuila de Zaragoza', ring: 'same_state' });
    const neighbours = body.states.filter((s: { ring: string }) => s.ring === 'neighbouring_state').map((s: { code: string }) => s.code);
    expect(neighbours).toEqual(expect.arrayContaining(['08', '10', '19', '32']));
    expect(neighbours).not.toContain('22');
    // 05 bms is withheld and some course serves it, so it is not listed as unmet; 22 is not near.
    expect(body.items.map((c: Cell & { ring: string }) => [c.ring, c.stateCode, c.skill.id])).toEqual([
      ['same_state', '05', sk('hv')], ['same_state', '05', sk('plc')], ['neighbouring_state', '19', sk('bms')], ['neighbouring_state', '19', sk('welding')],
    ]);
    expect(body.total).toBe(4);
    const hv = body.items[0];
    expect(hv).toMatchObject({ teachesAlready: true, peopleNeeded: 35, gap: 15, status: 'capacity_unknown' });
    expect(hv.demandBehind).toEqual({
      occupations: [{ id: tax.occupations.battery, labelEs: 'Ocupación sintética battery', labelEn: 'Synthetic occupation battery' }, { id: tax.occupations.electrician, labelEs: 'Ocupación sintética electrician', labelEn: 'Synthetic occupation electrician' }],
      levels: [{ id: 'technical' }, { id: 'undergraduate' }],
      horizons: [{ id: '1_3_years' }, { id: 'within_12_months' }],
    });
    expect(body.items[1]).toMatchObject({ teachesAlready: false, suppressed: true, peopleNeeded: null, status: 'no_supply', demandBehind: null });
    expect(body.sources.map((s: { id: string }) => s.id)).toContain('inegi-mgn-states-simplified');
  });
  it('analysts see the figures behind each cell', async () => {
    const body = (await call('GET', `/api/v1/skills/gaps/providers/${orgs.escuela}?limit=2`, 'analista')).json();
    expect(body.items.map((c: Cell) => [c.stateCode, c.skill.id, c.gap])).toEqual([['05', sk('hv'), 15], ['05', sk('bms'), 10]]);
    expect(body.total).toBe(5);
    expect(body.items[0].demandBehind.horizons).toEqual([{ id: '1_3_years', people: 20 }, { id: 'within_12_months', people: 15 }]);
  });
  it('a provider without courses is placed by its organisation record, or not at all', async () => {
    const placed = (await call('GET', `/api/v1/skills/gaps/providers/${orgs.conlugar}`)).json();
    expect(placed.basis).toBe('organisation');
    expect(placed.items.map((c: Cell & { ring: string }) => [c.ring, c.stateCode, c.skill.id])).toEqual([
      ['same_state', '19', sk('bms')], ['same_state', '19', sk('welding')], ['neighbouring_state', '05', sk('hv')], ['neighbouring_state', '05', sk('plc')],
    ]);
    const none = (await call('GET', `/api/v1/skills/gaps/providers/${orgs.sinlugar}`)).json();
    expect(none).toMatchObject({ basis: 'none', states: [], items: [], total: 0 });
    expect((await call('GET', '/api/v1/skills/gaps/providers/00000000-0000-0000-0000-000000000000')).json().code).toBe('GAPS.PROVIDER_NOT_FOUND');
  });
});
