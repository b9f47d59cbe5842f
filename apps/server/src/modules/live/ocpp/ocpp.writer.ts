import diagnostics from 'node:diagnostics_channel';
import type { OcppProtocol, PortReport } from './ocpp.domain.js';
import { statusChangeOf } from './ocpp.domain.js';
import type { BatchRows, OcppRepository, SessionUpdateRow, SessionUpsertRow } from './ocpp.repository.js';

/** What one OCPP message changes. Every message is a sign of life (`seenAt`) unless it is a disconnect. */
export interface OcppWrite {
  chargePointId: string;
  /** When the charge point was heard from; null for a disconnect. */
  seenAt: Date | null;
  connected: boolean;
  boot?: { protocol: OcppProtocol; vendor: string; model: string; serialNumber: string | null; firmwareVersion: string | null; bootAt: Date };
  ports?: Array<{ report: PortReport; locationId: string | null; evseUid: string | null }>;
  /** A session to create or extend. With `allocateTransactionId` (OCPP 1.6 StartTransaction) its id is assigned here. */
  session?: Omit<SessionUpsertRow, 'transaction_id'> & { transaction_id: string | null };
  allocateTransactionId?: boolean;
  sessionUpdate?: SessionUpdateRow;
}

export interface WriteResult {
  /** OCPP 1.6 StartTransaction: the transactionId the CSMS assigned. */
  transactionId: number | null;
}

/** The database did not store the write; the charge point should send it again. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/**
 * Every flush is published here as a {@link FlushEvent}: benchmarks and profilers subscribe;
 * with no subscriber it costs nothing.
 */
export const flushChannel = diagnostics.channel('electrifica:ocpp:flush');

export interface FlushEvent {
  /** Messages in the flush. */
  writes: number;
  /** How long the oldest of them waited before the flush began, ms. */
  queuedMs: number;
  durationMs: number;
  ok: boolean;
}

interface Pending {
  write: OcppWrite;
  queuedAt: number;
  resolve: (result: WriteResult) => void;
  reject: (error: Error) => void;
}

/** OCPP 1.6 transactionIds drawn from the sequence at a time. */
const transactionIdBlock = 100;

export interface WriterOptions {
  repository: Pick<OcppRepository, 'writeBatch' | 'allocateTransactionIds'>;
  /** How long the first queued write waits for company, ms. */
  flushIntervalMs: number;
  /** Writes per transaction at most. */
  maxBatch?: number;
  /** Beyond this many waiting writes (the database is slow or down) new ones are refused at once. */
  maxQueued?: number;
  onFlush?: (event: FlushEvent & { error?: unknown }) => void;
}

/**
 * Group commit. Handlers submit what a message changes and wait; a flusher writes every
 * queued change at once, usually in one set-based statement for the lot, and only
 * then resolves the handlers, which answer the charge point. Nothing is acknowledged
 * that was not stored: when the flush fails, every write in it is rejected with
 * {@link StorageUnavailableError} and the charge points are told to retry.
 *
 * One flush at a time: while the database works, the next batch gathers, so batches
 * grow with load instead of transactions multiplying.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly maxBatch: number;
  private readonly maxQueued: number;
  private readonly spareTransactionIds: number[] = [];

  constructor(private readonly options: WriterOptions) {
    this.maxBatch = options.maxBatch ?? 2000;
    this.maxQueued = options.maxQueued ?? 50_000;
  }

  get queued(): number {
    return this.queue.length;
  }

  submit(write: OcppWrite): Promise<WriteResult> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new StorageUnavailableError('Storage is saturated; send the message again later.'));
    }
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ write, queuedAt: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued so far (used at shutdown and by tests). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.flushNow();
    }
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    if (this.queue.length >= this.maxBatch || this.options.flushIntervalMs === 0) {
      this.timer = setTimeout(() => void this.flushNow(), 0);
    } else {
      this.timer = setTimeout(() => void this.flushNow(), this.options.flushIntervalMs);
    }
  }

  private flushNow(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing || this.queue.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.queue.splice(0, this.maxBatch);
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
      // What arrived meanwhile has already waited one transaction: write it now.
      if (this.queue.length > 0) this.timer = setTimeout(() => void this.flushNow(), 0);
    });
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    const started = performance.now();
    let results: WriteResult[];
    try {
      const allocating = batch.filter((p) => p.write.allocateTransactionId);
      const ids = await this.transactionIds(allocating.length);
      const assigned = new Map(allocating.map((p, i) => [p, ids[i]!]));
      await this.options.repository.writeBatch(batchRows(batch.map((p) => ({ write: p.write, transactionId: assigned.get(p) ?? null }))));
      results = batch.map((p) => ({ transactionId: assigned.get(p) ?? null }));
    } catch (error) {
      this.report(batch, started, { error });
      const failure = new StorageUnavailableError('Storage is unavailable; the message was not stored. Send it again.', { cause: error });
      for (const p of batch) p.reject(failure);
      return;
    }
    this.report(batch, started);
    batch.forEach((p, i) => p.resolve(results[i]!));
  }

  /**
   * OCPP 1.6 transactionIds, drawn from the sequence in blocks so that a flush rarely needs a
   * round trip for them. Ids of a flush that fails, or left when the process stops, are never
   * used: transactionIds must be unique, not contiguous.
   */
  private async transactionIds(count: number): Promise<number[]> {
    if (count === 0) return [];
    if (this.spareTransactionIds.length < count) {
      const more = await this.options.repository.allocateTransactionIds(Math.max(count - this.spareTransactionIds.length, transactionIdBlock));
      this.spareTransactionIds.push(...more);
    }
    return this.spareTransactionIds.splice(0, count);
  }

  /** To the owner's `onFlush` (metrics, logs) and to the diagnostics channel. */
  private report(batch: Pending[], started: number, failure?: { error: unknown }): void {
    const event: FlushEvent = { writes: batch.length, queuedMs: started - batch[0]!.queuedAt, durationMs: performance.now() - started, ok: !failure };
    this.options.onFlush?.(failure ? { ...event, error: failure.error } : event);
    if (flushChannel.hasSubscribers) flushChannel.publish(event);
  }
}

/** Splits rows so that no key appears twice in one round, keeping each key's order. */
function rounds<T>(rows: T[], key: (row: T) => string): T[][] {
  const out: T[][] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push(row);
  }
  return out;
}

/**
 * Folds a batch of writes into the rows of the set-based statements: presence and boots
 * coalesced per charge point (the latest wins), every port report and history entry kept.
 */
export function batchRows(writes: Array<{ write: OcppWrite; transactionId: number | null }>): BatchRows {
  const presence = new Map<string, { id: string; seen_at: string | null; connected: boolean }>();
  const boots = new Map<string, BatchRows['boots'][number]>();
  const ports: BatchRows['ports'] = [];
  const changes: BatchRows['changes'] = [];
  const upserts: SessionUpsertRow[] = [];
  const updates: SessionUpdateRow[] = [];
  for (const { write: w, transactionId } of writes) {
    const prior = presence.get(w.chargePointId);
    const seen = w.seenAt?.toISOString() ?? null;
    presence.set(w.chargePointId, {
      id: w.chargePointId,
      seen_at: prior?.seen_at && (!seen || prior.seen_at > seen) ? prior.seen_at : seen,
      connected: w.connected,
    });
    if (w.boot) {
      boots.set(w.chargePointId, {
        id: w.chargePointId, protocol: w.boot.protocol, vendor: w.boot.vendor, model: w.boot.model,
        serial_number: w.boot.serialNumber, firmware_version: w.boot.firmwareVersion, boot_at: w.boot.bootAt.toISOString(),
      });
    }
    for (const p of w.ports ?? []) {
      ports.push({
        charge_point_id: w.chargePointId, ocpp_evse_id: p.report.ocppEvseId, ocpp_connector_id: p.report.ocppConnectorId,
        location_id: p.locationId, evse_uid: p.evseUid, status: p.report.status, protocol_status: p.report.protocolStatus,
        error_code: p.report.errorCode, status_at: p.report.occurredAt.toISOString(),
      });
      changes.push(statusChangeOf(p.report, w.chargePointId, p.locationId, p.evseUid));
    }
    if (w.session) {
      const id = w.session.transaction_id ?? (transactionId === null ? null : String(transactionId));
      if (id !== null) upserts.push({ ...w.session, transaction_id: id });
    }
    if (w.sessionUpdate) updates.push(w.sessionUpdate);
  }
  const sessionKey = (r: { charge_point_id: string; transaction_id: string }) => `${r.charge_point_id}/${r.transaction_id}`;
  return {
    presence: [...presence.values()],
    boots: [...boots.values()],
    ports,
    changes,
    sessionUpserts: rounds(upserts, sessionKey),
    sessionUpdates: rounds(updates, sessionKey),
  };
}
