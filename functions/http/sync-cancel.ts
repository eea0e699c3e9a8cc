// POST /api/syncs/{id}/cancel: terminate a live sync. Items already written stay written (and keep
// their outcomes). The run lock stays with the canceled sync: the next start takes it over once the
// writes the sync had in flight must have ended (see start-sync.ts).
import * as df from "durable-functions";
import { cancelSync } from "../../shared/api/contracts/index.js";
import { NotFound } from "../../shared/errors.js";
import { currentLogger } from "../../shared/logging.js";
import { syncJobDeps } from "../../shared/sync-job/wiring.js";
import { registerRoute } from "./route.js";
import { accepted, conflict } from "./sync-answers.js";
import { durable, findInstance, runIdOfSyncId } from "./sync-view.js";

export const cancelSyncHandler = registerRoute(
  cancelSync,
  async ({ params, context, url }) => {
    const client = df.getClient(context);
    const instance = await findInstance(client, params.id);
    if (instance === undefined) throw new NotFound(`sync ${params.id} does not exist`);
    const runId = instance.request?.runId ?? runIdOfSyncId(params.id) ?? "0";
    if (!instance.active) {
      return conflict(url, "sync-finished", "The sync has already finished", `Sync ${params.id} ended ${instance.status}; there is nothing to cancel`, params.id);
    }
    await durable("terminate", () => client.terminate(params.id, "canceled by request"));
    const at = new Date().toISOString();
    await syncJobDeps().syncs.update({ syncId: params.id, runId, status: "canceled", updatedAt: at, counts: { ...instance.progress } });
    currentLogger().info(`sync ${params.id}: canceled by request`);
    // Termination is asynchronous on a real host: say what Durable says now; polling shows the end.
    const after = await findInstance(client, params.id);
    return accepted(url, params.id, runId, after?.status ?? "canceled");
  },
  { extraInputs: [df.input.durableClient()] },
);
