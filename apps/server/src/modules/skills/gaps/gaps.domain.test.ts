import { describe, expect, it } from 'vitest';
import { byGap, gapOf, showsFigures } from './gaps.domain.js';

describe('gapOf: seats if given, else courses (and the gap is an upper bound)', () => {
  it('no course at all', () => {
    expect(gapOf(30, undefined)).toEqual({ peopleNeeded: 30, courses: 0, seatsPerYear: 0, coursesWithoutSeats: 0, gap: 30, status: 'no_supply' });
  });
  it('seats fall short', () => {
    expect(gapOf(30, { courses: 2, seatsPerYear: 20, coursesWithoutSeats: 0 })).toMatchObject({ gap: 10, status: 'short' });
  });
  it('seats fall short but some courses do not say their seats', () => {
    expect(gapOf(30, { courses: 3, seatsPerYear: 20, coursesWithoutSeats: 1 })).toMatchObject({ gap: 10, status: 'capacity_unknown' });
  });
  it('covered, never negative', () => {
    expect(gapOf(30, { courses: 1, seatsPerYear: 45, coursesWithoutSeats: 0 })).toMatchObject({ gap: 0, status: 'covered' });
    expect(gapOf(0, { courses: 1, seatsPerYear: 0, coursesWithoutSeats: 1 })).toMatchObject({ gap: 0, status: 'covered' });
  });
  it('ranks by gap, then no supply first', () => {
    const cell = (stateCode: string, people: number, courses: number) => ({ stateCode, skillId: 's', gap: gapOf(people, { courses, seatsPerYear: 0, coursesWithoutSeats: courses }) });
    const sorted = [cell('01', 5, 0), cell('02', 9, 1), cell('03', 9, 0)].sort(byGap).map((c) => c.stateCode);
    expect(sorted).toEqual(['03', '02', '01']);
  });
  it('shows demand figures of cells with no demand or at least 3 organisations', () => {
    expect([0, 1, 2, 3].map((n) => showsFigures(n, false))).toEqual([true, false, false, true]);
    expect(showsFigures(1, true)).toBe(true);
  });
});
