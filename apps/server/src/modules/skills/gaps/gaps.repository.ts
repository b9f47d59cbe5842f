/**
 * SQL of the curriculum-gap report: demand cells and supply cells per (state, skill), the
 * states near a provider (PostGIS over the state boundaries), and the demand behind a cell.
 */
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { demandFilterSql, placeLookups } from '../demand/demand.repository.js';
import { textArray } from '../../../platform/db/sql-arrays.js';
import { resolveOccupations, resolveSkills } from '../taxonomy/taxonomy.repository.js';
import type { DemandCell, SupplyCell } from './gaps.domain.js';

/*
 * Two states are neighbours when their boundaries come within this many degrees (≈ 2 km): the
 * shipped boundaries are heavily simplified (inegi-mgn-states-simplified), so states that share
 * a border may not touch exactly.
 */
export const neighbourToleranceDegrees = 0.02;

export function createGapsRepository(db: Db) {
  return {
    skills: (ids: readonly string[]) => resolveSkills(db, [...ids]),
    occupations: (ids: readonly string[]) => resolveOccupations(db, [...ids]),
    states: () => placeLookups.states(db),
    organisation: (id: string) => placeLookups.organisation(db, id),

    /** People needed per (state, skill) in active reports; a report counts once per skill it names. */
    async demand(f: { states?: string[] | undefined; skill?: string | undefined }): Promise<DemandCell[]> {
      const { rows } = await sql<{ state_code: string; skill_id: string; people: number; reports: number; organisations: number }>`
        select trim(d.state_code) as state_code, s.skill_id, sum(d.people)::int as people, count(*)::int as reports,
          count(distinct d.organisation_id)::int as organisations
        from skills_demand d cross join lateral unnest(d.skill_ids) as s(skill_id)
        where ${demandFilterSql({ skill: f.skill })}
          ${f.states ? sql`and d.state_code = any(${textArray(f.states)})` : sql``}
          ${f.skill ? sql`and s.skill_id = ${f.skill}` : sql``}
        group by 1, 2`.execute(db);
      return rows.map((r) => ({ stateCode: r.state_code, skillId: r.skill_id, people: Number(r.people), reports: Number(r.reports), organisations: Number(r.organisations) }));
    },

    /** Published courses in Mexican states per (state, skill): courses, seats given, courses without seats. */
    async supply(f: { states?: string[] | undefined; skill?: string | undefined }): Promise<SupplyCell[]> {
      const { rows } = await sql<{ state_code: string; skill_id: string; courses: number; seats: number; without: number }>`
        select c.state_code, s.skill_id, count(*)::int as courses, coalesce(sum(c.seats_per_year), 0)::int as seats,
          (count(*) filter (where c.seats_per_year is null))::int as without
        from skills_course c cross join lateral unnest(c.skill_ids) as s(skill_id)
        where c.status = 'published' and c.country = 'MX' and c.state_code is not null
          ${f.states ? sql`and c.state_code = any(${textArray(f.states)})` : sql``}
          ${f.skill ? sql`and s.skill_id = ${f.skill}` : sql``}
        group by 1, 2`.execute(db);
      return rows.map((r) => ({ stateCode: r.state_code, skillId: r.skill_id, courses: Number(r.courses), seatsPerYear: Number(r.seats), coursesWithoutSeats: Number(r.without) }));
    },

    /** Published online courses without a place, per skill: open to every state, counted apart. */
    async onlineCourses(skills: readonly string[]): Promise<Map<string, number>> {
      if (skills.length === 0) return new Map();
      const { rows } = await sql<{ skill_id: string; n: number }>`
        select s.skill_id, count(*)::int as n
        from skills_course c cross join lateral unnest(c.skill_ids) as s(skill_id)
        where c.status = 'published' and c.modality = 'online' and c.state_code is null and s.skill_id = any(${textArray([...new Set(skills)])})
        group by 1`.execute(db);
      return new Map(rows.map((r) => [r.skill_id, Number(r.n)]));
    },

    /** The Mexican states a provider teaches in (its published, placed courses). */
    async providerStates(organisationId: string): Promise<string[]> {
      const { rows } = await sql<{ state_code: string }>`select distinct state_code from skills_course
        where organisation_id = ${organisationId}::uuid and status = 'published' and country = 'MX' and state_code is not null order by 1`.execute(db);
      return rows.map((r) => r.state_code);
    },
    async providerSkills(organisationId: string): Promise<Set<string>> {
      const { rows } = await sql<{ skill_id: string }>`select distinct unnest(skill_ids) as skill_id from skills_course
        where organisation_id = ${organisationId}::uuid and status = 'published'`.execute(db);
      return new Set(rows.map((r) => r.skill_id));
    },
    /** States whose boundary comes within the tolerance of one of `states`, not themselves. */
    async neighbours(states: readonly string[]): Promise<string[]> {
      if (states.length === 0) return [];
      const { rows } = await sql<{ code: string }>`
        select distinct trim(b.cve_ent) as code from geo_state a join geo_state b
          on b.cve_ent <> all(${textArray(states)}) and st_dwithin(a.geom, b.geom, ${neighbourToleranceDegrees})
        where a.cve_ent = any(${textArray(states)}) order by 1`.execute(db);
      return rows.map((r) => r.code);
    },

    /** Occupations, levels and horizons behind (state, skill) cells, by people. */
    async behind(cells: ReadonlyArray<{ stateCode: string; skillId: string }>) {
      if (cells.length === 0) return [];
      const { rows } = await sql<{ state_code: string; skill_id: string; dimension: 'occupation' | 'level' | 'horizon'; value: string; people: number }>`
        with cell as (select * from unnest(${textArray(cells.map((c) => c.stateCode))}, ${textArray(cells.map((c) => c.skillId))}) as x(state_code, skill_id)),
        hit as (
          select cell.state_code, cell.skill_id, d.occupation_id, d.level, d.horizon, d.people
          from cell join skills_demand d on d.state_code = cell.state_code and d.status = 'active' and d.skill_ids @> array[cell.skill_id])
        select state_code, skill_id, 'occupation' as dimension, occupation_id as value, sum(people)::int as people from hit group by 1, 2, 4
        union all select state_code, skill_id, 'level', level, sum(people)::int from hit group by 1, 2, 4
        union all select state_code, skill_id, 'horizon', horizon, sum(people)::int from hit group by 1, 2, 4`.execute(db);
      return rows.map((r) => ({ ...r, people: Number(r.people) }));
    },

    async lastChange(): Promise<Date | null> {
      const { rows } = await sql<{ at: Date | null }>`select greatest((select max(updated_at) from skills_demand), (select max(updated_at) from skills_course)) as at`.execute(db);
      return rows[0]?.at ? new Date(rows[0].at) : null;
    },
  };
}

export type GapsRepository = ReturnType<typeof createGapsRepository>;
