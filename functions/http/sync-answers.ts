// Answers several sync routes share: 202 pointing at our own status URL (never the Durable
// webhook, which carries the system key), and 409 naming the sync that is in the way.
import type { z } from "zod";
import type { syncAcceptedSchema, syncConflictProblemSchema } from "../../shared/api/contracts/syncs.js";
import { problem } from "../../shared/api/problem.js";
import type { SyncStatus } from "../../shared/sync-job/types.js";

/** Seconds a client should wait before polling a sync. */
export const POLL_AFTER_SECONDS = 5;

type Url = (path: string) => string;

export const syncUrl = (url: Url, id: string): string => url(`/syncs/${encodeURIComponent(id)}`);

export function accepted(url: Url, id: string, runId: string, status: SyncStatus) {
  const statusUrl = syncUrl(url, id);
  const body: z.input<typeof syncAcceptedSchema> = { id, runId, status, statusUrl };
  return { status: 202 as const, body, headers: { Location: statusUrl, "Retry-After": POLL_AFTER_SECONDS } };
}

export function conflict(url: Url, slug: string, title: string, detail: string, syncId: string) {
  const body: z.input<typeof syncConflictProblemSchema> = { ...problem(409, slug, title, detail), syncId, statusUrl: syncUrl(url, syncId) };
  return { status: 409 as const, body };
}

export function runBusy(url: Url, runId: string, busy: { holder: string; draining: boolean }) {
  const detail = busy.draining
    ? `Course run ${runId} was being synced by ${busy.holder}, canceled moments ago; writes it had started may still land, so try again shortly`
    : `Course run ${runId} is being synced by ${busy.holder}`;
  return conflict(url, "sync-running", "A sync is already running", detail, busy.holder);
}
