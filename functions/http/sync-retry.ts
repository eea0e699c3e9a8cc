// POST /api/syncs/{id}/retry: a new sync of the same run and parameters that redoes only the items
// this one left failed. A sync that failed as a whole (nothing to go on item by item) is redone in
// full: unchanged items cost no write, so that is safe.
import * as df from "durable-functions";
import { retrySync } from "../../shared/api/contracts/index.js";
import { NotFound } from "../../shared/errors.js";
import { syncJobDeps } from "../../shared/sync-job/wiring.js";
import { registerRoute } from "./route.js";
import { startSync } from "./start-sync.js";
import { accepted, conflict, runBusy } from "./sync-answers.js";
import { findInstance } from "./sync-view.js";

export const retrySyncHandler = registerRoute(
  retrySync,
  async ({ params, context, url }) => {
    const client = df.getClient(context);
    const instance = await findInstance(client, params.id);
    if (instance?.request === undefined) throw new NotFound(`sync ${params.id} does not exist`);
    const { syncId: _old, windowSize: _size, retryOf: _earlier, ...same } = instance.request;
    if (instance.active) {
      return conflict(url, "sync-running", "The sync is still running", `Sync ${params.id} has not finished; retry it once it has`, params.id);
    }
    let retryOf: string | undefined;
    if (instance.status !== "failed") {
      const outcomes = await syncJobDeps().jobs.listOutcomes(params.id);
      if (!outcomes.some((o) => o.outcome === "failed")) {
        return conflict(url, "nothing-to-retry", "The sync has no failed items", `Sync ${params.id} ended ${instance.status} with no failed item`, params.id);
      }
      retryOf = params.id;
    }
    const result = await startSync(client, { ...same, ...(retryOf === undefined ? {} : { retryOf }) });
    return result.started ? accepted(url, result.syncId, same.runId, "pending") : runBusy(url, same.runId, result);
  },
  { extraInputs: [df.input.durableClient()] },
);
