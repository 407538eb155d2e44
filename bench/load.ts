// A closed-loop HTTP load generator on node:http. Each of N connections sends
// one request, reads the whole response, and sends the next, until the
// duration ends. Connections are kept alive by one http.Agent per run.

import http from "node:http";

export type LoadOptions = {
  url: string;
  connections: number;
  durationMs: number;
  headers?: Record<string, string>;
  /** Status every response must have; any other status counts as an error. */
  expectedStatus?: number;
};

export type LoadResult = {
  url: string;
  connections: number;
  durationMs: number;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  /** Latency percentiles of the successful requests, in milliseconds. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Responses per status code, and "network" for requests that failed or timed out. */
  outcomes: Record<string, number>;
  /** The first error seen, so that a failed run shows its cause. */
  firstError: string | null;
};

/** Returns the nearest-rank percentile of sorted values, or NaN when there are none. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

// A response slower than this counts as an error, so one stuck request cannot stall a run.
const REQUEST_TIMEOUT_MS = 30_000;

type Outcome = { status: number | "network"; latencyMs: number; error?: string };

function sendRequest(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(url, { agent, method: "GET", headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.on("data", () => {});
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, latencyMs: performance.now() - started }),
      );
      response.on("error", (error) =>
        resolve({ status: "network", latencyMs: performance.now() - started, error: error.message }),
      );
    });
    request.on("timeout", () =>
      request.destroy(new Error(`no complete response within ${REQUEST_TIMEOUT_MS / 1000} s`)),
    );
    request.on("error", (error) =>
      resolve({ status: "network", latencyMs: performance.now() - started, error: error.message }),
    );
    request.end();
  });
}

/** Raw outcome of one run, kept so that several rounds can be summarised together. */
export type LoadSample = {
  url: string;
  connections: number;
  elapsedMs: number;
  latencies: number[];
  errors: number;
  outcomes: Record<string, number>;
  firstError: string | null;
};

/** Holds `connections` keep-alive connections busy for `durationMs` and records every response. */
export async function sampleLoad(options: LoadOptions): Promise<LoadSample> {
  const { connections, durationMs, headers = {}, expectedStatus = 200 } = options;
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const sample: LoadSample = {
    url: url.pathname,
    connections,
    elapsedMs: 0,
    latencies: [],
    errors: 0,
    outcomes: {},
    firstError: null,
  };

  const started = performance.now();
  const deadline = started + durationMs;
  async function connectionLoop() {
    while (performance.now() < deadline) {
      const outcome = await sendRequest(agent, url, headers);
      const key = String(outcome.status);
      sample.outcomes[key] = (sample.outcomes[key] ?? 0) + 1;
      if (outcome.status === expectedStatus) {
        sample.latencies.push(outcome.latencyMs);
      } else {
        sample.errors += 1;
        sample.firstError ??= outcome.error ?? `HTTP ${outcome.status} from ${url.pathname}`;
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, connectionLoop));
  sample.elapsedMs = performance.now() - started;
  agent.destroy();
  return sample;
}

/** Summarises one or more samples of the same target as if they were one run. */
export function summarise(samples: LoadSample[]): LoadResult {
  if (samples.length === 0) throw new Error("summarise needs at least one sample.");
  const latencies = samples.flatMap((sample) => sample.latencies).sort((a, b) => a - b);
  const elapsedMs = samples.reduce((total, sample) => total + sample.elapsedMs, 0);
  const errors = samples.reduce((total, sample) => total + sample.errors, 0);
  const outcomes: Record<string, number> = {};
  for (const sample of samples) {
    for (const [key, count] of Object.entries(sample.outcomes)) outcomes[key] = (outcomes[key] ?? 0) + count;
  }
  return {
    url: samples[0].url,
    connections: samples[0].connections,
    durationMs: elapsedMs,
    requests: latencies.length + errors,
    errors,
    requestsPerSecond: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    outcomes,
    firstError: samples.map((sample) => sample.firstError).find((error) => error !== null) ?? null,
  };
}

/** Runs one sample and summarises it. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  return summarise([await sampleLoad(options)]);
}
