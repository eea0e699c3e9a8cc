// The main job: bring one course run's sessions from SSG into BESTraining.
//   fetch (SSG) → load (BESTraining) → plan (pure) → venues, then sessions, in bounded windows
//   → refresh the session cache → tell the agent → record the result.
// Deterministic: no clock, randomness or I/O here; time comes from context.df.currentUtcDateTime.
// Small history: activities get ids and indices, and return counts; the plan and per-item outcomes
// live in the job store. One failing item never fails the batch.
import * as df from "durable-functions";
import type { OrchestrationContext, OrchestrationHandler } from "durable-functions";
import { addCounts, emptyCounts, type SyncCounts } from "../../shared/sync/outcomes.js";
import { chunk } from "../../shared/sync/windows.js";
import type { StepResult } from "../../shared/sync-job/step-result.js";
import {
  syncRequestSchema,
  type FetchResult,
  type LoadResult,
  type PlanSummary,
  type SessionResult,
  type SyncOutput,
  type SyncProgressStatus,
  type SyncStatus,
  type VenueResult,
} from "../../shared/sync-job/types.js";
import { applySessionChange } from "../activities/sync/apply-session-change.js";
import { ensureVenue } from "../activities/sync/ensure-venue.js";
import { fetchSsgSessions } from "../activities/sync/fetch-ssg-sessions.js";
import { loadBesTrainingState } from "../activities/sync/load-bestraining-state.js";
import { notifyAgent } from "../activities/sync/notify-agent.js";
import { planSessionSync } from "../activities/sync/plan-session-sync.js";
import { recordSyncStatus } from "../activities/sync/record-sync-status.js";
import { refreshSessionCache } from "../activities/sync/refresh-session-cache.js";

export const SYNC_ORCHESTRATION = "syncCourseRunSessions";

// Steps that read whole datasets throw only failures that pass (a storage blip, a partner's bad
// minute after the HTTP layer's own retries); the engine retries them 5, 10 and 20 s later, longer in
// all than a partner circuit stays open (15 s). Refusals come back as values and end the sync.
const stepRetry = new df.RetryOptions(5_000, 4);
stepRetry.backoffCoefficient = 2;

/** A step's refusal, carried to the catch below that ends the sync with its reason. */
class StepRefused extends Error {
  constructor(readonly refusal: { kind: string; message: string }) {
    super(refusal.message);
    this.name = "StepRefused";
  }
}

// Items that failed transiently get one more pass after this pause: a write refused with a 5xx is
// not repeated by the HTTP layer (it may have landed), but the step looks its key up first. Longer
// than a partner circuit stays open (15 s), so the same failures cannot fail the second pass too.
const SECOND_PASS_DELAY_MS = 20_000;

const outcomeCounts = (outcome: SessionResult["outcome"]): SyncCounts => ({ ...emptyCounts(), total: 1, [outcome]: 1 });

const syncCourseRunSessions: OrchestrationHandler = function* (context: OrchestrationContext) {
  const request = syncRequestSchema.parse(context.df.getInput());
  const ref = { syncId: request.syncId, runId: request.runId };
  const now = (): string => context.df.currentUtcDateTime.toISOString();
  const progress: SyncProgressStatus = {
    phase: "fetching",
    progress: emptyCounts(),
    venues: { total: 0, done: 0, failed: 0 },
    dryRun: request.dryRun,
  };
  const report = (phase: SyncProgressStatus["phase"]): void => {
    progress.phase = phase;
    context.df.setCustomStatus(progress);
  };
  const finish = function* (status: SyncStatus, reason?: string): Generator<df.Task, SyncOutput, unknown> {
    yield recordSyncStatus.call({ ...ref, status, counts: progress.progress, at: now(), ...(reason ? { reason } : {}) });
    report("done");
    return { ...ref, status, dryRun: request.dryRun, progress: progress.progress, ...(reason ? { reason } : {}) };
  };

  // Runs the activity for each index, a bounded window at a time, reporting after each window.
  const runWindows = function* <R>(indices: readonly number[], call: (index: number) => df.Task, afterWindow: (results: R[]) => void): Generator<df.Task, Map<number, R>, unknown> {
    const all = new Map<number, R>();
    for (const window of chunk(indices, request.windowSize)) {
      const results = (yield context.df.Task.all(window.map(call))) as R[];
      window.forEach((index, i) => all.set(index, results[i] as R));
      afterWindow(results);
    }
    return all;
  };
  // A whole-dataset step's value, or its refusal thrown to end the sync.
  const step = function* <T>(task: df.Task): Generator<df.Task, T, unknown> {
    const result = (yield task) as StepResult<T>;
    if (!result.ok) throw new StepRefused(result.error);
    return result.value;
  };
  // A durable timer, so a partner's bad minute has passed before the second pass.
  const pause = function* (): Generator<df.Task, void, unknown> {
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + SECOND_PASS_DELAY_MS));
  };

  report("fetching");
  yield recordSyncStatus.call({ ...ref, status: "running", at: now() });
  try {
    const fetched = yield* step<FetchResult>(fetchSsgSessions.callWithRetry(
      {
        ...ref,
        courseReferenceNumber: request.courseReferenceNumber,
        ...(request.uen ? { uen: request.uen } : {}),
        ...(request.sessionMonth ? { sessionMonth: request.sessionMonth } : {}),
        ...(request.includeExpiredCourses === undefined ? {} : { includeExpiredCourses: request.includeExpiredCourses }),
      },
      stepRetry,
    ));
    if (!context.df.isReplaying) context.log(`sync ${ref.syncId}: SSG lists ${fetched.sessions} sessions for run ${ref.runId}`);

    report("loading");
    yield* step<LoadResult>(loadBesTrainingState.callWithRetry(ref, stepRetry));

    report("planning");
    const plan = yield* step<PlanSummary>(planSessionSync.callWithRetry(
      { ...ref, dryRun: request.dryRun, ...(request.sessionMonth ? { sessionMonth: request.sessionMonth } : {}), ...(request.retryOf ? { retryOf: request.retryOf } : {}) },
      stepRetry,
    ));
    progress.progress = plan.counts;
    progress.venues.total = plan.venueWrites;
    if (request.dryRun) return yield* finish("completed");

    report("venues");
    const failedVenue = (results: readonly VenueResult[]): number => results.filter((r) => r.outcome === "failed").length;
    const venueResults = yield* runWindows<VenueResult>(range(plan.venueWrites), (index) => ensureVenue.call({ ...ref, index }), (results) => {
      progress.venues.done += results.length;
      progress.venues.failed += failedVenue(results);
      report("venues");
    });
    const venueRetries = transientFailures(venueResults);
    if (venueRetries.length > 0) {
      yield* pause();
      yield* runWindows<VenueResult>(venueRetries, (index) => ensureVenue.call({ ...ref, index }), (results) => {
        progress.venues.failed -= results.length - failedVenue(results);
        report("venues");
      });
    }

    report("sessions");
    const sessionResults = yield* runWindows<SessionResult>(range(plan.sessionWrites), (index) => applySessionChange.call({ ...ref, index }), (results) => {
      progress.progress = addCounts(progress.progress, ...results.map((r) => outcomeCounts(r.outcome)));
      report("sessions");
    });
    const sessionRetries = transientFailures(sessionResults);
    if (sessionRetries.length > 0) {
      yield* pause();
      yield* runWindows<SessionResult>(sessionRetries, (index) => applySessionChange.call({ ...ref, index }), (results) => {
        // Each redone item was counted failed: take that back, then count its new outcome.
        const undo: SyncCounts = { ...emptyCounts(), total: -results.length, failed: -results.length };
        progress.progress = addCounts(progress.progress, undo, ...results.map((r) => outcomeCounts(r.outcome)));
        report("sessions");
      });
    }

    report("finishing");
    yield* step<{ sessions: number }>(refreshSessionCache.callWithRetry(ref, stepRetry));
    const status: SyncStatus = "completed";
    // The agent hears about it, but its trouble never fails a sync that wrote BESTraining.
    yield notifyAgent.call({ ...ref, counts: progress.progress, status, at: now() });
    return yield* finish(status);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return yield* finish("failed", reason.split("\n")[0]?.slice(0, 500));
  }
};

const range = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

/** Items that failed in a way that passes (the steps are idempotent, so redoing them is safe). */
const transientFailures = (results: ReadonlyMap<number, { outcome: string; transient?: boolean }>): number[] =>
  [...results].filter(([, r]) => r.outcome === "failed" && r.transient === true).map(([index]) => index);

df.app.orchestration(SYNC_ORCHESTRATION, syncCourseRunSessions);
