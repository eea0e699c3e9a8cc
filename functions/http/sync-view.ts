// A sync as the API shows it. The Durable instance is the truth for one sync; the sync list
// (registry) answers when the instance is gone (purged, or it never started). Everything read back
// from Durable is parsed: inputs and outputs written by an older deploy may differ.
import type { DurableClient } from "durable-functions";
import { z } from "zod";
import type { syncSchema, syncSummarySchema } from "../../shared/api/contracts/syncs.js";
import { syncStatusSchema } from "../../shared/api/contracts/syncs.js";
import { Unavailable } from "../../shared/errors.js";
import { emptyCounts, type SyncCounts } from "../../shared/sync/outcomes.js";
import type { SyncRegistryEntry } from "../../shared/sync-job/ports.js";
import { syncRequestSchema, type SyncRequest, type SyncStatus } from "../../shared/sync-job/types.js";
import { syncJobDeps } from "../../shared/sync-job/wiring.js";

export type SyncSummary = z.input<typeof syncSummarySchema>;
export type SyncItem = NonNullable<z.input<typeof syncSchema>["items"]>[number];

const count = z.int().min(0);
const countsSchema = z.object({ total: count, created: count, updated: count, unchanged: count, deleted: count, failed: count });
const progressCarrier = z.looseObject({ progress: countsSchema });
const outputSchema = z.looseObject({ status: syncStatusSchema, progress: countsSchema, reason: z.string().optional() });

const instanceSchema = z.object({
  instanceId: z.string(),
  runtimeStatus: z.string(),
  createdTime: z.coerce.date(),
  lastUpdatedTime: z.coerce.date(),
  input: z.unknown(),
  output: z.unknown(),
  customStatus: z.unknown().optional(),
});

/** What we know of a sync's Durable instance. */
export interface SyncInstance {
  id: string;
  /** The API status the runtime status stands for. */
  status: SyncStatus;
  /** Pending, running or suspended: the run is still busy with it. */
  active: boolean;
  createdAt: string;
  updatedAt: string;
  request?: SyncRequest;
  progress: SyncCounts;
  /** Why it failed, as the orchestration reported it. */
  reason?: string;
}

const ACTIVE_RUNTIME = new Set(["Pending", "Running", "ContinuedAsNew", "Suspended"]);

function statusOf(runtimeStatus: string, output: z.infer<typeof outputSchema> | undefined): SyncStatus {
  switch (runtimeStatus) {
    case "Pending":
      return "pending";
    case "Running":
    case "ContinuedAsNew":
    case "Suspended":
      return "running";
    // The orchestration reports its own verdict: a sync whose items all have an outcome is
    // completed even when some failed; "failed" means the sync itself could not finish.
    case "Completed":
      return output?.status ?? "completed";
    case "Terminated":
    case "Canceled":
      return "canceled";
    default:
      return "failed";
  }
}

// The SDK has no typed "not found": it throws an Error saying the extension replied 404.
const isMissingInstance = (error: unknown): boolean => error instanceof Error && /HTTP 404|No instance with ID/i.test(error.message);

/**
 * A Durable client call. "No such instance" is left to the caller; any other failure means the task
 * hub cannot serve us (503), described without the SDK's message, which may quote its URLs.
 */
export async function durable<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isMissingInstance(error)) throw error;
    const status = /unexpected status code: (\d{3})/.exec(error instanceof Error ? error.message : "")?.[1];
    throw new Unavailable("storage", `durable ${operation}`, status === undefined ? (error instanceof Error ? error.name : "no answer") : `status ${status}`);
  }
}

/** The sync's instance, or undefined when Durable knows no such instance. */
export async function findInstance(client: DurableClient, id: string): Promise<SyncInstance | undefined> {
  let raw: unknown;
  try {
    raw = await durable("getStatus", () => client.getStatus(id, { showInput: true, showHistory: false, showHistoryOutput: false }));
  } catch (error) {
    if (isMissingInstance(error)) return undefined;
    throw error;
  }
  const instance = instanceSchema.parse(raw);
  const output = outputSchema.safeParse(instance.output);
  const custom = progressCarrier.safeParse(instance.customStatus);
  const request = syncRequestSchema.safeParse(instance.input);
  return {
    id: instance.instanceId,
    status: statusOf(instance.runtimeStatus, output.success ? output.data : undefined),
    active: ACTIVE_RUNTIME.has(instance.runtimeStatus),
    createdAt: instance.createdTime.toISOString(),
    updatedAt: instance.lastUpdatedTime.toISOString(),
    ...(request.success ? { request: request.data } : {}),
    progress: output.success ? output.data.progress : custom.success ? custom.data.progress : emptyCounts(),
    ...(output.success && output.data.reason !== undefined ? { reason: output.data.reason } : {}),
  };
}

// Reasons are built from ids and codes (never secrets); the bound keeps an answer small.
const reasonField = (reason: string | undefined): { reason?: string } => (reason === undefined || reason === "" ? {} : { reason: reason.slice(0, 1000) });

// Our sync ids carry their run ("sync-224596-6f1c2a7e"), which is the registry's partition.
const SYNC_ID = /^sync-(\d{1,12})-[0-9a-f]{8}$/;

export function runIdOfSyncId(id: string): string | undefined {
  return SYNC_ID.exec(id)?.[1];
}

export function newSyncId(runId: string, hex: string): string {
  return `sync-${runId}-${hex}`;
}

/** The sync list's row for an id, when the id is one of ours. */
export async function findRegistryEntry(id: string): Promise<SyncRegistryEntry | undefined> {
  const runId = runIdOfSyncId(id);
  return runId === undefined ? undefined : syncJobDeps().syncs.get(runId, id);
}

export function summaryOfInstance(instance: SyncInstance, fallbackRunId: string): SyncSummary {
  return {
    id: instance.id,
    runId: instance.request?.runId ?? fallbackRunId,
    status: instance.status,
    dryRun: instance.request?.dryRun ?? false,
    createdAt: instance.createdAt,
    updatedAt: instance.updatedAt,
    progress: instance.progress,
    ...(instance.status === "failed" ? reasonField(instance.reason) : {}),
  };
}

export function summaryOfEntry(entry: SyncRegistryEntry): SyncSummary {
  const status = syncStatusSchema.safeParse(entry.status);
  const counts = countsSchema.safeParse(entry.counts);
  return {
    id: entry.syncId,
    runId: entry.runId,
    // A row written by a newer version with a status we do not know is not "done" to us.
    status: status.success ? status.data : "running",
    dryRun: entry.dryRun,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    progress: counts.success ? counts.data : emptyCounts(),
    ...(entry.status === "failed" ? reasonField(entry.reason) : {}),
  };
}

/** Per-session outcomes, as `?details=true` shows them. */
export async function syncItems(id: string): Promise<SyncItem[]> {
  const outcomes = await syncJobDeps().jobs.listOutcomes(id);
  return outcomes.map((o) => ({
    sessionId: o.ssgSessionId,
    outcome: o.outcome,
    ...(o.recordId === undefined ? {} : { recordId: o.recordId }),
    ...(o.error === undefined ? {} : { error: { kind: o.error.kind, message: o.error.message } }),
  }));
}
