import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { languageGrants, languageKey, scoreMatch } from './jobs.domain.js';
import { createJobsRepository, type JobsRepository } from './jobs.repository.js';
import { insertTestTaxonomy, type TestTaxonomy } from './jobs.fixtures.js';

/*
 * The early-stopping ranking of candidates for a vacancy must return exactly what scoring
 * every candidate returns: same people, same scores, same order (ties by user id). Over
 * SYNTHETIC profiles made here from a seeded generator: many share one popular skill, many
 * tie, a few applied without opting in.
 */
let t: TestApp;
let tax: TestTaxonomy;
let repository: JobsRepository;
let org: string;
const names = Array.from({ length: 24 }, (_, i) => `m${i}`);

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  t = await createTestApp();
  repository = createJobsRepository(t.database.db);
  tax = await insertTestTaxonomy(t.database.db, { skills: names, occupations: { any: { essential: names.slice(0, 3) } } });
  org = (await sql<{ id: string }>`insert into organisation (name, type) values ('Empleador sintético de pruebas', 'company') returning id`.execute(t.database.db)).rows[0]!.id;
  const rand = prng(7);
  const seqs = names.map((n) => tax.skills[n]!.seq);
  const states = ['05', '19', '22'];
  for (let i = 0; i < 400; i += 1) {
    const user = (await sql<{ id: string }>`insert into app_user (email, email_normalized, display_name, password_hash, role)
      values (${`match-${i}@example.invalid`}, ${`match-${i}@example.invalid`}, ${`Sintética ${i}`}, '!', 'member') returning id`.execute(t.database.db)).rows[0]!.id;
    // Skill 0 is in most profiles (popular), the rest spread unevenly.
    const skills = new Set<number>();
    if (rand() < 0.8) skills.add(seqs[0]!);
    for (let k = 0; k < 1 + Math.floor(rand() * 5); k += 1) skills.add(seqs[Math.floor(rand() * rand() * seqs.length)]!);
    const mx = rand() < 0.85;
    const state = mx ? states[Math.floor(rand() * states.length)]! : 'MI';
    const langs = rand() < 0.5 ? languageGrants([{ code: 'en', level: rand() < 0.5 ? 'B1' : 'C1' }]) : [];
    await sql`insert into skills_candidate (user_id, skill_seqs, country, state_code, municipality_key, language_grants, authorised_mx, authorised_us, open_to_employers, provenance)
      values (${user}::uuid, ${`{${[...skills].join(',')}}`}::int[], ${mx ? 'MX' : 'US'}, ${state}, ${mx && rand() < 0.3 ? `${state}001` : null}, ${`{${langs.join(',')}}`}::int[],
        ${mx || rand() < 0.2}, ${!mx || rand() < 0.2}, ${i % 10 !== 0}, '{"source":"test","method":"synthetic"}')`.execute(t.database.db);
  }
});
afterAll(async () => {
  await t?.dispose();
});

async function vacancy(required: number[], optional: number[], over: { state?: string; municipality?: string | null; remote?: boolean; english?: boolean; authorisation?: boolean } = {}) {
  const seq = (i: number) => tax.skills[names[i]!]!.seq;
  const req = required.map(seq);
  const opt = optional.map(seq);
  const id = (await sql<{ id: string }>`insert into skills_vacancy (organisation_id, title, occupation_id, country, state_code, municipality_key, salary_min, salary_max, salary_currency,
      salary_period, salary_min_monthly, salary_max_monthly, activities, required_seqs, optional_seqs, skill_seqs, language_reqs, work_mode, work_authorisation_required, search_text, provenance)
    values (${org}::uuid, 'Vacante sintética', ${tax.occupations.any!}, 'MX', ${over.state ?? '05'}, ${over.municipality ?? null}, 1, 2, 'MXN', 'month', 1, 2, 'x',
      ${`{${req.join(',')}}`}::int[], ${`{${opt.join(',')}}`}::int[], ${`{${[...new Set([...req, ...opt])].sort((a, b) => a - b).join(',')}}`}::int[],
      ${`{${over.english ? languageKey('en', 'B2') : ''}}`}::int[], ${over.remote ? 'remote' : 'on_site'}, ${over.authorisation ?? true}, 'x', '{}') returning id`.execute(t.database.db)).rows[0]!.id;
  return (await repository.findVacancy(id))!;
}

describe('top candidates for a vacancy: early stop, exact', () => {
  const shapes: Array<[string, number[], number[], Parameters<typeof vacancy>[2]]> = [
    ['popular skill required', [0, 1], [2], {}],
    ['rare skills only', [20, 21, 22], [23], { english: true }],
    ['many skills, remote', [0, 1, 2, 3, 4, 5], [6, 7, 8], { remote: true }],
    ['one skill, municipality', [0], [], { municipality: '05001' }],
    ['no authorisation needed, other state', [1, 3], [0, 5], { state: '22', authorisation: false }],
  ];
  for (const [name, required, optional, over] of shapes) {
    it(`same people, scores and order as scoring everyone: ${name}`, async () => {
      const v = await vacancy(required, optional, over);
      for (const limit of [1, 5, 20, 100]) {
        const fast = await repository.topCandidates(v, limit);
        const all = await repository.topCandidatesScoringAll(v, limit);
        expect(all.length).toBeGreaterThan(0);
        expect(fast.map((r) => [r.user_id, Number(r.score)])).toEqual(all.map((r) => [r.user_id, Number(r.score)]));
        // And the SQL score is the domain's.
        for (const c of fast) {
          const m = scoreMatch(
            { country: v.country, stateCode: v.state_code, municipalityKey: v.municipality_key, workMode: v.work_mode, requiredSeqs: v.required_seqs, optionalSeqs: v.optional_seqs, languageReqs: v.language_reqs, workAuthorisationRequired: v.work_authorisation_required },
            { country: c.country, stateCode: c.state_code, municipalityKey: c.municipality_key, skillSeqs: c.skill_seqs, languageGrants: c.language_grants, authorisedMx: c.authorised_mx, authorisedUs: c.authorised_us },
          );
          expect(Number(c.score)).toBeCloseTo(m.score, 1);
        }
      }
    });
  }

  it('counts applicants who did not opt in and share no skill', async () => {
    const v = await vacancy([20], [], {});
    const hidden = (await sql<{ user_id: string }>`select user_id from skills_candidate where not open_to_employers limit 1`.execute(t.database.db)).rows[0]!.user_id;
    await sql`insert into skills_application (vacancy_id, candidate_user_id) values (${v.id}::uuid, ${hidden}::uuid)`.execute(t.database.db);
    const fast = await repository.topCandidates(v, 100);
    expect(fast.map((r) => r.user_id)).toContain(hidden);
    expect(fast.map((r) => [r.user_id, Number(r.score)])).toEqual((await repository.topCandidatesScoringAll(v, 100)).map((r) => [r.user_id, Number(r.score)]));
  });

  it('the skill postings follow the profiles: opting out, changing skills, deleting', async () => {
    const postings = async (user: string) => (await sql<{ s: number }>`select skill_seq as s from skills_candidate_skill where user_id = ${user}::uuid order by 1`.execute(t.database.db)).rows.map((r) => Number(r.s));
    const user = (await sql<{ user_id: string; skill_seqs: number[] }>`select user_id, skill_seqs from skills_candidate where open_to_employers limit 1`.execute(t.database.db)).rows[0]!;
    expect(await postings(user.user_id)).toEqual([...user.skill_seqs].sort((a, b) => a - b));
    await sql`update skills_candidate set skill_seqs = ${`{${tax.skills.m23!.seq}}`}::int[] where user_id = ${user.user_id}::uuid`.execute(t.database.db);
    expect(await postings(user.user_id)).toEqual([tax.skills.m23!.seq]);
    await sql`update skills_candidate set open_to_employers = false where user_id = ${user.user_id}::uuid`.execute(t.database.db);
    expect(await postings(user.user_id)).toEqual([]);
    await sql`update skills_candidate set open_to_employers = true where user_id = ${user.user_id}::uuid`.execute(t.database.db);
    expect(await postings(user.user_id)).toEqual([tax.skills.m23!.seq]);
    await sql`delete from skills_candidate where user_id = ${user.user_id}::uuid`.execute(t.database.db);
    expect(await postings(user.user_id)).toEqual([]);
  });
});
