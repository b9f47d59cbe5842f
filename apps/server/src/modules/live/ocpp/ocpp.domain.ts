/**
 * OCPP rules of the CSMS that need no socket and no database: identities and passwords,
 * which census EVSE an OCPP EVSE/connector is, energy readings, the per-connection rate
 * limit, boot and authorisation answers. Pure; the server and the writer apply them.
 */
import type { EvseStatus, StatusChange } from '../status.domain.js';
import { fromOcpp16, fromOcpp201, type Ocpp16Status, type Ocpp201Status } from '../status.domain.js';

export type OcppProtocol = 'ocpp1.6' | 'ocpp2.0.1';
/** In order of preference when a charge point offers both. */
export const ocppProtocols: readonly OcppProtocol[] = ['ocpp2.0.1', 'ocpp1.6'];

/** One value per protocol version, made the same way for each. */
export function perProtocol<T>(make: (protocol: OcppProtocol) => T): Record<OcppProtocol, T> {
  return Object.fromEntries(ocppProtocols.map((p) => [p, make(p)])) as Record<OcppProtocol, T>;
}

/** The calls a charge point may make that the CSMS answers; anything else is NotSupported (or NotImplemented when the version does not define it). */
export const handledActions = {
  'ocpp1.6': ['Authorize', 'BootNotification', 'Heartbeat', 'MeterValues', 'StartTransaction', 'StatusNotification', 'StopTransaction'],
  'ocpp2.0.1': ['Authorize', 'BootNotification', 'Heartbeat', 'MeterValues', 'StatusNotification', 'TransactionEvent'],
} as const satisfies Record<OcppProtocol, readonly string[]>;

export type RegistrationStatus = 'accepted' | 'pending' | 'rejected';

/**
 * OCPP 2.0.1 identifierString (the charset OCPP-J 1.6 and 2.0.1 allow in the connection
 * URL), at most 48 characters: the charge point identity the operator provisions.
 */
const identityPattern = /^[A-Za-z0-9*\-_=:+|@.]{1,48}$/;

export function identityProblem(identity: string): string | null {
  if (identity.length < 1 || identity.length > 48) return 'An identity has 1 to 48 characters.';
  if (!identityPattern.test(identity)) return 'An identity uses only letters A–Z, digits and * - _ = : + | @ .';
  return null;
}

/**
 * Basic-auth passwords (security profiles 1 and 2): OCPP 2.0.1 BasicAuthPassword is 16 to
 * 40 characters, as is OCPP 1.6's AuthorizationKey written as text. Printable ASCII, so it
 * can be typed into a charge point's configuration and the web form alike.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 16 || password.length > 40) return 'A charge point password has 16 to 40 characters.';
  if (!/^[\x21-\x7e]+$/.test(password)) return 'A charge point password uses printable ASCII characters without spaces.';
  return null;
}

/** How the operator says an OCPP EVSE/connector is a census EVSE. */
export interface PortMapping {
  ocppEvseId: number;
  /** OCPP 2.0.1: a connector within the EVSE; null means every connector of it. OCPP 1.6: null. */
  ocppConnectorId: number | null;
  evseUid: string;
}

/**
 * A location's EVSE uids in the order an implicit mapping counts them: by length, then
 * alphabetically, so that EVSE-10 follows EVSE-9 (the order the registration pages show).
 */
export function evseOrder(evseUids: readonly string[]): string[] {
  return [...evseUids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The census EVSE an OCPP report is about, or null when it is about none (connector 0 in
 * OCPP 1.6 is the whole charge point; EVSE 0 in 2.0.1 likewise).
 *
 * An explicit mapping wins and is complete: a port it does not list maps to nothing.
 * Without one, OCPP 1.6 connector n and OCPP 2.0.1 EVSE n are the location's n-th EVSE in
 * {@link evseOrder}.
 */
export function resolveEvseUid(
  portMap: readonly PortMapping[],
  orderedEvseUids: readonly string[],
  ocppEvseId: number,
  ocppConnectorId: number | null,
): string | null {
  if (ocppEvseId < 1) return null;
  if (portMap.length > 0) {
    const exact = portMap.find((p) => p.ocppEvseId === ocppEvseId && p.ocppConnectorId !== null && p.ocppConnectorId === ocppConnectorId);
    const whole = portMap.find((p) => p.ocppEvseId === ocppEvseId && p.ocppConnectorId === null);
    return (exact ?? whole)?.evseUid ?? null;
  }
  return orderedEvseUids[ocppEvseId - 1] ?? null;
}

/** Problems of a declared port mapping against the location's EVSEs (empty when fine). */
export function portMapProblems(portMap: readonly PortMapping[], evseUids: readonly string[] | null): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  portMap.forEach((p, i) => {
    const key = `${p.ocppEvseId}/${p.ocppConnectorId ?? '*'}`;
    if (seen.has(key)) problems.push({ path: `/ports/${i}`, message: `OCPP EVSE ${p.ocppEvseId}${p.ocppConnectorId === null ? '' : ` connector ${p.ocppConnectorId}`} is mapped twice` });
    seen.add(key);
    if (evseUids === null) problems.push({ path: `/ports/${i}`, message: 'A port mapping needs a locationId' });
    else if (!evseUids.includes(p.evseUid)) problems.push({ path: `/ports/${i}/evseUid`, message: `The location has no EVSE ${p.evseUid}` });
  });
  return problems;
}

/** The registration status a BootNotification answers with (OCPP spells it capitalised). */
export function bootStatus(status: RegistrationStatus): 'Accepted' | 'Pending' | 'Rejected' {
  return status === 'accepted' ? 'Accepted' : status === 'pending' ? 'Pending' : 'Rejected';
}

export type IdTokenStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';

/** An operator's id token as stored, or undefined when the operator has none by that value: Invalid. */
export function idTokenStatus(token: { status: IdTokenStatus; expires_at: Date | null } | undefined, now: Date): IdTokenStatus {
  if (!token) return 'Invalid';
  if (token.status === 'Accepted' && token.expires_at && new Date(token.expires_at).getTime() <= now.getTime()) return 'Expired';
  return token.status;
}

/** The moment a charge point last heard from at `lastSeenAt` counts as offline. */
export function offlineSince(lastSeenAt: Date, offlineAfterS: number): Date {
  return new Date(lastSeenAt.getTime() + offlineAfterS * 1000);
}

// ---- energy -------------------------------------------------------------------------

const energyRegister = 'Energy.Active.Import.Register';

/** Wh per unit, for the units OCPP uses for active energy; anything else is not an energy reading. */
const whPerUnit: Record<string, number> = { wh: 1, kwh: 1000 };

/** OCPP 1.6 MeterValue (values are decimal strings; unit defaults to Wh; measurand to the import register). */
export interface MeterValue16 {
  timestamp: string;
  sampledValue: Array<{ value: string; measurand?: string; unit?: string; phase?: string }>;
}
/** OCPP 2.0.1 MeterValueType (values are numbers; unit defaults to Wh, scaled by 10^multiplier). */
export interface MeterValue201 {
  timestamp: string;
  sampledValue: Array<{ value: number; measurand?: string; phase?: string; unitOfMeasure?: { unit?: string; multiplier?: number } }>;
}

/**
 * The latest total reading of the active energy import register, in Wh, or null when the
 * values hold none. Per-phase values are not the total and are skipped; a unit other than
 * Wh or kWh is not energy and is skipped rather than guessed.
 */
export function energyRegisterWh(meterValues: ReadonlyArray<MeterValue16 | MeterValue201> | undefined): { wh: number; at: Date } | null {
  let best: { wh: number; at: Date } | null = null;
  for (const mv of meterValues ?? []) {
    const at = new Date(mv.timestamp);
    if (Number.isNaN(at.getTime())) continue;
    for (const sv of mv.sampledValue) {
      if ((sv.measurand ?? energyRegister) !== energyRegister || sv.phase) continue;
      let wh: number;
      if (typeof sv.value === 'number') {
        const unit = (('unitOfMeasure' in sv ? sv.unitOfMeasure?.unit : undefined) ?? 'Wh').toLowerCase();
        const multiplier = ('unitOfMeasure' in sv ? sv.unitOfMeasure?.multiplier : undefined) ?? 0;
        if (!(unit in whPerUnit)) continue;
        wh = sv.value * 10 ** multiplier * whPerUnit[unit]!;
      } else {
        const unit = (('unit' in sv ? sv.unit : undefined) ?? 'Wh').toLowerCase();
        const value = Number(sv.value);
        if (!(unit in whPerUnit) || sv.value.trim() === '' || !Number.isFinite(value)) continue;
        wh = value * whPerUnit[unit]!;
      }
      if (!best || at.getTime() >= best.at.getTime()) best = { wh, at };
    }
  }
  return best;
}

// ---- status -------------------------------------------------------------------------

/** What a StatusNotification says about one OCPP port, mapped onto the census vocabulary. */
export interface PortReport {
  ocppEvseId: number;
  ocppConnectorId: number;
  status: EvseStatus;
  protocolStatus: string;
  errorCode: string | null;
  info: string | null;
  occurredAt: Date;
}

/**
 * OCPP 1.6 StatusNotification: per connectorId (0 = the charge point itself). The error
 * code is kept unless it is NoError; a vendor error code rides along in `info`.
 */
export function portReport16(p: { connectorId: number; status: Ocpp16Status; errorCode: string; info?: string; vendorErrorCode?: string; timestamp?: string }, receivedAt: Date): PortReport {
  const info = [p.info, p.vendorErrorCode ? `vendor error ${p.vendorErrorCode}` : null].filter(Boolean).join('; ') || null;
  return {
    ocppEvseId: p.connectorId,
    ocppConnectorId: 0,
    status: fromOcpp16(p.status),
    protocolStatus: p.status,
    errorCode: p.errorCode === 'NoError' ? null : p.errorCode,
    info,
    occurredAt: p.timestamp ? new Date(p.timestamp) : receivedAt,
  };
}

/** OCPP 2.0.1 StatusNotification: per evseId and connectorId. */
export function portReport201(p: { evseId: number; connectorId: number; connectorStatus: Ocpp201Status; timestamp: string }): PortReport {
  return {
    ocppEvseId: p.evseId,
    ocppConnectorId: p.connectorId,
    status: fromOcpp201(p.connectorStatus),
    protocolStatus: p.connectorStatus,
    errorCode: null,
    info: null,
    occurredAt: new Date(p.timestamp),
  };
}

/** The history entry of a port report: on the census EVSE when mapped, on the charge point always. */
export function statusChangeOf(report: PortReport, chargePointId: string, locationId: string | null, evseUid: string | null): StatusChange {
  const mapped = locationId !== null && evseUid !== null;
  return {
    locationId: mapped ? locationId : null,
    evseUid: mapped ? evseUid : null,
    chargePointId,
    ocppEvseId: report.ocppEvseId,
    ocppConnectorId: report.ocppConnectorId,
    status: report.status,
    protocolStatus: report.protocolStatus,
    errorCode: report.errorCode,
    info: report.info,
    source: 'ocpp',
    occurredAt: report.occurredAt,
  };
}

// ---- rate limit ---------------------------------------------------------------------

/**
 * A token bucket per connection: `perMinute` messages of burst, refilled continuously at
 * `perMinute` a minute. Two numbers per connection.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(private readonly perMinute: number, now: number) {
    this.tokens = perMinute;
    this.at = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.at) * this.perMinute) / 60_000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
