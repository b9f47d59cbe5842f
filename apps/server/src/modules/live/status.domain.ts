/**
 * Live status vocabulary. The census keeps the status of each EVSE (a "port" in NEVI
 * terms) in the OCPI 2.2.1 EVSE status vocabulary; OCPP statuses are mapped onto it and
 * kept alongside as the protocol named them.
 */
import type { EvseStatusValue, StatusSourceValue } from '../../platform/db/schema.js';

export type EvseStatus = EvseStatusValue;
export type StatusSource = StatusSourceValue;

export const evseStatuses: readonly EvseStatus[] = ['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN'];
export const statusSources: readonly StatusSource[] = ['ocpp', 'ocpi', 'manual', 'system'];

/** What the public map and location pages show. */
export type PublicStatus = 'available' | 'occupied' | 'out_of_service' | 'unknown';

export function publicStatus(status: EvseStatus | null | undefined): PublicStatus {
  switch (status) {
    case 'AVAILABLE':
      return 'available';
    case 'CHARGING':
    case 'BLOCKED':
    case 'RESERVED':
      return 'occupied';
    case 'INOPERATIVE':
    case 'OUTOFORDER':
    case 'PLANNED':
    case 'REMOVED':
      return 'out_of_service';
    default:
      return 'unknown';
  }
}

/** OCPP 1.6 ChargePointStatus (StatusNotification.status). */
export const ocpp16Statuses = ['Available', 'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'] as const;
export type Ocpp16Status = (typeof ocpp16Statuses)[number];

/**
 * OCPP 1.6 → OCPI. A connector that is preparing, charging, suspended or finishing has a
 * vehicle on it: CHARGING in OCPI's terms (the mapping the OCPI 2.2.1 specification and
 * common OCPP-to-OCPI bridges use). Unavailable is a deliberate state (INOPERATIVE);
 * Faulted is broken (OUTOFORDER).
 */
export function fromOcpp16(status: Ocpp16Status): EvseStatus {
  switch (status) {
    case 'Available':
      return 'AVAILABLE';
    case 'Preparing':
    case 'Charging':
    case 'SuspendedEVSE':
    case 'SuspendedEV':
    case 'Finishing':
      return 'CHARGING';
    case 'Reserved':
      return 'RESERVED';
    case 'Unavailable':
      return 'INOPERATIVE';
    case 'Faulted':
      return 'OUTOFORDER';
  }
}

/** OCPP 2.0.1 ConnectorStatusEnumType (StatusNotification.connectorStatus). */
export const ocpp201Statuses = ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'] as const;
export type Ocpp201Status = (typeof ocpp201Statuses)[number];

export function fromOcpp201(status: Ocpp201Status): EvseStatus {
  switch (status) {
    case 'Available':
      return 'AVAILABLE';
    case 'Occupied':
      return 'CHARGING';
    case 'Reserved':
      return 'RESERVED';
    case 'Unavailable':
      return 'INOPERATIVE';
    case 'Faulted':
      return 'OUTOFORDER';
  }
}

/**
 * One status change from any source. A change reported by a charge point that is not
 * (yet) linked to a census EVSE has no location: it is kept in the history of the charge
 * point and applied to the census once the link exists.
 */
export interface StatusChange {
  locationId: string | null;
  evseUid: string | null;
  chargePointId?: string | null;
  ocppEvseId?: number | null;
  ocppConnectorId?: number | null;
  status: EvseStatus;
  protocolStatus?: string | null;
  errorCode?: string | null;
  info?: string | null;
  source: StatusSource;
  /** When the change happened, as the source reports it. */
  occurredAt: Date;
}
