// The run's document in the central session cache, in the original routes' shape. A sync caches
// SSG's list as sent, so it may hold a session SSG sent malformed (the sync reported it as a failed
// item): such a session is left out here, with a warning, rather than failing every read of the run.
import type { z } from "zod";
import type { cachedSessionsSchema } from "../../shared/api/contracts/index.js";
import { ssgSessionApiSchema } from "../../shared/api/contracts/index.js";
import { currentLogger } from "../../shared/logging.js";
import { store } from "../../shared/store/index.js";

export type CachedDocument = z.input<typeof cachedSessionsSchema>;

export async function cachedDocument(runId: string): Promise<CachedDocument> {
  const sessions: CachedDocument["sessions"] = [];
  const skipped: string[] = [];
  for (const { id, session } of await store().sessionCache.list(runId)) {
    const parsed = ssgSessionApiSchema.safeParse(session);
    if (parsed.success) sessions.push({ id, session: parsed.data });
    else skipped.push(id);
  }
  if (skipped.length > 0) currentLogger().warn(`course run ${runId}: ${skipped.length} cached sessions are not valid SSG sessions and were left out`, { skipped: skipped.slice(0, 20) });
  return { runID: runId, sessions };
}
