// Starting a sync, the same way for the HTTP route, a retry and the timer: claim the run (one sync
// per run), record the sync in the list, start its orchestration. A run held by a sync that has
// ended (or whose starter died before starting it) is taken over; one held by a live sync is not.
// Nor is one held by a sync canceled moments ago: terminating an orchestration does not stop the
// activities it had started, so its last writes may still land, and a new sync running beside
// them could create the same records twice. The run stays busy until those writes must have ended.
import { randomBytes } from "node:crypto";
import type { DurableClient } from "durable-functions";
import { loadSettings, partnerLimits } from "../../shared/config/index.js";
import { Conflict, InvalidInput } from "../../shared/errors.js";
import { currentLogger } from "../../shared/logging.js";
import { store } from "../../shared/store/index.js";
import type { SyncRequest } from "../../shared/sync-job/types.js";
import { syncJobDeps } from "../../shared/sync-job/wiring.js";
import { SYNC_ORCHESTRATION } from "../orchestrators/sync-course-run-sessions.js";
import { durable, findInstance, newSyncId } from "./sync-view.js";

export type SyncParams = Omit<SyncRequest, "syncId" | "windowSize">;

/** Not started: `holder` is running, or (draining) was canceled and may still be writing. */
export type StartResult = { started: true; syncId: string } | { started: false; holder: string; draining: boolean };
type Busy = { claimed: false; holder: string; draining: boolean };

/**
 * A claim whose sync has no instance yet may be a starter between its claim and startNew: it counts
 * as busy for this long. Past it, the starter is taken for dead and the run may be taken over.
 */
const START_GRACE_MS = 60_000;
const CLAIM_ATTEMPTS = 3;

/** Each BESTraining call ends within its deadline; a write step is a lookup then a write, so twice that covers it. */
const drainMs = (): number => 2 * partnerLimits(loadSettings(), "tadabase").deadlineMs;

async function holderState(client: DurableClient, holder: string, claimedAt: string, now: Date): Promise<"live" | "draining" | "ended"> {
  const instance = await findInstance(client, holder);
  if (instance === undefined) return now.getTime() - Date.parse(claimedAt) < START_GRACE_MS ? "live" : "ended";
  if (instance.active) return "live";
  if (instance.status === "canceled" && now.getTime() - Date.parse(instance.updatedAt) < drainMs()) return "draining";
  return "ended";
}

/** Claims the run for a new sync id, or names the live sync in the way. */
async function claimRun(client: DurableClient, runId: string, syncId: string, now: Date): Promise<{ claimed: true } | Busy> {
  const locks = store().syncLocks;
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    const claim = await locks.claim(runId, syncId);
    if (claim.claimed) return { claimed: true };
    const state = await holderState(client, claim.holder, claim.claimedAt, now);
    if (state !== "ended") return { claimed: false, holder: claim.holder, draining: state === "draining" };
    if (await locks.takeOver(runId, claim.holder, syncId)) {
      currentLogger().info(`run ${runId}: took over from ended sync ${claim.holder}`);
      return { claimed: true };
    }
    // Another starter replaced the stale holder first: look again.
  }
  throw new Conflict(`course run ${runId}: its lock kept changing hands; try again`);
}

/** SSG answers only for a training provider: the request's UEN, else the app's (SSG_UEN). */
function withProvider(params: SyncParams): SyncParams {
  const uen = params.uen ?? loadSettings().SSG_UEN;
  if (uen === undefined) {
    throw new InvalidInput("uen is required: pass the training provider's UEN, or set the SSG_UEN setting", [
      { path: "uen", message: "required when SSG_UEN is not set" },
    ]);
  }
  return { ...params, uen };
}

export async function startSync(client: DurableClient, requested: SyncParams, now: Date = new Date()): Promise<StartResult> {
  const params = withProvider(requested);
  const syncId = newSyncId(params.runId, randomBytes(4).toString("hex"));
  const claim = await claimRun(client, params.runId, syncId, now);
  if (!claim.claimed) return { started: false, holder: claim.holder, draining: claim.draining };

  const { syncs } = syncJobDeps();
  const at = now.toISOString();
  const input: SyncRequest = { ...params, syncId, windowSize: loadSettings().SYNC_WINDOW_SIZE };
  try {
    await syncs.create({ syncId, runId: params.runId, status: "pending", createdAt: at, updatedAt: at, dryRun: params.dryRun });
    await durable("startNew", () => client.startNew(SYNC_ORCHESTRATION, { instanceId: syncId, input }));
  } catch (error) {
    // Nothing runs: free the run at once instead of making the next start wait out the grace time.
    await store().syncLocks.release(params.runId, syncId);
    await syncs.update({ syncId, runId: params.runId, status: "failed", updatedAt: new Date().toISOString(), reason: "the sync could not be started" }).catch(() => undefined);
    throw error;
  }
  currentLogger().info(`run ${params.runId}: started sync ${syncId}${params.dryRun ? " (dry run)" : ""}${params.retryOf ? ` retrying ${params.retryOf}` : ""}`);
  return { started: true, syncId };
}
