// The contracts between the sync orchestrator and its activities. Everything here crosses the
// orchestration history, so it is small by design: ids, indices and counts, never datasets or secrets.
import { z } from "zod";
import type { SyncCounts } from "../sync/outcomes.js";

// The public vocabulary (shared/api/contracts/syncs.ts): "completed" means every item has an outcome,
// some possibly "failed"; "failed" means the sync itself could not finish.
export const SYNC_STATUSES = ["pending", "running", "completed", "failed", "canceled"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<SyncStatus> = new Set(["completed", "failed", "canceled"]);

export const syncRequestSchema = z.object({
  syncId: z.string().min(1).max(100),
  runId: z.string().min(1).max(40),
  courseReferenceNumber: z.string().min(1).max(60),
  uen: z.string().max(20).optional(),
  sessionMonth: z.string().regex(/^(0[1-9]|1[0-2])\d{4}$/).optional(),
  includeExpiredCourses: z.boolean().optional(),
  dryRun: z.boolean().default(false),
  /** A retry: only the items that failed in this earlier sync are redone. */
  retryOf: z.string().min(1).max(100).optional(),
  /** Items written per fan-out window. */
  windowSize: z.number().int().min(1).max(500).default(20),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const syncRefSchema = z.object({ syncId: z.string().min(1), runId: z.string().min(1) });
export type SyncRef = z.infer<typeof syncRefSchema>;

export const planItemRefSchema = syncRefSchema.extend({ index: z.number().int().min(0) });
export type PlanItemRef = z.infer<typeof planItemRefSchema>;

export interface FetchResult {
  sessions: number;
}
export interface LoadResult {
  sessions: number;
  venues: number;
}
export interface PlanSummary {
  /** Venue items that need a write, stored as indices 0..venueWrites-1. */
  venueWrites: number;
  /** Session items that need a write, stored as indices 0..sessionWrites-1. */
  sessionWrites: number;
  /** Counts already known after planning: unchanged items and sessions SSG sent unreadable. */
  counts: SyncCounts;
  /** Sessions the writes will touch (the total once the writes are done). */
  total: number;
}
export interface VenueResult {
  outcome: "created" | "updated" | "unchanged" | "failed";
  /** A failure of the kind that passes (5xx, timeout, rate limit): worth another pass. */
  transient?: boolean;
}
export interface SessionResult {
  outcome: "created" | "updated" | "unchanged" | "deleted" | "failed";
  transient?: boolean;
}

export const statusUpdateSchema = syncRefSchema.extend({
  status: z.enum(SYNC_STATUSES),
  counts: z
    .object({ total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number(), failed: z.number() })
    .optional(),
  reason: z.string().max(1000).optional(),
  /** When the orchestration says so (context.df.currentUtcDateTime), not the activity's clock. */
  at: z.string(),
});
export type StatusUpdate = z.infer<typeof statusUpdateSchema>;

export const notifySchema = syncRefSchema.extend({
  counts: statusUpdateSchema.shape.counts.unwrap(),
  status: z.enum(SYNC_STATUSES),
  at: z.string(),
});
export type NotifyRequest = z.infer<typeof notifySchema>;

/** What the orchestration reports in custom status after each window. */
export interface SyncProgressStatus {
  phase: "fetching" | "loading" | "planning" | "venues" | "sessions" | "finishing" | "done";
  progress: SyncCounts;
  venues: { total: number; done: number; failed: number };
  dryRun: boolean;
}

/** The orchestration's output: counts only (per-item outcomes live in the job store). */
export interface SyncOutput {
  syncId: string;
  runId: string;
  status: SyncStatus;
  dryRun: boolean;
  progress: SyncCounts;
  reason?: string;
}
