// Step 3: plan with the pure planner, then stage the plan's writes by index. Items that need no
// write get their outcome at once. A retry plans the run afresh but keeps only what failed before.
import { InvalidInput } from "../errors.js";
import { outcomesWithoutWrites, previewOutcomes, summarize, type SessionOutcome } from "../sync/outcomes.js";
import { planSync, type SyncPlan } from "../sync/plan.js";
import type { SyncJobDeps } from "./deps.js";
import { BESTRAINING_DOCUMENT, SSG_DOCUMENT, type BesTrainingState } from "./stage.js";
import type { PlanSummary, SyncRef } from "./types.js";

export interface PlanOptions {
  sessionMonth?: string;
  retryOf?: string;
  dryRun?: boolean;
}

export async function planAndStage(deps: SyncJobDeps, ref: SyncRef, options: PlanOptions): Promise<PlanSummary> {
  const ssgSessions = await deps.jobs.getDocument<unknown[]>(ref.syncId, SSG_DOCUMENT);
  const state = await deps.jobs.getDocument<BesTrainingState>(ref.syncId, BESTRAINING_DOCUMENT);
  if (ssgSessions === undefined || state === undefined) throw new InvalidInput(`sync ${ref.syncId}: nothing staged to plan from`);

  let plan = planSync({
    ssgSessions,
    existingSessions: state.sessions,
    existingVenues: state.venues,
    scope: { courseRunId: ref.runId, sessionMonth: options.sessionMonth },
  });
  if (options.retryOf !== undefined) plan = onlyFailed(plan, await failedIds(deps, options.retryOf));

  const writes = plan.sessions.filter((s) => s.action !== "unchanged");
  const venueWrites = plan.venues.filter((v) => v.action !== "unchanged");
  // Venues that need no write are resolved already: record them so session steps find their ids.
  for (const venue of plan.venues) {
    if (venue.action === "unchanged" && venue.existingId !== undefined) await deps.jobs.recordVenue(ref.syncId, { key: venue.key, recordId: venue.existingId });
  }

  if (options.dryRun) {
    const preview = previewOutcomes(plan);
    await deps.jobs.recordOutcomes(ref.syncId, preview.map(withPlannedRecord));
    return { venueWrites: venueWrites.length, sessionWrites: writes.length, counts: summarize(preview), total: preview.length };
  }

  await deps.jobs.putPlanItems(ref.syncId, "venue", venueWrites);
  await deps.jobs.putPlanItems(ref.syncId, "session", writes);
  const known = outcomesWithoutWrites(plan);
  await deps.jobs.recordOutcomes(ref.syncId, known.map(withPlannedRecord));
  return { venueWrites: venueWrites.length, sessionWrites: writes.length, counts: summarize(known), total: known.length + writes.length };
}

/** Outcomes known at planning time carry the plan's own record id. */
const withPlannedRecord = (outcome: SessionOutcome): SessionOutcome & { plannedRecordId?: string } =>
  outcome.recordId === undefined ? outcome : { ...outcome, plannedRecordId: outcome.recordId };

async function failedIds(deps: SyncJobDeps, syncId: string): Promise<Set<string>> {
  const outcomes = await deps.jobs.listOutcomes(syncId);
  return new Set(outcomes.filter((o) => o.outcome === "failed").map((o) => o.ssgSessionId));
}

function onlyFailed(plan: SyncPlan, ids: ReadonlySet<string>): SyncPlan {
  const sessions = plan.sessions.filter((s) => ids.has(s.ssgSessionId));
  const keys = new Set(sessions.flatMap((s) => (s.venueKey === null ? [] : [s.venueKey])));
  return { ...plan, sessions, venues: plan.venues.filter((v) => keys.has(v.key)), rejected: plan.rejected.filter((r) => ids.has(r.ssgSessionId)) };
}
