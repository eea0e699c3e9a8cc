// POST /api/beso/courses/runs/sessions/add (original route): upsert each posted session by id into
// the central session cache (sessions not posted stay) and answer the run's stored document.
import { addSessions } from "../../shared/api/contracts/index.js";
import { store } from "../../shared/store/index.js";
import { registerRoute } from "./route.js";
import { cachedDocument } from "./legacy-cache-document.js";

export const addSessionsHandler = registerRoute(addSessions, async ({ body }) => {
  await store().sessionCache.upsert(
    body.runID,
    body.sessions.map((session) => ({ id: session.id, session })),
  );
  return { status: 200, body: await cachedDocument(body.runID) };
});
