// POST /api/course-runs/{runId}/sessions/sync: start a sync of the run's sessions (202), or name
// the sync already running on it (409).
import * as df from "durable-functions";
import { startSessionSync } from "../../shared/api/contracts/index.js";
import { registerRoute } from "./route.js";
import { startSync } from "./start-sync.js";
import { accepted, runBusy } from "./sync-answers.js";

export const startSessionSyncHandler = registerRoute(
  startSessionSync,
  async ({ params, body, context, url }) => {
    const result = await startSync(df.getClient(context), { runId: params.runId, ...body });
    return result.started ? accepted(url, result.syncId, params.runId, "pending") : runBusy(url, params.runId, result);
  },
  { extraInputs: [df.input.durableClient()] },
);
