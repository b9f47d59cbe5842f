import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import type { StatusChange } from '../status.domain.js';
import { recordStatusChanges } from '../status.repository.js';

/*
 * SYNTHETIC: every operator, location and status history here is made up for these tests.
 * The points are real places (Querétaro: central time; Tijuana: Pacific time with US
 * daylight saving time) so that local months and hours can be checked.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const password = 'caballo correcto batería';
let orgA: string;
let orgB: string;
let queretaro: string;
let tijuana: string;

const call = (method: 'GET' | 'POST', url: string, who?: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

async function user(name: string, role?: 'analyst') {
  const { principal } = await t.services.accounts.signUp({ email: `${name}@example.mx`, password, displayName: name }, null);
  if (role) {
    const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
    await t.services.accounts.setUserRole(admin, principal.userId, role);
  }
  tokens[name] = (await t.services.accounts.createApiToken(principal, 'test')).token;
  return principal;
}

const connector = { standard: 'CCS1', format: 'CABLE', powerType: 'DC', maxPowerKw: 150 };
async function register(who: string, organisationId: string, fields: Record<string, unknown>) {
  const res = await call('POST', '/api/v1/charging/registrations', who, {
    actingAs: 'operator', organisationId, access: 'public', lifecycleStatus: 'operational', ...fields,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const at = (iso: string) => new Date(iso);
const change = (locationId: string, evseUid: string, status: StatusChange['status'], iso: string): StatusChange => ({ locationId, evseUid, status, source: 'ocpp', occurredAt: at(iso) });

const minutesInMarch2025 = 31 * 1440;

beforeAll(async () => {
  t = await createTestApp();
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'test')).token;
  const opA = await user('opa');
  const opB = await user('opb');
  await user('stranger');
  await user('analyst', 'analyst');
  orgA = (await t.services.accounts.createOrganisation(opA, { name: 'Cargas del Bajío (sintética)', type: 'charge_point_operator' })).id;
  orgB = (await t.services.accounts.createOrganisation(opB, { name: 'Red Frontera (sintética)', type: 'charge_point_operator' })).id;

  queretaro = await register('opa', orgA, {
    name: 'Electrolinera Centro (sintética)', lat: 20.5888, lon: -100.3899, openingHours: { twentyfourseven: true },
    evses: [{ evseUid: 'Q-1', connectors: [connector] }, { evseUid: 'Q-2', connectors: [connector] }, { evseUid: 'Q-3', connectors: [connector] }],
  });
  tijuana = await register('opb', orgB, {
    name: 'Carga Garita (sintética)', lat: 32.5149, lon: -117.0382,
    openingHours: { twentyfourseven: false, regular_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, period_begin: '08:00', period_end: '20:00' })) },
    evses: [{ evseUid: 'T-1', connectors: [connector] }, { evseUid: 'T-2', connectors: [connector] }],
  });

  // SYNTHETIC histories for March 2025 (Querétaro: 2025-03-01T06:00Z to 2025-04-01T06:00Z).
  await recordStatusChanges(t.database.db, [
    // available since February (carried into March), out of order 12 hours on 10 March.
    change(queretaro, 'Q-1', 'AVAILABLE', '2025-02-20T10:00:00Z'),
    change(queretaro, 'Q-1', 'OUTOFORDER', '2025-03-10T06:00:00Z'),
    change(queretaro, 'Q-1', 'AVAILABLE', '2025-03-10T18:00:00Z'),
    change(queretaro, 'Q-1', 'CHARGING', '2025-03-15T12:00:00Z'),
    change(queretaro, 'Q-1', 'AVAILABLE', '2025-03-15T13:00:00Z'),
    // first heard on 16 March; silent (UNKNOWN) for the last day.
    change(queretaro, 'Q-2', 'AVAILABLE', '2025-03-16T06:00:00Z'),
    change(queretaro, 'Q-2', 'UNKNOWN', '2025-03-31T06:00:00Z'),
    // removed before March: no minutes at all.
    change(queretaro, 'Q-3', 'REMOVED', '2025-01-05T00:00:00Z'),
    // T-1: out of order 21:00 on 4 March to 09:00 on 5 March, local (PST): 11 of its 12 hours closed.
    change(tijuana, 'T-1', 'AVAILABLE', '2025-02-01T00:00:00Z'),
    change(tijuana, 'T-1', 'OUTOFORDER', '2025-03-05T05:00:00Z'),
    change(tijuana, 'T-1', 'AVAILABLE', '2025-03-05T17:00:00Z'),
    // T-2: out of order from February into March, to local midnight on 2 March.
    change(tijuana, 'T-2', 'OUTOFORDER', '2025-02-27T00:00:00Z'),
    change(tijuana, 'T-2', 'AVAILABLE', '2025-03-02T08:00:00Z'),
  ]);
  // Q-1's earlier life, for the twelve-month figure: first heard on 15 February 2024 (local
  // midnight, a leap year), out of order for 48 hours in June 2024, then available into February 2025.
  await recordStatusChanges(t.database.db, [
    change(queretaro, 'Q-1', 'AVAILABLE', '2024-02-15T06:00:00Z'),
    change(queretaro, 'Q-1', 'OUTOFORDER', '2024-06-01T06:00:00Z'),
    change(queretaro, 'Q-1', 'AVAILABLE', '2024-06-03T06:00:00Z'),
  ]);
  // A late report of an old change (kept in the history, not the present): counted in its place.
  await recordStatusChanges(t.database.db, [change(queretaro, 'Q-1', 'CHARGING', '2025-03-20T00:00:00Z'), change(queretaro, 'Q-1', 'AVAILABLE', '2025-03-20T01:00:00Z')]);
});
afterAll(async () => {
  await t?.dispose();
});

type TwelveMonths = { fromMonth: string; toMonth: string; periodStart: string; periodEnd: string; monthsWithData: number; totalMinutes: number; outageMinutes: number; excludedMinutes: number; outsideHoursMinutes: number; uptimePct: number | null; availabilityPct: number | null };
type Row = { twelveMonths: TwelveMonths; locationId: string; evseUid: string; totalMinutes: number; outageMinutes: number; excludedMinutes: number; outsideHoursMinutes: number; uptimePct: number | null; availabilityPct: number | null; timeZone: string; periodStart: string; hoursApplied: boolean; appliedExclusions: Array<{ id: string; appliedMinutes: number }> };
const report = async (query: string, who = 'analyst') => {
  const res = await call('GET', `/api/v1/live/uptime?${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const portsOf = async (who = 'analyst') => {
  const body = await report('month=2025-03&groupBy=port', who);
  return Object.fromEntries((body.items as Row[]).map((r) => [r.evseUid, r]));
};

describe('uptime per port (23 CFR 680.116(b))', () => {
  it('computes each port over its local month from the history, carrying the status in from before it', async () => {
    const ports = await portsOf();
    expect(Object.keys(ports).sort()).toEqual(['Q-1', 'Q-2', 'Q-3', 'T-1', 'T-2']);
    expect(ports['Q-1']).toMatchObject({ timeZone: 'America/Mexico_City', periodStart: '2025-03-01T06:00:00.000Z', totalMinutes: minutesInMarch2025, outageMinutes: 720, excludedMinutes: 0 });
    expect(ports['Q-1']!.uptimePct).toBeCloseTo(((minutesInMarch2025 - 720) / minutesInMarch2025) * 100, 2);
    // No data before the first report: the period is what the port reported.
    expect(ports['Q-2']).toMatchObject({ totalMinutes: 16 * 1440, outageMinutes: 1440 });
    expect(ports['Q-2']!.uptimePct).toBeCloseTo(93.75, 2);
    // A port removed all month has no figure: no data, never 100 %.
    expect(ports['Q-3']).toMatchObject({ totalMinutes: 0, uptimePct: null, availabilityPct: null });
  });

  it('excuses outage outside the hours of operation, in local time, across the month boundary and the change of clocks', async () => {
    const ports = await portsOf();
    // Tijuana's March 2025 is one hour short (daylight saving time from 9 March).
    expect(ports['T-1']).toMatchObject({ timeZone: 'America/Tijuana', periodStart: '2025-03-01T08:00:00.000Z', hoursApplied: true, totalMinutes: minutesInMarch2025 - 60 });
    expect(ports['T-1']).toMatchObject({ outageMinutes: 720, outsideHoursMinutes: 660, excludedMinutes: 660 });
    expect(ports['T-1']!.uptimePct).toBeCloseTo(((minutesInMarch2025 - 60 - 60) / (minutesInMarch2025 - 60)) * 100, 2);
    expect(ports['T-1']!.availabilityPct).toBeCloseTo(((minutesInMarch2025 - 60 - 720) / (minutesInMarch2025 - 60)) * 100, 2);
    // An outage carried in from February counts from local midnight on 1 March.
    expect(ports['T-2']).toMatchObject({ outageMinutes: 1440, outsideHoursMinutes: 720 });
  });

  it('lists the ports below 97 % over the twelve months (the rule’s threshold is annual), and says how, when and from what every figure was made', async () => {
    const body = await report('month=2025-03&groupBy=port&below=97');
    // T-2 is above 97 % in March alone, below over its twelve months (its February outage counts).
    expect(body.items.map((r: Row) => [r.evseUid, r.uptimePct! >= 97, r.twelveMonths.uptimePct! < 97])).toEqual([['Q-2', false, true], ['T-2', true, true]]);
    expect(body.method).toMatchObject({ rule: '23 CFR 680.116(b)', target: 97, page: '/disponibilidad/metodo' });
    expect(body.period).toMatchObject({ month: '2025-03', complete: true, twelveMonths: { fromMonth: '2024-04', toMonth: '2025-03', start: '2024-04-01T06:00:00.000Z', end: '2025-04-01T07:00:00.000Z' } });
    expect(body.sources).toEqual([{ source: 'ocpp', ports: 5 }]);
    expect(body.overall).toMatchObject({ ports: 4, portsWithoutData: 1, portsBelowTarget: 1, twelveMonths: { ports: 4, portsWithoutData: 1, portsBelowTarget: 2 } });
  });

  it('gives each port the twelve local months ending with the month, over the minutes with data in them', async () => {
    const ports = await portsOf();
    // heard of since before the window: all twelve months, 365 days (April 2024 to March 2025): the rule's 525,600 minutes.
    expect(ports['Q-1']!.twelveMonths).toMatchObject({
      fromMonth: '2024-04', toMonth: '2025-03', periodStart: '2024-04-01T06:00:00.000Z', periodEnd: '2025-04-01T06:00:00.000Z',
      monthsWithData: 12, totalMinutes: 525_600, outageMinutes: 2880 + 720, excludedMinutes: 0,
    });
    expect(ports['Q-1']!.twelveMonths.uptimePct).toBeCloseTo(((525_600 - 3600) / 525_600) * 100, 2);
    // first heard in the month: judged on its one month, the same figure.
    expect(ports['Q-2']!.twelveMonths).toMatchObject({ monthsWithData: 1, totalMinutes: 16 * 1440, outageMinutes: 1440, uptimePct: 93.75 });
    // removed all window: no data, never 100 %.
    expect(ports['Q-3']!.twelveMonths).toMatchObject({ monthsWithData: 0, totalMinutes: 0, uptimePct: null, availabilityPct: null });
    // T-2: from 16:00 on 26 February (PST) to the end of March (PDT): 80 hours out of order, 40 of them outside its hours.
    const t2 = ports['T-2']!.twelveMonths;
    expect(t2).toMatchObject({ monthsWithData: 2, totalMinutes: 33 * 1440 + 420, outageMinutes: 4800, outsideHoursMinutes: 2400, excludedMinutes: 2400 });
    expect(t2.uptimePct).toBeCloseTo(((33 * 1440 + 420 - 2400) / (33 * 1440 + 420)) * 100, 2);
    // Groups sum the ports' twelve-month minutes.
    const states = await report('month=2025-03&groupBy=state');
    const bc = states.items.find((r: { key: string }) => r.key === '02');
    expect(bc.twelveMonths.totalMinutes).toBeCloseTo(ports['T-1']!.twelveMonths.totalMinutes + t2.totalMinutes, 2);
    expect(bc.twelveMonths.portsBelowTarget).toBe(1);
  });

  it('judges a port that began within the window on its months with data, 29 February included', async () => {
    // June 2024: the window is July 2023 to June 2024; Q-1 was first heard on 15 February 2024.
    const body = await report('month=2024-06&groupBy=port');
    expect(body.items.map((r: Row) => r.evseUid)).toEqual(['Q-1']);
    const q1 = body.items[0] as Row;
    expect(q1).toMatchObject({ totalMinutes: 30 * 1440, outageMinutes: 2880 });
    expect(q1.twelveMonths).toMatchObject({ fromMonth: '2023-07', monthsWithData: 5, totalMinutes: (15 + 31 + 30 + 31 + 30) * 1440, outageMinutes: 2880 });
    expect(q1.twelveMonths.uptimePct).toBeCloseTo((1 - 2880 / (137 * 1440)) * 100, 2);
    // February 2025: March 2024 to February 2025, all twelve months with data, 365 days.
    const feb = (await report('month=2025-02&groupBy=port')).items.find((r: Row) => r.evseUid === 'Q-1') as Row;
    expect(feb.twelveMonths).toMatchObject({ fromMonth: '2024-03', monthsWithData: 12, totalMinutes: 525_600, outageMinutes: 2880 });
  });

  it('groups by state for everyone, and by operator and port only for analysts and the operator’s own editors', async () => {
    const states = await report('month=2025-03&groupBy=state', '');
    expect(states.items.map((r: { key: string; name: string; ports: number }) => [r.key, r.name, r.ports])).toEqual([['02', 'Baja California', 2], ['22', 'Querétaro', 2]]);
    const ops = await report('month=2025-03&groupBy=operator', 'opa');
    expect(ops.items.map((r: { key: string; name: string }) => [r.key, r.name])).toEqual([[orgA, 'Cargas del Bajío (sintética)']]);
    expect(Object.keys(await portsOf('opb')).sort()).toEqual(['T-1', 'T-2']);
    expect((await call('GET', '/api/v1/live/uptime?month=2025-03&groupBy=port')).json()).toMatchObject({ status: 401, code: 'ACCOUNTS.UNAUTHENTICATED' });
    expect((await call('GET', '/api/v1/live/uptime?month=2025-03&groupBy=operator', 'stranger')).json()).toMatchObject({ status: 403, code: 'ACCOUNTS.FORBIDDEN' });
    expect((await call('GET', `/api/v1/live/uptime?month=2025-03&groupBy=state&operator=${orgA}`)).statusCode).toBe(401);
  });

  it('filters by state and operator, refuses a month that has not begun and a malformed one', async () => {
    expect((await report('month=2025-03&groupBy=port&state=02')).items.map((r: Row) => r.evseUid)).toEqual(['T-2', 'T-1']);
    expect((await report('month=2025-03&groupBy=port&operator=cargas del bajío (sintética)')).total).toBe(3);
    expect((await call('GET', '/api/v1/live/uptime?month=2999-01&groupBy=state')).json()).toMatchObject({ status: 422, code: 'UPTIME.MONTH_NOT_STARTED' });
    // A filter that leaves no port still says whether the month has ended.
    expect((await report('month=2025-03&groupBy=state&state=31')).period).toMatchObject({ month: '2025-03', complete: true, start: null });
    expect((await call('GET', '/api/v1/live/uptime?month=2025-13&groupBy=state')).json()).toMatchObject({ status: 400, code: 'PLATFORM.VALIDATION_FAILED' });
  });

  it('downloads every table as CSV with the method in each row', async () => {
    const res = await call('GET', '/api/v1/live/uptime.csv?month=2025-03&groupBy=port&below=97', 'analyst');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['uptime_pct', 'twelve_month_uptime_pct', 'twelve_month_total_minutes', 'twelve_month_months_with_data', 'twelve_month_from']));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Q-2');
    expect(lines[2]).toContain('T-2');
    expect(lines[1]).toContain('23 CFR 680.116(b)');
    const q2 = Object.fromEntries(header.map((h, i) => [h, lines[1]!.split(',')[i]]));
    expect(q2).toMatchObject({ uptime_pct: '93.75', twelve_month_uptime_pct: '93.75', twelve_month_months_with_data: '1', twelve_month_from: '2024-04' });
    const states = (await call('GET', '/api/v1/live/uptime.csv?month=2025-03&groupBy=state')).body.trim().split('\n');
    expect(states).toHaveLength(4); // header, two states, the overall row
    expect(states[3]).toContain('all');
    expect(states[0]).toContain('twelve_month_ports_below_target');
  });
});

describe('outage exclusions', () => {
  let exclusionId: string;
  const body = (over: Record<string, unknown> = {}) => ({
    locationId: queretaro, evseUid: 'Q-1', startsAt: '2025-03-10T12:00:00Z', endsAt: '2025-03-11T00:00:00Z',
    reason: 'scheduled_maintenance', note: 'Cambio programado del módulo de potencia (sintético); orden de trabajo 123.', ...over,
  });

  it('records an exclusion for the operator’s own port, audited, and applies only its overlap with the outage', async () => {
    const res = await call('POST', '/api/v1/live/uptime/exclusions', 'opa', body());
    expect(res.statusCode, res.body).toBe(201);
    exclusionId = res.json().id;
    expect(res.json()).toMatchObject({ locationId: queretaro, evseUid: 'Q-1', reason: 'scheduled_maintenance', withdrawnAt: null, provenance: { method: 'declared by operator' } });
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_type', '=', 'charging.outage_exclusion').where('entity_id', '=', exclusionId).execute();
    expect(audit).toHaveLength(1);

    const q1 = (await portsOf())['Q-1']!;
    // The exclusion runs 12 hours, 6 of them over the outage.
    expect(q1.excludedMinutes).toBe(360);
    expect(q1.appliedExclusions).toEqual([expect.objectContaining({ id: exclusionId, appliedMinutes: 360 })]);
    expect(q1.uptimePct).toBeCloseTo(((minutesInMarch2025 - 360) / minutesInMarch2025) * 100, 2);
    expect(q1.availabilityPct).toBeCloseTo(((minutesInMarch2025 - 720) / minutesInMarch2025) * 100, 2);
    expect((await portsOf())['Q-2']!.excludedMinutes).toBe(0);
  });

  it('refuses other operators, strangers, unknown ports, reversed periods and a missing note', async () => {
    expect((await call('POST', '/api/v1/live/uptime/exclusions', 'opb', body())).json()).toMatchObject({ status: 403, code: 'UPTIME.NOT_YOUR_LOCATION' });
    expect((await call('POST', '/api/v1/live/uptime/exclusions', undefined, body())).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/live/uptime/exclusions', 'opa', body({ evseUid: 'Z-9' }))).json()).toMatchObject({ status: 404, code: 'UPTIME.PORT_NOT_FOUND' });
    expect((await call('POST', '/api/v1/live/uptime/exclusions', 'opa', body({ endsAt: '2025-03-10T11:00:00Z' }))).json()).toMatchObject({ status: 422, code: 'UPTIME.INVALID_EXCLUSION' });
    expect((await call('POST', '/api/v1/live/uptime/exclusions', 'opa', body({ note: '   ' }))).json()).toMatchObject({ status: 422, code: 'UPTIME.INVALID_EXCLUSION' });
    expect((await call('POST', '/api/v1/live/uptime/exclusions', 'opa', body({ reason: 'bad_luck' }))).statusCode).toBe(400);
  });

  it('lists exclusions for analysts and the operator’s editors; a location-wide one applies to every port', async () => {
    const wide = await call('POST', '/api/v1/live/uptime/exclusions', 'admin', body({ evseUid: null, reason: 'utility_interruption', startsAt: '2025-03-31T06:00:00Z', endsAt: '2025-03-31T18:00:00Z', note: 'Corte de CFE (sintético).' }));
    expect(wide.statusCode).toBe(201);
    expect(wide.json().provenance).toMatchObject({ method: 'manual' });
    expect((await portsOf())['Q-2']!.excludedMinutes).toBe(720);
    expect((await call('GET', '/api/v1/live/uptime/exclusions?month=2025-03', 'opa')).json().total).toBe(2);
    expect((await call('GET', '/api/v1/live/uptime/exclusions?month=2025-03', 'opb')).json().total).toBe(0);
    expect((await call('GET', '/api/v1/live/uptime/exclusions?month=2025-04', 'analyst')).json().total).toBe(0);
    expect((await call('GET', '/api/v1/live/uptime/exclusions', 'stranger')).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/live/uptime/exclusions/${exclusionId}`, 'opb')).statusCode).toBe(404);
  });

  it('withdraws an exclusion without deleting it: the report stops applying it, the record and its audit stay', async () => {
    const res = await call('POST', `/api/v1/live/uptime/exclusions/${exclusionId}/withdraw`, 'opa', { reason: 'Registrada en el puerto equivocado' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().withdrawnAt).not.toBeNull();
    expect((await portsOf())['Q-1']!.excludedMinutes).toBe(0);
    expect((await call('POST', `/api/v1/live/uptime/exclusions/${exclusionId}/withdraw`, 'opa', {})).json()).toMatchObject({ status: 409, code: 'UPTIME.EXCLUSION_WITHDRAWN' });
    const listed = (await call('GET', `/api/v1/live/uptime/exclusions?locationId=${queretaro}&includeWithdrawn=true`, 'analyst')).json();
    expect(listed.items.map((x: { id: string; withdrawnReason: string | null }) => x.withdrawnReason)).toContain('Registrada en el puerto equivocado');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', exclusionId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});
