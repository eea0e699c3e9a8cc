// Latency of the sync API under load (autocannon): the status endpoint (GET /api/syncs/{id}) and the
// start endpoint (POST /api/course-runs/{runId}/sessions/sync). Starts use dry runs of run ids SSG
// does not know, one per request, so every start is accepted (no 409 from the one-sync-per-run rule)
// and nothing is written; their orchestrations run in the background, which is part of the load.
import autocannon, { type Result } from "autocannon";

export interface LatencyResult {
  endpoint: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface LatencyOptions {
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}

function summarize(endpoint: string, result: Result): LatencyResult {
  return {
    endpoint,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export async function benchStatusLatency(options: LatencyOptions & { syncId: string }): Promise<LatencyResult> {
  const result = await autocannon({
    url: `${options.url}/api/syncs/${options.syncId}`,
    connections: options.connections,
    duration: options.seconds,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  return summarize("GET /api/syncs/{id}", result);
}

export async function benchStartLatency(options: LatencyOptions): Promise<LatencyResult> {
  let next = 900_000_000;
  const body = JSON.stringify({ courseReferenceNumber: "TGS-2020000703", uen: "T16LL0001A", dryRun: true });
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers },
        body,
        setupRequest: (request) => {
          next += 1;
          return { ...request, path: `/api/course-runs/${next}/sessions/sync` };
        },
      },
    ],
  });
  return summarize("POST /api/course-runs/{runId}/sessions/sync", result);
}
