/**
 * Charging port uptime as 23 CFR 680.116(b) defines it, per port and calendar month and
 * over the twelve months ending with each month (the rule's annual figure), and plain
 * availability beside it. Pure: the repository turns the status history into spans
 * per port; everything here is arithmetic on those spans, the opening hours and the
 * recorded exclusions. The method is explained in docs/guides/uptime-method.md.
 */
import { DateTime } from 'luxon';
import type { EvseStatus } from '../status.domain.js';

/** Named and versioned so that every published figure can say how it was computed. */
export const uptimeMethod = {
  id: 'electrifica-uptime-680.116b-v1',
  rule: '23 CFR 680.116(b)',
  formula: 'uptime % = (total minutes − (outage minutes − excluded outage minutes)) / total minutes × 100',
  availabilityFormula: 'availability % = minutes up / total minutes × 100 (no exclusions)',
  /** Percent; the rule asks for an annual average greater than this per port. */
  target: 97,
  /** 680.116(b)(2): "calculated on a monthly basis for the previous twelve months". */
  twelveMonths: 'each month, the same formula over the twelve local calendar months ending with it, on the minutes with data in them',
} as const;

/**
 * How a status counts. Up: the port is online and available or in use (680.116(b)(1));
 * BLOCKED (a car parked in the bay) and RESERVED (held for a driver) are a working port
 * that is occupied. Outage: INOPERATIVE, OUTOFORDER, and UNKNOWN, because a port the
 * network cannot hear from cannot be shown to be online. Not in service: PLANNED (not yet
 * commissioned) and REMOVED; those minutes are not part of the port's period at all.
 */
export type StatusClass = 'up' | 'outage' | 'not_in_service';
export const upStatuses: readonly EvseStatus[] = ['AVAILABLE', 'CHARGING', 'BLOCKED', 'RESERVED'];
export const outageStatuses: readonly EvseStatus[] = ['INOPERATIVE', 'OUTOFORDER', 'UNKNOWN'];
export const notInServiceStatuses: readonly EvseStatus[] = ['PLANNED', 'REMOVED'];

export function statusClass(status: EvseStatus): StatusClass {
  if (upStatuses.includes(status)) return 'up';
  if (outageStatuses.includes(status)) return 'outage';
  return 'not_in_service';
}

/**
 * The causes 680.116(b)(3) lets an operator exclude from outage time, "provided that the
 * charging station operator can demonstrate that the charging port would otherwise be
 * operational". Hours outside the station's hours of operation are the rule's other
 * exclusion; they come from the location's opening hours, not from a record.
 */
export const exclusionReasons = ['utility_interruption', 'vehicle_fault', 'scheduled_maintenance', 'vandalism', 'natural_disaster'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/** A half-open time span [start, end) in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

const msPerMinute = 60_000;

/** Sorted, merged, without empty spans. */
export function unionSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The time in both sets of spans. */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const x = unionSpans(a);
  const y = unionSpans(b);
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const start = Math.max(x[i]!.start, y[j]!.start);
    const end = Math.min(x[i]!.end, y[j]!.end);
    if (end > start) out.push({ start, end });
    if (x[i]!.end < y[j]!.end) i++;
    else j++;
  }
  return out;
}

/** The time in `a` and not in `b`. */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const cut = unionSpans(b);
  const out: Span[] = [];
  for (const s of unionSpans(a)) {
    let start = s.start;
    for (const c of cut) {
      if (c.end <= start || c.start >= s.end) continue;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
      if (start >= s.end) break;
    }
    if (start < s.end) out.push({ start, end: s.end });
  }
  return out;
}

export const spansMs = (spans: readonly Span[]) => unionSpans(spans).reduce((sum, s) => sum + (s.end - s.start), 0);

/** `YYYY-MM` → year and month, or null. */
export function parseMonth(month: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/**
 * A calendar month in a time zone, as instants: from local midnight on the 1st to local
 * midnight on the 1st of the next month, cut at `now` for the month in progress. Null for
 * a month that has not begun there. A month has the minutes its days have: 28 to 31 days,
 * one hour less or more when the zone changes its clocks in it.
 */
export function monthPeriod(month: string, timeZone: string, now: Date): { start: Date; end: Date; complete: boolean } | null {
  const parsed = parseMonth(month);
  if (!parsed) return null;
  const startLocal = DateTime.fromObject({ year: parsed.year, month: parsed.month, day: 1 }, { zone: timeZone });
  if (!startLocal.isValid) return null;
  const start = startLocal.toJSDate();
  const end = startLocal.plus({ months: 1 }).toJSDate();
  if (start.getTime() >= now.getTime()) return null;
  return end.getTime() <= now.getTime() ? { start, end, complete: true } : { start, end: now, complete: false };
}

/** `YYYY-MM`, `count` months back (0: the month itself). */
export function monthsBefore(month: string, count: number): string | null {
  const parsed = parseMonth(month);
  if (!parsed) return null;
  const index = parsed.year * 12 + (parsed.month - 1) - count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The twelve months ending with `month`, oldest first: the rule's window for that month. */
export function trailingMonths(month: string, count = 12): string[] | null {
  if (!parseMonth(month)) return null;
  return Array.from({ length: count }, (_, i) => monthsBefore(month, count - 1 - i)!);
}

/**
 * Mexico's time zones since the 2022 Ley del Sistema de Horario (no daylight saving time
 * except along the US border), as IANA zones. A state decides, except for the listed
 * municipalities whose zone differs from their state's: the border strip that keeps US
 * daylight saving time and Bahía de Banderas (central time, unlike the rest of Nayarit).
 * Border municipalities not listed fall back to their state's zone.
 */
export const mexicoStateZones: Readonly<Record<string, string>> = {
  '02': 'America/Tijuana', // Baja California (zona noroeste)
  '03': 'America/Mazatlan', // Baja California Sur (zona Pacífico)
  '08': 'America/Chihuahua', // Chihuahua (zona centro since 2022)
  '18': 'America/Mazatlan', // Nayarit
  '25': 'America/Mazatlan', // Sinaloa
  '26': 'America/Hermosillo', // Sonora
  '23': 'America/Cancun', // Quintana Roo (zona sureste)
};
export const mexicoDefaultZone = 'America/Mexico_City';
export const mexicoMunicipalityZones: Readonly<Record<string, string>> = {
  '08037': 'America/Ciudad_Juarez', // Juárez
  '08052': 'America/Ojinaga', // Ojinaga
  '08042': 'America/Ojinaga', // Manuel Benavides
  '08015': 'America/Ojinaga', // Coyame del Sotol
  '18020': 'America/Mexico_City', // Bahía de Banderas
  ...Object.fromEntries(
    [
      '05002', '05003', '05012', '05013', '05014', '05019', '05022', '05023', '05025', '05037', '05038', // Coahuila border strip
      '19005', // Anáhuac, Nuevo León
      '28007', '28014', '28015', '28022', '28024', '28025', '28027', '28032', '28033', '28040', // Tamaulipas border strip
    ].map((cvegeo) => [cvegeo, 'America/Matamoros']),
  ),
};
/** US states (the census holds border-region stations): the zone most of the state keeps. */
export const usStateZones: Readonly<Record<string, string>> = {
  AL: 'America/Chicago', AK: 'America/Anchorage', AZ: 'America/Phoenix', AR: 'America/Chicago', CA: 'America/Los_Angeles', CO: 'America/Denver',
  CT: 'America/New_York', DE: 'America/New_York', DC: 'America/New_York', FL: 'America/New_York', GA: 'America/New_York', HI: 'Pacific/Honolulu',
  ID: 'America/Boise', IL: 'America/Chicago', IN: 'America/Indiana/Indianapolis', IA: 'America/Chicago', KS: 'America/Chicago', KY: 'America/New_York',
  LA: 'America/Chicago', ME: 'America/New_York', MD: 'America/New_York', MA: 'America/New_York', MI: 'America/Detroit', MN: 'America/Chicago',
  MS: 'America/Chicago', MO: 'America/Chicago', MT: 'America/Denver', NE: 'America/Chicago', NV: 'America/Los_Angeles', NH: 'America/New_York',
  NJ: 'America/New_York', NM: 'America/Denver', NY: 'America/New_York', NC: 'America/New_York', ND: 'America/Chicago', OH: 'America/New_York',
  OK: 'America/Chicago', OR: 'America/Los_Angeles', PA: 'America/New_York', RI: 'America/New_York', SC: 'America/New_York', SD: 'America/Chicago',
  TN: 'America/Chicago', TX: 'America/Chicago', UT: 'America/Denver', VT: 'America/New_York', VA: 'America/New_York', WA: 'America/Los_Angeles',
  WV: 'America/New_York', WI: 'America/Chicago', WY: 'America/Denver', PR: 'America/Puerto_Rico',
};

/**
 * The zone a location keeps its hours in: municipality, else state, else (a Mexican
 * location placed in no state) central time. Elsewhere without a state: UTC, flagged as
 * assumed, and its opening hours are not applied.
 */
export function timeZoneOf(loc: { countryCode: string | null; cveEnt: string | null; cvegeo: string | null; usStateAbbr: string | null }): { timeZone: string; assumed: boolean } {
  const cvegeo = loc.cvegeo?.trim();
  const cveEnt = loc.cveEnt?.trim();
  if (cvegeo && mexicoMunicipalityZones[cvegeo]) return { timeZone: mexicoMunicipalityZones[cvegeo]!, assumed: false };
  if (cveEnt) return { timeZone: mexicoStateZones[cveEnt] ?? mexicoDefaultZone, assumed: false };
  if (loc.usStateAbbr && usStateZones[loc.usStateAbbr]) return { timeZone: usStateZones[loc.usStateAbbr]!, assumed: false };
  if (loc.countryCode === 'MX') return { timeZone: mexicoDefaultZone, assumed: true };
  return { timeZone: 'UTC', assumed: true };
}

/** OCPI 2.2.1 Hours, as the census stores them. */
export interface OcpiHours {
  twentyfourseven: boolean;
  regular_hours?: Array<{ weekday: number; period_begin: string; period_end: string }>;
  exceptional_openings?: Array<{ period_begin: string; period_end: string }>;
  exceptional_closings?: Array<{ period_begin: string; period_end: string }>;
}

const hhmm = (value: string): number | null => {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
};

/**
 * When the location is closed within the period, by its OCPI hours in its local time:
 * regular hours per weekday (1 = Monday … 7 = Sunday; a period whose end is not after its
 * begin runs past midnight), plus exceptional openings, minus exceptional closings (both
 * absolute instants). `known: false` when the hours are not declared or cannot be read:
 * then nothing counts as closed, because an undeclared closure must not excuse an outage.
 */
export function closedSpans(hours: OcpiHours | null | undefined, timeZone: string, period: Span): { spans: Span[]; known: boolean } {
  if (!hours || typeof hours !== 'object') return { spans: [], known: false };
  if (hours.twentyfourseven === true && !hours.exceptional_closings?.length) return { spans: [], known: true };
  const open: Span[] = [];
  if (hours.twentyfourseven === true) {
    open.push(period);
  } else {
    const regular = hours.regular_hours ?? [];
    const periods = regular.map((r) => ({ weekday: r.weekday, begin: hhmm(r.period_begin), end: hhmm(r.period_end) }));
    if (periods.length === 0 || periods.some((p) => p.begin === null || p.end === null || !(p.weekday >= 1 && p.weekday <= 7))) {
      return { spans: [], known: false };
    }
    // From the local day before the period (a period past midnight reaches into it) to its end.
    let day = DateTime.fromMillis(period.start, { zone: timeZone }).startOf('day').minus({ days: 1 });
    const last = DateTime.fromMillis(period.end, { zone: timeZone });
    while (day < last) {
      for (const p of periods) {
        if (p.weekday !== day.weekday) continue;
        const start = day.plus({ minutes: p.begin! });
        const end = p.end! > p.begin! ? day.plus({ minutes: p.end! }) : day.plus({ days: 1, minutes: p.end! });
        open.push({ start: start.toMillis(), end: end.toMillis() });
      }
      day = day.plus({ days: 1 });
    }
  }
  const absolute = (list: OcpiHours['exceptional_openings']) =>
    (list ?? []).map((e) => ({ start: Date.parse(e.period_begin), end: Date.parse(e.period_end) })).filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end));
  const opened = subtractSpans(unionSpans([...open, ...absolute(hours.exceptional_openings)]), absolute(hours.exceptional_closings));
  return { spans: subtractSpans([period], opened), known: true };
}

export interface ExclusionSpan extends Span {
  id: string;
  reason: ExclusionReason;
}

export interface PortUptimeInput {
  /** Minutes the port was up within the period (from the history). */
  upMs: number;
  /** The spans it was in outage, clipped to the period. */
  outageSpans: Span[];
  /** Recorded exclusions that apply to this port (location-wide or its own). */
  exclusions: ExclusionSpan[];
  /** When its location was closed (see {@link closedSpans}). */
  closed: Span[];
}

export interface PortUptime {
  /** Minutes with a known status while in service: up + outage. Before the first report, and while PLANNED or REMOVED, a port has no minutes. */
  totalMinutes: number;
  upMinutes: number;
  outageMinutes: number;
  /** Outage minutes excused: in a recorded exclusion or outside the hours of operation (each minute once). */
  excludedMinutes: number;
  /** Of those, the outage minutes outside the hours of operation. */
  outsideHoursMinutes: number;
  /** Null when the port has no minutes: "no data", never 100 %. */
  uptimePct: number | null;
  availabilityPct: number | null;
  /** Each recorded exclusion and the outage minutes it covers on its own (overlapping exclusions both count here, once in the total). */
  appliedExclusions: Array<{ id: string; reason: ExclusionReason; startsAt: string; endsAt: string; appliedMinutes: number }>;
}

const minutes = (ms: number) => ms / msPerMinute;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * One port's month:
 *   uptime = (total − (outage − excluded)) / total × 100
 * where excluded is the outage time inside a recorded exclusion or outside the hours of
 * operation (an exclusion only ever excuses outage time, so excluded ≤ outage).
 *
 * @example
 * portUptime({ upMs: 57 * 60_000, outageSpans: [{ start: 0, end: 3 * 60_000 }], exclusions: [], closed: [] }).uptimePct // 95
 */
export function portUptime(input: PortUptimeInput): PortUptime {
  const outage = unionSpans(input.outageSpans);
  const outageMs = spansMs(outage);
  const totalMs = input.upMs + outageMs;
  const excused = intersectSpans(outage, [...input.exclusions, ...input.closed]);
  const excludedMs = spansMs(excused);
  const outsideHoursMs = spansMs(intersectSpans(outage, input.closed));
  return {
    totalMinutes: minutes(totalMs),
    upMinutes: minutes(input.upMs),
    outageMinutes: minutes(outageMs),
    excludedMinutes: minutes(excludedMs),
    outsideHoursMinutes: minutes(outsideHoursMs),
    uptimePct: totalMs > 0 ? ((totalMs - (outageMs - excludedMs)) / totalMs) * 100 : null,
    availabilityPct: totalMs > 0 ? (input.upMs / totalMs) * 100 : null,
    appliedExclusions: input.exclusions.map((e) => ({
      id: e.id, reason: e.reason, startsAt: new Date(e.start).toISOString(), endsAt: new Date(e.end).toISOString(),
      appliedMinutes: round2(minutes(spansMs(intersectSpans(outage, [e])))),
    })),
  };
}

/** The figures of {@link PortUptime} without the list of exclusions: what adds up across months and ports. */
export type UptimeFigures = Omit<PortUptime, 'appliedExclusions'>;

/**
 * One port's figures for each of several consecutive periods (its months), from its spans
 * over all of them: the spans are cut at each period and {@link portUptime} applied to
 * each piece. Exclusions and closed hours apply where they fall; an exclusion is listed
 * in the periods it overlaps.
 */
export function portUptimeByPeriod(
  input: { upSpans: Span[]; outageSpans: Span[]; exclusions: ExclusionSpan[]; closed: Span[] },
  periods: readonly Span[],
): PortUptime[] {
  const up = unionSpans(input.upSpans);
  const outage = unionSpans(input.outageSpans);
  const closed = unionSpans(input.closed);
  return periods.map((period) => portUptime({
    upMs: spansMs(intersectSpans(up, [period])),
    outageSpans: intersectSpans(outage, [period]),
    exclusions: input.exclusions.filter((x) => x.start < period.end && x.end > period.start),
    closed: intersectSpans(closed, [period]),
  }));
}

export interface TwelveMonthUptime extends UptimeFigures {
  /** How many of the months had minutes with data; the figure is over those minutes only. */
  monthsWithData: number;
}

/**
 * The rule's trailing twelve-month figure (680.116(b)(2)) from a port's twelve monthly
 * figures: their minutes are summed and the same formula applied, which is the formula
 * over the whole window (months partition it). Months without data weigh nothing: a port
 * in service for 3 of the 12 months is judged on those 3, and says so.
 */
export function twelveMonthUptime(months: readonly UptimeFigures[]): TwelveMonthUptime {
  const { ports: monthsWithData, portsWithoutData: _n, portsBelowTarget: _b, ...figures } = aggregateUptime(months);
  return { monthsWithData, ...figures };
}

export interface UptimeTotals {
  ports: number;
  portsWithoutData: number;
  totalMinutes: number;
  upMinutes: number;
  outageMinutes: number;
  excludedMinutes: number;
  outsideHoursMinutes: number;
  uptimePct: number | null;
  availabilityPct: number | null;
  /** Ports whose own uptime is below the target. */
  portsBelowTarget: number;
}

/**
 * A group of ports (an operator, a state, the country): minutes are summed, so a port
 * counts in proportion to the time it was in service; ports without data are counted
 * apart and weigh nothing.
 */
export function aggregateUptime(ports: readonly UptimeFigures[], target: number = uptimeMethod.target): UptimeTotals {
  const withData = ports.filter((p) => p.totalMinutes > 0);
  const sum = (f: (p: UptimeFigures) => number) => withData.reduce((s, p) => s + f(p), 0);
  const totalMinutes = sum((p) => p.totalMinutes);
  const upMinutes = sum((p) => p.upMinutes);
  const outageMinutes = sum((p) => p.outageMinutes);
  const excludedMinutes = sum((p) => p.excludedMinutes);
  return {
    ports: withData.length,
    portsWithoutData: ports.length - withData.length,
    totalMinutes,
    upMinutes,
    outageMinutes,
    excludedMinutes,
    outsideHoursMinutes: sum((p) => p.outsideHoursMinutes),
    uptimePct: totalMinutes > 0 ? ((totalMinutes - (outageMinutes - excludedMinutes)) / totalMinutes) * 100 : null,
    availabilityPct: totalMinutes > 0 ? (upMinutes / totalMinutes) * 100 : null,
    portsBelowTarget: withData.filter((p) => p.uptimePct !== null && p.uptimePct < target).length,
  };
}

/** Figures as published: minutes and percentages to two decimals (minutes include partial minutes), nested figures too. */
export function rounded<T extends object>(figures: T): T {
  const round = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) ? v : round2(v);
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) return rounded(v);
    return v;
  };
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v)])) as T;
}
