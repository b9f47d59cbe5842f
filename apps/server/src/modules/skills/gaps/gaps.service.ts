/**
 * The curriculum-gap report: demand against supply per (state, skill), and for each education
 * provider the top unmet skills near it with the demand behind them. Public, with the demand
 * privacy rule applied unless the caller is an analyst or admin. Method: gaps/README.md.
 */
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { citeSource } from '../../../platform/sources.js';
import { hasRole, type Principal } from '../../accounts/accounts.domain.js';
import { minOrganisationsPerCell } from '../demand/demand.domain.js';
import { demandSource } from '../demand/demand.service.js';
import { dataSources } from '../taxonomy/taxonomy.repository.js';
import { byGap, gapOf, showsFigures, type Gap, type Ring, type SupplyCell } from './gaps.domain.js';
import type { GapsRepository } from './gaps.repository.js';

export const gapMethod = [
  'Demand: people needed in active reports, per state and skill (a report counts once per skill it names; horizons and levels together).',
  'Supply: published in-person or mixed courses placed in the state that teach the skill; seats per year when the course gives them, else the course is counted and the gap becomes an upper bound (status capacity_unknown). Online courses without a place are counted apart (onlineCourses) and not subtracted.',
  'Gap: people needed minus seats per year, never below 0.',
  `Privacy: demand figures of cells with fewer than ${minOrganisationsPerCell} reporting organisations are withheld (suppressed: true) except for analysts and admins.`,
].join(' ');
export const nearMethod = 'Near a provider: the Mexican states of its published courses (else the state on its organisation record), then the states whose simplified boundary comes within about 2 km of those (neighbours).';

const trainingSource = { id: 'skills-training-catalogue', name: 'Programmes and courses published by providers on Electrifica', method: 'declared by provider' };

export interface GapQuery { state?: string | undefined; skill?: string | undefined; limit: number; offset: number }

export function createGapsService(deps: { db: Db; repository: GapsRepository }) {
  const { db, repository } = deps;
  let statesCache: Map<string, string> | null = null;
  const states = async () => (statesCache ??= await repository.states());

  async function sources(asOf: string | null, geo: boolean) {
    const cited = geo ? (await dataSources(db, ['inegi-mgn-states-simplified'])).map(citeSource) : [];
    return [{ ...demandSource, asOf }, { ...trainingSource, asOf }, ...cited];
  }

  /** One cell as published: demand figures withheld by the privacy rule, supply always shown. */
  function cellOut(g: Gap, organisations: number, reports: number, privileged: boolean, online: number) {
    const shown = showsFigures(organisations, privileged);
    return {
      peopleNeeded: shown ? g.peopleNeeded : null,
      reports: shown ? reports : null,
      organisations: shown ? organisations : null,
      suppressed: !shown,
      supply: { courses: g.courses, seatsPerYear: g.seatsPerYear, coursesWithoutSeats: g.coursesWithoutSeats, onlineCourses: online },
      // A withheld cell with no course at all is unmet whatever its size; otherwise its gap would reveal the figure.
      gap: shown ? g.gap : null,
      status: shown ? g.status : g.courses === 0 ? 'no_supply' : null,
    };
  }

  async function cells(f: { states?: string[] | undefined; skill?: string | undefined }) {
    const [demand, supply] = await Promise.all([repository.demand(f), repository.supply(f)]);
    const key = (s: string, k: string) => `${s}|${k}`;
    const supplyBy = new Map<string, SupplyCell>(supply.map((s) => [key(s.stateCode, s.skillId), s]));
    const out = demand.map((d) => ({ stateCode: d.stateCode, skillId: d.skillId, organisations: d.organisations, reports: d.reports, gap: gapOf(d.people, supplyBy.get(key(d.stateCode, d.skillId))) }));
    const demanded = new Set(demand.map((d) => key(d.stateCode, d.skillId)));
    for (const s of supply) if (!demanded.has(key(s.stateCode, s.skillId))) out.push({ stateCode: s.stateCode, skillId: s.skillId, organisations: 0, reports: 0, gap: gapOf(0, s) });
    return out;
  }

  return {
    async report(principal: Principal | null, q: GapQuery) {
      const problems: Array<{ path: string; message: string }> = [];
      if (q.state && !(await states()).has(q.state)) problems.push({ path: '/state', message: `"${q.state}" is not an INEGI state code (01 … 32).` });
      if (q.skill && (await repository.skills([q.skill])).size === 0) problems.push({ path: '/skill', message: `"${q.skill}" is not a skill of the taxonomy.` });
      if (problems.length > 0) throw new AppError('GAPS.INVALID_QUERY', problems.map((p) => p.message).join(' '), problems);
      const privileged = hasRole(principal, 'analyst');
      const all = await cells({ states: q.state ? [q.state] : undefined, skill: q.skill });
      // Published cells by gap; withheld ones after them (their order must not hint at their size).
      all.sort((a, b) => Number(!showsFigures(a.organisations, privileged)) - Number(!showsFigures(b.organisations, privileged))
        || (showsFigures(a.organisations, privileged) ? byGap(a, b) : a.stateCode.localeCompare(b.stateCode) || a.skillId.localeCompare(b.skillId)));
      const page = all.slice(q.offset, q.offset + q.limit);
      const [skills, online, names, asOf] = await Promise.all([
        repository.skills(page.map((c) => c.skillId)), repository.onlineCourses(page.map((c) => c.skillId)), states(), repository.lastChange(),
      ]);
      const at = asOf ? asOf.toISOString() : null;
      return {
        items: page.map((c) => ({
          stateCode: c.stateCode, stateName: names.get(c.stateCode) ?? null,
          skill: { id: c.skillId, labelEs: skills.get(c.skillId)?.labelEs ?? c.skillId, labelEn: skills.get(c.skillId)?.labelEn ?? c.skillId },
          ...cellOut(c.gap, c.organisations, c.reports, privileged, online.get(c.skillId) ?? 0),
        })),
        total: all.length,
        method: gapMethod,
        asOf: at,
        sources: await sources(at, false),
      };
    },

    async provider(principal: Principal | null, organisationId: string, limit: number) {
      const organisation = await repository.organisation(organisationId);
      if (!organisation) throw new AppError('GAPS.PROVIDER_NOT_FOUND', `There is no organisation with id ${organisationId}.`);
      const privileged = hasRole(principal, 'analyst');
      const courseStates = await repository.providerStates(organisation.id);
      const home = courseStates.length > 0 ? courseStates : organisation.cve_ent ? [organisation.cve_ent.trim()] : [];
      const basis = courseStates.length > 0 ? 'courses' : home.length > 0 ? 'organisation' : 'none';
      const neighbours = await repository.neighbours(home);
      const ring = (s: string): Ring => (home.includes(s) ? 'same_state' : 'neighbouring_state');
      const taught = await repository.providerSkills(organisation.id);
      const near = [...home, ...neighbours];
      const unmet = near.length === 0 ? [] : (await cells({ states: near })).filter((c) => c.gap.peopleNeeded > 0
        && (showsFigures(c.organisations, privileged) ? c.gap.status !== 'covered' : c.gap.courses === 0));
      const ringRank = (c: { stateCode: string }) => (ring(c.stateCode) === 'same_state' ? 0 : 1);
      unmet.sort((a, b) => ringRank(a) - ringRank(b)
        || Number(!showsFigures(a.organisations, privileged)) - Number(!showsFigures(b.organisations, privileged))
        || (showsFigures(a.organisations, privileged) ? byGap(a, b) : a.stateCode.localeCompare(b.stateCode) || a.skillId.localeCompare(b.skillId)));
      const top = unmet.slice(0, limit);
      const [skills, online, names, behind, asOf] = await Promise.all([
        repository.skills(top.map((c) => c.skillId)), repository.onlineCourses(top.map((c) => c.skillId)), states(),
        repository.behind(top.filter((c) => showsFigures(c.organisations, privileged))), repository.lastChange(),
      ]);
      const occupations = await repository.occupations(behind.filter((b) => b.dimension === 'occupation').map((b) => b.value));
      const at = asOf ? asOf.toISOString() : null;
      /*
       * The demand behind a cell names its occupations, levels and horizons, largest first. Their
       * own figures are shown only to analysts: one occupation may be one organisation's need.
       */
      const behindOf = (c: { stateCode: string; skillId: string }, dimension: 'occupation' | 'level' | 'horizon') => behind
        .filter((b) => b.state_code === c.stateCode && b.skill_id === c.skillId && b.dimension === dimension)
        .sort((a, b) => b.people - a.people || a.value.localeCompare(b.value))
        .map((b) => ({
          id: b.value,
          ...(dimension === 'occupation' ? { labelEs: occupations.get(b.value)?.labelEs ?? b.value, labelEn: occupations.get(b.value)?.labelEn ?? b.value } : {}),
          ...(privileged ? { people: b.people } : {}),
        }));
      return {
        provider: { id: organisation.id, name: organisation.name, type: organisation.type },
        basis,
        states: near.map((s) => ({ code: s, name: names.get(s) ?? null, ring: ring(s) })),
        items: top.map((c) => ({
          ring: ring(c.stateCode), stateCode: c.stateCode, stateName: names.get(c.stateCode) ?? null,
          skill: { id: c.skillId, labelEs: skills.get(c.skillId)?.labelEs ?? c.skillId, labelEn: skills.get(c.skillId)?.labelEn ?? c.skillId },
          teachesAlready: taught.has(c.skillId),
          ...cellOut(c.gap, c.organisations, c.reports, privileged, online.get(c.skillId) ?? 0),
          demandBehind: showsFigures(c.organisations, privileged)
            ? { occupations: behindOf(c, 'occupation'), levels: behindOf(c, 'level'), horizons: behindOf(c, 'horizon') }
            : null,
        })),
        total: unmet.length,
        method: `${gapMethod} ${nearMethod} Unmet: a published cell whose status is not covered, or a withheld cell no course serves; same state first, then by gap.`,
        asOf: at,
        sources: await sources(at, true),
      };
    },
  };
}

export type GapsService = ReturnType<typeof createGapsService>;
