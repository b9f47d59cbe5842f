/**
 * SQL of the training catalogue: courses as providers publish them, the accent-insensitive
 * search, and `coursesTeaching`, which the job board's pathways call for the courses that
 * close a skill gap.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { escapeLike } from '../../../platform/text.js';
import { placeLookups } from '../demand/demand.repository.js';
import { textArray } from '../../../platform/db/sql-arrays.js';
import { resolveSkills } from '../taxonomy/taxonomy.repository.js';
import type { CourseFields, Nearness } from './training.domain.js';

export interface CourseRow {
  id: string; organisation_id: string; organisation_name: string; organisation_type: string; status: 'published' | 'withdrawn';
  kind: CourseFields['kind']; title: string; description: string | null; level: CourseFields['level']; modality: CourseFields['modality'];
  duration_hours: number; languages: string[]; country: 'MX' | 'US' | null; state_code: string | null; state_name: string | null;
  municipality_code: string | null; municipality_name: string | null; lat: number | null; lon: number | null; skill_ids: string[];
  certification_code: string | null; certification_title: string | null; partner_name: string | null; partner_country: string | null;
  start_dates: string[]; is_free: boolean; cost_amount: number | null; cost_currency: string | null; seats_per_year: number | null;
  url: string | null; provenance: Record<string, unknown>; withdrawn_at: Date | null; created_at: Date; updated_at: Date;
}

export interface CourseColumns {
  kind: CourseFields['kind']; title: string; description: string | null; level: CourseFields['level']; modality: CourseFields['modality'];
  duration_hours: number; languages: string[]; country: 'MX' | 'US' | null; state_code: string | null; municipality_code: string | null;
  lat: number | null; lon: number | null; skill_ids: string[]; certification_code: string | null; partner_name: string | null;
  partner_country: string | null; start_dates: string[]; is_free: boolean; cost_amount: number | null; cost_currency: string | null;
  seats_per_year: number | null; url: string | null; search_text: string; provenance: string;
}

export interface CourseFilter {
  words: string[];
  skill?: string | undefined;
  state?: string | undefined;
  country?: string | undefined;
  modality?: string | undefined;
  level?: string | undefined;
  language?: string | undefined;
  organisation?: string | undefined;
  certification?: string | undefined;
  free?: boolean | undefined;
  /** Only courses with a start date on or after this day (YYYY-MM-DD). */
  startsFrom?: string | undefined;
}

const courseSelect = sql`
  c.id, c.organisation_id, o.name as organisation_name, o.type as organisation_type, c.status, c.kind, c.title, c.description, c.level,
  c.modality, c.duration_hours, c.languages, c.country, c.state_code, coalesce(gs.name, us.name) as state_name, c.municipality_code,
  gm.name as municipality_name, c.lat, c.lon, c.skill_ids, c.certification_code, cert.title_es as certification_title, c.partner_name,
  c.partner_country, c.start_dates::text[] as start_dates, c.is_free, c.cost_amount, c.cost_currency, c.seats_per_year, c.url,
  c.provenance, c.withdrawn_at, c.created_at, c.updated_at`;
const courseJoins = sql`
  join organisation o on o.id = c.organisation_id
  left join geo_state gs on c.country = 'MX' and gs.cve_ent = c.state_code
  left join us_state us on c.country = 'US' and us.abbr = c.state_code
  left join geo_municipality gm on c.country = 'MX' and gm.cvegeo = c.municipality_code
  left join skills_certification cert on cert.code = c.certification_code`;

function filterSql(f: CourseFilter): RawBuilder<unknown> {
  const parts = [sql`c.status = 'published'`];
  for (const w of f.words) parts.push(sql`c.search_text like ${`%${escapeLike(w)}%`}`);
  if (f.skill) parts.push(sql`c.skill_ids @> ${textArray([f.skill])}`);
  if (f.state) parts.push(sql`c.state_code = ${f.state}`);
  if (f.country) parts.push(sql`c.country = ${f.country}`);
  if (f.modality) parts.push(sql`c.modality = ${f.modality}`);
  if (f.level) parts.push(sql`c.level = ${f.level}`);
  if (f.language) parts.push(sql`c.languages @> ${textArray([f.language])}`);
  if (f.organisation) parts.push(sql`c.organisation_id = ${f.organisation}::uuid`);
  if (f.certification) parts.push(sql`c.certification_code = ${f.certification}`);
  if (f.free !== undefined) parts.push(sql`c.is_free = ${f.free}`);
  if (f.startsFrom) parts.push(sql`exists (select 1 from unnest(c.start_dates) d where d >= ${f.startsFrom}::date)`);
  return sql.join(parts, sql` and `);
}

export function createTrainingRepository(db: Db) {
  return {
    skills: (ids: readonly string[], tx: Db = db) => resolveSkills(tx, [...ids]),
    async certifications(codes: readonly (string | null | undefined)[]): Promise<Set<string>> {
      const wanted = [...new Set(codes.filter((c): c is string => typeof c === 'string' && c !== ''))];
      if (wanted.length === 0) return new Set();
      const rows = await db.selectFrom('skills_certification').select('code').where('code', 'in', wanted).execute();
      return new Set(rows.map((r) => r.code));
    },
    async states() {
      return { MX: new Set((await placeLookups.states(db)).keys()), US: new Set((await placeLookups.usStates(db)).keys()) };
    },
    municipalities: (codes: readonly (string | null | undefined)[]) => placeLookups.municipalities(db, codes),
    organisation: (id: string) => placeLookups.organisation(db, id),

    async insert(tx: Db, organisationId: string, createdBy: string, c: CourseColumns): Promise<string> {
      const row = await tx.insertInto('skills_course').values({ organisation_id: organisationId, created_by: createdBy, ...c }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async update(tx: Db, id: string, c: Partial<CourseColumns> & { status?: 'withdrawn'; withdrawn_at?: Date }) {
      await tx.updateTable('skills_course').set({ ...c, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async find(id: string, tx: Db = db): Promise<CourseRow | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const { rows } = await sql<CourseRow>`select ${courseSelect} from skills_course c ${courseJoins} where c.id = ${id}::uuid`.execute(tx);
      return rows[0];
    },
    async ofOrganisations(ids: readonly string[]): Promise<CourseRow[]> {
      if (ids.length === 0) return [];
      const { rows } = await sql<CourseRow>`select ${courseSelect} from skills_course c ${courseJoins}
        where c.organisation_id = any(${textArray(ids)}::uuid[]) order by c.created_at desc`.execute(db);
      return rows;
    },
    async list(f: CourseFilter, page: { limit: number; offset: number }) {
      const { rows } = await sql<CourseRow & { total: number }>`
        select ${courseSelect}, count(*) over () as total
        from skills_course c ${courseJoins}
        where ${filterSql(f)}
        order by c.title, c.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = rows[0] ? Number(rows[0].total) : 0;
      if (rows.length === 0 && page.offset > 0) {
        const c = await sql<{ n: number }>`select count(*)::int as n from skills_course c where ${filterSql(f)}`.execute(db);
        total = Number(c.rows[0]!.n);
      }
      return { rows, total };
    },
  };
}

export type TrainingRepository = ReturnType<typeof createTrainingRepository>;

export interface CourseSummary {
  id: string;
  title: string;
  organisation: { id: string; name: string };
  level: string;
  modality: string;
  durationHours: number;
  country: string | null;
  stateCode: string | null;
  stateName: string | null;
  nextStartDate: string | null;
  isFree: boolean;
  cost: { amount: number; currency: string } | null;
  certificationCode: string | null;
  url: string | null;
  /** Where the course stands for the person asking (see `nearnessOrder`). */
  nearness: Nearness;
}

/**
 * Published courses that teach each of `skillIds`, at most `limitPerSkill` per skill: first
 * those in the person's state, then online ones, then the rest of their country, then
 * elsewhere; within each, the next start date first (courses without one last), then title.
 * Skills no course teaches are left out. Used by the job board (career pathways).
 */
export async function coursesTeaching(
  db: Db,
  skillIds: string[],
  near?: { stateCode?: string; country?: string },
  limitPerSkill = 3,
): Promise<Array<{ skillId: string; courses: CourseSummary[] }>> {
  const skills = [...new Set(skillIds)];
  if (skills.length === 0 || limitPerSkill < 1) return [];
  const state = near?.stateCode ?? null;
  const country = near?.country ?? (state && /^\d{2}$/.test(state) ? 'MX' : null);
  const today = new Date().toISOString().slice(0, 10);
  const { rows } = await sql<{
    skill_id: string; id: string; title: string; organisation_id: string; organisation_name: string; level: string; modality: string;
    duration_hours: number; country: string | null; state_code: string | null; state_name: string | null; next_start: string | null;
    is_free: boolean; cost_amount: number | null; cost_currency: string | null; certification_code: string | null; url: string | null; nearness: Nearness;
  }>`
    select s.skill_id, c.*
    from unnest(${textArray(skills)}) as s(skill_id)
    cross join lateral (
      select c.id, c.title, c.organisation_id, o.name as organisation_name, c.level, c.modality, c.duration_hours, c.country,
        c.state_code, coalesce(gs.name, us.name) as state_name,
        (select min(d)::text from unnest(c.start_dates) d where d >= ${today}::date) as next_start,
        c.is_free, c.cost_amount, c.cost_currency, c.certification_code, c.url,
        case when ${state}::text is not null and c.state_code = ${state}::text and c.country is not distinct from ${country}::text then 'same_state'
          when c.modality = 'online' then 'online'
          when ${country}::text is not null and c.country = ${country}::text then 'same_country'
          else 'elsewhere' end as nearness
      from skills_course c
      join organisation o on o.id = c.organisation_id
      left join geo_state gs on c.country = 'MX' and gs.cve_ent = c.state_code
      left join us_state us on c.country = 'US' and us.abbr = c.state_code
      where c.status = 'published' and c.skill_ids @> array[s.skill_id]
      order by case when ${state}::text is not null and c.state_code = ${state}::text and c.country is not distinct from ${country}::text then 0
          when c.modality = 'online' then 1
          when ${country}::text is not null and c.country = ${country}::text then 2 else 3 end,
        (select min(d) from unnest(c.start_dates) d where d >= ${today}::date) nulls last, c.title, c.id
      limit ${limitPerSkill}
    ) c`.execute(db);
  const bySkill = new Map<string, CourseSummary[]>();
  for (const r of rows) {
    const list = bySkill.get(r.skill_id) ?? [];
    list.push({
      id: r.id, title: r.title, organisation: { id: r.organisation_id, name: r.organisation_name }, level: r.level, modality: r.modality,
      durationHours: Number(r.duration_hours), country: r.country?.trim() ?? null, stateCode: r.state_code, stateName: r.state_name,
      nextStartDate: r.next_start, isFree: r.is_free,
      cost: r.cost_amount === null ? null : { amount: Number(r.cost_amount), currency: (r.cost_currency ?? '').trim() },
      certificationCode: r.certification_code, url: r.url, nearness: r.nearness,
    });
    bySkill.set(r.skill_id, list);
  }
  return skills.filter((s) => bySkill.has(s)).map((skillId) => ({ skillId, courses: bySkill.get(skillId)! }));
}
