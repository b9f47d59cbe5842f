/** Pacing, backoff and response-time samples of the load generator. Pure: callers pass clocks and random numbers. */
import { percentile } from '../http-load.js';

/**
 * Open-loop pacing: how many messages are due by a given time at a fixed rate, whatever the
 * server's answers. A closed loop (send the next when the last is answered) would slow down
 * with the server and hide its queueing from the response times ("coordinated omission").
 */
export class RateSchedule {
  private issued = 0;

  /**
   * @param perSecond target rate
   * @param startMs when the schedule starts, on the caller's clock
   * @param maxBurst most messages handed out by one call: after a stall (a long GC pause in
   *   the generator) the backlog is dropped instead of fired at once, and counted in `skipped`.
   */
  constructor(
    private readonly perSecond: number,
    private readonly startMs: number,
    private readonly maxBurst = Math.max(1, Math.ceil(perSecond / 4)),
  ) {}

  skipped = 0;

  /** Messages to send now so that `rate × elapsed` have been sent by `nowMs`. */
  due(nowMs: number): number {
    const target = Math.floor(((nowMs - this.startMs) * this.perSecond) / 1000);
    let n = target - this.issued;
    if (n <= 0) return 0;
    if (n > this.maxBurst) {
      this.skipped += n - this.maxBurst;
      n = this.maxBurst;
    }
    this.issued = target;
    return n;
  }
}

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): uniform in [base, min(cap, base·2^attempt)]. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, r: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return baseMs + r * Math.max(0, ceiling - baseMs);
}

/** Response times of one kind of message, kept exactly (a Float64Array that grows). */
export class Samples {
  private values = new Float64Array(1 << 12);
  count = 0;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
  }

  summary(): { count: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number } {
    const sorted = this.values.slice(0, this.count).sort();
    return {
      count: this.count,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: this.count ? sorted[this.count - 1]! : Number.NaN,
    };
  }
}
