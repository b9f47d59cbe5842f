import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/**
 * Runs one autocannon load in its own thread, so the load generator does not share an
 * event loop with the server it measures. Every response time is kept (in ms, with
 * sub-millisecond resolution) so the caller can compute exact percentiles.
 */

export interface LoadJob {
  url: string;
  /** Request paths, cycled through by all connections from one shared cursor. */
  paths: string[];
  connections: number;
  durationS: number;
}

export interface LoadOutcome {
  latenciesMs: Float64Array<ArrayBuffer>;
  statusCounts: Record<string, number>;
  durationS: number;
  errors: number;
  timeouts: number;
}

function run(job: LoadJob): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    let latencies: Float64Array<ArrayBuffer> = new Float64Array(1 << 16);
    let count = 0;
    const statusCounts: Record<string, number> = {};
    let cursor = 0;
    const next = () => job.paths[cursor++ % job.paths.length]!;
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationS,
        timeout: 30,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: next() }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        const measured = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({
          latenciesMs: latencies.slice(0, count),
          statusCounts,
          durationS: result.duration > 0 ? result.duration : measured,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = responseTimeMs;
      const key = String(statusCode);
      statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    });
  });
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadJob).then(
    (outcome) => port.postMessage({ ok: true, outcome }, [outcome.latenciesMs.buffer]),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
}
