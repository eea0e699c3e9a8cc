// Step 5: record the result. The session cache takes SSG's list as fetched; the agent hears what
// changed (a bounded list of ids); the registry gets the status and the run is freed.
import { z } from "zod";
import { describeError } from "../errors.js";
import { currentLogger } from "../logging.js";
import { sessionsSyncedEvent } from "../systems/agent/events.js";
import type { SyncJobDeps } from "./deps.js";
import { SSG_DOCUMENT } from "./stage.js";
import { TERMINAL_STATUSES, type NotifyRequest, type StatusUpdate, type SyncRef } from "./types.js";

const identifiedSession = z.looseObject({ id: z.string() });

export async function refreshSessionCache(deps: SyncJobDeps, ref: SyncRef): Promise<{ sessions: number }> {
  const sessions = (await deps.jobs.getDocument<unknown[]>(ref.syncId, SSG_DOCUMENT)) ?? [];
  const identified = sessions.flatMap((raw) => {
    const parsed = identifiedSession.safeParse(raw);
    return parsed.success && parsed.data.id.trim() !== "" ? [{ id: parsed.data.id.trim(), session: parsed.data }] : [];
  });
  await deps.sessionCache.upsert(ref.runId, identified);
  return { sessions: identified.length };
}

export async function notifyAgent(deps: SyncJobDeps, request: NotifyRequest): Promise<{ delivered: boolean; reason?: string }> {
  const changed = (await deps.jobs.listOutcomes(request.syncId)).filter((o) => o.outcome === "created" || o.outcome === "updated" || o.outcome === "deleted");
  try {
    const { created, updated, deleted, unchanged, failed } = request.counts;
    const sent = await deps.agent.sendEvent(
      sessionsSyncedEvent({
        // One event per sync: a replayed or retried step sends the same id, which the agent ignores.
        id: `sync-${request.syncId}`,
        occurredAt: request.at,
        courseRunId: request.runId,
        syncId: request.syncId,
        counts: { created, updated, deleted, unchanged, failed },
        changedSessionIds: changed.map((o) => o.ssgSessionId),
      }),
    );
    return sent.status === "disabled" ? { delivered: false, reason: "agent events are off (no AGENT_BASE_URL)" } : { delivered: true };
  } catch (error) {
    const { message } = describeError(error);
    currentLogger().warn(`sync ${request.syncId}: the agent was not told (${message})`);
    return { delivered: false, reason: message };
  }
}

export async function recordSyncStatus(deps: SyncJobDeps, update: StatusUpdate): Promise<void> {
  await deps.registry.update({
    syncId: update.syncId,
    runId: update.runId,
    status: update.status,
    updatedAt: update.at,
    ...(update.counts ? { counts: update.counts } : {}),
    ...(update.reason ? { reason: update.reason } : {}),
  });
  if (TERMINAL_STATUSES.has(update.status)) await deps.runLocks.release(update.runId, update.syncId);
}
