/** Wire types of the live status API (v1) as the web app uses them. */

/** What the public sees of an EVSE's status. */
export const publicStatuses = ['available', 'occupied', 'out_of_service', 'unknown'] as const;
export type PublicStatus = (typeof publicStatuses)[number];

/** OCPI 2.2.1 EVSE status. */
export const evseStatuses = ['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN'] as const;
export type EvseStatus = (typeof evseStatuses)[number];

export type StatusSource = 'ocpp' | 'ocpi' | 'manual' | 'system';

export interface LiveStatus {
  status: EvseStatus;
  publicStatus: PublicStatus;
  /** When the status began, as the source reported it. */
  statusAt: string;
  receivedAt: string;
  source: StatusSource;
}

export interface LiveStatusSummary {
  counts: Record<PublicStatus, number>;
  evsesReporting: number;
  newestStatusAt: string | null;
}

export interface OfflineChargePoint {
  id: string;
  identity: string;
  operatorOrganisationId: string | null;
  operatorName: string | null;
  locationId: string | null;
  locationName: string | null;
  cveEnt: string | null;
  stateName: string | null;
  connected: boolean;
  lastSeenAt: string | null;
  offlineSince: string;
  offlineMinutes: number;
}

export interface FaultedPort {
  locationId: string;
  locationName: string;
  evseUid: string;
  operatorOrganisationId: string | null;
  operatorName: string | null;
  cveEnt: string | null;
  stateName: string | null;
  status: EvseStatus;
  publicStatus: PublicStatus;
  since: string;
  minutes: number;
  lastReportAt: string;
  source: StatusSource;
  protocolStatus: string | null;
  errorCode: string | null;
  info: string | null;
}

export interface Maintenance {
  offlineForMinutes: number;
  asOf: string;
  chargePoints: OfflineChargePoint[];
  ports: FaultedPort[];
}

export interface StateStatusRow {
  /** INEGI state code; null outside every Mexican state; MX for the national row. */
  code: string | null;
  name: string | null;
  ports: number;
  portsReporting: number;
  counts: Record<PublicStatus, number>;
  outOfServiceShare: number | null;
  newestStatusAt: string | null;
}

export interface StatusByState {
  items: StateStatusRow[];
  national: StateStatusRow;
  method: string;
  asOf: string;
}

export type RegistrationStatus = 'accepted' | 'pending' | 'rejected';

export interface ChargePointPort {
  ocppEvseId: number;
  ocppConnectorId: number;
  evseUid: string | null;
  status: string | null;
  protocolStatus: string | null;
  errorCode: string | null;
  statusAt: string | null;
}

export interface ChargePoint {
  id: string;
  identity: string;
  operatorOrganisationId: string | null;
  operatorName: string | null;
  locationId: string | null;
  locationName: string | null;
  registrationStatus: RegistrationStatus;
  ocppVersion: string | null;
  vendor: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  connected: boolean;
  lastSeenAt: string | null;
  offlineSince: string | null;
  ports: ChargePointPort[];
}

export interface ChargePointPage {
  items: ChargePoint[];
  total: number;
}

export interface NewChargePoint {
  identity: string;
  password: string;
  operatorOrganisationId: string;
  locationId?: string;
}
