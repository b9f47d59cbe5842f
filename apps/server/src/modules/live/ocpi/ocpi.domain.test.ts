import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applyPush, envelope, ocpiErrorOf, pageHeaders, pageQuery, reportedStatusChanges, schemaProblems, tokenCandidates, tokenHeader, withLiveStatus,
} from './ocpi.domain.js';
import { validators, type OcpiLocation } from './ocpi.schemas.js';

/** The OCPI 2.2.1 specification's Location examples the census keeps (see charging/import/fixtures/ocpi/SOURCE.md). */
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../charging/import/fixtures/ocpi');
const example = (name: string) => JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as OcpiLocation;
const gentZuid = () => example('location_example');

describe('OCPI object schemas', () => {
  it('accept every Location example of the specification', () => {
    for (const name of fs.readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
      const location = JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
      expect(validators.Location.Check(location), `${name}: ${schemaProblems(validators.Location.Errors(location), 'Location')}`).toBe(true);
    }
  });

  it('name what is wrong, with the path to it', () => {
    const bad = gentZuid() as unknown as Record<string, unknown>;
    (bad.evses as Array<Record<string, unknown>>)[1]!.status = 'BROKEN';
    delete bad.time_zone;
    bad.colour = 'green';
    expect(validators.Location.Check(bad)).toBe(false);
    const message = schemaProblems(validators.Location.Errors(bad), 'Location');
    expect(message).toContain('evses[1].status must be one of AVAILABLE, BLOCKED');
    expect(message).toContain('time_zone');
    expect(message).toContain('fields OCPI 2.2.1 does not define: colour');
  });

  it('require last_updated in a PATCH and nothing else', () => {
    expect(validators.EvsePatch.Check({ status: 'CHARGING', last_updated: '2019-06-24T12:39:09Z' })).toBe(true);
    expect(validators.EvsePatch.Check({ status: 'CHARGING' })).toBe(false);
    expect(validators.LocationPatch.Check({ name: 'Gent Zuid 2', last_updated: '2019-06-24T12:39:09' })).toBe(true);
  });
});

describe('credentials tokens in the Authorization header', () => {
  it('read the Base64 form OCPI 2.2.1 requires, and the raw form of older platforms', () => {
    expect(tokenCandidates(tokenHeader('example-token'))).toEqual(['example-token', 'ZXhhbXBsZS10b2tlbg==']);
    expect(tokenCandidates('Token ebf3b399-779f-4497-9b9d-ac6ad3cc44d2')).toEqual(['ebf3b399-779f-4497-9b9d-ac6ad3cc44d2']);
    // The specification's own example encodes a trailing newline.
    expect(tokenCandidates('Token ZXhhbXBsZS10b2tlbgo=')[0]).toBe('example-token');
    expect(tokenCandidates(undefined)).toEqual([]);
    expect(tokenCandidates('Bearer abc')).toEqual([]);
  });
});

describe('the OCPI edge', () => {
  it('answers OCPI layer problems with HTTP 200 and the OCPI status, transport problems with HTTP errors', () => {
    expect(ocpiErrorOf('OCPI.INVALID_OBJECT')).toEqual({ statusCode: 2001, httpStatus: 200 });
    expect(ocpiErrorOf('OCPI.UNAUTHENTICATED')).toEqual({ statusCode: 2000, httpStatus: 401 });
    expect(ocpiErrorOf('OCPI.UNKNOWN_LOCATION')).toEqual({ statusCode: 2003, httpStatus: 404 });
    expect(ocpiErrorOf('OCPI.ALREADY_REGISTERED').httpStatus).toBe(405);
    expect(ocpiErrorOf('OCPI.PEER_UNREACHABLE')).toEqual({ statusCode: 3001, httpStatus: 200 });
    expect(envelope([1], 1000, undefined, new Date('2024-01-01T00:00:00Z'))).toEqual({ data: [1], status_code: 1000, status_message: 'Success', timestamp: '2024-01-01T00:00:00.000Z' });
  });
});

describe('applying a push to the Location as received', () => {
  const statusPatch = { status: 'CHARGING', last_updated: '2019-06-24T12:39:09Z' };

  it('PATCHes an EVSE and moves the Location\'s last_updated forward', () => {
    const outcome = applyPush(gentZuid(), 'PATCH', { evseUid: '3256' }, statusPatch);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.location.evses![0]).toMatchObject({ uid: '3256', status: 'CHARGING', evse_id: 'BE*BEC*E041503001', last_updated: '2019-06-24T12:39:09Z' });
    expect(outcome.location.last_updated).toBe('2019-06-24T12:39:09Z');
    expect(outcome.changed).toEqual({ before: { status: 'AVAILABLE', last_updated: '2015-06-28T08:12:01Z' }, after: statusPatch });
  });

  it('keeps the stored object when the push is older than it (a late delivery)', () => {
    const outcome = applyPush(gentZuid(), 'PATCH', { evseUid: '3256' }, { status: 'OUTOFORDER', last_updated: '2015-01-01T00:00:00Z' });
    expect(outcome).toMatchObject({ ok: true, stale: true });
    if (outcome.ok) expect(outcome.location.evses![0]!.status).toBe('AVAILABLE');
  });

  it('adds a new Connector to its EVSE and updates both parents', () => {
    const connector = { id: '3', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 920, max_amperage: 200, max_electric_power: 150000, last_updated: '2020-01-01T00:00:00Z' };
    const outcome = applyPush(gentZuid(), 'PUT', { evseUid: '3257', connectorId: '3' }, connector);
    expect(outcome).toMatchObject({ ok: true, created: true });
    if (!outcome.ok) return;
    expect(outcome.location.evses![1]!.connectors.map((c) => c.id)).toEqual(['1', '3']);
    expect(outcome.location.evses![1]!.last_updated).toBe('2020-01-01T00:00:00Z');
    expect(outcome.location.last_updated).toBe('2020-01-01T00:00:00Z');
  });

  it('refuses children of what it does not know, and PATCHes of unknown objects', () => {
    expect(applyPush(null, 'PUT', { evseUid: '1' }, statusPatch)).toMatchObject({ ok: false, reason: 'unknown_location' });
    expect(applyPush(null, 'PATCH', {}, { name: 'x', last_updated: '2020-01-01T00:00:00Z' })).toMatchObject({ ok: false, reason: 'unknown_location' });
    expect(applyPush(gentZuid(), 'PATCH', { evseUid: '9999' }, statusPatch)).toMatchObject({ ok: false, reason: 'unknown_evse' });
    expect(applyPush(gentZuid(), 'PATCH', { evseUid: '3256', connectorId: '9' }, { max_amperage: 32, last_updated: '2020-01-01T00:00:00Z' })).toMatchObject({ ok: false, reason: 'unknown_connector' });
  });
});

describe('status changes a push reports', () => {
  it('are every EVSE of a new Location, then only statuses that differ from the last report', () => {
    const location = gentZuid();
    expect(reportedStatusChanges(null, {}, location as unknown as Record<string, unknown>)).toEqual([
      { evseUid: '3256', status: 'AVAILABLE', occurredAt: new Date('2015-06-28T08:12:01Z') },
      { evseUid: '3257', status: 'RESERVED', occurredAt: new Date('2015-06-29T20:39:09Z') },
    ]);
    expect(reportedStatusChanges(location, {}, location as unknown as Record<string, unknown>)).toEqual([]);
    // A DateTime without zone designator is UTC.
    const evsePatch = reportedStatusChanges(location, { evseUid: '3257' }, { status: 'AVAILABLE', last_updated: '2019-01-01T10:00:00' });
    expect(evsePatch).toEqual([{ evseUid: '3257', status: 'AVAILABLE', occurredAt: new Date('2019-01-01T10:00:00Z') }]);
    expect(reportedStatusChanges(location, { evseUid: '3257', connectorId: '1' }, { max_amperage: 32, last_updated: '2019-01-01T10:00:00Z' })).toEqual([]);
  });
});

describe('sender pagination', () => {
  it('reads offset, limit (capped) and the date window, and refuses what is not', () => {
    expect(pageQuery({})).toEqual({ offset: 0, limit: 100, dateFrom: null, dateTo: null });
    expect(pageQuery({ offset: '50', limit: '5000', date_from: '2019-01-28T12:00:00' })).toEqual({ offset: 50, limit: 1000, dateFrom: new Date('2019-01-28T12:00:00Z'), dateTo: null });
    expect(pageQuery({ offset: '-1' })).toContain('offset');
    expect(pageQuery({ date_to: 'yesterday' })).toContain('date_to');
  });

  it('links the next page with the request\'s filters, and not from the last page', () => {
    const query = { date_from: '2016-01-01T00:00:00Z', limit: '2' };
    const page = pageQuery(query);
    if (typeof page === 'string') throw new Error(page);
    expect(pageHeaders('https://e.mx/ocpi/2.2.1/locations', query, page, 5)).toEqual({
      'X-Total-Count': '5', 'X-Limit': '2',
      Link: '<https://e.mx/ocpi/2.2.1/locations?date_from=2016-01-01T00%3A00%3A00Z&offset=2&limit=2>; rel="next"',
    });
    expect(pageHeaders('https://e.mx/l', {}, { offset: 4, limit: 2, dateFrom: null, dateTo: null }, 5).Link).toBeUndefined();
  });
});

describe('what the sender serves', () => {
  it('carries each EVSE\'s live status and moves last_updated to the latest change', () => {
    const shaped = {
      id: 'x', last_updated: '2024-01-01T00:00:00.000Z',
      evses: [{ uid: 'A', status: 'UNKNOWN', last_updated: '2024-01-01T00:00:00.000Z' }, { uid: 'B', status: 'PLANNED', last_updated: '2024-01-01T00:00:00.000Z' }],
    };
    const served = withLiveStatus(shaped, new Map([['A', { status: 'CHARGING' as const, receivedAt: new Date('2024-02-01T10:00:00Z') }]]));
    expect(served.evses).toEqual([
      { uid: 'A', status: 'CHARGING', last_updated: '2024-02-01T10:00:00.000Z' },
      { uid: 'B', status: 'PLANNED', last_updated: '2024-01-01T00:00:00.000Z' },
    ]);
    expect(served.last_updated).toBe('2024-02-01T10:00:00.000Z');
  });
});
