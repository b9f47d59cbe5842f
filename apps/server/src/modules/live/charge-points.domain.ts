/**
 * Charge point provisioning: who may see and change a charge point, what a request may
 * declare, and the shape the API and the web page read. Pure.
 */
import { canEditOrganisation, type Principal } from '../accounts/accounts.domain.js';
import type { EvseStatus } from './status.domain.js';
import type { OcppProtocol, PortMapping, RegistrationStatus } from './ocpp/ocpp.domain.js';
import { identityProblem, passwordProblem, portMapProblems } from './ocpp/ocpp.domain.js';
import { isoTimestamp as iso } from '../../platform/time.js';

export const registrationStatuses: readonly RegistrationStatus[] = ['accepted', 'pending', 'rejected'];

/** One port of a charge point: what it reported (status) and which census EVSE it is. */
export interface ChargePointPort {
  ocppEvseId: number;
  ocppConnectorId: number | null;
  evseUid: string | null;
  status: EvseStatus | null;
  protocolStatus: string | null;
  errorCode: string | null;
  statusAt: string | null;
}

/** The API's and web page's charge point. */
export interface ChargePointItem {
  id: string;
  identity: string;
  operatorOrganisationId: string | null;
  operatorName: string | null;
  locationId: string | null;
  locationName: string | null;
  registrationStatus: RegistrationStatus;
  ocppVersion: OcppProtocol | null;
  vendor: string | null;
  model: string | null;
  serialNumber: string | null;
  firmwareVersion: string | null;
  connected: boolean;
  lastSeenAt: string | null;
  offlineSince: string | null;
  ports: ChargePointPort[];
  /** The declared mapping (empty: implicit, EVSE n is the location's n-th EVSE). */
  portMap: PortMapping[];
  createdAt: string;
  updatedAt: string;
}

export interface ChargePointRowWithNames {
  id: string;
  identity: string;
  operator_organisation_id: string | null;
  operator_name: string | null;
  location_id: string | null;
  location_name: string | null;
  registration_status: RegistrationStatus;
  ocpp_version: OcppProtocol | null;
  vendor: string | null;
  model: string | null;
  serial_number: string | null;
  firmware_version: string | null;
  connected: boolean;
  last_seen_at: Date | string | null;
  offline_since: Date | string | null;
  port_map: unknown;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface PortRow {
  charge_point_id: string;
  ocpp_evse_id: number;
  ocpp_connector_id: number;
  evse_uid: string | null;
  status: EvseStatus;
  protocol_status: string | null;
  error_code: string | null;
  status_at: Date | string;
}

export const parsePortMap = (raw: unknown): PortMapping[] => (typeof raw === 'string' ? JSON.parse(raw) : raw ?? []) as PortMapping[];

/**
 * Reported ports first (in OCPP order), then declared mappings that have not reported
 * yet, so an operator sees both what the charger says and what it was told to be.
 */
export function toItem(row: ChargePointRowWithNames, ports: PortRow[]): ChargePointItem {
  const portMap = parsePortMap(row.port_map);
  const reported: ChargePointPort[] = [...ports]
    .sort((a, b) => a.ocpp_evse_id - b.ocpp_evse_id || a.ocpp_connector_id - b.ocpp_connector_id)
    .map((p) => ({
      ocppEvseId: p.ocpp_evse_id, ocppConnectorId: p.ocpp_connector_id, evseUid: p.evse_uid, status: p.status,
      protocolStatus: p.protocol_status, errorCode: p.error_code, statusAt: iso(p.status_at),
    }));
  const declared: ChargePointPort[] = portMap
    .filter((m) => !ports.some((p) => p.ocpp_evse_id === m.ocppEvseId && (m.ocppConnectorId === null || p.ocpp_connector_id === m.ocppConnectorId)))
    .map((m) => ({ ocppEvseId: m.ocppEvseId, ocppConnectorId: m.ocppConnectorId, evseUid: m.evseUid, status: null, protocolStatus: null, errorCode: null, statusAt: null }));
  return {
    id: row.id,
    identity: row.identity,
    operatorOrganisationId: row.operator_organisation_id,
    operatorName: row.operator_name,
    locationId: row.location_id,
    locationName: row.location_name,
    registrationStatus: row.registration_status,
    ocppVersion: row.ocpp_version,
    vendor: row.vendor,
    model: row.model,
    serialNumber: row.serial_number,
    firmwareVersion: row.firmware_version,
    connected: row.connected,
    lastSeenAt: iso(row.last_seen_at),
    offlineSince: iso(row.offline_since),
    ports: [...reported, ...declared],
    portMap,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** Editors of the operator organisation and admins manage a charge point; a pending one has no operator, so only admins. */
export function mayManage(principal: Principal, operatorOrganisationId: string | null): boolean {
  if (principal.role === 'admin') return true;
  return operatorOrganisationId !== null && canEditOrganisation(principal, operatorOrganisationId);
}

/** Problems of the fields a create or update declares (empty when fine). */
export function provisioningProblems(input: { identity?: string; password?: string | null; ports?: PortMapping[] }, locationEvseUids: string[] | null) {
  const problems: Array<{ path: string; message: string; code: 'OCPP.INVALID_IDENTITY' | 'OCPP.WEAK_PASSWORD' | 'OCPP.INVALID_PORTS' }> = [];
  if (input.identity !== undefined) {
    const p = identityProblem(input.identity);
    if (p) problems.push({ path: '/identity', message: p, code: 'OCPP.INVALID_IDENTITY' });
  }
  if (input.password !== undefined && input.password !== null) {
    const p = passwordProblem(input.password);
    if (p) problems.push({ path: '/password', message: p, code: 'OCPP.WEAK_PASSWORD' });
  }
  if (input.ports) {
    for (const p of portMapProblems(input.ports, locationEvseUids)) problems.push({ ...p, code: 'OCPP.INVALID_PORTS' });
  }
  return problems;
}

/** What the audit trail keeps of a charge point: never its password hash. */
export function auditView(item: Pick<ChargePointItem, 'identity' | 'operatorOrganisationId' | 'locationId' | 'registrationStatus' | 'portMap'>, extra: object = {}) {
  return { identity: item.identity, operatorOrganisationId: item.operatorOrganisationId, locationId: item.locationId, registrationStatus: item.registrationStatus, portMap: item.portMap, ...extra };
}
