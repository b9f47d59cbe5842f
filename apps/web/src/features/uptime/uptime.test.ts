import { describe, expect, it } from 'vitest';
import { isBelowTarget, lastCompleteMonth, parseMonthParam, targetLineIndex } from './uptime';

describe('uptime page helpers', () => {
  it('defaults to the last month that has ended', () => {
    expect(lastCompleteMonth(new Date(2026, 0, 15))).toBe('2025-12');
    expect(lastCompleteMonth(new Date(2026, 2, 31))).toBe('2026-02');
  });
  it('accepts only YYYY-MM months', () => {
    expect(parseMonthParam('2026-03')).toBe('2026-03');
    expect(parseMonthParam('2026-13')).toBeNull();
    expect(parseMonthParam(null)).toBeNull();
  });
  it('never counts "no data" as below the target, and places the 97 % line between the rows', () => {
    expect(isBelowTarget(null, 97)).toBe(false);
    expect(isBelowTarget(96.99, 97)).toBe(true);
    expect(isBelowTarget(97, 97)).toBe(false);
    expect(targetLineIndex([{ uptimePct: 90 }, { uptimePct: 96 }, { uptimePct: 99 }, { uptimePct: null }], 97)).toBe(2);
    expect(targetLineIndex([{ uptimePct: 99 }], 97)).toBeNull();
    expect(targetLineIndex([{ uptimePct: 90 }], 97)).toBeNull();
  });
});
