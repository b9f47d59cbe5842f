/**
 * Use cases of industry demand: editors of companies and chambers report, edit and withdraw
 * their needs (audited, in one transaction each); anyone reads the aggregates, with the
 * privacy rule of the domain applied unless the caller is an analyst or admin.
 */
import { recordAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { canEditOrganisation, editedOrganisations, hasRole, type Principal } from '../../accounts/accounts.domain.js';
import { actorOf } from '../../accounts/accounts.service.js';
import { isCalendarDate } from '../jobs/jobs.domain.js';
import {
  demandProblems, groupings, horizons, demandLevels, leadingCode, minOrganisationsPerCell, normaliseDemand, publish, reporterTypes,
  type DemandFields, type FieldProblem, type Grouping,
} from './demand.domain.js';
import type { DemandFilter, DemandRepository, DemandRow } from './demand.repository.js';
import { isoTimestamp as iso } from '../../../platform/time.js';

export type DemandInput = Partial<DemandFields> & { organisationId?: string };

const today = () => new Date().toISOString().slice(0, 10);

/** The source every published demand figure cites: needs declared on the platform. */
export const demandSource = {
  id: 'electrifica-skills-demand',
  name: 'Needs reported by companies and industry chambers on Electrifica',
  method: `Sum of people in active reports (withdrawn ones excluded); a report counts once per skill it names; `
    + `cells with fewer than ${minOrganisationsPerCell} reporting organisations are withheld from the public.`,
};

function requireSignedIn(principal: Principal | null, what: string): asserts principal is Principal {
  if (!principal) throw new AppError('ACCOUNTS.UNAUTHENTICATED', `Sign in, or send an API token as "Authorization: Bearer <token>", to ${what}.`);
}

const demandCodes = ['DEMAND.UNKNOWN_OCCUPATION', 'DEMAND.UNKNOWN_SKILL', 'DEMAND.UNKNOWN_PLACE'] as const;
function assertValid(problems: FieldProblem[], fallback: 'DEMAND.INVALID_REPORT' | 'DEMAND.INVALID_QUERY') {
  if (problems.length === 0) return;
  throw new AppError(fallback === 'DEMAND.INVALID_QUERY' ? fallback : leadingCode(problems, demandCodes, fallback), problems.map((p) => p.message).join(' '), problems.map(({ path, message }) => ({ path, message })));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface DemandQuery extends DemandFilter { groupBy?: string | undefined; limit: number; offset: number }

export function createDemandService(deps: { db: Db; repository: DemandRepository }) {
  const { db, repository } = deps;
  let statesCache: Map<string, string> | null = null;
  const states = async () => (statesCache ??= await repository.states());

  async function context(input: Partial<DemandFields>) {
    return {
      skills: new Set((await repository.skills(input.skills ?? [])).keys()),
      occupations: new Set((await repository.occupations(input.occupationId ? [input.occupationId] : [])).keys()),
      states: new Set((await states()).keys()),
      municipalities: new Map([...(await repository.municipalities([input.municipalityCode])).entries()].map(([k, v]) => [k, v.state])),
      today: today(),
    };
  }

  /** A report as its organisation's editors read it (the public never reads single reports). */
  async function toReport(r: DemandRow, tx: Db = db) {
    const skills = await repository.skills(r.skill_ids, tx);
    const occupation = (await repository.occupations([r.occupation_id], tx)).get(r.occupation_id);
    return {
      id: r.id, status: r.status,
      organisation: { id: r.organisation_id, name: r.organisation_name },
      occupation: { id: r.occupation_id, labelEs: occupation?.labelEs ?? r.occupation_id, labelEn: occupation?.labelEn ?? r.occupation_id },
      skills: r.skill_ids.map((id) => ({ id, labelEs: skills.get(id)?.labelEs ?? id, labelEn: skills.get(id)?.labelEn ?? id })),
      people: Number(r.people), horizon: r.horizon, targetDate: r.target_date, level: r.level,
      stateCode: r.state_code, stateName: r.state_name, municipalityCode: r.municipality_code, municipalityName: r.municipality_name,
      reportedOn: r.reported_on, notes: r.notes,
      provenance: { source: r.provenance.source, method: r.provenance.method, declaredAt: r.provenance.declaredAt },
      withdrawnAt: iso(r.withdrawn_at), updatedAt: iso(r.updated_at)!,
    };
  }

  const fieldsOf = (r: DemandRow): DemandFields => ({
    occupationId: r.occupation_id, skills: r.skill_ids, people: Number(r.people), horizon: r.horizon, targetDate: r.target_date,
    stateCode: r.state_code, municipalityCode: r.municipality_code, level: r.level, reportedOn: r.reported_on, notes: r.notes,
  });
  const columnsOf = (f: ReturnType<typeof normaliseDemand>, principal: Principal) => ({
    occupation_id: f.occupationId, skill_ids: f.skills, people: f.people, horizon: f.horizon, target_date: f.targetDate,
    state_code: f.stateCode, municipality_code: f.municipalityCode, level: f.level, reported_on: f.reportedOn, notes: f.notes,
    provenance: JSON.stringify({ source: demandSource.id, method: 'declared by organisation', userId: principal.userId, declaredAt: new Date().toISOString() }),
  });

  async function editable(principal: Principal | null, id: string) {
    requireSignedIn(principal, 'manage demand reports');
    const row = await repository.find(id);
    if (!row) throw new AppError('DEMAND.REPORT_NOT_FOUND', `There is no demand report with id ${id}.`);
    if (!canEditOrganisation(principal, row.organisation_id)) throw new AppError('DEMAND.NOT_YOUR_REPORT', 'Only editors of the organisation that reported the need (and admins) manage it.');
    if (row.status === 'withdrawn') throw new AppError('DEMAND.REPORT_WITHDRAWN', 'The report was withdrawn; report the need again.');
    return row;
  }

  /** Labels of aggregate keys, by grouping. */
  async function labels(groupBy: Grouping, keys: string[]): Promise<Map<string, { labelEs: string; labelEn: string }>> {
    const same = (l: string) => ({ labelEs: l, labelEn: l });
    if (groupBy === 'state') { const s = await states(); return new Map(keys.map((k) => [k, same(s.get(k) ?? k)])); }
    if (groupBy === 'municipality') { const m = await repository.municipalities(keys); return new Map(keys.map((k) => [k, same(m.get(k)?.name ?? k)])); }
    if (groupBy === 'skill') return new Map([...(await repository.skills(keys)).entries()].map(([k, v]) => [k, { labelEs: v.labelEs, labelEn: v.labelEn }]));
    if (groupBy === 'occupation') return new Map([...(await repository.occupations(keys)).entries()].map(([k, v]) => [k, { labelEs: v.labelEs, labelEn: v.labelEn }]));
    return new Map(keys.map((k) => [k, same(k)]));
  }

  async function checkFilter(q: DemandQuery): Promise<Grouping> {
    const problems: FieldProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path, code: 'DEMAND.INVALID_QUERY', message });
    const groupBy = (q.groupBy ?? 'state') as Grouping;
    if (!(groupings as readonly string[]).includes(groupBy)) add('/groupBy', `groupBy is one of ${groupings.join(', ')}.`);
    if (q.state && !(await states()).has(q.state)) add('/state', `"${q.state}" is not an INEGI state code (01 … 32).`);
    if (q.municipality && !(await repository.municipalities([q.municipality])).has(q.municipality)) add('/municipality', `"${q.municipality}" is not an INEGI municipality code.`);
    if (q.skill && (await repository.skills([q.skill])).size === 0) add('/skill', `"${q.skill}" is not a skill of the taxonomy.`);
    if (q.occupation && (await repository.occupations([q.occupation])).size === 0) add('/occupation', `"${q.occupation}" is not an occupation of the taxonomy.`);
    if (q.level && !(demandLevels as readonly string[]).includes(q.level)) add('/level', `level is one of ${demandLevels.join(', ')}.`);
    if (q.horizon && !(horizons as readonly string[]).includes(q.horizon)) add('/horizon', `horizon is one of ${horizons.join(', ')}.`);
    for (const k of ['from', 'to'] as const) if (q[k] && !isCalendarDate(q[k]!)) add(`/${k}`, `${k} is a date YYYY-MM-DD.`);
    assertValid(problems, 'DEMAND.INVALID_QUERY');
    return groupBy;
  }

  return {
    /** Aggregated demand: one cell per state, municipality, skill, occupation, level, horizon or quarter. */
    async aggregate(principal: Principal | null, q: DemandQuery) {
      const groupBy = await checkFilter(q);
      const privileged = hasRole(principal, 'analyst');
      const filter: DemandFilter = { state: q.state, municipality: q.municipality, skill: q.skill, occupation: q.occupation, level: q.level, horizon: q.horizon, from: q.from, to: q.to };
      const { cells, peoplePublished, suppressedCells } = publish(await repository.cells(groupBy, filter), privileged, groupBy === 'quarter' ? 'key' : 'people');
      const page = cells.slice(q.offset, q.offset + q.limit);
      const names = await labels(groupBy, page.map((c) => c.key));
      const asOf = await repository.lastChange();
      return {
        groupBy,
        items: page.map((c) => ({ key: c.key, ...(names.get(c.key) ?? { labelEs: c.key, labelEn: c.key }), people: c.people, reports: c.reports, organisations: c.organisations, suppressed: c.suppressed })),
        total: cells.length,
        peoplePublished,
        suppressedCells,
        privacy: privileged
          ? 'Every figure is shown to analysts and admins; organisation names are never published.'
          : `Figures of cells with fewer than ${minOrganisationsPerCell} reporting organisations are withheld (suppressed: true); peoplePublished adds up the shown cells only.`,
        method: groupBy === 'skill' ? `${demandSource.method} By skill, cells do not add up to the people reported.` : demandSource.method,
        asOf: iso(asOf),
        sources: [{ ...demandSource, asOf: iso(asOf) }],
      };
    },

    async mine(principal: Principal | null) {
      requireSignedIn(principal, 'see your organisations’ demand reports');
      const items = await Promise.all((await repository.ofOrganisations(editedOrganisations(principal))).map((r) => toReport(r)));
      return { items, total: items.length };
    },

    async get(principal: Principal | null, id: string) {
      requireSignedIn(principal, 'read a demand report');
      const row = await repository.find(id);
      // Single reports are private to their organisation: anyone else is told it does not exist.
      if (!row || !canEditOrganisation(principal, row.organisation_id)) throw new AppError('DEMAND.REPORT_NOT_FOUND', `There is no demand report with id ${id} you can see.`);
      return toReport(row);
    },

    async report(principal: Principal | null, input: DemandInput) {
      requireSignedIn(principal, 'report demand');
      const organisationId = input.organisationId ?? '';
      const organisation = canEditOrganisation(principal, organisationId) ? await repository.organisation(organisationId) : undefined;
      if (!organisation || !reporterTypes.has(organisation.type)) {
        throw new AppError('DEMAND.NOT_A_REPORTER', 'Report demand for a company or industry chamber you are an editor of (organisationId).', [{ path: '/organisationId', message: 'not a company or chamber you edit' }]);
      }
      const given = stripUndefined({ ...input });
      delete given.organisationId;
      const fields = { horizon: null, targetDate: null, municipalityCode: null, notes: null, reportedOn: today(), ...given } as Partial<DemandFields>;
      assertValid(demandProblems(fields, await context(fields)), 'DEMAND.INVALID_REPORT');
      const f = normaliseDemand(fields as DemandFields);
      return db.transaction().execute(async (tx) => {
        const id = await repository.insert(tx, organisationId, principal.userId, columnsOf(f, principal));
        const after = await toReport((await repository.find(id, tx))!, tx);
        await recordAudit(tx, actorOf(principal), [{ entityType: 'skills.demand', entityId: id, action: 'create', before: null, after }]);
        return after;
      });
    },

    async update(principal: Principal | null, id: string, patch: Partial<DemandFields>) {
      const row = await editable(principal, id);
      const given = stripUndefined(patch);
      const current = fieldsOf(row);
      const problems = demandProblems(given, await context({ ...given, municipalityCode: given.municipalityCode ?? current.municipalityCode }), { partial: true, current });
      for (const field of ['occupationId', 'people', 'stateCode', 'level', 'reportedOn'] as const) {
        if (field in given && given[field] === null) problems.push({ path: `/${field}`, code: 'DEMAND.INVALID_REPORT', message: `${field} is required.` });
      }
      // A new target date sets the horizon; a new horizon alone drops the old target date.
      if (given.horizon && given.targetDate === undefined) given.targetDate = null;
      if (given.targetDate === null && !given.horizon) given.horizon = current.horizon;
      // A new reporting date moves a kept target date's horizon: check it again.
      if (given.reportedOn && given.targetDate === undefined && current.targetDate) {
        problems.push(...demandProblems({ targetDate: current.targetDate }, await context({}), { partial: true, current: { ...current, ...given } }));
      }
      assertValid(problems, 'DEMAND.INVALID_REPORT');
      const f = normaliseDemand({ ...current, ...given });
      const before = await toReport(row);
      return db.transaction().execute(async (tx) => {
        await repository.update(tx, id, columnsOf(f, principal!));
        const after = await toReport((await repository.find(id, tx))!, tx);
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.demand', entityId: id, action: 'update', before, after }]);
        return after;
      });
    },

    async withdraw(principal: Principal | null, id: string) {
      const row = await editable(principal, id);
      return db.transaction().execute(async (tx) => {
        await repository.update(tx, id, { status: 'withdrawn', withdrawn_at: new Date() });
        await recordAudit(tx, actorOf(principal!), [{ entityType: 'skills.demand', entityId: id, action: 'update', before: { status: row.status }, after: { status: 'withdrawn' } }]);
        return toReport((await repository.find(id, tx))!, tx);
      });
    },
  };
}

export type DemandService = ReturnType<typeof createDemandService>;
