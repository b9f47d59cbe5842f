import type * as V16 from './generated/ocpp16.js';
import type * as V201 from './generated/ocpp201.js';
import {
  bootStatus, energyRegisterWh, evseOrder, idTokenStatus, portReport16, portReport201, resolveEvseUid,
  type IdTokenStatus, type OcppProtocol, type PortReport,
} from './ocpp.domain.js';
import type { ChargePointRecord, OcppRepository } from './ocpp.repository.js';
import type { GroupCommitWriter, OcppWrite } from './ocpp.writer.js';

/** A charge point as a connection sees it: its record plus the implicit EVSE order. */
export interface ChargePointView extends ChargePointRecord {
  orderedEvseUids: string[];
}

export interface HandlerContext {
  writer: Pick<GroupCommitWriter, 'submit'>;
  repository: Pick<OcppRepository, 'idToken'>;
  heartbeatIntervalS: number;
  now: () => Date;
}

type Handler = (cp: ChargePointView, params: never) => Promise<object>;

/** Where a report about OCPP EVSE/connector lands: the charge point's location and census EVSE, when mapped. */
function place(cp: ChargePointView, ocppEvseId: number, ocppConnectorId: number | null) {
  const evseUid = cp.locationId ? resolveEvseUid(cp.portMap, cp.orderedEvseUids, ocppEvseId, ocppConnectorId) : null;
  return { locationId: evseUid ? cp.locationId : null, evseUid };
}

const seen = (cp: ChargePointView, at: Date): OcppWrite => ({ chargePointId: cp.id, seenAt: at, connected: true });

/**
 * The CSMS side of each call a charge point makes, per protocol version. Payloads arrive
 * already validated against the official schemas (by the transport); every handler
 * resolves only after what the message changed is committed.
 */
export function createHandlers(ctx: HandlerContext): Record<OcppProtocol, Record<string, Handler>> {
  async function tokenStatus(cp: ChargePointView, idToken: string): Promise<IdTokenStatus> {
    // A charge point held as pending belongs to no operator and so accepts no one.
    if (!cp.operatorOrganisationId) return 'Invalid';
    return idTokenStatus(await ctx.repository.idToken(cp.operatorOrganisationId, idToken), ctx.now());
  }

  const heartbeat = async (cp: ChargePointView) => {
    const now = ctx.now();
    await ctx.writer.submit(seen(cp, now));
    return { currentTime: now.toISOString() } satisfies V16.HeartbeatResponse & V201.HeartbeatResponse;
  };

  const status = async (cp: ChargePointView, report: PortReport, now: Date) => {
    const at = place(cp, report.ocppEvseId, report.ocppConnectorId === 0 ? null : report.ocppConnectorId);
    await ctx.writer.submit({ ...seen(cp, now), ports: [{ report, ...at }] });
    return {};
  };

  const boot = async (cp: ChargePointView, protocol: OcppProtocol, station: { vendor: string; model: string; serialNumber: string | null; firmwareVersion: string | null }) => {
    const now = ctx.now();
    await ctx.writer.submit({ ...seen(cp, now), boot: { protocol, ...station, bootAt: now } });
    // The heartbeat interval when accepted; when pending or rejected, how long to wait before booting again.
    return { status: bootStatus(cp.registrationStatus), currentTime: now.toISOString(), interval: ctx.heartbeatIntervalS };
  };

  const v16: Record<string, Handler> = {
    BootNotification: (cp, p: V16.BootNotificationRequest): Promise<V16.BootNotificationResponse> =>
      boot(cp, 'ocpp1.6', {
        vendor: p.chargePointVendor, model: p.chargePointModel,
        serialNumber: p.chargePointSerialNumber ?? p.chargeBoxSerialNumber ?? null, firmwareVersion: p.firmwareVersion ?? null,
      }),
    Heartbeat: heartbeat,
    StatusNotification: (cp, p: V16.StatusNotificationRequest): Promise<V16.StatusNotificationResponse> => {
      const now = ctx.now();
      return status(cp, portReport16(p, now), now);
    },
    MeterValues: async (cp, p: V16.MeterValuesRequest): Promise<V16.MeterValuesResponse> => {
      const now = ctx.now();
      // Readings outside a transaction say nothing about a session; they only show the charge point is alive.
      const reading = p.transactionId === undefined ? null : energyRegisterWh(p.meterValue);
      await ctx.writer.submit({
        ...seen(cp, now),
        ...(reading && p.transactionId !== undefined
          ? { sessionUpdate: { charge_point_id: cp.id, transaction_id: String(p.transactionId), meter_last_wh: reading.wh, stopped_at: null, stop_reason: null } }
          : {}),
      });
      return {};
    },
    Authorize: async (cp, p: V16.AuthorizeRequest): Promise<V16.AuthorizeResponse> => {
      const result = await tokenStatus(cp, p.idTag);
      await ctx.writer.submit(seen(cp, ctx.now()));
      return { idTagInfo: { status: result } };
    },
    StartTransaction: async (cp, p: V16.StartTransactionRequest): Promise<V16.StartTransactionResponse> => {
      const result = await tokenStatus(cp, p.idTag);
      const at = place(cp, p.connectorId, null);
      // Recorded whatever the token's status: the charge point started it, and will stop it if not accepted.
      const { transactionId } = await ctx.writer.submit({
        ...seen(cp, ctx.now()),
        allocateTransactionId: true,
        session: {
          charge_point_id: cp.id, transaction_id: null, ocpp_evse_id: p.connectorId, ocpp_connector_id: 0,
          location_id: at.locationId, evse_uid: at.evseUid, id_token: p.idTag, started_at: p.timestamp, stopped_at: null,
          meter_start_wh: p.meterStart, meter_last_wh: p.meterStart, stop_reason: null,
        },
      });
      return { transactionId: transactionId!, idTagInfo: { status: result } };
    },
    StopTransaction: async (cp, p: V16.StopTransactionRequest): Promise<V16.StopTransactionResponse> => {
      const reading = energyRegisterWh(p.transactionData);
      const meterLastWh = Math.max(p.meterStop, reading?.wh ?? -Infinity);
      const result = p.idTag ? await tokenStatus(cp, p.idTag) : null;
      await ctx.writer.submit({
        ...seen(cp, ctx.now()),
        // OCPP 1.6: an absent reason means Local.
        sessionUpdate: { charge_point_id: cp.id, transaction_id: String(p.transactionId), meter_last_wh: meterLastWh, stopped_at: p.timestamp, stop_reason: p.reason ?? 'Local' },
      });
      return result ? { idTagInfo: { status: result } } : {};
    },
  };

  const v201: Record<string, Handler> = {
    BootNotification: (cp, p: V201.BootNotificationRequest): Promise<V201.BootNotificationResponse> =>
      boot(cp, 'ocpp2.0.1', {
        vendor: p.chargingStation.vendorName, model: p.chargingStation.model,
        serialNumber: p.chargingStation.serialNumber ?? null, firmwareVersion: p.chargingStation.firmwareVersion ?? null,
      }),
    Heartbeat: heartbeat,
    StatusNotification: (cp, p: V201.StatusNotificationRequest): Promise<V201.StatusNotificationResponse> => status(cp, portReport201(p), ctx.now()),
    MeterValues: async (cp, _p: V201.MeterValuesRequest): Promise<V201.MeterValuesResponse> => {
      // 2.0.1 sends a transaction's readings in TransactionEvent; MeterValues are outside any session.
      await ctx.writer.submit(seen(cp, ctx.now()));
      return {};
    },
    Authorize: async (cp, p: V201.AuthorizeRequest): Promise<V201.AuthorizeResponse> => {
      const result = p.idToken.type === 'NoAuthorization' ? 'Accepted' : await tokenStatus(cp, p.idToken.idToken);
      await ctx.writer.submit(seen(cp, ctx.now()));
      return { idTokenInfo: { status: result } };
    },
    TransactionEvent: async (cp, p: V201.TransactionEventRequest): Promise<V201.TransactionEventResponse> => {
      const token = p.idToken && p.idToken.type !== 'NoAuthorization' ? p.idToken.idToken : null;
      const result = p.idToken ? (token === null ? 'Accepted' : await tokenStatus(cp, token)) : null;
      const at = p.evse ? place(cp, p.evse.id, p.evse.connectorId ?? null) : { locationId: null, evseUid: null };
      const reading = energyRegisterWh(p.meterValue);
      const ended = p.eventType === 'Ended';
      await ctx.writer.submit({
        ...seen(cp, ctx.now()),
        session: {
          charge_point_id: cp.id, transaction_id: p.transactionInfo.transactionId, ocpp_evse_id: p.evse?.id ?? null,
          ocpp_connector_id: p.evse?.connectorId ?? null, location_id: at.locationId, evse_uid: at.evseUid, id_token: token,
          // Until the Started event arrives (events may come out of order), the earliest event seen stands for the start.
          started_at: p.timestamp, stopped_at: ended ? p.timestamp : null,
          meter_start_wh: reading?.wh ?? null, meter_last_wh: reading?.wh ?? null,
          stop_reason: ended ? (p.transactionInfo.stoppedReason ?? 'Local') : null,
        },
      });
      return result ? { idTokenInfo: { status: result } } : {};
    },
  };

  return { 'ocpp1.6': v16, 'ocpp2.0.1': v201 };
}

/** The view of a record a connection works with. */
export function viewOf(record: ChargePointRecord): ChargePointView {
  return { ...record, orderedEvseUids: evseOrder(record.locationEvseUids) };
}
