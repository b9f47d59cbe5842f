/**
 * SQL of industry demand: reports as organisations write them, and the aggregate cells
 * the public figures are made of (the privacy rule is applied by the service, see
 * `publish` in the domain). Also the place and organisation look-ups the training
 * catalogue and the gap report share.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { resolveOccupations, resolveSkills } from '../taxonomy/taxonomy.repository.js';
import type { Cell, DemandLevel, Grouping, Horizon } from './demand.domain.js';
import { textArray } from '../../../platform/db/sql-arrays.js';

export interface DemandRow {
  id: string; organisation_id: string; organisation_name: string; status: 'active' | 'withdrawn';
  occupation_id: string; skill_ids: string[]; people: number; horizon: Horizon; target_date: string | null;
  state_code: string; state_name: string | null; municipality_code: string | null; municipality_name: string | null;
  level: DemandLevel; reported_on: string; notes: string | null; provenance: Record<string, unknown>;
  withdrawn_at: Date | null; created_at: Date; updated_at: Date;
}

export interface DemandColumns {
  occupation_id: string; skill_ids: string[]; people: number; horizon: Horizon; target_date: string | null;
  state_code: string; municipality_code: string | null; level: DemandLevel; reported_on: string; notes: string | null; provenance: string;
}

/** Filters every aggregate accepts. */
export interface DemandFilter {
  state?: string | undefined;
  municipality?: string | undefined;
  skill?: string | undefined;
  occupation?: string | undefined;
  level?: string | undefined;
  horizon?: string | undefined;
  /** Reporting dates, inclusive (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
}


const demandSelect = sql`
  d.id, d.organisation_id, o.name as organisation_name, d.status, d.occupation_id, d.skill_ids, d.people, d.horizon,
  d.target_date::text as target_date, trim(d.state_code) as state_code, gs.name as state_name, trim(d.municipality_code) as municipality_code,
  gm.name as municipality_name, d.level, d.reported_on::text as reported_on, d.notes, d.provenance, d.withdrawn_at, d.created_at, d.updated_at`;
const demandJoins = sql`
  join organisation o on o.id = d.organisation_id
  left join geo_state gs on gs.cve_ent = d.state_code
  left join geo_municipality gm on gm.cvegeo = d.municipality_code`;

/** Active reports matching the filter, as SQL over `skills_demand d`. */
export function demandFilterSql(f: DemandFilter): RawBuilder<unknown> {
  const parts = [sql`d.status = 'active'`];
  if (f.state) parts.push(sql`d.state_code = ${f.state}`);
  if (f.municipality) parts.push(sql`d.municipality_code = ${f.municipality}`);
  if (f.skill) parts.push(sql`d.skill_ids @> ${textArray([f.skill])}`);
  if (f.occupation) parts.push(sql`d.occupation_id = ${f.occupation}`);
  if (f.level) parts.push(sql`d.level = ${f.level}`);
  if (f.horizon) parts.push(sql`d.horizon = ${f.horizon}`);
  if (f.from) parts.push(sql`d.reported_on >= ${f.from}::date`);
  if (f.to) parts.push(sql`d.reported_on <= ${f.to}::date`);
  return sql.join(parts, sql` and `);
}

/* The key of each grouping; a report counts once per skill it names when grouped by skill. */
const groupKey: Record<Grouping, RawBuilder<unknown>> = {
  state: sql`trim(d.state_code)`,
  municipality: sql`trim(d.municipality_code)`,
  skill: sql`s.skill_id`,
  occupation: sql`d.occupation_id`,
  level: sql`d.level`,
  horizon: sql`d.horizon`,
  quarter: sql`extract(year from d.reported_on)::int || '-Q' || extract(quarter from d.reported_on)::int`,
};

export function createDemandRepository(db: Db) {
  return {
    skills: (ids: readonly string[], tx: Db = db) => resolveSkills(tx, [...ids]),
    occupations: (ids: readonly string[], tx: Db = db) => resolveOccupations(tx, [...ids]),
    states: () => placeLookups.states(db),
    municipalities: (codes: readonly (string | null | undefined)[]) => placeLookups.municipalities(db, codes),
    organisation: (id: string) => placeLookups.organisation(db, id),

    async insert(tx: Db, organisationId: string, createdBy: string, c: DemandColumns): Promise<string> {
      const row = await tx.insertInto('skills_demand').values({ organisation_id: organisationId, created_by: createdBy, ...c }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    async update(tx: Db, id: string, c: Partial<DemandColumns> & { status?: 'withdrawn'; withdrawn_at?: Date }) {
      await tx.updateTable('skills_demand').set({ ...c, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async find(id: string, tx: Db = db): Promise<DemandRow | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const { rows } = await sql<DemandRow>`select ${demandSelect} from skills_demand d ${demandJoins} where d.id = ${id}::uuid`.execute(tx);
      return rows[0];
    },
    async ofOrganisations(ids: readonly string[]): Promise<DemandRow[]> {
      if (ids.length === 0) return [];
      const { rows } = await sql<DemandRow>`select ${demandSelect} from skills_demand d ${demandJoins}
        where d.organisation_id = any(${textArray(ids)}::uuid[]) order by d.created_at desc`.execute(db);
      return rows;
    },

    /** People, reports and distinct organisations per cell of one grouping. */
    async cells(groupBy: Grouping, f: DemandFilter): Promise<Cell[]> {
      const unnestSkills = groupBy === 'skill' ? sql`cross join lateral unnest(d.skill_ids) as s(skill_id)` : sql``;
      const key = groupKey[groupBy];
      const { rows } = await sql<{ key: string; people: number; reports: number; organisations: number }>`
        select ${key} as key, sum(d.people)::int as people, count(*)::int as reports, count(distinct d.organisation_id)::int as organisations
        from skills_demand d ${unnestSkills}
        where ${demandFilterSql(f)} and ${key} is not null
        group by 1`.execute(db);
      return rows.map((r) => ({ key: r.key, people: Number(r.people), reports: Number(r.reports), organisations: Number(r.organisations) }));
    },
    /** The latest change to any report: the "as of" of the published figures. */
    async lastChange(): Promise<Date | null> {
      const { rows } = await sql<{ at: Date | null }>`select max(updated_at) as at from skills_demand`.execute(db);
      return rows[0]?.at ? new Date(rows[0].at) : null;
    },
  };
}

export type DemandRepository = ReturnType<typeof createDemandRepository>;

/** Look-ups of places and organisations the demand, training and gap modules share. */
export const placeLookups = {
  async states(db: Db): Promise<Map<string, string>> {
    const { rows } = await sql<{ code: string; name: string }>`select cve_ent::text as code, name from geo_state`.execute(db);
    return new Map(rows.map((r) => [r.code.trim(), r.name]));
  },
  async usStates(db: Db): Promise<Map<string, string>> {
    const { rows } = await sql<{ code: string; name: string }>`select abbr::text as code, name from us_state`.execute(db);
    return new Map(rows.map((r) => [r.code.trim(), r.name]));
  },
  /** cvegeo → { state, name } of the valid codes among `codes`. */
  async municipalities(db: Db, codes: readonly (string | null | undefined)[]): Promise<Map<string, { state: string; name: string }>> {
    const wanted = [...new Set(codes.filter((c): c is string => typeof c === 'string' && /^[0-9]{5}$/.test(c)))];
    if (wanted.length === 0) return new Map();
    const { rows } = await sql<{ cvegeo: string; cve_ent: string; name: string }>`select cvegeo::text, cve_ent::text, name from geo_municipality where cvegeo = any(${textArray(wanted)})`.execute(db);
    return new Map(rows.map((m) => [m.cvegeo.trim(), { state: m.cve_ent.trim(), name: m.name }]));
  },
  async organisation(db: Db, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    return db.selectFrom('organisation').select(['id', 'name', 'type', 'cve_ent']).where('id', '=', id).executeTakeFirst();
  },
};
