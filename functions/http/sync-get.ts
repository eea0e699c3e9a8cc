// GET /api/syncs/{id}: status, progress and (with ?details=true) per-session outcomes. Read from
// the Durable instance; the sync list answers for one that is gone or never started.
import * as df from "durable-functions";
import { getSync } from "../../shared/api/contracts/index.js";
import { NotFound } from "../../shared/errors.js";
import { registerRoute } from "./route.js";
import { findInstance, findRegistryEntry, runIdOfSyncId, summaryOfEntry, summaryOfInstance, syncItems } from "./sync-view.js";

export const getSyncHandler = registerRoute(
  getSync,
  async ({ params, query, context }) => {
    const instance = await findInstance(df.getClient(context), params.id);
    let summary;
    if (instance !== undefined) {
      summary = summaryOfInstance(instance, runIdOfSyncId(params.id) ?? "0");
    } else {
      const entry = await findRegistryEntry(params.id);
      if (entry === undefined) throw new NotFound(`sync ${params.id} does not exist`);
      summary = summaryOfEntry(entry);
    }
    return { status: 200, body: query.details === true ? { ...summary, items: await syncItems(params.id) } : summary };
  },
  { extraInputs: [df.input.durableClient()] },
);
