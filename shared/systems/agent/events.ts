// Builders for the events we send, so every sender gets the bounded list and the sort order right.
import type { AgentEvent, SessionsSyncedData } from "./contract.js";
import { MAX_CHANGED_SESSION_IDS } from "./contract.js";

export interface SessionsSyncedInput {
  /** Stable per sync (e.g. derived from the orchestration instance id): a retried send is a duplicate. */
  id: string;
  occurredAt: Date | string;
  courseRunId: string;
  sessionMonth?: string;
  syncId?: string;
  counts: SessionsSyncedData["counts"];
  /** Every SSG session id created, updated or deleted (any number: the event keeps the first 500). */
  changedSessionIds: readonly string[];
}

export function sessionsSyncedEvent(input: SessionsSyncedInput): AgentEvent {
  const changed = [...new Set(input.changedSessionIds)].sort();
  const data: SessionsSyncedData = {
    courseRunId: input.courseRunId,
    ...(input.sessionMonth === undefined ? {} : { sessionMonth: input.sessionMonth }),
    ...(input.syncId === undefined ? {} : { syncId: input.syncId }),
    counts: { ...input.counts },
    changedSessionIds: changed.slice(0, MAX_CHANGED_SESSION_IDS),
    changedSessionIdsTruncated: changed.length > MAX_CHANGED_SESSION_IDS,
  };
  return {
    id: input.id,
    type: "course-run.sessions-synced",
    occurredAt: typeof input.occurredAt === "string" ? input.occurredAt : input.occurredAt.toISOString(),
    source: "besorchestrator",
    data,
  };
}
