/**
 * The job board's SQL. Matching ranks in the database (intarray over the taxonomy's
 * compact skill `seq`s, see migration 0012) with the same weights as `scoreMatch` in the
 * domain, which then explains the few rows returned.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { escapeLike } from '../../../platform/text.js';
import { resolveOccupations, resolveSkills } from '../taxonomy/taxonomy.repository.js';
import { locationPoints, nonSkillMax, weights, type OccupationSkill } from './jobs.domain.js';
import { intArray, textArray } from '../../../platform/db/sql-arrays.js';

export interface SkillRef { id: string; seq: number; labelEs: string; labelEn: string }
export interface OccupationRef { id: string; labelEs: string; labelEn: string }

export interface VacancyRow {
  id: string; organisation_id: string; organisation_name: string; status: 'draft' | 'published' | 'closed'; title: string;
  occupation_id: string; occupation_label_es: string | null; occupation_label_en: string | null;
  country: 'MX' | 'US'; state_code: string; state_name: string | null; municipality_code: string | null; municipality_name: string | null;
  municipality_key: string | null; lat: number | null; lon: number | null;
  salary_min: number; salary_max: number; salary_currency: string; salary_period: string;
  benefits: string[]; benefits_other: string | null; activities: string;
  required_skill_ids: string[]; optional_skill_ids: string[]; required_seqs: number[]; optional_seqs: number[]; skill_seqs: number[];
  languages: Array<{ code: string; level: string }>; language_reqs: number[];
  work_mode: 'on_site' | 'hybrid' | 'remote'; inclusion: string[]; work_authorisation_required: boolean;
  closing_date: string | Date | null; provenance: Record<string, unknown>; published_at: Date | null; closed_at: Date | null;
  created_at: Date; updated_at: Date; industry_scian: string | null;
}

export interface CandidateRow {
  user_id: string; skill_ids: string[]; skill_seqs: number[]; experience: Array<{ occupationId: string; years: number; title: string | null }>;
  occupation_ids: string[]; country: 'MX' | 'US' | null; state_code: string | null; municipality_code: string | null; municipality_key: string | null;
  languages: Array<{ code: string; level: string }>; language_grants: number[]; authorised_mx: boolean; authorised_us: boolean;
  desired_salary_min: number | null; desired_salary_currency: string | null; desired_salary_period: string | null;
  gender: string | null; open_to_employers: boolean; provenance: Record<string, unknown>; created_at: Date; updated_at: Date;
}

export interface VacancyColumns {
  title: string; occupation_id: string; country: 'MX' | 'US'; state_code: string; municipality_code: string | null; municipality_key: string | null;
  lat: number | null; lon: number | null; salary_min: number; salary_max: number; salary_currency: string; salary_period: string;
  salary_min_monthly: number; salary_max_monthly: number; benefits: string[]; benefits_other: string | null; activities: string;
  required_skill_ids: string[]; optional_skill_ids: string[]; required_seqs: number[]; optional_seqs: number[]; skill_seqs: number[];
  languages: string; language_reqs: number[]; work_mode: 'on_site' | 'hybrid' | 'remote'; inclusion: string[];
  work_authorisation_required: boolean; closing_date: string | null; search_text: string; status: 'draft' | 'published' | 'closed';
  provenance: string; published_at: Date | null; industry_scian: string | null;
}

export type CandidateColumns = Omit<CandidateRow, 'user_id' | 'created_at' | 'updated_at' | 'experience' | 'languages' | 'provenance'> & {
  experience: string; languages: string; provenance: string;
};

/** Filters of the public list, resolved to what the SQL compares. */
export interface ListFilter {
  words: string[];
  country?: string | undefined;
  state?: string | undefined;
  occupation?: string | undefined;
  skillSeq?: number | undefined;
  salaryFloorMonthly?: number | undefined;
  currency?: string | undefined;
  remote?: boolean | undefined;
  /** SCIAN 2018 code or prefix (digits only, checked before): 336 matches 3363 and 336320. */
  industry?: string | undefined;
  inclusion?: string[] | undefined;
  today: string;
}

const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));

/*
 * The score of candidate `c` for vacancy `v`, in SQL, as `scoreMatch` computes it. The
 * vacancy side may be columns or bound arrays (`VacancySide`), so that a query for one
 * vacancy binds its arrays as constants and the GIN index answers `&&`.
 */
interface VacancySide { required: RawBuilder<unknown>; optional: RawBuilder<unknown>; languages: RawBuilder<unknown>; workMode: RawBuilder<unknown>; country: RawBuilder<unknown>; state: RawBuilder<unknown>; municipality: RawBuilder<unknown>; authorisationRequired: RawBuilder<unknown> }
interface CandidateSide { skills: RawBuilder<unknown>; grants: RawBuilder<unknown>; country: RawBuilder<unknown>; state: RawBuilder<unknown>; municipality: RawBuilder<unknown>; authorisedMx: RawBuilder<unknown>; authorisedUs: RawBuilder<unknown> }

const r = sql.raw;
const vacancyColumns = (a: string): VacancySide => ({
  required: r(`${a}.required_seqs`), optional: r(`${a}.optional_seqs`), languages: r(`${a}.language_reqs`), workMode: r(`${a}.work_mode`),
  country: r(`${a}.country`), state: r(`${a}.state_code`), municipality: r(`${a}.municipality_key`), authorisationRequired: r(`${a}.work_authorisation_required`),
});
const candidateColumns = (a: string): CandidateSide => ({
  skills: r(`${a}.skill_seqs`), grants: r(`${a}.language_grants`), country: r(`${a}.country`), state: r(`${a}.state_code`),
  municipality: r(`${a}.municipality_key`), authorisedMx: r(`${a}.authorised_mx`), authorisedUs: r(`${a}.authorised_us`),
});

export function scoreSql(v: VacancySide, c: CandidateSide) {
  // Constants inline (not bound): a bound number in a CASE would be typed as text.
  const n = (x: number) => sql.raw(String(x));
  const f = n(weights.requiredFactor);
  return sql`(
    coalesce(${n(weights.skills)}::numeric * (${f} * icount(${c.skills} & ${v.required}) + icount(${c.skills} & ${v.optional}))
      / nullif(${f} * icount(${v.required}) + icount(${v.optional}), 0), 0)
    + case when ${v.workMode} = 'remote' then ${n(locationPoints.remote)}
        when ${c.country} is distinct from ${v.country} then ${n(locationPoints.none)}
        when ${c.state} is distinct from ${v.state} then ${n(locationPoints.country)}
        when ${v.municipality} is not null and ${c.municipality} = ${v.municipality} then ${n(locationPoints.municipality)}
        else ${n(locationPoints.state)} end
    + case when icount(${v.languages}) = 0 then ${n(weights.language)}::numeric
        else ${n(weights.language)}::numeric * icount(${v.languages} & ${c.grants}) / icount(${v.languages}) end
    + case when not ${v.authorisationRequired} or (case when ${v.country} = 'MX' then ${c.authorisedMx} else ${c.authorisedUs} end)
        then ${n(weights.authorisation)} else 0 end
  )`;
}

/*
 * The naive way, for the benchmark's ratio: skill overlap counted by unnesting both arrays
 * for every row, no index. Same score, same order.
 */
export function naiveSkillOverlap(candidateSkills: RawBuilder<unknown>, vacancySkills: RawBuilder<unknown>) {
  return sql`(select count(*) from unnest(${candidateSkills}) s where s = any(${vacancySkills}))`;
}

const vacancySelect = sql`
  v.*, o.name as organisation_name,
  occ.label_es as occupation_label_es, occ.label_en as occupation_label_en,
  coalesce(gs.name, us.name) as state_name,
  case when v.country = 'MX' then gm.name else v.municipality_code end as municipality_name,
  v.closing_date::text as closing_date`;
const vacancyJoins = sql`
  join organisation o on o.id = v.organisation_id
  left join skills_occupation occ on occ.id = v.occupation_id
  left join geo_state gs on v.country = 'MX' and gs.cve_ent = v.state_code
  left join us_state us on v.country = 'US' and us.abbr = v.state_code
  left join geo_municipality gm on v.country = 'MX' and gm.cvegeo = v.municipality_code`;

/** Open to the public: published and not past its closing date. */
const openSql = (today: string) => sql`v.status = 'published' and (v.closing_date is null or v.closing_date >= ${today}::date)`;

/** The filter as SQL over `skills_vacancy v`; `words` are folded and must all appear. */
function filterSql(f: ListFilter) {
  const parts = [openSql(f.today)];
  for (const w of f.words) parts.push(sql`v.search_text like ${`%${escapeLike(w)}%`}`);
  if (f.country) parts.push(sql`v.country = ${f.country}`);
  if (f.state) parts.push(sql`v.state_code = ${f.state}`);
  if (f.occupation) parts.push(sql`v.occupation_id = ${f.occupation}`);
  if (f.skillSeq !== undefined) parts.push(sql`v.skill_seqs @> ${intArray([f.skillSeq])}`);
  if (f.salaryFloorMonthly !== undefined && f.currency) parts.push(sql`v.salary_currency = ${f.currency} and v.salary_max_monthly >= ${f.salaryFloorMonthly}`);
  if (f.remote) parts.push(sql`v.work_mode = 'remote'`);
  if (f.industry) parts.push(sql`v.industry_scian like ${`${escapeLike(f.industry)}%`}`);
  if (f.inclusion && f.inclusion.length > 0) parts.push(sql`v.inclusion @> ${textArray(f.inclusion)}`);
  return sql.join(parts, sql` and `);
}

export interface FairColumns {
  title: string; description: string | null; starts_on: string; ends_on: string; mode: 'online' | 'in_person' | 'hybrid';
  country: 'MX' | 'US' | null; state_code: string | null; municipality_code: string | null; venue: string | null; url: string | null; binational: boolean;
}
export interface FairRow extends FairColumns {
  id: string; organiser_organisation_id: string | null; organiser_name: string | null; state_name: string | null; municipality_name: string | null;
  status: 'published' | 'cancelled'; provenance: Record<string, unknown>; created_at: Date; updated_at: Date;
}
const fairSelect = sql`
  f.id, f.organiser_organisation_id, o.name as organiser_name, f.title, f.description, f.starts_on::text as starts_on, f.ends_on::text as ends_on,
  f.mode, f.country::text as country, f.state_code, coalesce(gs.name, us.name) as state_name, f.municipality_code,
  case when f.country = 'MX' then gm.name else f.municipality_code end as municipality_name, f.venue, f.url, f.binational, f.status,
  f.provenance, f.created_at, f.updated_at`;
const fairJoins = sql`
  left join organisation o on o.id = f.organiser_organisation_id
  left join geo_state gs on f.country = 'MX' and gs.cve_ent = f.state_code
  left join us_state us on f.country = 'US' and us.abbr = f.state_code
  left join geo_municipality gm on f.country = 'MX' and gm.cvegeo = f.municipality_code`;

export function createJobsRepository(db: Db) {
  return {
    /*
     * Taxonomy look-ups through its tables (the taxonomy module owns them; the job board
     * only reads ids, seqs and labels).
     */
    async skills(ids: readonly string[], tx: Db = db): Promise<Map<string, SkillRef>> {
      return resolveSkills(tx, [...ids]);
    },
    async skillsBySeq(seqs: readonly number[], tx: Db = db): Promise<Map<number, SkillRef>> {
      if (seqs.length === 0) return new Map();
      const { rows } = await sql<SkillRef>`select id, seq, coalesce(label_es, label_en, '') as "labelEs", coalesce(label_en, label_es, '') as "labelEn"
        from skills_skill where seq = any(${intArray([...new Set(seqs)])})`.execute(tx);
      return new Map(rows.map((s) => [Number(s.seq), { ...s, seq: Number(s.seq) }]));
    },
    async occupations(ids: readonly string[], tx: Db = db): Promise<Map<string, OccupationRef>> {
      return resolveOccupations(tx, [...ids]);
    },
    async states(): Promise<{ MX: Set<string>; US: Set<string> }> {
      const mx = await sql<{ code: string }>`select cve_ent::text as code from geo_state`.execute(db);
      const us = await sql<{ code: string }>`select abbr::text as code from us_state`.execute(db);
      return { MX: new Set(mx.rows.map((x) => x.code.trim())), US: new Set(us.rows.map((x) => x.code.trim())) };
    },
    async municipalities(cvegeos: readonly string[]): Promise<Map<string, string>> {
      const wanted = cvegeos.filter((c) => /^[0-9]{5}$/.test(c));
      if (wanted.length === 0) return new Map();
      const { rows } = await sql<{ cvegeo: string; cve_ent: string }>`select cvegeo::text, cve_ent::text from geo_municipality where cvegeo = any(${textArray(wanted)})`.execute(db);
      return new Map(rows.map((m) => [m.cvegeo.trim(), m.cve_ent.trim()]));
    },

    // --- vacancies ---
    async insertVacancy(tx: Db, organisationId: string, createdBy: string, c: VacancyColumns): Promise<string> {
      const row = await tx.insertInto('skills_vacancy').values({ organisation_id: organisationId, created_by: createdBy, ...c }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async updateVacancy(tx: Db, id: string, c: Partial<VacancyColumns> & { closed_at?: Date | null }) {
      await tx.updateTable('skills_vacancy').set({ ...c, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async findVacancy(id: string, tx: Db = db): Promise<VacancyRow | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const { rows } = await sql<VacancyRow>`select ${vacancySelect} from skills_vacancy v ${vacancyJoins} where v.id = ${id}::uuid`.execute(tx);
      return rows[0];
    },
    async listVacancies(filter: ListFilter, page: { limit: number; offset: number }) {
      const { rows } = await sql<VacancyRow & { total: number }>`
        select ${vacancySelect}, count(*) over () as total
        from skills_vacancy v ${vacancyJoins}
        where ${filterSql(filter)}
        order by v.published_at desc nulls last, v.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = rows[0] ? Number(rows[0].total) : 0;
      if (rows.length === 0 && page.offset > 0) {
        const c = await sql<{ n: number }>`select count(*)::int as n from skills_vacancy v where ${filterSql(filter)}`.execute(db);
        total = Number(c.rows[0]!.n);
      }
      return { rows, total };
    },
    async organisationVacancies(organisationIds: readonly string[]): Promise<VacancyRow[]> {
      if (organisationIds.length === 0) return [];
      const { rows } = await sql<VacancyRow>`select ${vacancySelect} from skills_vacancy v ${vacancyJoins}
        where v.organisation_id = any(${organisationIds}::uuid[]) order by v.created_at desc, v.id`.execute(db);
      return rows;
    },

    // --- candidates ---
    async findCandidate(userId: string, tx: Db = db): Promise<(CandidateRow & { display_name: string }) | undefined> {
      const { rows } = await sql<CandidateRow & { display_name: string }>`
        select c.*, u.display_name from skills_candidate c join app_user u on u.id = c.user_id where c.user_id = ${userId}::uuid`.execute(tx);
      return rows[0];
    },
    async upsertCandidate(tx: Db, userId: string, c: CandidateColumns) {
      await tx.insertInto('skills_candidate').values({ user_id: userId, ...c })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...c, updated_at: new Date() })).execute();
    },
    /** Removes the profile (its CV cascades), saved searches (alerts cascade), and anonymises applications. */
    async deleteCandidateData(tx: Db, userId: string) {
      const applications = await tx.updateTable('skills_application')
        .set({ candidate_user_id: null, cover_note: null, anonymised_at: new Date(), updated_at: new Date() })
        .where('candidate_user_id', '=', userId).executeTakeFirst();
      const alerts = await tx.deleteFrom('skills_alert').where('user_id', '=', userId).executeTakeFirst();
      const searches = await tx.deleteFrom('skills_saved_search').where('user_id', '=', userId).executeTakeFirst();
      const profile = await tx.deleteFrom('skills_candidate').where('user_id', '=', userId).executeTakeFirst();
      return {
        applicationsAnonymised: Number(applications.numUpdatedRows), savedSearchesDeleted: Number(searches.numDeletedRows),
        alertsDeleted: Number(alerts.numDeletedRows), profileDeleted: Number(profile.numDeletedRows) > 0,
      };
    },
    async putCv(tx: Db, userId: string, cv: { filename: string; media_type: string; size_bytes: number; sha256: string; content: Uint8Array }) {
      await tx.insertInto('skills_candidate_cv').values({ user_id: userId, ...cv })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...cv, uploaded_at: new Date() })).execute();
    },
    async findCv(userId: string) {
      return db.selectFrom('skills_candidate_cv').selectAll().where('user_id', '=', userId).executeTakeFirst();
    },
    async cvMeta(userId: string) {
      return db.selectFrom('skills_candidate_cv').select(['filename', 'media_type', 'size_bytes', 'sha256', 'uploaded_at']).where('user_id', '=', userId).executeTakeFirst();
    },
    /** Whether the candidate applied to a vacancy of one of these organisations. */
    async appliedToAny(userId: string, organisationIds: readonly string[]): Promise<boolean> {
      if (organisationIds.length === 0) return false;
      const { rows } = await sql`select 1 from skills_application a join skills_vacancy v on v.id = a.vacancy_id
        where a.candidate_user_id = ${userId}::uuid and v.organisation_id = any(${organisationIds}::uuid[]) limit 1`.execute(db);
      return rows.length > 0;
    },

    // --- applications ---
    async insertApplication(tx: Db, vacancyId: string, userId: string, coverNote: string | null): Promise<{ id: string; created_at: Date } | undefined> {
      return tx.insertInto('skills_application').values({ vacancy_id: vacancyId, candidate_user_id: userId, cover_note: coverNote })
        .onConflict((oc) => oc.columns(['vacancy_id', 'candidate_user_id']).doNothing()).returning(['id', 'created_at']).executeTakeFirst();
    },
    async findApplication(id: string, tx: Db = db) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      return tx.selectFrom('skills_application as a').innerJoin('skills_vacancy as v', 'v.id', 'a.vacancy_id')
        .select(['a.id', 'a.vacancy_id', 'a.candidate_user_id', 'a.status', 'a.cover_note', 'a.created_at', 'a.updated_at', 'v.organisation_id', 'v.title'])
        .where('a.id', '=', id).executeTakeFirst();
    },
    async setApplicationStatus(tx: Db, id: string, status: string) {
      await tx.updateTable('skills_application').set({ status: status as never, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async vacancyApplications(vacancyId: string) {
      const { rows } = await sql<CandidateRow & { display_name: string; application_id: string; application_status: string; cover_note: string | null; applied_at: Date }>`
        select c.*, u.display_name, a.id as application_id, a.status as application_status, a.cover_note, a.created_at as applied_at
        from skills_application a
        join skills_candidate c on c.user_id = a.candidate_user_id
        join app_user u on u.id = a.candidate_user_id
        where a.vacancy_id = ${vacancyId}::uuid
        order by a.created_at, a.id`.execute(db);
      return rows;
    },
    async candidateApplications(userId: string) {
      const { rows } = await sql<{ id: string; vacancy_id: string; title: string; organisation_name: string; status: string; cover_note: string | null; created_at: Date; updated_at: Date }>`
        select a.id, a.vacancy_id, v.title, o.name as organisation_name, a.status, a.cover_note, a.created_at, a.updated_at
        from skills_application a join skills_vacancy v on v.id = a.vacancy_id join organisation o on o.id = v.organisation_id
        where a.candidate_user_id = ${userId}::uuid order by a.created_at desc, a.id`.execute(db);
      return rows;
    },

    // --- matching ---
    /**
     * Candidates for a vacancy, best first: those who opted in and share at least one skill,
     * and every applicant. Exact, with an early stop (a threshold algorithm over the
     * skill → candidate postings of migration 0015):
     *
     * 1. `overlap`: each opted-in candidate's weighted skill overlap w (required count twice),
     *    read from the postings of the vacancy's skills alone — an index-only scan, no profile row.
     *    The skill part of the score is then exactly 60·w/W (W = the vacancy's full weight), and
     *    the other parts add at most `nonSkillMax` (40) points.
     * 2. `tier`: the candidates with the `limit` largest overlaps, scored in full; `bar` is the
     *    `limit`-th best score among them, a score at least `limit` candidates reach.
     * 3. Every candidate whose best possible score 60·w/W + 40 reaches the bar is scored in full
     *    (ties included, so the order by score then user id is the same as scoring everyone; nobody is scored twice);
     *    nobody else can enter the top `limit`. Applicants are scored whatever their overlap.
     */
    async topCandidates(v: Pick<VacancyRow, 'id' | 'required_seqs' | 'optional_seqs' | 'language_reqs' | 'work_mode' | 'country' | 'state_code' | 'municipality_key' | 'work_authorisation_required'>, limit: number, tx: Db = db) {
      const side: VacancySide = {
        required: intArray(v.required_seqs), optional: intArray(v.optional_seqs), languages: intArray(v.language_reqs), workMode: sql`${v.work_mode}::text`,
        country: sql`${v.country}::text`, state: sql`${v.state_code}::text`, municipality: sql`${v.municipality_key}::text`, authorisationRequired: sql`${v.work_authorisation_required}::boolean`,
      };
      const all = intArray([...new Set([...v.required_seqs, ...v.optional_seqs])]);
      const score = scoreSql(side, candidateColumns('c'));
      // W as scoreSql's denominator counts it; w below as its numerator does (one posting per distinct skill).
      const fullWeight = weights.requiredFactor * v.required_seqs.length + v.optional_seqs.length;
      // The bound uses the same numeric expression as scoreSql's skill part, so it is never below the real score.
      const n = (x: number) => sql.raw(String(x));
      const bound = sql`(${n(weights.skills)}::numeric * o.w / ${n(Math.max(fullWeight, 1))} + ${n(nonSkillMax)})`;
      /*
       * One profile scored by its primary key. `limit 1` keeps the planner from flattening the
       * lateral subquery into a hash join over every profile: it cannot know that only a few
       * overlap rows pass the filters, so it would scan the whole table.
       */
      const scoreOne = sql`select ${score} as score from skills_candidate c where c.user_id = o.user_id limit 1`;
      // Rank on the narrow profile rows first; names and the applied flag only for the few kept.
      const { rows } = await sql<CandidateRow & { display_name: string; score: number; applied: boolean }>`
        with overlap as materialized (
          select p.user_id, sum(case when p.skill_seq = any(${intArray(v.required_seqs)}) then ${n(weights.requiredFactor)} else 0 end
            + case when p.skill_seq = any(${intArray(v.optional_seqs)}) then 1 else 0 end)::int as w
          from skills_candidate_skill p where p.skill_seq = any(${all})
          group by p.user_id
        ), cut as (
          select coalesce((select w from overlap order by w desc limit 1 offset ${limit - 1}), 0) as w
        ), tier as materialized (
          select o.user_id, s.score from overlap o cross join lateral (${scoreOne}) s
          where o.w >= (select w from cut)
        ), bar as (
          select coalesce((select score from tier order by score desc limit 1 offset ${limit - 1}), -1) as score
        ), scored as (
          select user_id, score from tier
          union
          select o.user_id, s.score from overlap o cross join lateral (${scoreOne}) s
          where o.w < (select w from cut) and ${bound} >= (select score from bar)
          union
          select c.user_id, ${score} from skills_application a join skills_candidate c on c.user_id = a.candidate_user_id
          where a.vacancy_id = ${v.id}::uuid
        ), top as (
          select user_id, score from scored order by score desc, user_id limit ${limit}
        )
        select c.*, u.display_name, top.score,
          exists (select 1 from skills_application a where a.vacancy_id = ${v.id}::uuid and a.candidate_user_id = c.user_id) as applied
        from top join skills_candidate c on c.user_id = top.user_id join app_user u on u.id = c.user_id
        order by top.score desc, c.user_id`.execute(tx);
      return rows;
    },
    /**
     * The ranking as first written: every opted-in candidate sharing a skill (GIN `&&`) scored.
     * Same rows, same order as `topCandidates` (a test holds them equal); the benchmark times both,
     * and with very popular skills this one has the shorter tail (bench/README.md).
     */
    async topCandidatesScoringAll(v: Pick<VacancyRow, 'id' | 'required_seqs' | 'optional_seqs' | 'language_reqs' | 'work_mode' | 'country' | 'state_code' | 'municipality_key' | 'work_authorisation_required'>, limit: number, tx: Db = db) {
      const side: VacancySide = {
        required: intArray(v.required_seqs), optional: intArray(v.optional_seqs), languages: intArray(v.language_reqs), workMode: sql`${v.work_mode}::text`,
        country: sql`${v.country}::text`, state: sql`${v.state_code}::text`, municipality: sql`${v.municipality_key}::text`, authorisationRequired: sql`${v.work_authorisation_required}::boolean`,
      };
      const all = intArray([...v.required_seqs, ...v.optional_seqs]);
      const score = scoreSql(side, candidateColumns('c'));
      const { rows } = await sql<CandidateRow & { display_name: string; score: number; applied: boolean }>`
        with scored as (
          select c.user_id, ${score} as score from skills_candidate c where c.open_to_employers and c.skill_seqs && ${all}
          union
          select c.user_id, ${score} from skills_application a join skills_candidate c on c.user_id = a.candidate_user_id
          where a.vacancy_id = ${v.id}::uuid
        ), top as (
          select user_id, score from scored order by score desc, user_id limit ${limit}
        )
        select c.*, u.display_name, top.score,
          exists (select 1 from skills_application a where a.vacancy_id = ${v.id}::uuid and a.candidate_user_id = c.user_id) as applied
        from top join skills_candidate c on c.user_id = top.user_id join app_user u on u.id = c.user_id
        order by top.score desc, c.user_id`.execute(tx);
      return rows;
    },
    /** Open vacancies sharing at least one skill with the candidate, best first. */
    async topVacancies(c: Pick<CandidateRow, 'skill_seqs' | 'language_grants' | 'country' | 'state_code' | 'municipality_key' | 'authorised_mx' | 'authorised_us'>, limit: number, today: string, tx: Db = db) {
      const side: CandidateSide = {
        skills: intArray(c.skill_seqs), grants: intArray(c.language_grants), country: sql`${c.country}::text`, state: sql`${c.state_code}::text`,
        municipality: sql`${c.municipality_key}::text`, authorisedMx: sql`${c.authorised_mx}::boolean`, authorisedUs: sql`${c.authorised_us}::boolean`,
      };
      const { rows } = await sql<VacancyRow & { score: number }>`
        with ranked as (
          select v.id, ${scoreSql(vacancyColumns('v'), side)} as score
          from skills_vacancy v
          where ${openSql(today)} and v.skill_seqs && ${intArray(c.skill_seqs)}
          order by score desc, v.id
          limit ${limit}
        )
        select ${vacancySelect}, ranked.score from ranked join skills_vacancy v on v.id = ranked.id ${vacancyJoins}
        order by ranked.score desc, v.id`.execute(tx);
      return rows;
    },

    // --- job fairs ---
    async insertFair(tx: Db, row: FairColumns & { organiser_organisation_id: string | null; created_by: string; provenance: string }): Promise<string> {
      return (await tx.insertInto('skills_job_fair').values(row).returning('id').executeTakeFirstOrThrow()).id;
    },
    async updateFair(tx: Db, id: string, c: Partial<FairColumns> & { status?: 'published' | 'cancelled' }) {
      await tx.updateTable('skills_job_fair').set({ ...c, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async findFair(id: string, tx: Db = db): Promise<FairRow | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const { rows } = await sql<FairRow>`select ${fairSelect} from skills_job_fair f ${fairJoins} where f.id = ${id}::uuid`.execute(tx);
      return rows[0];
    },
    /** Fairs not yet ended (or all with `past`), soonest first, with how many employers and vacancies take part. */
    async listFairs(filter: { today: string; past: boolean; mode?: string | undefined; country?: string | undefined; state?: string | undefined; binational?: boolean | undefined }, page: { limit: number; offset: number }) {
      const parts = [sql`f.status = 'published'`];
      parts.push(filter.past ? sql`f.ends_on < ${filter.today}::date` : sql`f.ends_on >= ${filter.today}::date`);
      if (filter.mode) parts.push(sql`f.mode = ${filter.mode}`);
      if (filter.country) parts.push(sql`f.country = ${filter.country}`);
      if (filter.state) parts.push(sql`f.state_code = ${filter.state}`);
      if (filter.binational !== undefined) parts.push(sql`f.binational = ${filter.binational}`);
      const { rows } = await sql<FairRow & { total: number }>`
        select ${fairSelect}, count(*) over () as total from skills_job_fair f ${fairJoins}
        where ${sql.join(parts, sql` and `)}
        order by ${filter.past ? sql`f.ends_on desc` : sql`f.starts_on`}, f.id limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = rows[0] ? Number(rows[0].total) : 0;
      if (rows.length === 0 && page.offset > 0) {
        total = Number((await sql<{ n: number }>`select count(*)::int as n from skills_job_fair f where ${sql.join(parts, sql` and `)}`.execute(db)).rows[0]!.n);
      }
      return { rows, total };
    },
    /** The open vacancies linked to a fair, by employer (closed or expired ones drop out of the fair by themselves). */
    async fairVacancies(fairId: string, today: string, tx: Db = db): Promise<VacancyRow[]> {
      const { rows } = await sql<VacancyRow>`select ${vacancySelect} from skills_job_fair_vacancy fv join skills_vacancy v on v.id = fv.vacancy_id ${vacancyJoins}
        where fv.fair_id = ${fairId}::uuid and ${openSql(today)} order by o.name, v.published_at desc, v.id`.execute(tx);
      return rows;
    },
    async linkFairVacancies(tx: Db, fairId: string, vacancies: Array<{ id: string; organisation_id: string }>, addedBy: string): Promise<string[]> {
      if (vacancies.length === 0) return [];
      const rows = await tx.insertInto('skills_job_fair_vacancy')
        .values(vacancies.map((v) => ({ fair_id: fairId, vacancy_id: v.id, organisation_id: v.organisation_id, added_by: addedBy })))
        .onConflict((oc) => oc.columns(['fair_id', 'vacancy_id']).doNothing()).returning('vacancy_id').execute();
      return rows.map((r) => r.vacancy_id);
    },
    async unlinkFairVacancy(tx: Db, fairId: string, vacancyId: string) {
      if (!/^[0-9a-f-]{36}$/i.test(vacancyId)) return false;
      const res = await tx.deleteFrom('skills_job_fair_vacancy').where('fair_id', '=', fairId).where('vacancy_id', '=', vacancyId).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
    async addFairInterest(tx: Db, fairId: string, userId: string): Promise<boolean> {
      const row = await tx.insertInto('skills_job_fair_interest').values({ fair_id: fairId, user_id: userId })
        .onConflict((oc) => oc.columns(['fair_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();
      return row !== undefined;
    },
    async removeFairInterest(tx: Db, fairId: string, userId: string): Promise<boolean> {
      const res = await tx.deleteFrom('skills_job_fair_interest').where('fair_id', '=', fairId).where('user_id', '=', userId).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
    async fairInterest(fairId: string, userId: string | null, tx: Db = db) {
      const { rows } = await sql<{ n: number; mine: boolean }>`select count(*)::int as n, coalesce(bool_or(user_id = ${userId}::uuid), false) as mine
        from skills_job_fair_interest where fair_id = ${fairId}::uuid`.execute(tx);
      return { count: Number(rows[0]!.n), mine: rows[0]!.mine === true };
    },

    // --- inclusion indicators (aggregates only: no row of a person leaves these queries) ---
    /** Open vacancies per country and per state, and how many offer each inclusion feature. */
    async inclusionVacancies(today: string) {
      const { rows: totals } = await sql<{ country: string; state_code: string | null; state_name: string | null; n: number }>`
        select v.country::text as country, v.state_code, max(coalesce(gs.name, us.name)) as state_name, count(*)::int as n
        from skills_vacancy v
        left join geo_state gs on v.country = 'MX' and gs.cve_ent = v.state_code
        left join us_state us on v.country = 'US' and us.abbr = v.state_code
        where ${openSql(today)}
        group by grouping sets ((v.country, v.state_code), (v.country))
        order by 1, 2 nulls first`.execute(db);
      const { rows: features } = await sql<{ country: string; state_code: string | null; feature: string; n: number }>`
        select v.country::text as country, v.state_code, f.feature, count(*)::int as n
        from skills_vacancy v cross join lateral unnest(v.inclusion) as f(feature)
        where ${openSql(today)}
        group by grouping sets ((v.country, v.state_code, f.feature), (v.country, f.feature))`.execute(db);
      return { totals: totals.map((r) => ({ ...r, country: r.country.trim(), n: Number(r.n) })), features: features.map((r) => ({ ...r, country: r.country.trim(), n: Number(r.n) })) };
    },
    /**
     * Applications and placements (hired) per self-reported gender, by the vacancy's country and
     * state. `people` counts distinct candidates; an application anonymised by its candidate's
     * deletion counts as one person (it can no longer be linked to anyone), and its gender is
     * no longer known ("not_stated").
     */
    async inclusionApplications() {
      const { rows } = await sql<{ country: string; state_code: string | null; state_name: string | null; gender: string; applications: number; applicants: number; placements: number; placed: number }>`
        select v.country::text as country, v.state_code, max(coalesce(gs.name, us.name)) as state_name, coalesce(c.gender, 'not_stated') as gender,
          count(*)::int as applications,
          (count(distinct a.candidate_user_id) + count(*) filter (where a.candidate_user_id is null))::int as applicants,
          count(*) filter (where a.status = 'hired')::int as placements,
          (count(distinct a.candidate_user_id) filter (where a.status = 'hired') + count(*) filter (where a.candidate_user_id is null and a.status = 'hired'))::int as placed
        from skills_application a join skills_vacancy v on v.id = a.vacancy_id
        left join skills_candidate c on c.user_id = a.candidate_user_id
        left join geo_state gs on v.country = 'MX' and gs.cve_ent = v.state_code
        left join us_state us on v.country = 'US' and us.abbr = v.state_code
        group by grouping sets ((v.country, v.state_code, coalesce(c.gender, 'not_stated')), (v.country, coalesce(c.gender, 'not_stated')))`.execute(db);
      return rows.map((r) => ({ ...r, country: r.country.trim(), applications: Number(r.applications), applicants: Number(r.applicants), placements: Number(r.placements), placed: Number(r.placed) }));
    },

    // --- saved searches and alerts ---
    async insertSavedSearch(tx: Db, row: { user_id: string; name: string; filters: string; q_folded: string | null; country: string | null; state_code: string | null; occupation_id: string | null; skill_seq: number | null; salary_floor_monthly: number | null; salary_currency: string | null; remote_only: boolean; inclusion: string[]; industry_prefix: string | null }) {
      return tx.insertInto('skills_saved_search').values(row).returning(['id', 'created_at']).executeTakeFirstOrThrow();
    },
    async savedSearches(userId: string) {
      return db.selectFrom('skills_saved_search').select(['id', 'name', 'filters', 'created_at']).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
    async deleteSavedSearch(tx: Db, userId: string, id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      const res = await tx.deleteFrom('skills_saved_search').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
    /** One alert per saved search the just-published vacancy meets (the same filter as the list). */
    async createAlerts(tx: Db, vacancyId: string): Promise<number> {
      const res = await sql`
        insert into skills_alert (user_id, saved_search_id, vacancy_id)
        select s.user_id, s.id, v.id
        from skills_saved_search s join skills_vacancy v on v.id = ${vacancyId}::uuid
        where v.status = 'published'
          and (s.country is null or s.country = v.country)
          and (s.state_code is null or s.state_code = v.state_code)
          and (s.occupation_id is null or s.occupation_id = v.occupation_id)
          and (s.skill_seq is null or v.skill_seqs @> array[s.skill_seq])
          and (s.salary_floor_monthly is null or (v.salary_currency = s.salary_currency and v.salary_max_monthly >= s.salary_floor_monthly))
          and (not s.remote_only or v.work_mode = 'remote')
          and v.inclusion @> s.inclusion
          and (s.industry_prefix is null or v.industry_scian like s.industry_prefix || '%')
          and (s.q_folded is null or not exists (
            select 1 from unnest(string_to_array(s.q_folded, ' ')) w where strpos(v.search_text, w) = 0))
        on conflict (saved_search_id, vacancy_id) do nothing`.execute(tx);
      return Number(res.numAffectedRows ?? 0);
    },
    async alerts(userId: string, unreadOnly: boolean, page: { limit: number; offset: number }) {
      const { rows } = await sql<{ id: string; saved_search_id: string; saved_search_name: string; vacancy_id: string; title: string; organisation_name: string; read_at: Date | null; created_at: Date; total: number }>`
        select a.id, a.saved_search_id, s.name as saved_search_name, a.vacancy_id, v.title, o.name as organisation_name, a.read_at, a.created_at,
          count(*) over () as total
        from skills_alert a join skills_saved_search s on s.id = a.saved_search_id
        join skills_vacancy v on v.id = a.vacancy_id join organisation o on o.id = v.organisation_id
        where a.user_id = ${userId}::uuid ${unreadOnly ? sql`and a.read_at is null` : sql``}
        order by a.created_at desc, a.id limit ${page.limit} offset ${page.offset}`.execute(db);
      return rows;
    },
    async markAlertRead(userId: string, id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      const res = await db.updateTable('skills_alert').set({ read_at: new Date() }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    // --- pathways ---
    async occupationSkills(occupationId: string): Promise<OccupationSkill[]> {
      const { rows } = await sql<OccupationSkill>`select skill_id as "skillId", relation from skills_occupation_skill where occupation_id = ${occupationId}`.execute(db);
      return rows;
    },
    /** Salary ranges of an occupation's vacancies posted in Mexico, per currency and period (drafts never count). */
    async salaryStats(occupationId: string) {
      const { rows } = await sql<{ currency: string; period: string; count: number; min: number; median: number; max: number }>`
        select salary_currency as currency, salary_period as period, count(*)::int as count, min(salary_min) as min,
          percentile_cont(0.5) within group (order by (salary_min + salary_max) / 2) as median, max(salary_max) as max
        from skills_vacancy where occupation_id = ${occupationId} and country = 'MX' and status in ('published', 'closed')
        group by 1, 2 order by count(*) desc, 1, 2`.execute(db);
      return rows.map((x) => ({ ...x, count: Number(x.count), min: Number(x.min), median: Number(x.median), max: Number(x.max) }));
    },
    /** Occupations sharing essential skills with this one, by Jaccard similarity. */
    async related(occupationId: string, limit: number) {
      const { rows } = await sql<{ id: string; label_es: string; label_en: string; shared: number; own: number; other: number }>`
        with mine as (select skill_id from skills_occupation_skill where occupation_id = ${occupationId} and relation = 'essential'),
        shared as (
          select os.occupation_id, count(*)::int as shared from skills_occupation_skill os join mine m on m.skill_id = os.skill_id
          where os.relation = 'essential' and os.occupation_id <> ${occupationId} group by 1
        ),
        sized as (
          select s.occupation_id, s.shared,
            (select count(*)::int from mine) as own,
            (select count(*)::int from skills_occupation_skill x where x.occupation_id = s.occupation_id and x.relation = 'essential') as other
          from shared s
        )
        select o.id, o.label_es, o.label_en, z.shared, z.own, z.other
        from sized z join skills_occupation o on o.id = z.occupation_id
        order by z.shared::float / (z.own + z.other - z.shared) desc, z.shared desc, o.id
        limit ${limit}`.execute(db);
      return rows.map((x) => ({ ...x, shared: Number(x.shared), own: Number(x.own), other: Number(x.other) }));
    },
    /**
     * BLS OEWS national wages for an occupation: its own SOC code (O*NET occupations), else
     * the SOC codes of the O*NET occupations the ESCO↔O*NET crosswalk links it to.
     */
    async usWages(occupationId: string) {
      const { rows } = await sql<{ soc_code: string; title: string; annual_p10_usd: number | null; annual_median_usd: number | null; annual_p90_usd: number | null; hourly_median_usd: number | null; employment: number | null; source: string; vintage: string; via: string }>`
        with socs as (
          select soc_code, 'own SOC code' as via from skills_occupation where id = ${occupationId} and soc_code is not null
          union
          select o.soc_code, 'ESCO–O*NET crosswalk' from skills_crosswalk c join skills_occupation o on o.id = c.onet_id
          where c.esco_id = ${occupationId} and o.soc_code is not null
        )
        select distinct on (w.soc_code) w.soc_code, w.title, w.annual_p10_usd, w.annual_median_usd, w.annual_p90_usd, w.hourly_median_usd, w.employment, w.source, w.vintage, s.via
        from socs s join skills_us_wage w on w.soc_code = s.soc_code
        order by w.soc_code, s.via desc`.execute(db);
      return rows.map((w) => ({
        socCode: w.soc_code, title: w.title, annualP10Usd: num(w.annual_p10_usd), annualMedianUsd: num(w.annual_median_usd), annualP90Usd: num(w.annual_p90_usd),
        hourlyMedianUsd: num(w.hourly_median_usd), employment: num(w.employment), source: w.source, vintage: w.vintage, via: w.via,
      }));
    },
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
