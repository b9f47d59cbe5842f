/** Small pure helpers of the uptime pages (tested in uptime.test.ts). */

/** The last calendar month that has ended, `YYYY-MM`, as seen on `now`'s local calendar. */
export function lastCompleteMonth(now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** A `YYYY-MM` month, or null. */
export function parseMonthParam(value: string | null): string | null {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null;
}

/** Below the rule's target: a figure that exists and is under it. "No data" is never below. */
export const isBelowTarget = (uptimePct: number | null | undefined, target: number) => typeof uptimePct === 'number' && uptimePct < target;

/**
 * Where the target line falls in rows sorted from the lowest uptime: the index of the first
 * row at or above the target (rows without data last), or null when the line would sit at
 * either end.
 */
export function targetLineIndex(rows: ReadonlyArray<{ uptimePct: number | null }>, target: number): number | null {
  const index = rows.findIndex((r) => !isBelowTarget(r.uptimePct, target));
  if (index <= 0) return null;
  return index;
}
