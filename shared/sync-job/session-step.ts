// Step 4b: write one session (create / update / mark deleted) and record its outcome. Idempotent:
// a create first looks for a record with the SSG id (an earlier attempt may have made it), and an
// update writes absolute values. Failures become the item's outcome, never the batch's.
import { describeError } from "../errors.js";
import type { CourseSessionFields } from "../systems/bestraining/records.js";
import type { SessionOutcome } from "../sync/outcomes.js";
import type { SessionPlanItem } from "../sync/plan.js";
import { changedSessionFields } from "../sync/session-changes.js";
import type { SyncJobDeps } from "./deps.js";
import { pickFields } from "./pick.js";
import type { PlanItemRef, SessionResult } from "./types.js";

export async function applySessionChange(deps: SyncJobDeps, ref: PlanItemRef): Promise<SessionResult> {
  const item = await deps.jobs.getPlanItem<SessionPlanItem>(ref.syncId, "session", ref.index);
  if (item === undefined) throw new Error(`sync ${ref.syncId}: no session plan item ${ref.index}`);
  let outcome: SessionOutcome;
  try {
    outcome = await write(deps, ref, item);
  } catch (error) {
    outcome = { ssgSessionId: item.ssgSessionId, outcome: "failed", ...(item.recordId ? { recordId: item.recordId } : {}), error: describeError(error) };
  }
  await deps.jobs.recordOutcomes(ref.syncId, [{ ...outcome, ...(item.recordId === undefined ? {} : { plannedRecordId: item.recordId }) }]);
  return outcome.outcome === "failed" ? { outcome: "failed", transient: outcome.error?.transient === true } : { outcome: outcome.outcome };
}

async function venueIdFor(deps: SyncJobDeps, ref: PlanItemRef, item: SessionPlanItem): Promise<string | null> {
  if (item.venueKey === null) return null;
  const venue = await deps.jobs.getVenue(ref.syncId, item.venueKey);
  if (venue?.recordId === undefined) {
    throw Object.assign(new Error(`venue could not be ensured${venue?.error ? `: ${venue.error.message}` : ""}`), { name: "VenueUnavailable" });
  }
  return venue.recordId;
}

async function write(deps: SyncJobDeps, ref: PlanItemRef, item: SessionPlanItem): Promise<SessionOutcome> {
  const base = { ssgSessionId: item.ssgSessionId };
  if (item.action === "delete") {
    if (item.recordId === undefined) throw new Error("nothing to mark deleted");
    await deps.besTraining.updateSession(item.recordId, { deleted: true });
    return { ...base, outcome: "deleted", recordId: item.recordId };
  }
  const desired: CourseSessionFields = { ...item.fields, venueId: await venueIdFor(deps, ref, item) };
  if (item.action === "update" && item.recordId !== undefined) {
    await deps.besTraining.updateSession(item.recordId, pickFields(desired, item.changedFields ?? []));
    return { ...base, outcome: "updated", recordId: item.recordId };
  }
  // create: an earlier attempt of this very step may have made the record already.
  const existing = (await deps.besTraining.sessionsBySsgId(item.ssgSessionId)).filter((r) => r.courseRunId.trim() === desired.courseRunId);
  const [found] = existing.sort((a, b) => a.id.localeCompare(b.id));
  if (found !== undefined) {
    const changed = changedSessionFields(found, item.fields, desired.venueId);
    if (changed.length > 0) await deps.besTraining.updateSession(found.id, pickFields(desired, changed));
    return { ...base, outcome: "created", recordId: found.id };
  }
  return { ...base, outcome: "created", recordId: await deps.besTraining.createSession(desired) };
}

