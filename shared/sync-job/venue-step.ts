// Step 4a: ensure one venue. Idempotent: the key is looked up before anything is created, so a
// retried activity finds the record its earlier attempt made.
import { describeError } from "../errors.js";
import type { VenuePlanItem } from "../sync/plan.js";
import type { SyncJobDeps } from "./deps.js";
import { pickFields } from "./pick.js";
import type { PlanItemRef, VenueResult } from "./types.js";

export async function ensureVenue(deps: SyncJobDeps, ref: PlanItemRef): Promise<VenueResult> {
  const item = await deps.jobs.getPlanItem<VenuePlanItem>(ref.syncId, "venue", ref.index);
  if (item === undefined) throw new Error(`sync ${ref.syncId}: no venue plan item ${ref.index}`);
  try {
    const { recordId, outcome } = await writeVenue(deps, item);
    await deps.jobs.recordVenue(ref.syncId, { key: item.key, recordId });
    return { outcome };
  } catch (error) {
    await deps.jobs.recordVenue(ref.syncId, { key: item.key, error: describeError(error) });
    return { outcome: "failed" };
  }
}

async function writeVenue(deps: SyncJobDeps, item: VenuePlanItem): Promise<{ recordId: string; outcome: VenueResult["outcome"] }> {
  if (item.action === "update" && item.existingId !== undefined) {
    await deps.besTraining.updateVenue(item.existingId, pickFields(item.fields, item.changedFields ?? []));
    return { recordId: item.existingId, outcome: "updated" };
  }
  const [found] = await deps.besTraining.venuesByKeys([item.key]);
  if (found !== undefined) return { recordId: found.id, outcome: "unchanged" };
  return { recordId: await deps.besTraining.createVenue(item.fields), outcome: "created" };
}

