// Per-item outcomes of a sync and the counts reported as progress.
import type { SessionAction, SessionPlanItem, SyncPlan } from "./plan.js";

export type SessionOutcomeKind = "created" | "updated" | "unchanged" | "deleted" | "failed";

export interface SessionOutcome {
  ssgSessionId: string;
  outcome: SessionOutcomeKind;
  recordId?: string;
  /** For "failed": a secret-free description (errors.describeError). */
  error?: { kind: string; message: string; transient: boolean };
}

export interface SyncCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
}

const OUTCOME_OF_ACTION: Readonly<Record<SessionAction, SessionOutcomeKind>> = {
  create: "created",
  update: "updated",
  unchanged: "unchanged",
  delete: "deleted",
};

/** The outcome an item has when its write (if any) succeeds. */
export function expectedOutcome(action: SessionAction): SessionOutcomeKind {
  return OUTCOME_OF_ACTION[action];
}

function plannedOutcome(item: SessionPlanItem): SessionOutcome {
  return {
    ssgSessionId: item.ssgSessionId,
    outcome: expectedOutcome(item.action),
    ...(item.recordId === undefined ? {} : { recordId: item.recordId }),
  };
}

function rejectedOutcomes(plan: SyncPlan): SessionOutcome[] {
  return plan.rejected.map((r) => ({
    ssgSessionId: r.ssgSessionId,
    outcome: "failed",
    error: { kind: "InvalidInput", message: r.reason, transient: false },
  }));
}

/** Outcomes known without any write: unchanged items, and rejected sessions as failed. */
export function outcomesWithoutWrites(plan: SyncPlan): SessionOutcome[] {
  return [...plan.sessions.filter((s) => s.action === "unchanged").map(plannedOutcome), ...rejectedOutcomes(plan)];
}

/** A dry run's answer: every item as it would end if its write succeeded. */
export function previewOutcomes(plan: SyncPlan): SessionOutcome[] {
  return [...plan.sessions.map(plannedOutcome), ...rejectedOutcomes(plan)];
}

export function emptyCounts(): SyncCounts {
  return { total: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 };
}

export function summarize(outcomes: ReadonlyArray<Pick<SessionOutcome, "outcome">>): SyncCounts {
  const counts = emptyCounts();
  for (const { outcome } of outcomes) {
    counts.total += 1;
    counts[outcome] += 1;
  }
  return counts;
}

/** Adds counts (e.g. each window's to the running progress). */
export function addCounts(...parts: readonly SyncCounts[]): SyncCounts {
  const sum = emptyCounts();
  for (const part of parts) for (const key of Object.keys(sum) as Array<keyof SyncCounts>) sum[key] += part[key];
  return sum;
}
