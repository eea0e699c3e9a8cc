// Session sync against BESTraining's rate limit, through the whole system (simulators, Azurite,
// devhost running the built app): a first sync of a seeded run (time, share of the limit used, calls
// per session, lost items) and an unchanged re-sync (calls). Figures come from the simulators'
// request logs and state, not from the app's own counters.
import { performance } from "node:perf_hooks";
import type { LoggedRequest, SimulatorCredentials } from "../simulators/index.js";
import { compareState, expectedState } from "../test/chaos/expected-state.js";
import { generatedTargets } from "../test/chaos/scenarios.js";
import { SyncDriver, type SyncEnd } from "../test/chaos/sync-driver.js";
import { startE2eEnv, type E2eEnv } from "../test/support/e2e-env.js";

export interface FirstSyncOptions {
  sessions: number;
  /** BESTraining's per-minute limit, in the simulator and in the app's limiter alike. */
  perMinute: number;
  seed: number;
  /** Extra app settings (the security suite sets canary credentials and short deadlines). */
  settings?: Record<string, string>;
  credentials?: Partial<SimulatorCredentials>;
  /** Called just before the sync starts (the security suite injects faults here). */
  beforeStart?: (env: E2eEnv) => void;
  /** Called when the sync has ended, before the environment stops (the security suite reads it). */
  onFinished?: (env: E2eEnv, syncId: string) => Promise<void>;
}

export interface FirstSyncResult {
  sessions: number;
  seconds: number;
  sync: SyncEnd;
  /** BESTraining requests it accepted, and the ones it refused with 429. */
  tadabaseCalls: number;
  tadabase429: number;
  callsPerSession: number;
  /** Accepted requests per minute over the whole minutes the sync spanned; null under one minute. */
  requestsPerMinute: number | null;
  shareOfLimit: number | null;
  expectedLive: number;
  lost: number;
  duplicates: number;
  wrongFields: number;
}

const SYNC_TIMEOUT_MS = 30 * 60_000;
const MINUTE_MS = 60_000;

const isTadaBaseApi = (r: LoggedRequest): boolean => r.path.startsWith("/api/v1/") && r.route !== "/api/v1/status";

/**
 * Requests per minute achieved: accepted requests in the whole minutes from the first one, divided
 * by those minutes. Whole minutes because the partner's window is a minute: a burst at the start
 * of the last window would otherwise count as speed.
 */
export function acceptedPerMinute(requests: readonly LoggedRequest[]): number | null {
  const accepted = requests.filter((r) => r.status !== null && r.status !== 429).map((r) => Date.parse(r.time)).sort((a, b) => a - b);
  const first = accepted[0];
  const last = accepted.at(-1);
  if (first === undefined || last === undefined) return null;
  const minutes = Math.floor((last - first) / MINUTE_MS);
  if (minutes < 1) return null;
  return accepted.filter((t) => t < first + minutes * MINUTE_MS).length / minutes;
}

export async function benchFirstSync(options: FirstSyncOptions): Promise<FirstSyncResult> {
  const env = await startE2eEnv({
    // A child devhost per environment: the app's per-process clients and tables are made once per
    // process, so a second in-process devhost would talk to the first one's (stopped) servers.
    mode: "process",
    store: "memory",
    simulators: {
      seed: options.seed,
      dataset: { runs: 1, sessionsPerRun: options.sessions },
      tadabase: { rateLimit: { perMinute: options.perMinute, perDay: 10_000_000 } },
      ...(options.credentials ? { credentials: options.credentials } : {}),
    },
    settings: { TADABASE_REQUESTS_PER_MINUTE: String(options.perMinute), TADABASE_REQUESTS_PER_DAY: "10000000", ...options.settings },
  });
  try {
    const [target] = generatedTargets(env.sims, 1);
    if (target === undefined) throw new Error("no generated run");
    const driver = new SyncDriver(env);
    env.sims.tadabase.clearRequests();
    const started = performance.now();
    options.beforeStart?.(env);
    const syncId = await driver.start(target);
    const sync = await driver.waitForEnd(syncId, SYNC_TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    const requests = env.sims.tadabase.requests().requests.filter(isTadaBaseApi);
    const tadabase429 = requests.filter((r) => r.status === 429).length;
    const tadabaseCalls = requests.length - tadabase429;
    const perMinute = acceptedPerMinute(requests);
    const expected = expectedState(env.sims, target.runId);
    const diff = compareState(env.sims, expected);
    await options.onFinished?.(env, syncId);
    return {
      sessions: options.sessions,
      seconds,
      sync,
      tadabaseCalls,
      tadabase429,
      callsPerSession: tadabaseCalls / options.sessions,
      requestsPerMinute: perMinute,
      shareOfLimit: perMinute === null ? null : perMinute / options.perMinute,
      expectedLive: expected.sessions.size,
      lost: diff.missing,
      duplicates: diff.duplicates,
      wrongFields: diff.wrongFields,
    };
  } finally {
    await env.stop();
  }
}

export interface ResyncResult {
  sessions: number;
  sync: SyncEnd;
  /** BESTraining requests the unchanged re-sync made, reads included, and the writes among them. */
  tadabaseCalls: number;
  tadabaseWrites: number;
  ssgCalls: number;
}

/**
 * An unchanged re-sync: a first sync (unthrottled, it only sets the scene), then the same again.
 * `keep` receives the environment before it stops (the latency bench runs on it).
 */
export async function benchUnchangedResync(options: { sessions: number; seed: number }, keep?: (env: E2eEnv, runId: string, syncId: string) => Promise<void>): Promise<ResyncResult> {
  const env = await startE2eEnv({
    mode: "process",
    store: "memory",
    simulators: { seed: options.seed, dataset: { runs: 1, sessionsPerRun: options.sessions }, tadabase: { rateLimit: { perMinute: 1_000_000, perDay: 100_000_000 } } },
    settings: { TADABASE_REQUESTS_PER_MINUTE: "100000", TADABASE_REQUESTS_PER_DAY: "10000000" },
  });
  try {
    const [target] = generatedTargets(env.sims, 1);
    if (target === undefined) throw new Error("no generated run");
    const driver = new SyncDriver(env);
    const first = await driver.waitForEnd(await driver.start(target), SYNC_TIMEOUT_MS);
    if (first.status !== "completed" || first.progress.failed > 0) throw new Error(`the first sync ended ${first.status} with ${first.progress.failed} failed`);
    env.sims.tadabase.clearRequests();
    env.sims.ssg.clearRequests();
    const syncId = await driver.start(target);
    const sync = await driver.waitForEnd(syncId, SYNC_TIMEOUT_MS);
    const requests = env.sims.tadabase.requests().requests.filter(isTadaBaseApi);
    const result = {
      sessions: options.sessions,
      sync,
      tadabaseCalls: requests.length,
      tadabaseWrites: requests.filter((r) => r.method !== "GET").length,
      ssgCalls: env.sims.ssg.requests().requests.length,
    };
    if (keep) await keep(env, target.runId, syncId);
    return result;
  } finally {
    await env.stop();
  }
}
