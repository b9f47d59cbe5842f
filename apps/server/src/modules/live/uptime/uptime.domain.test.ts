import { describe, expect, it } from 'vitest';
import {
  aggregateUptime, closedSpans, intersectSpans, monthPeriod, monthsBefore, portUptime, portUptimeByPeriod, statusClass, subtractSpans, timeZoneOf,
  spansMs, trailingMonths, twelveMonthUptime, unionSpans,
  type ExclusionSpan, type Span,
} from './uptime.domain.js';

const min = 60_000;
const hour = 60 * min;
const t0 = Date.UTC(2026, 2, 1, 6); // 2026-03-01 00:00 in Mexico City
const span = (fromMin: number, toMin: number): Span => ({ start: t0 + fromMin * min, end: t0 + toMin * min });
const exclusion = (id: string, fromMin: number, toMin: number): ExclusionSpan => ({ id, reason: 'scheduled_maintenance', ...span(fromMin, toMin) });

describe('status classes', () => {
  it('counts occupied ports as up, silence as outage, and planned or removed ports as out of the period', () => {
    expect(['AVAILABLE', 'CHARGING', 'BLOCKED', 'RESERVED'].map((s) => statusClass(s as never))).toEqual(['up', 'up', 'up', 'up']);
    expect(['INOPERATIVE', 'OUTOFORDER', 'UNKNOWN'].map((s) => statusClass(s as never))).toEqual(['outage', 'outage', 'outage']);
    expect(['PLANNED', 'REMOVED'].map((s) => statusClass(s as never))).toEqual(['not_in_service', 'not_in_service']);
  });
});

describe('span arithmetic', () => {
  it('merges overlapping and touching spans and drops empty ones', () => {
    expect(unionSpans([span(10, 20), span(0, 5), span(5, 8), span(15, 30), span(40, 40)])).toEqual([span(0, 8), span(10, 30)]);
  });
  it('intersects and subtracts', () => {
    expect(intersectSpans([span(0, 10), span(20, 30)], [span(5, 25)])).toEqual([span(5, 10), span(20, 25)]);
    expect(subtractSpans([span(0, 30)], [span(5, 10), span(20, 40)])).toEqual([span(0, 5), span(10, 20)]);
  });
});

describe('port uptime (23 CFR 680.116(b))', () => {
  it('applies the formula: (total − (outage − excluded)) / total', () => {
    // 100 minutes: 90 up, 10 in outage of which 4 in scheduled maintenance.
    const r = portUptime({ upMs: 90 * min, outageSpans: [span(0, 10)], exclusions: [exclusion('m', 6, 10)], closed: [] });
    expect(r.totalMinutes).toBe(100);
    expect(r.outageMinutes).toBe(10);
    expect(r.excludedMinutes).toBe(4);
    expect(r.uptimePct).toBeCloseTo(94, 10);
    expect(r.availabilityPct).toBeCloseTo(90, 10);
    expect(r.appliedExclusions).toEqual([expect.objectContaining({ id: 'm', reason: 'scheduled_maintenance', appliedMinutes: 4 })]);
  });

  it('counts overlapping exclusions once in the total, and each on its own in the list', () => {
    const r = portUptime({ upMs: 80 * min, outageSpans: [span(0, 20)], exclusions: [exclusion('a', 0, 10), exclusion('b', 5, 15)], closed: [] });
    expect(r.excludedMinutes).toBe(15);
    expect(r.appliedExclusions.map((e) => e.appliedMinutes)).toEqual([10, 10]);
    expect(r.uptimePct).toBeCloseTo(95, 10);
  });

  it('never excuses more than the outage: an exclusion reaching beyond it covers only outage minutes', () => {
    const r = portUptime({ upMs: 95 * min, outageSpans: [span(10, 15)], exclusions: [exclusion('wide', 0, 100)], closed: [] });
    expect(r.excludedMinutes).toBe(5);
    expect(r.uptimePct).toBe(100);
    expect(r.availabilityPct).toBeCloseTo(95, 10);
    // An exclusion with no outage under it excuses nothing.
    const none = portUptime({ upMs: 60 * min, outageSpans: [], exclusions: [exclusion('idle', 0, 60)], closed: [] });
    expect(none.excludedMinutes).toBe(0);
    expect(none.appliedExclusions[0]!.appliedMinutes).toBe(0);
  });

  it('excuses outage outside the hours of operation, once even where a recorded exclusion overlaps', () => {
    const r = portUptime({ upMs: 40 * min, outageSpans: [span(40, 100)], exclusions: [exclusion('v', 50, 70)], closed: [span(60, 100)] });
    expect(r.outsideHoursMinutes).toBe(40);
    expect(r.excludedMinutes).toBe(50);
    expect(r.uptimePct).toBeCloseTo(90, 10);
  });

  it('has no figure for a port without minutes: no data, never 100 %', () => {
    const r = portUptime({ upMs: 0, outageSpans: [], exclusions: [], closed: [] });
    expect(r.uptimePct).toBeNull();
    expect(r.availabilityPct).toBeNull();
  });

  it('aggregates by minutes, so ports weigh by the time they were in service; ports without data weigh nothing', () => {
    const a = portUptime({ upMs: 100 * min, outageSpans: [], exclusions: [], closed: [] });
    const b = portUptime({ upMs: 50 * min, outageSpans: [span(0, 50)], exclusions: [], closed: [] });
    const empty = portUptime({ upMs: 0, outageSpans: [], exclusions: [], closed: [] });
    const g = aggregateUptime([a, b, empty]);
    expect(g).toMatchObject({ ports: 2, portsWithoutData: 1, totalMinutes: 200, outageMinutes: 50, portsBelowTarget: 1 });
    expect(g.uptimePct).toBeCloseTo(75, 10);
    expect(aggregateUptime([empty]).uptimePct).toBeNull();
  });
});

describe('months', () => {
  const minutesOf = (p: { start: Date; end: Date } | null) => (p ? (p.end.getTime() - p.start.getTime()) / min : null);
  const later = new Date('2030-01-01T00:00:00Z');

  it('has the minutes of its days: 28, 29, 30 and 31-day months', () => {
    expect(minutesOf(monthPeriod('2026-02', 'America/Mexico_City', later))).toBe(28 * 1440);
    expect(minutesOf(monthPeriod('2028-02', 'America/Mexico_City', later))).toBe(29 * 1440);
    expect(minutesOf(monthPeriod('2026-04', 'America/Mexico_City', later))).toBe(30 * 1440);
    expect(minutesOf(monthPeriod('2026-12', 'America/Mexico_City', later))).toBe(31 * 1440);
  });

  it('starts at local midnight and loses or gains the hour where the zone changes its clocks', () => {
    const march = monthPeriod('2026-03', 'America/Tijuana', later)!;
    expect(march.start.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(minutesOf(march)).toBe(31 * 1440 - 60);
    expect(minutesOf(monthPeriod('2026-11', 'America/Tijuana', later))).toBe(30 * 1440 + 60);
    // Central Mexico keeps no daylight saving time since 2022; Quintana Roo is UTC−5.
    expect(minutesOf(monthPeriod('2026-04', 'America/Mexico_City', later))).toBe(30 * 1440);
    expect(monthPeriod('2026-03', 'America/Cancun', later)!.start.toISOString()).toBe('2026-03-01T05:00:00.000Z');
  });

  it('ends at now for the month in progress and does not exist before it begins', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(monthPeriod('2026-03', 'America/Mexico_City', now)).toMatchObject({ end: now, complete: false });
    expect(monthPeriod('2026-04', 'America/Mexico_City', now)).toBeNull();
    expect(monthPeriod('2026-13', 'America/Mexico_City', now)).toBeNull();
    expect(monthPeriod('26-03', 'America/Mexico_City', now)).toBeNull();
  });
});

describe('the rule’s twelve months (680.116(b)(2))', () => {
  const later = new Date('2030-01-01T00:00:00Z');
  const zone = 'America/Mexico_City';
  const windowOf = (month: string): Span[] => trailingMonths(month)!.map((m) => {
    const p = monthPeriod(m, zone, later)!;
    return { start: p.start.getTime(), end: p.end.getTime() };
  });
  const at = (iso: string) => Date.parse(iso);
  const whole = (periods: Span[]): Span => ({ start: periods[0]!.start, end: periods[periods.length - 1]!.end });

  it('is the twelve months ending with the month asked for, across the turn of the year', () => {
    expect(trailingMonths('2025-03')).toEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
    expect(trailingMonths('2025-12')![0]).toBe('2025-01');
    expect(monthsBefore('2025-01', 1)).toBe('2024-12');
    expect(trailingMonths('2025-13')).toBeNull();
  });

  it('has the rule’s 525,600 minutes in a common year and 527,040 in a window holding 29 February', () => {
    const common = windowOf('2025-03');
    const leap = windowOf('2024-02');
    const allUp = (periods: Span[]) => twelveMonthUptime(portUptimeByPeriod({ upSpans: [whole(periods)], outageSpans: [], exclusions: [], closed: [] }, periods));
    expect(allUp(common)).toMatchObject({ monthsWithData: 12, totalMinutes: 525_600, uptimePct: 100 });
    expect(allUp(leap)).toMatchObject({ monthsWithData: 12, totalMinutes: 527_040, uptimePct: 100 });
    // A day out of order on 29 February 2024 weighs over the leap year's minutes.
    const leapDay = { start: at('2024-02-29T06:00:00Z'), end: at('2024-03-01T06:00:00Z') };
    const r = twelveMonthUptime(portUptimeByPeriod({ upSpans: subtractSpans([whole(leap)], [leapDay]), outageSpans: [leapDay], exclusions: [], closed: [] }, leap));
    expect(r.outageMinutes).toBe(1440);
    expect(r.uptimePct).toBeCloseTo(((527_040 - 1440) / 527_040) * 100, 10);
  });

  it('judges a port that started mid-year on its months with data, and leaves months without data out (not 100 %)', () => {
    const periods = windowOf('2025-03');
    // First heard at local midnight on 16 December 2024: 16 days of December, then three whole months.
    const started = { start: at('2024-12-16T06:00:00Z'), end: whole(periods).end };
    const outage = { start: at('2025-01-10T06:00:00Z'), end: at('2025-01-12T06:00:00Z') };
    const byMonth = portUptimeByPeriod({ upSpans: subtractSpans([started], [outage]), outageSpans: [outage], exclusions: [], closed: [] }, periods);
    expect(byMonth.map((m) => m.uptimePct === null)).toEqual([true, true, true, true, true, true, true, true, false, false, false, false]);
    const r = twelveMonthUptime(byMonth);
    const minutes = (16 + 31 + 28 + 31) * 1440;
    expect(r).toMatchObject({ monthsWithData: 4, totalMinutes: minutes, outageMinutes: 2880 });
    expect(r.uptimePct).toBeCloseTo(((minutes - 2880) / minutes) * 100, 10);
    // A window without any data has no figure.
    expect(twelveMonthUptime(portUptimeByPeriod({ upSpans: [], outageSpans: [], exclusions: [], closed: [] }, periods))).toMatchObject({ monthsWithData: 0, totalMinutes: 0, uptimePct: null, availabilityPct: null });
  });

  it('is the same formula as over the whole window at once: exclusions and closed hours across a month boundary count once', () => {
    const periods = windowOf('2025-03');
    const w = whole(periods);
    // Out of order from 28 February 20:00 to 1 March 08:00 (local), half of it in maintenance, the night closed.
    const outage = { start: at('2025-03-01T02:00:00Z'), end: at('2025-03-01T14:00:00Z') };
    const input = {
      upSpans: subtractSpans([w], [outage]),
      outageSpans: [outage],
      exclusions: [{ id: 'm', reason: 'scheduled_maintenance' as const, start: at('2025-03-01T08:00:00Z'), end: at('2025-03-02T00:00:00Z') }],
      closed: [{ start: at('2025-03-01T04:00:00Z'), end: at('2025-03-01T12:00:00Z') }],
    };
    const byMonth = portUptimeByPeriod(input, periods);
    expect(byMonth[10]!.outageMinutes).toBe(240); // February's part
    expect(byMonth[11]!.appliedExclusions).toEqual([expect.objectContaining({ id: 'm', appliedMinutes: 360 })]);
    expect(byMonth[10]!.appliedExclusions).toEqual([]);
    const { appliedExclusions: _x, ...once } = portUptime({ ...input, upMs: spansMs(input.upSpans) });
    const { monthsWithData, ...twelve } = twelveMonthUptime(byMonth);
    expect(monthsWithData).toBe(12);
    expect(twelve).toEqual(once);
    expect(twelve).toMatchObject({ outageMinutes: 720, excludedMinutes: 600, outsideHoursMinutes: 480 });
  });
});

describe('time zones', () => {
  it('follows the state, with the border strip and Bahía de Banderas apart', () => {
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '09', cvegeo: '09015', usStateAbbr: null })).toEqual({ timeZone: 'America/Mexico_City', assumed: false });
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '02', cvegeo: '02004', usStateAbbr: null }).timeZone).toBe('America/Tijuana');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '26', cvegeo: '26030', usStateAbbr: null }).timeZone).toBe('America/Hermosillo');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '23', cvegeo: '23005', usStateAbbr: null }).timeZone).toBe('America/Cancun');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '08', cvegeo: '08037', usStateAbbr: null }).timeZone).toBe('America/Ciudad_Juarez');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '28', cvegeo: '28032', usStateAbbr: null }).timeZone).toBe('America/Matamoros');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '18', cvegeo: '18020', usStateAbbr: null }).timeZone).toBe('America/Mexico_City');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: '18', cvegeo: '18017', usStateAbbr: null }).timeZone).toBe('America/Mazatlan');
    expect(timeZoneOf({ countryCode: 'US', cveEnt: null, cvegeo: null, usStateAbbr: 'TX' }).timeZone).toBe('America/Chicago');
    expect(timeZoneOf({ countryCode: 'MX', cveEnt: null, cvegeo: null, usStateAbbr: null })).toEqual({ timeZone: 'America/Mexico_City', assumed: true });
  });
});

describe('hours of operation', () => {
  const march = monthPeriod('2026-03', 'America/Tijuana', new Date('2030-01-01T00:00:00Z'))!;
  const period = { start: march.start.getTime(), end: march.end.getTime() };
  const daily = (begin: string, end: string) => ({ twentyfourseven: false, regular_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, period_begin: begin, period_end: end })) });

  it('closes nothing for 24/7, and counts undeclared or unreadable hours as unknown (nothing excused)', () => {
    expect(closedSpans({ twentyfourseven: true }, 'America/Tijuana', period)).toEqual({ spans: [], known: true });
    expect(closedSpans(null, 'America/Tijuana', period)).toEqual({ spans: [], known: false });
    expect(closedSpans({ twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '8am', period_end: '20:00' }] }, 'America/Tijuana', period).known).toBe(false);
  });

  it('places local hours in UTC across the change to daylight saving time', () => {
    const { spans } = closedSpans(daily('08:00', '20:00'), 'America/Tijuana', period);
    // 12 closed hours a day, one less on 8 March (clocks go forward at 02:00).
    expect(spans.reduce((s, x) => s + x.end - x.start, 0) / hour).toBe(31 * 12 - 1);
    const opensOn = (day: number) => spans.find((s) => new Date(s.end).getUTCDate() === day)!.end;
    expect(new Date(opensOn(7)).toISOString()).toBe('2026-03-07T16:00:00.000Z'); // 08:00 PST
    expect(new Date(opensOn(9)).toISOString()).toBe('2026-03-09T15:00:00.000Z'); // 08:00 PDT
  });

  it('handles weekdays (1 = Monday), periods past midnight, exceptional openings and closings', () => {
    // Open Monday 22:00 to Tuesday 02:00 only. 2 March 2026 is a Monday.
    const night = closedSpans({ twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '22:00', period_end: '02:00' }] }, 'America/Tijuana', period);
    const open = subtractSpans([period], night.spans);
    expect(new Date(open[0]!.start).toISOString()).toBe('2026-03-03T06:00:00.000Z');
    expect(new Date(open[0]!.end).toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(open).toHaveLength(5); // five Mondays in March 2026
    const exceptional = closedSpans({
      twentyfourseven: true,
      exceptional_closings: [{ period_begin: '2026-03-10T00:00:00Z', period_end: '2026-03-10T06:00:00Z' }],
    }, 'America/Tijuana', period);
    expect(exceptional.spans).toEqual([{ start: Date.parse('2026-03-10T00:00:00Z'), end: Date.parse('2026-03-10T06:00:00Z') }]);
    const opened = closedSpans({ ...daily('08:00', '20:00'), exceptional_openings: [{ period_begin: '2026-03-20T04:00:00Z', period_end: '2026-03-20T15:00:00Z' }] }, 'America/Tijuana', period);
    expect(intersectSpans(opened.spans, [{ start: Date.parse('2026-03-20T04:00:00Z'), end: Date.parse('2026-03-20T15:00:00Z') }])).toEqual([]);
  });
});
