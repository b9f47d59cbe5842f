/**
 * How live status is read and shown: what a location's EVSEs add up to, which point colour
 * a location gets on the map, what the national table counts. Pure; the vocabulary itself
 * and its mapping to public groups live in `status.domain.ts`.
 */
import { evseStatuses, publicStatus, type EvseStatus, type PublicStatus, type StatusSource } from './status.domain.js';

export const publicStatuses: readonly PublicStatus[] = ['available', 'occupied', 'out_of_service', 'unknown'];

/** The OCPI statuses that make up one public group, e.g. occupied → CHARGING, BLOCKED, RESERVED. */
export function statusesOf(group: PublicStatus): EvseStatus[] {
  return evseStatuses.filter((s) => publicStatus(s) === group);
}

/** The current status of one census EVSE, as the API shows it. */
export interface LiveStatus {
  status: EvseStatus;
  publicStatus: PublicStatus;
  /** When this status began, as the source reported it. */
  statusAt: string;
  /** When Electrifica received it. */
  receivedAt: string;
  source: StatusSource;
}

export function toLiveStatus(row: { status: EvseStatus; status_at: Date | string; received_at: Date | string; source: StatusSource }): LiveStatus {
  return {
    status: row.status,
    publicStatus: publicStatus(row.status),
    statusAt: new Date(row.status_at).toISOString(),
    receivedAt: new Date(row.received_at).toISOString(),
    source: row.source,
  };
}

export interface LiveStatusSummary {
  /** EVSEs per public status; an EVSE with no status at all counts as unknown. */
  counts: Record<PublicStatus, number>;
  /** EVSEs with any reported status. */
  evsesReporting: number;
  /** The newest `statusAt` among them; null when none reports. */
  newestStatusAt: string | null;
}

/** What a location's EVSEs add up to. */
export function summarise(evses: ReadonlyArray<{ liveStatus: LiveStatus | null }>): LiveStatusSummary {
  const counts: Record<PublicStatus, number> = { available: 0, occupied: 0, out_of_service: 0, unknown: 0 };
  let newest: string | null = null;
  let reporting = 0;
  for (const e of evses) {
    counts[e.liveStatus?.publicStatus ?? 'unknown'] += 1;
    if (e.liveStatus) {
      reporting += 1;
      if (newest === null || e.liveStatus.statusAt > newest) newest = e.liveStatus.statusAt;
    }
  }
  return { counts, evsesReporting: reporting, newestStatusAt: newest };
}

/**
 * The colour of a location on the map: the best any of its EVSEs offers a driver. One
 * available port makes the site available; a site whose only news is one broken port and
 * silence elsewhere is unknown, not out of service (the silent ports may well work).
 * Null when no EVSE reports at all: the map shows "no live status", never a guess.
 */
export function bestStatus(statuses: ReadonlyArray<PublicStatus | null>): PublicStatus | null {
  if (statuses.every((s) => s === null)) return null;
  for (const candidate of ['available', 'occupied', 'unknown'] as const) {
    if (statuses.some((s) => (s ?? 'unknown') === candidate)) return candidate;
  }
  return 'out_of_service';
}

/** Share with 4 decimals, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
