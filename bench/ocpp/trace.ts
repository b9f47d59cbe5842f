import diagnostics from 'node:diagnostics_channel';
import { PerformanceObserver } from 'node:perf_hooks';
import type { FlushEvent } from '../../apps/server/src/modules/live/ocpp/ocpp.writer.js';
import type { PhaseReport } from './protocol.js';

/**
 * What the server did during a phase, to explain its response-time tail: every group-commit
 * transaction (from the writer's diagnostics channel) and every garbage-collection pause, with
 * wall-clock times so they line up with the generator's per-second timeline.
 */
export class ServerTrace {
  private readonly flushes: Array<FlushEvent & { atMs: number }> = [];
  private readonly pauses: Array<{ atMs: number; ms: number; kind: number }> = [];
  private readonly onFlush = (message: unknown) => {
    this.flushes.push({ ...(message as FlushEvent), atMs: Date.now() });
  };
  private readonly gc = new PerformanceObserver((list) => {
    const originMs = performance.timeOrigin;
    for (const entry of list.getEntries()) {
      const kind = ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? 0;
      this.pauses.push({ atMs: originMs + entry.startTime, ms: entry.duration, kind });
    }
  });

  /** Event-loop lag, sampled every 20 ms: the longest per second. */
  private readonly lag = new Map<number, number>();
  private sampler: NodeJS.Timeout | null = null;

  start(): void {
    let expected = performance.now() + 20;
    this.sampler = setInterval(() => {
      const now = performance.now();
      const at = Math.floor((performance.timeOrigin + now) / 1000);
      this.lag.set(at, Math.max(this.lag.get(at) ?? 0, now - expected));
      expected = now + 20;
    }, 20);
    diagnostics.subscribe('electrifica:ocpp:flush', this.onFlush);
    this.gc.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    if (this.sampler) clearInterval(this.sampler);
    diagnostics.unsubscribe('electrifica:ocpp:flush', this.onFlush);
    this.gc.disconnect();
  }

  summary(report: Pick<PhaseReport, 'startedAtMs' | 'timeline'>): TraceSummary {
    const q = (xs: number[], p: number) => {
      if (xs.length === 0) return 0;
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
    };
    const durations = this.flushes.map((f) => f.durationMs);
    const waits = this.flushes.map((f) => f.queuedMs);
    const sizes = this.flushes.map((f) => f.writes);
    const gcMs = this.pauses.map((p) => p.ms);
    const second = (atMs: number) => Math.floor((atMs - report.startedAtMs) / 1000);
    const worst = [...report.timeline].filter((t) => t.s >= 0 && t.slow > 0).sort((a, b) => b.slow - a.slow).slice(0, 5).map((t) => {
      const inSecond = <T extends { atMs: number }>(xs: T[]) => xs.filter((x) => second(x.atMs) === t.s || second(x.atMs) === t.s + 1);
      const f = inSecond(this.flushes);
      const g = inSecond(this.pauses);
      const wall = Math.floor(report.startedAtMs / 1000) + t.s;
      const lagMs = Math.max(this.lag.get(wall) ?? 0, this.lag.get(wall + 1) ?? 0);
      return {
        s: t.s, sent: t.sent, slow: t.slow, maxMs: t.maxMs,
        flushes: f.length, flushMaxMs: Math.max(0, ...f.map((x) => x.durationMs)), flushMaxWrites: Math.max(0, ...f.map((x) => x.writes)),
        gcPauses: g.length, gcMaxMs: Math.max(0, ...g.map((x) => x.ms)), gcTotalMs: g.reduce((a, x) => a + x.ms, 0), lagMs,
      };
    });
    return {
      flushes: this.flushes.length,
      flushMs: { p50: q(durations, 50), p99: q(durations, 99), max: q(durations, 100) },
      flushWaitMs: { p50: q(waits, 50), p99: q(waits, 99), max: q(waits, 100) },
      writesPerFlush: { p50: q(sizes, 50), p99: q(sizes, 99), max: q(sizes, 100) },
      gc: { pauses: this.pauses.length, totalMs: gcMs.reduce((a, b) => a + b, 0), p99Ms: q(gcMs, 99), maxMs: q(gcMs, 100) },
      worstSeconds: worst,
    };
  }
}

export interface TraceSummary {
  flushes: number;
  flushMs: { p50: number; p99: number; max: number };
  flushWaitMs: { p50: number; p99: number; max: number };
  writesPerFlush: { p50: number; p99: number; max: number };
  gc: { pauses: number; totalMs: number; p99Ms: number; maxMs: number };
  /** The seconds with the most answers over 100 ms, with what the server did in them and the next second. */
  worstSeconds: Array<{ s: number; sent: number; slow: number; maxMs: number; flushes: number; flushMaxMs: number; flushMaxWrites: number; gcPauses: number; gcMaxMs: number; gcTotalMs: number; lagMs: number }>;
}

/**
 * With BENCH_OCPP_HEAP_PROFILE set: samples allocations that end their lives in a major GC
 * (objects that lived long enough to be promoted, then died: what makes major collections
 * frequent) and prints the call sites that allocate most of them.
 */
export async function withPromotedGarbageProfile<T>(run: () => Promise<T>, print: (line: string) => void): Promise<T> {
  if (!process.env.BENCH_OCPP_HEAP_PROFILE) return run();
  const inspector = await import('node:inspector/promises');
  const session = new inspector.Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false } as never);
  try {
    return await run();
  } finally {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
    const bySite = new Map<string, number>();
    const walk = (node: HeapNode, stack: string[]) => {
      const frame = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/node_modules/').pop()?.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
      const here = [...stack, frame].slice(-4);
      if (node.selfSize > 0) bySite.set(here.join(' < '), (bySite.get(here.join(' < ')) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child, here);
    };
    walk(profile.head, []);
    const total = [...bySite.values()].reduce((a, b) => a + b, 0);
    print(`  heap sampling (live at the end, or collected by a major GC): ${(total / 1024 / 1024).toFixed(1)} MB sampled`);
    for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
      print(`    ${(bytes / 1024 / 1024).toFixed(2).padStart(7)} MB  ${site.split(' < ').reverse().join(' < ')}`);
    }
    session.disconnect();
  }
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}
