// Step 4a: ensure one venue. Idempotent: the key is looked up before anything is created, so a
// retried activity finds the record its earlier attempt made.
import { Conflict, describeError } from "../errors.js";
import type { VenuePlanItem } from "../sync/plan.js";
import type { SyncJobDeps } from "./deps.js";
import { pickFields } from "./pick.js";
import type { PlanItemRef, VenueResult } from "./types.js";

export async function ensureVenue(deps: SyncJobDeps, ref: PlanItemRef): Promise<VenueResult> {
  const item = await deps.jobs.getPlanItem<VenuePlanItem>(ref.syncId, "venue", ref.index);
  if (item === undefined) throw new Error(`sync ${ref.syncId}: no venue plan item ${ref.index}`);
  try {
    const { recordId, outcome } = await writeVenue(deps, item, ref.syncId);
    await deps.jobs.recordVenue(ref.syncId, { key: item.key, recordId });
    return { outcome };
  } catch (error) {
    const described = describeError(error);
    await deps.jobs.recordVenue(ref.syncId, { key: item.key, error: described });
    return { outcome: "failed", transient: described.transient };
  }
}

async function writeVenue(deps: SyncJobDeps, item: VenuePlanItem, syncId: string): Promise<{ recordId: string; outcome: VenueResult["outcome"] }> {
  if (item.action === "update" && item.existingId !== undefined) {
    await deps.besTraining.updateVenue(item.existingId, pickFields(item.fields, item.changedFields ?? []));
    return { recordId: item.existingId, outcome: "updated" };
  }
  const [found] = await deps.besTraining.venuesByKeys([item.key]);
  if (found !== undefined) {
    // An earlier attempt of this step may have created it and died before releasing its claim:
    // release it now (a no-op unless this sync holds it), or other syncs would wait on it.
    await deps.venueClaims.release(item.key, syncId);
    return { recordId: found.id, outcome: "unchanged" };
  }
  return createClaimed(deps, item, syncId);
}

// Venues are shared by course runs, and syncs of different runs run at once (the timer starts them
// together): two of them looking up the same missing key would both create it. So creating takes
// the key's claim; a sync that finds it taken waits for the holder's record to appear.
const CLAIM_POLL_MS = 500;
const CLAIM_POLLS = 20;
/** A claim older than this belongs to a sync that died between claiming and releasing. */
const STALE_CLAIM_MS = 5 * 60_000;

async function createClaimed(deps: SyncJobDeps, item: VenuePlanItem, syncId: string): Promise<{ recordId: string; outcome: VenueResult["outcome"] }> {
  for (let poll = 0; ; poll += 1) {
    const claim = await deps.venueClaims.claim(item.key, syncId);
    if (claim.claimed) {
      try {
        // The holder we waited for may have made it between our lookup and our claim.
        const [made] = await deps.besTraining.venuesByKeys([item.key]);
        if (made !== undefined) return { recordId: made.id, outcome: "unchanged" };
        return { recordId: await deps.besTraining.createVenue(item.fields), outcome: "created" };
      } finally {
        await deps.venueClaims.release(item.key, syncId);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
    const [made] = await deps.besTraining.venuesByKeys([item.key]);
    if (made !== undefined) return { recordId: made.id, outcome: "unchanged" };
    if (Date.now() - Date.parse(claim.claimedAt) > STALE_CLAIM_MS) await deps.venueClaims.takeOver(item.key, claim.holder, syncId);
    else if (poll >= CLAIM_POLLS) throw new Conflict(`venue ${item.key} is being created by sync ${claim.holder}`);
  }
}

