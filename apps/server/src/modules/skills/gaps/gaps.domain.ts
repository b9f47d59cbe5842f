/**
 * Pure rules of the curriculum-gap report: demand against supply per (state, skill), and the
 * ranking of unmet skills near a provider. No database, no HTTP. The method is written out in
 * the module README; every figure here follows it.
 */
import { minOrganisationsPerCell } from '../demand/demand.domain.js';

export interface DemandCell { stateCode: string; skillId: string; people: number; reports: number; organisations: number }
export interface SupplyCell { stateCode: string; skillId: string; courses: number; seatsPerYear: number; coursesWithoutSeats: number }

/**
 * - `no_supply`: people are needed and no course teaches the skill in the state;
 * - `short`: the seats offered are fewer than the people needed;
 * - `capacity_unknown`: the seats given fall short, but some courses do not say their seats,
 *   so the gap is an upper bound;
 * - `covered`: seats reach the people needed (or nobody reported a need).
 */
export type GapStatus = 'no_supply' | 'short' | 'capacity_unknown' | 'covered';

export interface Gap {
  peopleNeeded: number;
  courses: number;
  seatsPerYear: number;
  coursesWithoutSeats: number;
  /** People needed minus seats per year, never below 0; an upper bound when `capacity_unknown`. */
  gap: number;
  status: GapStatus;
}

/** Supply counts seats when given, else courses: a course without seats makes the gap an upper bound, never a closed one. */
export function gapOf(peopleNeeded: number, supply: Omit<SupplyCell, 'stateCode' | 'skillId'> | undefined): Gap {
  const s = supply ?? { courses: 0, seatsPerYear: 0, coursesWithoutSeats: 0 };
  const gap = Math.max(0, peopleNeeded - s.seatsPerYear);
  const status: GapStatus = gap === 0 ? 'covered' : s.courses === 0 ? 'no_supply' : s.coursesWithoutSeats > 0 ? 'capacity_unknown' : 'short';
  return { peopleNeeded, courses: s.courses, seatsPerYear: s.seatsPerYear, coursesWithoutSeats: s.coursesWithoutSeats, gap, status };
}

/**
 * Whether a cell shows its demand figures: the demand rule (at least `minOrganisationsPerCell`
 * organisations) applies; a cell nobody reported demand in has nothing to protect.
 */
export const showsFigures = (organisations: number, privileged: boolean) => privileged || organisations === 0 || organisations >= minOrganisationsPerCell;

/** Order of unmet cells: larger gap first, then no supply before some supply, then by key. */
const statusRank: Record<GapStatus, number> = { no_supply: 0, short: 1, capacity_unknown: 2, covered: 3 };
export function byGap<T extends { gap: Gap; stateCode: string; skillId: string }>(a: T, b: T): number {
  return b.gap.gap - a.gap.gap || statusRank[a.gap.status] - statusRank[b.gap.status] || a.stateCode.localeCompare(b.stateCode) || a.skillId.localeCompare(b.skillId);
}

/** How near a state is to a provider: one of its own states, or a neighbour of one. */
export type Ring = 'same_state' | 'neighbouring_state';
