// GET /api/beso/courses/runs/{runId}/sessions (original route): the run's sessions from the
// central session cache, in the original shape {runID, sessions:[{id, session}]}.
import { getCachedSessions } from "../../shared/api/contracts/index.js";
import { NotFound } from "../../shared/errors.js";
import { registerRoute } from "./route.js";
import { cachedDocument } from "./legacy-cache-document.js";

export const getCachedSessionsHandler = registerRoute(getCachedSessions, async ({ params }) => {
  const document = await cachedDocument(params.runId);
  if (document.sessions.length === 0) throw new NotFound(`nothing is cached for course run ${params.runId}`);
  return { status: 200, body: document };
});
