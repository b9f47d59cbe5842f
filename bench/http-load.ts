import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadOutcome } from './load-worker.js';

export interface LoadStats {
  route: string;
  connections: number;
  durationS: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const workerUrl = new URL('./load-worker.ts', import.meta.url).href;

/**
 * Runs the load generator in a worker thread. The worker loads its TypeScript module
 * through tsx's API, since loader hooks of the main thread do not reach workers.
 */
function runInWorker(job: LoadJob): Promise<LoadOutcome> {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(workerUrl)}))`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: job });
    let settled = false;
    worker.once('message', (message: { ok: true; outcome: LoadOutcome } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.outcome);
      else reject(new Error(`load generator failed: ${message.message}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
  });
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export async function measureRoute(options: { baseUrl: string; route: string; paths: string[]; connections: number; durationS: number }): Promise<LoadStats> {
  const outcome = await runInWorker({ url: options.baseUrl, paths: options.paths, connections: options.connections, durationS: options.durationS });
  const sorted = outcome.latenciesMs.slice().sort();
  const requests = sorted.length;
  let non2xx = 0;
  for (const [code, n] of Object.entries(outcome.statusCounts)) if (!code.startsWith('2')) non2xx += n;
  return {
    route: options.route,
    connections: options.connections,
    durationS: outcome.durationS,
    requests,
    reqPerSec: requests / outcome.durationS,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    non2xx,
    errors: outcome.errors,
    timeouts: outcome.timeouts,
  };
}
