/**
 * Job board matching benchmark (issue "Skills and jobs platform", numbers): over SYNTHETIC
 * data — 100,000 candidate profiles and 10,000 vacancies made here from a seeded PRNG —
 * time "top 20 candidates for a vacancy" and "top 20 vacancies for a candidate" through the
 * job board service (ranking SQL + explanation, no HTTP), print p50/p95 per engine and the
 * ratio to a naive ranking (overlap counted by unnesting arrays, no index) in the same
 * process. On embedded PGlite and, when BENCH_DATABASE_URL names a server, on PostgreSQL in a
 * scratch database. No thresholds: the figures are for reading.
 *
 * Skills: by default the shipped taxonomy is loaded and profiles and vacancies are drawn from
 * its occupation–skill relations (see `taxonomy` below); BENCH_JOBS_TAXONOMY=synthetic keeps
 * the first generator (3,000 made-up skills, Zipf popularity), whose vacancies share a skill
 * with about a third of all profiles. Every candidate opts in to be found (the worst case for
 * the employer-side query). The employer side is also timed with the ranking that scores every
 * candidate sharing a skill (`topCandidatesScoringAll`), to show what the early stop buys.
 * The load average is printed: on a shared machine it weighs on the figures as much as the code.
 */
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../apps/server/src/app.js';
import type { Db } from '../apps/server/src/platform/db/database.js';
import { openDatabase } from '../apps/server/src/platform/db/database.js';
import type { Principal } from '../apps/server/src/modules/accounts/accounts.domain.js';
import { languageGrants, languageKey, monthly, type LanguageLevel } from '../apps/server/src/modules/skills/jobs/jobs.domain.js';
import { createJobsRepository, naiveSkillOverlap } from '../apps/server/src/modules/skills/jobs/jobs.repository.js';
import { createJobsService } from '../apps/server/src/modules/skills/jobs/jobs.service.js';
import { loadSkillsTaxonomy } from '../apps/server/src/modules/skills/taxonomy/taxonomy.seed.js';
import { benchConfig, createPostgresTarget, engineLabels, redactUrl, type EngineName } from './engines.js';
import { int, ms, ratio, table } from './report.js';

const setting = (name: string, fallback: number) => {
  const raw = process.env[name]?.replace(/[_,]/g, '').trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number; got "${process.env[name]}"`);
  return value;
};
const candidates = setting('BENCH_JOBS_CANDIDATES', 100_000);
const vacancies = setting('BENCH_JOBS_VACANCIES', 10_000);
const skillPool = setting('BENCH_JOBS_SKILLS', 3_000);
const queries = setting('BENCH_JOBS_QUERIES', 200);
const naiveQueries = setting('BENCH_JOBS_NAIVE_QUERIES', 10);
const seed = setting('BENCH_JOBS_SEED', 2026);
const taxonomyMode = process.env.BENCH_JOBS_TAXONOMY?.trim() === 'synthetic' ? 'synthetic' : 'shipped';
const referenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/reference');
const engines = (process.env.BENCH_ENGINES?.trim() || 'pglite,postgres').split(',').map((s) => s.trim()) as EngineName[];
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null;

const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);

/** mulberry32: small, seeded, good enough for test data. */
function prng(s: number) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const mxStates = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
const usStates = ['MI', 'TX', 'CA', 'OH', 'IN', 'TN', 'GA', 'AZ', 'NV', 'SC'];
const levels: LanguageLevel[] = ['A2', 'B1', 'B2', 'C1', 'native'];

/**
 * The skills the profiles and vacancies are drawn from. With the shipped taxonomy (default;
 * BENCH_JOBS_TAXONOMY=synthetic for the old generator): each vacancy is one occupation's, its
 * required skills drawn from that occupation's essential skills and its optional ones from its
 * optional skills; each profile belongs to one occupation (plus, for some, a second), with
 * skills drawn the same way. Skills then occur as often as ESCO's occupation–skill relations
 * make them occur — transversal ones (teamwork, safety) in many occupations, most in few —
 * rather than from a made-up distribution. Occupations are drawn uniformly among those with at
 * least 5 essential skills: a real board would have more of some jobs than others; this is not
 * tuned either way.
 */
async function taxonomy(db: Db, rand: () => number) {
  if (taxonomyMode === 'shipped') {
    const load = await loadSkillsTaxonomy(db, referenceDir, { force: true });
    log(`loaded the shipped taxonomy in ${(load.durationMs / 1000).toFixed(1)} s`);
    const { rows } = await sql<{ occupation_id: string; essential: number[]; optional: number[] }>`
      select os.occupation_id,
        array_agg(s.seq order by s.seq) filter (where os.relation = 'essential') as essential,
        coalesce(array_agg(s.seq order by s.seq) filter (where os.relation = 'optional'), '{}') as optional
      from skills_occupation_skill os join skills_skill s on s.id = os.skill_id
      group by os.occupation_id having count(*) filter (where os.relation = 'essential') >= 5
      order by os.occupation_id`.execute(db);
    const occupations = rows.map((r) => r.occupation_id);
    const essential = rows.map((r) => r.essential.map(Number));
    const optional = rows.map((r) => (r.optional.length > 0 ? r.optional : r.essential).map(Number));
    const skills = new Set([...essential, ...optional].flat()).size;
    return { source: `the shipped taxonomy's occupation–skill relations (${int(occupations.length)} occupations with ≥ 5 essential skills, ${int(skills)} distinct skills)`, kind: 'shipped' as const, occupations, essential, optional };
  }
  const loaded = Number((await sql<{ n: number }>`select count(*)::int as n from skills_skill`.execute(db)).rows[0]!.n);
  if (loaded < 1000) {
    await sql`insert into skills_skill (id, scheme, skill_type, label_es, label_en, provenance)
      select 'local:bench-skill-' || g, 'local', 'skill', 'Competencia sintética ' || g, 'Synthetic skill ' || g, '{"record":{"source":"bench","method":"manual","note":"synthetic"}}'::jsonb
      from generate_series(1, ${skillPool}) g on conflict do nothing`.execute(db);
    await sql`insert into skills_occupation (id, scheme, label_es, label_en, provenance)
      select 'local:bench-occ-' || g, 'local', 'Ocupación sintética ' || g, 'Synthetic occupation ' || g, '{"record":{"source":"bench","method":"manual","note":"synthetic"}}'::jsonb
      from generate_series(1, 300) g on conflict do nothing`.execute(db);
  }
  const seqs = (await sql<{ seq: number }>`select seq from skills_skill order by seq`.execute(db)).rows.map((r) => Number(r.seq));
  const occupations = (await sql<{ id: string }>`select id from skills_occupation order by id limit 300`.execute(db)).rows.map((r) => r.id);
  // Popularity: a few skills everywhere, a long tail rare (Zipf, s = 1), plus 15 core skills per occupation drawn uniformly.
  const weights = seqs.map((_, i) => 1 / (i + 1));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[cumulative.length - 1]!;
  const zipf = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1; else hi = mid;
    }
    return seqs[lo]!;
  };
  const cores = occupations.map(() => Array.from({ length: 15 }, () => seqs[Math.floor(rand() * seqs.length)]!));
  return { source: `SYNTHETIC taxonomy: ${int(seqs.length)} skills, ${occupations.length} occupations, Zipf skill popularity + 15 uniform core skills per occupation`, kind: 'synthetic' as const, occupations, cores, zipf };
}

type Taxonomy = Awaited<ReturnType<typeof taxonomy>>;

/** A vacancy's required and optional skills, and a profile's skills, by the generator in use. */
function vacancySkills(tax: Taxonomy, rand: () => number, occ: number) {
  if (tax.kind === 'shipped') {
    const required = sample(rand, tax.essential[occ]!, 3 + Math.floor(rand() * 4));
    const optional = sample(rand, tax.optional[occ]!.filter((s) => !required.includes(s)), 2 + Math.floor(rand() * 3));
    return { required, optional };
  }
  const core = tax.cores[occ]!;
  const required = [...new Set(Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(rand, core)).concat(draw(rand, 1, tax.zipf)))];
  const optional = draw(rand, 2 + Math.floor(rand() * 3), () => (rand() < 0.5 ? pick(rand, core) : tax.zipf()), new Set(required));
  return { required, optional };
}
function profileSkills(tax: Taxonomy, rand: () => number, occ: number) {
  if (tax.kind === 'shipped') {
    const second = rand() < 0.3 ? Math.floor(rand() * tax.occupations.length) : null;
    return [...new Set([
      ...sample(rand, tax.essential[occ]!, 5 + Math.floor(rand() * 6)),
      ...sample(rand, tax.optional[occ]!, 2 + Math.floor(rand() * 4)),
      ...(second === null ? [] : sample(rand, tax.essential[second]!, 2 + Math.floor(rand() * 3))),
    ])].sort((a, b) => a - b);
  }
  const core = tax.cores[occ]!;
  return [...new Set([...Array.from({ length: 4 + Math.floor(rand() * 6) }, () => pick(rand, core)), ...draw(rand, 4 + Math.floor(rand() * 8), tax.zipf)])].sort((a, b) => a - b);
}
/** n distinct items of a list (all of it when shorter). */
function sample<T>(rand: () => number, list: readonly T[], n: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}
function draw(rand: () => number, n: number, from: () => number, exclude: Set<number> = new Set()) {
  const out = new Set<number>();
  for (let guard = 0; out.size < n && guard < n * 20; guard += 1) {
    const s = from();
    if (!exclude.has(s)) out.add(s);
  }
  return [...out];
}

async function seedData(db: Db) {
  const rand = prng(seed);
  const tax = await taxonomy(db, rand);
  const t0 = performance.now();
  await sql`insert into organisation (name, type) select 'Empleador sintético ' || g, 'company' from generate_series(1, 200) g`.execute(db);
  const orgs = (await sql<{ id: string }>`select id from organisation where name like 'Empleador sintético %'`.execute(db)).rows.map((r) => r.id);
  const chunk = 5000;
  for (let from = 0; from < vacancies; from += chunk) {
    const rows = [];
    for (let i = from; i < Math.min(vacancies, from + chunk); i += 1) {
      const occ = Math.floor(rand() * tax.occupations.length);
      const { required, optional } = vacancySkills(tax, rand, occ);
      const mx = rand() < 0.8;
      const period = pick(rand, ['month', 'fortnight', 'hour', 'year'] as const);
      const base = mx ? 9000 + rand() * 30000 : 2500 + rand() * 6000;
      const min = Math.round(base / (monthly(1, period)));
      const max = Math.round(min * (1.1 + rand() * 0.5));
      const languages = rand() < 0.3 ? [{ code: 'en', level: pick(rand, ['B1', 'B2'] as const) }] : [];
      const state = mx ? pick(rand, mxStates) : pick(rand, usStates);
      rows.push({
        organisation_id: pick(rand, orgs), title: `Vacante sintética ${i}`, occupation_id: tax.occupations[occ], country: mx ? 'MX' : 'US', state_code: state,
        municipality_key: mx ? `${state}${String(1 + Math.floor(rand() * 20)).padStart(3, '0')}` : null,
        salary_min: min, salary_max: max, salary_currency: mx ? 'MXN' : 'USD', salary_period: period,
        salary_min_monthly: monthly(min, period), salary_max_monthly: monthly(max, period), activities: 'Actividades sintéticas',
        required_seqs: required, optional_seqs: optional, skill_seqs: [...new Set([...required, ...optional])].sort((a, b) => a - b),
        language_reqs: languages.map((l) => languageKey(l.code, l.level)), work_mode: rand() < 0.1 ? 'remote' : rand() < 0.2 ? 'hybrid' : 'on_site',
        work_authorisation_required: rand() < 0.5, search_text: `vacante sintetica ${i}`,
      });
    }
    await sql`
      insert into skills_vacancy (organisation_id, title, occupation_id, country, state_code, municipality_key, salary_min, salary_max, salary_currency, salary_period,
        salary_min_monthly, salary_max_monthly, activities, required_skill_ids, optional_skill_ids, required_seqs, optional_seqs, skill_seqs, language_reqs,
        work_mode, work_authorisation_required, search_text, status, published_at, provenance)
      select r.organisation_id, r.title, r.occupation_id, r.country, r.state_code, r.municipality_key, r.salary_min, r.salary_max, r.salary_currency, r.salary_period,
        r.salary_min_monthly, r.salary_max_monthly, r.activities, '{}', '{}', r.required_seqs, r.optional_seqs, r.skill_seqs, r.language_reqs,
        r.work_mode, r.work_authorisation_required, r.search_text, 'published', now(), '{"source":"bench","method":"synthetic"}'
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(organisation_id uuid, title text, occupation_id text, country text, state_code text, municipality_key text,
        salary_min numeric, salary_max numeric, salary_currency text, salary_period text, salary_min_monthly numeric, salary_max_monthly numeric, activities text,
        required_seqs int[], optional_seqs int[], skill_seqs int[], language_reqs int[], work_mode text, work_authorisation_required boolean, search_text text)`.execute(db);
  }
  log(`inserted ${int(vacancies)} synthetic vacancies in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  for (let from = 0; from < candidates; from += chunk) {
    const n = Math.min(candidates, from + chunk) - from;
    const users = (await sql<{ id: string }>`
      insert into app_user (email, email_normalized, display_name, password_hash, role)
      select 'bench-' || g || '@example.invalid', 'bench-' || g || '@example.invalid', 'Candidata sintética ' || g, '!', 'member'
      from generate_series(${from + 1}::int, ${from + n}::int) g returning id`.execute(db)).rows;
    const rows = users.map((u) => {
      const occ = Math.floor(rand() * tax.occupations.length);
      const skills = profileSkills(tax, rand, occ);
      const mx = rand() < 0.85;
      const state = mx ? pick(rand, mxStates) : pick(rand, usStates);
      const langs = [{ code: mx ? 'es' : 'en', level: 'native' as LanguageLevel }, ...(rand() < 0.4 ? [{ code: mx ? 'en' : 'es', level: pick(rand, levels) }] : [])];
      return {
        user_id: u.id, skill_seqs: skills, country: mx ? 'MX' : 'US', state_code: state,
        municipality_key: mx ? `${state}${String(1 + Math.floor(rand() * 20)).padStart(3, '0')}` : null,
        language_grants: languageGrants(langs), authorised_mx: mx || rand() < 0.1, authorised_us: !mx || rand() < 0.1,
      };
    });
    await sql`
      insert into skills_candidate (user_id, skill_ids, skill_seqs, country, state_code, municipality_key, language_grants, authorised_mx, authorised_us, open_to_employers, provenance)
      select r.user_id, '{}', r.skill_seqs, r.country, r.state_code, r.municipality_key, r.language_grants, r.authorised_mx, r.authorised_us, true, '{"source":"bench","method":"synthetic"}'
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(user_id uuid, skill_seqs int[], country text, state_code text, municipality_key text, language_grants int[], authorised_mx boolean, authorised_us boolean)`.execute(db);
  }
  log(`inserted ${int(candidates)} synthetic candidate profiles in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  // As autovacuum leaves a steady-state table: visibility map set (index-only scans), hint bits written, statistics fresh.
  await sql`vacuum analyze`.execute(db);
  return tax.source;
}

interface Figures { engine: string; taxonomy: string; load: string; scoreAllForVacancy: number[]; forVacancy: number[]; forCandidate: number[]; sqlForVacancy: number[]; sqlForCandidate: number[]; naiveForVacancy: number[]; naiveForCandidate: number[]; overlapMean: number }

async function time(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function run(name: EngineName, databaseUrl: string | null): Promise<Figures> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const electrifica = await createApp(benchConfig(databaseUrl), { database });
  try {
    const db = database.db;
    log(`${engineLabels[name]}: seeding…`);
    const source = await seedData(db);
    const repository = createJobsRepository(db);
    const jobs = createJobsService({ db, repository });
    const admin: Principal = { userId: '00000000-0000-0000-0000-000000000000', email: 'bench@example.invalid', displayName: 'bench', role: 'admin', memberships: [], via: 'cli' };
    const rand = prng(seed + 1);
    const vacancyIds = (await sql<{ id: string }>`select id from skills_vacancy order by id`.execute(db)).rows.map((r) => r.id);
    const candidateIds = (await sql<{ user_id: string }>`select user_id from skills_candidate order by user_id`.execute(db)).rows.map((r) => r.user_id);
    const sampleV = Array.from({ length: queries }, () => pick(rand, vacancyIds));
    const sampleC = Array.from({ length: queries }, () => pick(rand, candidateIds));
    const member = (userId: string): Principal => ({ ...admin, userId, role: 'member' });
    // Warm up caches and plans.
    for (const id of sampleV.slice(0, 5)) await jobs.candidatesForVacancy(admin, id, 20);
    for (const id of sampleC.slice(0, 5)) await jobs.vacanciesForMe(member(id), 20);

    const forVacancy: number[] = [];
    const sqlForVacancy: number[] = [];
    const scoreAllForVacancy: number[] = [];
    let overlap = 0;
    for (const id of sampleV) {
      forVacancy.push(await time(() => jobs.candidatesForVacancy(admin, id, 20)));
      const v = (await repository.findVacancy(id))!;
      sqlForVacancy.push(await time(() => repository.topCandidates(v, 20)));
      scoreAllForVacancy.push(await time(() => repository.topCandidatesScoringAll(v, 20)));
      overlap += Number((await sql<{ n: number }>`select count(*)::int as n from skills_candidate where open_to_employers and skill_seqs && ${`{${v.skill_seqs.join(',')}}`}::int[]`.execute(db)).rows[0]!.n);
    }
    log(`${engineLabels[name]}: top 20 candidates for ${queries} vacancies done`);
    const forCandidate: number[] = [];
    const sqlForCandidate: number[] = [];
    const today = new Date().toISOString().slice(0, 10);
    for (const id of sampleC) {
      forCandidate.push(await time(() => jobs.vacanciesForMe(member(id), 20)));
      const c = (await repository.findCandidate(id))!;
      sqlForCandidate.push(await time(() => repository.topVacancies(c, 20, today)));
    }
    log(`${engineLabels[name]}: top 20 vacancies for ${queries} candidates done`);

    // The naive way: every row scored, overlap counted by unnesting, no index.
    const naiveForVacancy: number[] = [];
    const naiveForCandidate: number[] = [];
    const arr = (xs: number[]) => sql`${`{${xs.join(',')}}`}::int[]`;
    for (const id of sampleV.slice(0, naiveQueries)) {
      const v = (await repository.findVacancy(id))!;
      naiveForVacancy.push(await time(() => sql`
        select c.user_id, (60.0 * (2 * ${naiveSkillOverlap(sql.raw('c.skill_seqs'), arr(v.required_seqs))} + ${naiveSkillOverlap(sql.raw('c.skill_seqs'), arr(v.optional_seqs))})
          / nullif(2 * cardinality(${arr(v.required_seqs)}) + cardinality(${arr(v.optional_seqs)}), 0)) as score
        from skills_candidate c where c.open_to_employers order by score desc nulls last, c.user_id limit 20`.execute(db)));
    }
    for (const id of sampleC.slice(0, naiveQueries)) {
      const c = (await repository.findCandidate(id))!;
      naiveForCandidate.push(await time(() => sql`
        select v.id, (60.0 * (2 * ${naiveSkillOverlap(arr(c.skill_seqs), sql.raw('v.required_seqs'))} + ${naiveSkillOverlap(arr(c.skill_seqs), sql.raw('v.optional_seqs'))})
          / nullif(2 * cardinality(v.required_seqs) + cardinality(v.optional_seqs), 0)) as score
        from skills_vacancy v where v.status = 'published' order by score desc nulls last, v.id limit 20`.execute(db)));
    }
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v;
    return {
      engine: `${engineLabels[name]} ${version}`, taxonomy: source, load: os.loadavg().map((l) => l.toFixed(2)).join(' / '), scoreAllForVacancy, forVacancy, forCandidate, sqlForVacancy, sqlForCandidate, naiveForVacancy, naiveForCandidate,
      overlapMean: overlap / sampleV.length,
    };
  } finally {
    await electrifica.close();
    await database.close();
  }
}

async function main() {
  log(`load average (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} on ${os.cpus().length} cores`);
  log(`SYNTHETIC data (${taxonomyMode === 'shipped' ? 'skills drawn from the shipped taxonomy' : 'synthetic taxonomy'}): ${int(candidates)} candidate profiles, ${int(vacancies)} vacancies, seed ${seed}; ${queries} timed queries each way (${naiveQueries} for the naive baseline)`);
  const results: Figures[] = [];
  for (const name of engines) {
    if (name === 'pglite') {
      results.push(await run('pglite', null));
      continue;
    }
    if (!serverUrl) {
      log('PostgreSQL: skipped — set BENCH_DATABASE_URL to include it');
      continue;
    }
    const target = await createPostgresTarget(serverUrl);
    if (!target.ok) {
      log(`PostgreSQL: skipped — ${target.reason}`);
      continue;
    }
    log(`PostgreSQL: scratch database at ${redactUrl(target.databaseUrl)}`);
    try {
      results.push(await run('postgres', target.databaseUrl));
    } finally {
      // BENCH_JOBS_KEEP=1 keeps the scratch database to study plans afterwards (drop it by hand).
      if (process.env.BENCH_JOBS_KEEP === '1') log(`PostgreSQL: kept ${redactUrl(target.databaseUrl)}`);
      else await target.drop().catch(() => {});
    }
  }
  console.log('\nJob board matching (synthetic data; p50 / p95 in ms; naive = overlap by unnest, no index, every row scored)\n');
  console.log(table(
    ['engine', 'query', 'p50', 'p95', 'ranking SQL p50', 'ranking SQL p95', 'naive p50', 'naive vs ranking SQL'],
    results.flatMap((r) => [
      [r.engine, 'top 20 candidates for a vacancy', ms(percentile(r.forVacancy, 50)), ms(percentile(r.forVacancy, 95)), ms(percentile(r.sqlForVacancy, 50)), ms(percentile(r.sqlForVacancy, 95)),
        ms(percentile(r.naiveForVacancy, 50)), ratio(percentile(r.naiveForVacancy, 50) / percentile(r.sqlForVacancy, 50))],
      [r.engine, 'top 20 vacancies for a candidate', ms(percentile(r.forCandidate, 50)), ms(percentile(r.forCandidate, 95)), ms(percentile(r.sqlForCandidate, 50)), ms(percentile(r.sqlForCandidate, 95)),
        ms(percentile(r.naiveForCandidate, 50)), ratio(percentile(r.naiveForCandidate, 50) / percentile(r.sqlForCandidate, 50))],
    ]),
  ));
  for (const r of results) {
    console.log(`\n  ${r.engine}: skills from ${r.taxonomy}; a vacancy shares a skill with ${int(r.overlapMean)} opted-in candidates on average.`);
    console.log(`  ${r.engine}: ranking SQL that scores every candidate sharing a skill (before the early stop): p50 ${ms(percentile(r.scoreAllForVacancy, 50))}, p95 ${ms(percentile(r.scoreAllForVacancy, 95))}; load average after the run (1/5/15 min): ${r.load}.`);
  }
  console.log('  p50/p95 = the service call (ranking SQL, profiles and explanation with labels), no HTTP.');
  console.log(`\nBENCH_SKILLS_MATCHING_RESULT ${JSON.stringify(results.map((r) => ({
    engine: r.engine, taxonomy: r.taxonomy, candidates, vacancies,
    load: r.load, overlapMean: r.overlapMean,
    forVacancy: { p50: percentile(r.forVacancy, 50), p95: percentile(r.forVacancy, 95), sqlP95: percentile(r.sqlForVacancy, 95), scoreAllP95: percentile(r.scoreAllForVacancy, 95), naiveP50: percentile(r.naiveForVacancy, 50) },
    forCandidate: { p50: percentile(r.forCandidate, 50), p95: percentile(r.forCandidate, 95), sqlP95: percentile(r.sqlForCandidate, 95), naiveP50: percentile(r.naiveForCandidate, 50) },
  })))}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
