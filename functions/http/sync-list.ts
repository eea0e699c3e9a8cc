// GET /api/syncs: a page of the sync list, filtered by run and status.
import { listSyncs } from "../../shared/api/contracts/index.js";
import { syncJobDeps } from "../../shared/sync-job/wiring.js";
import { registerRoute } from "./route.js";
import { summaryOfEntry } from "./sync-view.js";

export const listSyncsHandler = registerRoute(listSyncs, async ({ query }) => {
  const page = await syncJobDeps().syncs.list({
    limit: query.limit,
    ...(query.runId === undefined ? {} : { runId: query.runId }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.continuationToken === undefined ? {} : { continuationToken: query.continuationToken }),
  });
  return {
    status: 200,
    body: { items: page.items.map(summaryOfEntry), ...(page.continuationToken === undefined ? {} : { continuationToken: page.continuationToken }) },
  };
});
