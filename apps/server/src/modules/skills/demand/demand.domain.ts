/**
 * Pure rules of industry demand: the vocabularies of a need (levels, horizons), the
 * validation of what companies and chambers report (one problem per field, each with a
 * stable code), and the privacy rule of the published aggregates. No database, no HTTP.
 */
import type { ErrorCode } from '@electrifica/contracts';
import { cleanOptional, cleanText, isCalendarDate, type FieldProblem } from '../jobs/jobs.domain.js';

export type { FieldProblem };

export const demandLevels = ['technical', 'undergraduate', 'graduate'] as const;
export type DemandLevel = (typeof demandLevels)[number];

/** When the people are needed, counted from the reporting date. */
export const horizons = ['within_12_months', '1_3_years', '3_5_years'] as const;
export type Horizon = (typeof horizons)[number];
/** The last month (from the reporting date) each horizon covers. */
const horizonMonths: Record<Horizon, number> = { within_12_months: 12, '1_3_years': 36, '3_5_years': 60 };

export const groupings = ['state', 'municipality', 'skill', 'occupation', 'level', 'horizon', 'quarter'] as const;
export type Grouping = (typeof groupings)[number];

/** Organisation types whose editors report demand. */
export const reporterTypes: ReadonlySet<string> = new Set(['company', 'industry_chamber']);

/*
 * The privacy rule of every published demand figure: a cell (a state, a skill, a quarter…)
 * shows its figures only when at least this many distinct organisations contribute to it.
 * Below it, the cell is listed (there is demand) but its people, reports and organisation
 * counts are withheld, and the list's totals add up the published cells only, so a withheld
 * cell cannot be recovered by subtraction within one answer. Organisation names are never
 * published. Analysts and admins (ministry staff) see every figure, still without names.
 */
export const minOrganisationsPerCell = 3;

export const limits = { skills: 40, people: 100_000, notes: 2000 } as const;

export interface DemandFields {
  occupationId: string;
  skills: string[];
  people: number;
  horizon: Horizon | null;
  targetDate: string | null;
  stateCode: string;
  municipalityCode: string | null;
  level: DemandLevel;
  reportedOn: string;
  notes: string | null;
}

export const demandRequired = ['occupationId', 'skills', 'people', 'stateCode', 'level'] as const;

/** What validation needs from the database, looked up by the service beforehand. */
export interface DemandContext {
  skills: ReadonlySet<string>;
  occupations: ReadonlySet<string>;
  /** INEGI cve_ent of the 32 states. */
  states: ReadonlySet<string>;
  /** cvegeo → cve_ent of the municipalities named in the input. */
  municipalities: ReadonlyMap<string, string>;
  /** YYYY-MM-DD, kept out so the rule stays pure. */
  today: string;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && cleanText(v) === '');

/** Whole months from `from` to `to` (both YYYY-MM-DD), rounded up: 2025-01-15 → 2026-01-15 is 12. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm);
  return td > fd ? months + 1 : months;
}

/** The horizon a target date falls in, from the reporting date; null beyond five years. */
export function horizonOf(reportedOn: string, targetDate: string): Horizon | null {
  const months = monthsBetween(reportedOn, targetDate);
  return horizons.find((h) => months <= horizonMonths[h]) ?? null;
}

/** `2025-Q3` for any date in July–September 2025. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Problems of a report. With `partial`, only the fields given are checked (an edit) against
 * what is stored (`current`), so that an edit of the state cannot orphan the municipality.
 */
export function demandProblems(input: Partial<DemandFields>, context: DemandContext, options: { partial?: boolean; current?: DemandFields } = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'DEMAND.INVALID_REPORT') => problems.push({ path, code, message });
  if (!options.partial) {
    for (const field of demandRequired) {
      const v = input[field];
      if (isBlank(v) || (Array.isArray(v) && v.length === 0)) add(`/${field}`, field === 'skills' ? 'Name at least one skill (taxonomy id).' : `${field} is required.`);
    }
    if (isBlank(input.horizon) && isBlank(input.targetDate)) add('/horizon', `Give the horizon (${horizons.join(', ')}) or a targetDate.`);
  }
  const f = { ...options.current, ...input };
  if (!isBlank(input.occupationId) && !context.occupations.has(input.occupationId!)) {
    add('/occupationId', `"${input.occupationId}" is not an occupation of the taxonomy (GET /api/v1/skills/occupations?q=…).`, 'DEMAND.UNKNOWN_OCCUPATION');
  }
  if (input.skills !== undefined) {
    if (input.skills.length > limits.skills) add('/skills', `At most ${limits.skills} skills.`);
    const seen = new Set<string>();
    input.skills.forEach((id, i) => {
      if (!context.skills.has(id)) add(`/skills/${i}`, `"${id}" is not a skill of the taxonomy (GET /api/v1/skills/skills?q=…).`, 'DEMAND.UNKNOWN_SKILL');
      else if (seen.has(id)) add(`/skills/${i}`, `Skill "${id}" is listed twice.`);
      seen.add(id);
    });
    if (options.partial && input.skills.length === 0) add('/skills', 'Name at least one skill (taxonomy id).');
  }
  if (input.people !== undefined && input.people !== null && !(Number.isInteger(input.people) && input.people >= 1 && input.people <= limits.people)) {
    add('/people', `The number of people is a whole number from 1 to ${limits.people.toLocaleString('en')}.`);
  }
  if (!isBlank(input.level) && !(demandLevels as readonly string[]).includes(input.level!)) add('/level', `Level "${input.level}" is not one of ${demandLevels.join(', ')}.`);
  if (input.stateCode !== undefined || input.municipalityCode !== undefined) {
    if (!isBlank(f.stateCode) && !context.states.has(f.stateCode!)) add('/stateCode', `"${f.stateCode}" is not an INEGI state code (cve_ent: 01 Aguascalientes … 32 Zacatecas).`, 'DEMAND.UNKNOWN_PLACE');
    if (!isBlank(f.municipalityCode)) {
      const state = context.municipalities.get(f.municipalityCode!);
      if (!state) add('/municipalityCode', `"${f.municipalityCode}" is not an INEGI municipality code (cvegeo, 5 digits).`, 'DEMAND.UNKNOWN_PLACE');
      else if (!isBlank(f.stateCode) && state !== f.stateCode) add('/municipalityCode', `Municipality ${f.municipalityCode} is in state ${state}, not ${f.stateCode}.`, 'DEMAND.UNKNOWN_PLACE');
    }
  }
  let reportedOnOk = true;
  if (input.reportedOn !== undefined && input.reportedOn !== null) {
    if (!isCalendarDate(input.reportedOn)) { add('/reportedOn', `"${input.reportedOn}" is not a date YYYY-MM-DD.`); reportedOnOk = false; }
    else if (input.reportedOn > context.today) { add('/reportedOn', 'The reporting date is not in the future.'); reportedOnOk = false; }
  }
  if (!isBlank(input.horizon) && !(horizons as readonly string[]).includes(input.horizon!)) add('/horizon', `Horizon "${input.horizon}" is not one of ${horizons.join(', ')}.`);
  if (!isBlank(input.targetDate)) {
    if (!isCalendarDate(input.targetDate!)) add('/targetDate', `"${input.targetDate}" is not a date YYYY-MM-DD.`);
    else if (reportedOnOk && f.reportedOn) {
      const derived = horizonOf(f.reportedOn, input.targetDate!);
      if (input.targetDate! <= f.reportedOn) add('/targetDate', 'The target date is after the reporting date.');
      else if (derived === null) add('/targetDate', 'The target date is more than five years after the reporting date.');
      else if (!isBlank(input.horizon) && (horizons as readonly string[]).includes(input.horizon!) && input.horizon !== derived) {
        add('/horizon', `The target date ${input.targetDate} falls in ${derived}, not ${input.horizon}; give one or make them agree.`);
      }
    }
  }
  if (input.notes !== undefined && input.notes !== null && cleanText(input.notes).length > limits.notes) add('/notes', `At most ${limits.notes} characters.`);
  return problems;
}

/** The code a response leads with: the most specific problem. */
export function leadingCode(problems: readonly FieldProblem[], codes: readonly ErrorCode[], fallback: ErrorCode): ErrorCode {
  return codes.find((c) => problems.some((p) => p.code === c)) ?? fallback;
}

/** A valid report as stored: text cleaned, horizon derived from the target date when given. */
export function normaliseDemand(f: DemandFields): DemandFields & { horizon: Horizon } {
  const targetDate = cleanOptional(f.targetDate);
  return {
    ...f,
    stateCode: f.stateCode.trim(),
    municipalityCode: cleanOptional(f.municipalityCode),
    targetDate,
    horizon: targetDate ? horizonOf(f.reportedOn, targetDate)! : f.horizon!,
    notes: cleanOptional(f.notes),
  };
}

// --- aggregates --------------------------------------------------------------------------

export interface Cell { key: string; people: number; reports: number; organisations: number }
export interface PublishedCell { key: string; people: number | null; reports: number | null; organisations: number | null; suppressed: boolean }

/**
 * Applies the privacy rule to aggregate cells: figures of cells with fewer than
 * `minOrganisationsPerCell` organisations are withheld (unless `privileged`); published
 * cells first by people, then the withheld ones by key (or all by key, for a trend). Totals count published cells only.
 */
export function publish(cells: readonly Cell[], privileged: boolean, order: 'people' | 'key' = 'people') {
  const out: PublishedCell[] = cells.map((c) => (privileged || c.organisations >= minOrganisationsPerCell
    ? { ...c, suppressed: false }
    : { key: c.key, people: null, reports: null, organisations: null, suppressed: true }));
  // A trend reads in time order (withheld quarters stay in place); other lists largest first.
  if (order === 'key') out.sort((a, b) => a.key.localeCompare(b.key));
  else out.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.people ?? 0) - (a.people ?? 0) || a.key.localeCompare(b.key));
  const shown = out.filter((c) => !c.suppressed);
  return {
    cells: out,
    peoplePublished: shown.reduce((n, c) => n + c.people!, 0),
    suppressedCells: out.length - shown.length,
  };
}
