// Chaos trials on the whole system (simulators, Azurite, devhost running the built app):
//   A. crash: start a sync, kill -9 devhost at a random write, restart it, let the sync finish;
//   B. partner outage: BESTraining answers 503 to every write from a random point until the sync
//      ends, then recovers, and `retry` redoes the failed items.
// After each trial BESTraining (the TadaBase simulator) must hold exactly what SSG says: no duplicate,
// nothing missing, no wrong field (expected-state.ts). Used by `npm run chaos` and test/chaos.
import { SSG_FIXTURE_RUNS, type Simulators } from "../../simulators/index.js";
import { createRng } from "../../simulators/kit/index.js";
import { startE2eEnv, type E2eEnv, type E2eOptions } from "../support/e2e-env.js";
import { compareState, diffIsClean, expectedState, readBesTraining, type StateDiff } from "./expected-state.js";
import { SyncDriver, type SyncEnd, type SyncTarget } from "./sync-driver.js";

export interface ChaosOptions {
  trials: number;
  /** Sessions per seeded course run (one run per trial). */
  sessions: number;
  /** Seed of the SSG dataset and of the random kill/outage points. */
  seed: number;
  /**
   * Crash trials: empty BESTraining before each trial (default), so every trial makes venues and
   * the app's id maps point at records that are gone. Off: later runs find the venues made before.
   */
  freshBesTraining?: boolean;
  log?: (line: string) => void;
}

export interface TrialResult {
  scenario: "crash" | "outage";
  trial: number;
  runId: string;
  passed: boolean;
  /** Where the trial struck: "kill after 37/125 writes", "outage after 12/70 writes". */
  event: string;
  diff?: StateDiff;
  error?: string;
}

const SYNC_TIMEOUT_MS = 10 * 60_000;

// Fast partners: these trials test correctness, not pacing (the bench measures that).
const UNLIMITED = { rateLimit: { perMinute: 1_000_000, perDay: 100_000_000 } };
const UNLIMITED_SETTINGS = { TADABASE_REQUESTS_PER_MINUTE: "100000", TADABASE_REQUESTS_PER_DAY: "10000000", SSG_REQUESTS_PER_MINUTE: "100000" };

/** A seeded generator (the simulators' own), so a failing trial can be replayed with the same seed. */
function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

/** Successful record writes (creates and updates) BESTraining has received so far. */
export function writesSoFar(sims: Simulators): number {
  return sims.tadabase.requests().requests.filter((r) => r.method === "POST" && r.route?.includes("/records") === true && r.status === 200).length;
}

export function generatedTargets(sims: Simulators, count: number): SyncTarget[] {
  // The generated runs (the fixtures hold a handful of hand-written sessions).
  const fixtures = new Set(SSG_FIXTURE_RUNS.map((run) => run.id));
  const runs = sims.ssg.runs().filter((run) => !fixtures.has(run.id)).slice(0, count);
  if (runs.length < count) throw new Error(`the SSG simulator holds ${runs.length} runs, ${count} needed`);
  return runs.map((run) => ({ runId: run.id, courseReferenceNumber: run.referenceNumber, uen: run.uen }));
}

/** Writes a first sync of the run will make: one per venue BESTraining lacks and one per live session. */
function writesExpected(sims: Simulators, runId: string): { venues: number; total: number } {
  const expected = expectedState(sims, runId);
  const known = new Set(readBesTraining(sims).venues.map((v) => v.venueKey));
  const venues = [...expected.venues.keys()].filter((key) => !known.has(key)).length;
  return { venues, total: venues + expected.sessions.size };
}

/**
 * Where a crash trial strikes, in writes made: 0 = before the first write (fetching, loading,
 * planning), else during the venues (a fifth of the trials, when there are venues to make) or the
 * sessions, the last write included (then the crash hits the finishing steps).
 */
function killPoint(random: () => number, writes: { venues: number; total: number }): number {
  const phase = random();
  const within = random();
  if (phase < 0.2) return 0;
  if (phase < 0.4 && writes.venues > 0) return 1 + Math.floor(within * writes.venues);
  return writes.venues + 1 + Math.floor(within * (writes.total - writes.venues));
}

async function waitUntil(check: () => boolean, stopIf: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (check()) return true;
    if (await stopIf()) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function verdict(sims: Simulators, driver: SyncDriver, runId: string, end: SyncEnd): Promise<{ passed: boolean; diff: StateDiff; error?: string }> {
  const diff = compareState(sims, expectedState(sims, runId));
  const problems: string[] = [];
  if (end.status !== "completed") problems.push(`the sync ended ${end.status}${end.reason ? ` (${end.reason})` : ""}`);
  if (end.progress.failed > 0) problems.push(`${end.progress.failed} items failed (${(await driver.failedItemErrors(end.id)).join(" | ")})`);
  return { passed: diffIsClean(diff) && problems.length === 0, diff, ...(problems.length ? { error: problems.join("; ") } : {}) };
}

async function runTrial(
  scenario: TrialResult["scenario"],
  trial: number,
  runId: string,
  log: (line: string) => void,
  body: () => Promise<Omit<TrialResult, "scenario" | "trial" | "runId">>,
): Promise<TrialResult> {
  let result: TrialResult;
  try {
    result = { scenario, trial, runId, ...(await body()) };
  } catch (error) {
    result = { scenario, trial, runId, passed: false, event: "-", error: error instanceof Error ? error.message : String(error) };
  }
  const diff = result.diff;
  const figures = diff ? `duplicates ${diff.duplicates}, missing ${diff.missing}, wrong fields ${diff.wrongFields}, unexpected ${diff.unexpected}` : "";
  log(`${scenario} trial ${trial + 1} (run ${runId}): ${result.passed ? "pass" : "FAIL"}; ${result.event}; ${figures}${result.error ? `; ${result.error}` : ""}`);
  for (const line of result.passed ? [] : (diff?.details ?? [])) log(`    ${line}`);
  return result;
}

type TrialBody = (target: SyncTarget, env: E2eEnv, driver: SyncDriver) => Promise<Omit<TrialResult, "scenario" | "trial" | "runId">>;

/** One environment (one generated run per trial), the trials one after another, then clean-up. */
async function trialsOn(scenario: TrialResult["scenario"], options: ChaosOptions, envOptions: E2eOptions, body: TrialBody): Promise<TrialResult[]> {
  const log = options.log ?? (() => undefined);
  const env = await startE2eEnv({
    ...envOptions,
    simulators: { seed: options.seed, dataset: { runs: options.trials, sessionsPerRun: options.sessions }, tadabase: UNLIMITED },
  });
  const results: TrialResult[] = [];
  try {
    const driver = new SyncDriver(env);
    for (const [trial, target] of generatedTargets(env.sims, options.trials).entries()) {
      results.push(await runTrial(scenario, trial, target.runId, log, () => body(target, env, driver)));
    }
  } finally {
    await env.stop();
  }
  return results;
}

/** Scenario A: kill -9 of devhost at a random write, restart, compare. */
export async function crashTrials(options: ChaosOptions): Promise<TrialResult[]> {
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => undefined);
  return trialsOn("crash", options, { mode: "process", store: "tables", settings: UNLIMITED_SETTINGS }, async (target, env, driver) => {
    // An empty BESTraining each trial, so every trial has venues to make (runs share them) and the
    // app's id maps in Table Storage point at records that are gone: BESTraining must win.
    if (options.freshBesTraining ?? true) env.sims.tadabase.reset();
    const before = writesSoFar(env.sims);
    const writes = writesExpected(env.sims, target.runId);
    const killAt = killPoint(random, writes);
    // Before any write: a moment after the start, somewhere in fetching, loading or planning.
    const killNoLaterThan = Date.now() + random() * 400;
    const syncId = await driver.start(target);
    const reached = await waitUntil(
      () => (killAt === 0 ? Date.now() >= killNoLaterThan : writesSoFar(env.sims) - before >= killAt),
      async () => (await driver.poll(syncId)) !== undefined,
    );
    let event = `sync ended before write ${killAt}/${writes.total}; not killed`;
    if (reached) {
      event = `kill -9 after ${writesSoFar(env.sims) - before}/${writes.total} writes (${writes.venues} venues first)`;
      await env.kill();
      await env.restart();
      log(`  ${event}; devhost restarted`);
    }
    const end = await driver.waitForEnd(syncId, SYNC_TIMEOUT_MS);
    return { event, ...(await verdict(env.sims, driver, target.runId, end)) };
  });
}

// Writes fail fast during the outage (few attempts, short deadline), so the sync reaches its end
// with the affected items `failed` instead of waiting out minutes of retries.
const OUTAGE_SETTINGS = { ...UNLIMITED_SETTINGS, TADABASE_MAX_ATTEMPTS: "2", TADABASE_TIMEOUT_MS: "2000", TADABASE_DEADLINE_MS: "4000" };

/** Scenario B: BESTraining refuses every write (503) from a random point to the sync's end; then retry. */
export async function outageTrials(options: ChaosOptions): Promise<TrialResult[]> {
  const random = seededRandom(options.seed + 1);
  return trialsOn("outage", options, { store: "memory", settings: OUTAGE_SETTINGS }, async (target, env, driver) => {
    const before = writesSoFar(env.sims);
    const { total } = writesExpected(env.sims, target.runId);
    // Somewhere in the first two thirds, so there is always something left to fail.
    const outageAt = 1 + Math.floor(random() * Math.max(1, Math.floor((total * 2) / 3)));
    const syncId = await driver.start(target);
    await waitUntil(
      () => writesSoFar(env.sims) - before >= outageAt,
      async () => (await driver.poll(syncId)) !== undefined,
    );
    env.sims.tadabase.faults.add({ method: "POST", route: "*", status: 503 });
    const first = await driver.waitForEnd(syncId, SYNC_TIMEOUT_MS);
    env.sims.tadabase.faults.clear();
    let event = `outage after ${outageAt}/${total} writes: ${first.progress.failed} items failed`;
    // The operator's one `retry`, started the moment the partner is back, must complete every
    // failed item (the sync's reading steps wait out a circuit still open from the outage).
    const last = await driver.waitForEnd(await driver.retry(first.id), SYNC_TIMEOUT_MS);
    event += `; retry ${last.status}, ${last.progress.failed} failed`;
    const checked = await verdict(env.sims, driver, target.runId, last);
    if (first.progress.failed === 0) {
      return { ...checked, passed: false, event, error: "the outage made nothing fail: the scenario was not exercised" };
    }
    return { event, ...checked };
  });
}
