// Bounded fan-out: the executor runs one window of activities at a time, venues before sessions
// (a session's venue id must exist first). Items needing no write get no activity call.
import type { SessionPlanItem, SyncPlan, VenuePlanItem } from "./plan.js";

/** Splits items into consecutive windows of at most `size` (the last may be shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`window size must be a positive integer, got ${size}`);
  const windows: T[][] = [];
  for (let start = 0; start < items.length; start += size) windows.push(items.slice(start, start + size));
  return windows;
}

export interface PlanWindows {
  /** Venues to create or update, run first. */
  venues: VenuePlanItem[][];
  /** Sessions to create, update or mark deleted, run once every venue window is done. */
  sessions: SessionPlanItem[][];
}

export function planWindows(plan: SyncPlan, windowSize: number): PlanWindows {
  return {
    venues: chunk(plan.venues.filter((v) => v.action !== "unchanged"), windowSize),
    sessions: chunk(plan.sessions.filter((s) => s.action !== "unchanged"), windowSize),
  };
}

/** Venue key → record id, from venues the plan already knows (add the ids the venue windows return). */
export function knownVenueIds(plan: SyncPlan): Map<string, string> {
  return new Map(plan.venues.flatMap((v) => (v.existingId === undefined ? [] : [[v.key, v.existingId] as const])));
}
