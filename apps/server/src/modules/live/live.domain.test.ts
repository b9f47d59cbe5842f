import { describe, expect, it } from 'vitest';
import { bestStatus, share, statusesOf, summarise, toLiveStatus } from './live.domain.js';

const live = (status: Parameters<typeof toLiveStatus>[0]['status'], at: string) =>
  toLiveStatus({ status, status_at: at, received_at: at, source: 'ocpp' });

describe('live status, as read', () => {
  it('splits the OCPI vocabulary into the public groups, every status in exactly one', () => {
    expect(statusesOf('available')).toEqual(['AVAILABLE']);
    expect(statusesOf('occupied').sort()).toEqual(['BLOCKED', 'CHARGING', 'RESERVED']);
    expect(statusesOf('out_of_service').sort()).toEqual(['INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED']);
    expect(statusesOf('unknown')).toEqual(['UNKNOWN']);
  });

  it('sums a location: an EVSE that never reported counts as unknown, and the newest report is kept', () => {
    const s = summarise([
      { liveStatus: live('AVAILABLE', '2026-01-01T10:00:00.000Z') },
      { liveStatus: live('OUTOFORDER', '2026-01-01T12:00:00.000Z') },
      { liveStatus: null },
    ]);
    expect(s).toEqual({ counts: { available: 1, occupied: 0, out_of_service: 1, unknown: 1 }, evsesReporting: 2, newestStatusAt: '2026-01-01T12:00:00.000Z' });
    expect(summarise([])).toEqual({ counts: { available: 0, occupied: 0, out_of_service: 0, unknown: 0 }, evsesReporting: 0, newestStatusAt: null });
  });

  it('colours a site by the best its EVSEs offer, and not at all when none reports', () => {
    expect(bestStatus(['out_of_service', 'occupied', 'available'])).toBe('available');
    expect(bestStatus(['out_of_service', 'occupied'])).toBe('occupied');
    // One broken port and silence elsewhere: the silent ones may work.
    expect(bestStatus(['out_of_service', null])).toBe('unknown');
    expect(bestStatus(['out_of_service', 'out_of_service'])).toBe('out_of_service');
    expect(bestStatus([null, null])).toBeNull();
    expect(bestStatus([])).toBeNull();
  });

  it('gives shares only when there is something to divide', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(0, 0)).toBeNull();
  });
});
