/**
 * What a simulated charge point says, in OCPP 1.6 and 2.0.1 payloads that validate against
 * the official JSON schemas (the load generator checks one of each against them at start).
 * Pure: times and random numbers come in as arguments.
 *
 * Each connector lives through cycles of a few steps, one CALL each, sent only after the
 * previous one was answered (OCPP-J allows one outstanding CALL per direction):
 *  - a charging session: plugged in, transaction started, charging, a meter reading,
 *    transaction stopped, finishing, available again;
 *  - a vehicle plugged in and taken away without charging;
 *  - a fault (with an error code) and recovery;
 *  - the operator taking the connector out of service and back.
 */
import type { OcppVersion } from './frames.js';

export type Step =
  | { kind: 'status'; status: string; errorCode?: string }
  | { kind: 'start' }
  | { kind: 'meter' }
  | { kind: 'stop' };

export interface ConnectorState {
  /** OCPP 1.6: the connectorId; OCPP 2.0.1: the evseId. */
  evseId: number;
  /** OCPP 2.0.1: the connectorId within the EVSE; OCPP 1.6: 0 (the port key the CSMS uses). */
  connectorId: number;
  /** The status last sent, in the protocol's words. */
  status: string;
  /** Steps left in the current cycle. */
  plan: Step[];
  transactionId: string | number | null;
  /** The energy register, Wh. */
  meterWh: number;
  /** OCPP 2.0.1 TransactionEvent sequence number, per transaction. */
  seqNo: number;
}

export interface Call {
  action: string;
  payload: Record<string, unknown>;
  /** Set on StatusNotification: the status it reports and when, for the storage check. */
  status?: { protocolStatus: string; timestamp: string };
}

/** Shares of the cycle kinds; the rest of the probability goes to out-of-service cycles. */
export const cycleShares = { session: 0.3, plugOnly: 0.5, fault: 0.1 } as const;

const faultCodes16 = ['GroundFailure', 'OverCurrentFailure', 'PowerMeterFailure', 'EVCommunicationError', 'HighTemperature', 'InternalError'];

export function newConnector(version: OcppVersion, index: number): ConnectorState {
  return version === 'ocpp1.6'
    ? { evseId: index + 1, connectorId: 0, status: 'Available', plan: [], transactionId: null, meterWh: 0, seqNo: 0 }
    : { evseId: index + 1, connectorId: 1, status: 'Available', plan: [], transactionId: null, meterWh: 0, seqNo: 0 };
}

/** The steps of one cycle; `r` is uniform in [0, 1). */
export function planCycle(version: OcppVersion, r: number): Step[] {
  const v16 = version === 'ocpp1.6';
  const occupied = v16 ? 'Preparing' : 'Occupied';
  if (r < cycleShares.session) {
    return v16
      ? [{ kind: 'status', status: occupied }, { kind: 'start' }, { kind: 'status', status: 'Charging' }, { kind: 'meter' }, { kind: 'stop' }, { kind: 'status', status: 'Finishing' }, { kind: 'status', status: 'Available' }]
      : [{ kind: 'status', status: occupied }, { kind: 'start' }, { kind: 'meter' }, { kind: 'stop' }, { kind: 'status', status: 'Available' }];
  }
  if (r < cycleShares.session + cycleShares.plugOnly) return [{ kind: 'status', status: occupied }, { kind: 'status', status: 'Available' }];
  if (r < cycleShares.session + cycleShares.plugOnly + cycleShares.fault) {
    const code = faultCodes16[Math.floor(((r - cycleShares.session - cycleShares.plugOnly) / cycleShares.fault) * faultCodes16.length)] ?? 'OtherError';
    return [{ kind: 'status', status: 'Faulted', errorCode: code }, { kind: 'status', status: 'Available' }];
  }
  return [{ kind: 'status', status: 'Unavailable' }, { kind: 'status', status: 'Available' }];
}

export function bootNotification(version: OcppVersion, identity: string): Call {
  const vendor = 'Electrifica bench';
  const model = version === 'ocpp1.6' ? 'SYNTHETIC-16' : 'SYNTHETIC-201';
  return version === 'ocpp1.6'
    ? { action: 'BootNotification', payload: { chargePointVendor: vendor, chargePointModel: model, chargePointSerialNumber: identity.slice(0, 25), firmwareVersion: '1.0.0' } }
    : { action: 'BootNotification', payload: { reason: 'PowerUp', chargingStation: { vendorName: vendor, model, serialNumber: identity.slice(0, 25), firmwareVersion: '1.0.0' } } };
}

export const heartbeat: Call = { action: 'Heartbeat', payload: {} };

export function statusNotification(version: OcppVersion, c: ConnectorState, status: string, timestamp: string, errorCode?: string): Call {
  const payload = version === 'ocpp1.6'
    ? { connectorId: c.evseId, errorCode: errorCode ?? 'NoError', status, timestamp }
    : { timestamp, connectorStatus: status, evseId: c.evseId, connectorId: c.connectorId };
  return { action: 'StatusNotification', payload, status: { protocolStatus: status, timestamp } };
}

/** An id tag of the synthetic fleet: at most 20 characters (OCPP 1.6 IdToken). */
export const idTagOf = (identity: string) => `SYN${identity.replace(/[^A-Za-z0-9]/g, '').slice(-17)}`;

/**
 * The CALL for a transaction step. OCPP 1.6 uses StartTransaction/MeterValues/StopTransaction
 * (the transactionId is the CSMS's, from StartTransaction.conf); OCPP 2.0.1 uses
 * TransactionEvent Started/Updated/Ended with the charger's own transactionId.
 */
export function transactionCall(version: OcppVersion, step: 'start' | 'meter' | 'stop', c: ConnectorState, idTag: string, timestamp: string, newTransactionId: () => string): Call {
  const wh = Math.round(c.meterWh);
  if (version === 'ocpp1.6') {
    switch (step) {
      case 'start':
        return { action: 'StartTransaction', payload: { connectorId: c.evseId, idTag, meterStart: wh, timestamp } };
      case 'meter':
        return {
          action: 'MeterValues',
          payload: {
            connectorId: c.evseId,
            ...(typeof c.transactionId === 'number' ? { transactionId: c.transactionId } : {}),
            meterValue: [{ timestamp, sampledValue: [{ value: String(wh), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
          },
        };
      case 'stop':
        // A StopTransaction without a transactionId cannot be sent; -1 is what chargers send when the start was never confirmed.
        return { action: 'StopTransaction', payload: { transactionId: typeof c.transactionId === 'number' ? c.transactionId : -1, idTag, meterStop: wh, timestamp, reason: 'EVDisconnected' } };
    }
  }
  const sampled = (context: string) => [{ timestamp, sampledValue: [{ value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }] }];
  switch (step) {
    case 'start':
      c.transactionId = newTransactionId();
      c.seqNo = 0;
      return {
        action: 'TransactionEvent',
        payload: {
          eventType: 'Started', timestamp, triggerReason: 'Authorized', seqNo: c.seqNo++,
          transactionInfo: { transactionId: c.transactionId, chargingState: 'Charging' },
          evse: { id: c.evseId, connectorId: c.connectorId },
          idToken: { idToken: idTag, type: 'ISO14443' },
          meterValue: sampled('Transaction.Begin'),
        },
      };
    case 'meter':
      return {
        action: 'TransactionEvent',
        payload: {
          eventType: 'Updated', timestamp, triggerReason: 'MeterValuePeriodic', seqNo: c.seqNo++,
          transactionInfo: { transactionId: String(c.transactionId), chargingState: 'Charging' },
          meterValue: sampled('Sample.Periodic'),
        },
      };
    case 'stop':
      return {
        action: 'TransactionEvent',
        payload: {
          eventType: 'Ended', timestamp, triggerReason: 'EVDeparted', seqNo: c.seqNo++,
          transactionInfo: { transactionId: String(c.transactionId), chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
          meterValue: sampled('Transaction.End'),
        },
      };
  }
}

/**
 * A timestamp for the next message of one charge point: the wall clock, but always at least
 * 1 ms after the previous one, so each status of a charge point has its own instant (the
 * storage check finds each acknowledged status by charge point and time).
 */
export function nextTimestamp(previousMs: number, nowMs: number): number {
  return Math.max(nowMs, previousMs + 1);
}
