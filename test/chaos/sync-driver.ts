// Drives syncs the way a client does, for the chaos trials and the bench: start, follow to the end,
// retry. It uses the app's own routes (POST /api/course-runs/{runId}/sessions/sync, GET /api/syncs/{id},
// POST /api/syncs/{id}/retry) and falls back to devhost's Durable webhook while a route is missing
// (answers a bare 404), so the suites ran before the routes landed and switch over by themselves.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { ApiResponse } from "../support/e2e-env.js";

export interface ApiCaller {
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
}

export interface SyncTarget {
  runId: string;
  courseReferenceNumber: string;
  uen: string;
}

const countsSchema = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
  failed: z.number(),
});
export type Counts = z.infer<typeof countsSchema>;

export interface SyncEnd {
  id: string;
  /** The sync's own verdict: completed (every item has an outcome), failed or canceled. */
  status: string;
  progress: Counts;
  /** Why a sync failed, when it says. */
  reason?: string;
}

const TERMINAL = new Set(["completed", "failed", "canceled"]);
const ORCHESTRATION = "syncCourseRunSessions";
const WEBHOOK = "/runtime/webhooks/durabletask";

const acceptedSchema = z.object({ id: z.string() });
const syncViewSchema = z.object({ id: z.string(), status: z.string(), progress: countsSchema, reason: z.string().optional() });
const instanceSchema = z.object({
  runtimeStatus: z.string(),
  output: z.object({ status: z.string(), progress: countsSchema, reason: z.string().optional() }).nullish(),
});

/** A bare 404 is devhost saying "no such route"; the app's own 404s are problem+json. */
const routeMissing = (response: ApiResponse): boolean => response.status === 404 && response.text === "";

export class SyncDriver {
  /** Syncs started through the webhook, by id (their target, for a retry). */
  private readonly viaWebhook = new Map<string, SyncTarget>();

  constructor(
    private readonly env: ApiCaller,
    private readonly headers: Record<string, string> = {},
    private readonly windowSize = 20,
  ) {}

  async start(target: SyncTarget, options: { dryRun?: boolean } = {}): Promise<string> {
    const body = { courseReferenceNumber: target.courseReferenceNumber, uen: target.uen, dryRun: options.dryRun ?? false };
    const response = await this.env.api("POST", `/api/course-runs/${target.runId}/sessions/sync`, body, this.headers);
    if (response.status === 202) return acceptedSchema.parse(response.body).id;
    if (!routeMissing(response)) throw new Error(`starting a sync of run ${target.runId} answered ${response.status}: ${response.text.slice(0, 300)}`);
    return this.startThroughWebhook(target, options.dryRun ?? false);
  }

  /** A new sync redoing only the failed items of `syncId`. */
  async retry(syncId: string): Promise<string> {
    const target = this.viaWebhook.get(syncId);
    if (target !== undefined) return this.startThroughWebhook(target, false, syncId);
    const response = await this.env.api("POST", `/api/syncs/${syncId}/retry`, undefined, this.headers);
    if (response.status !== 202) throw new Error(`retrying ${syncId} answered ${response.status}: ${response.text.slice(0, 300)}`);
    return acceptedSchema.parse(response.body).id;
  }

  /** The sync's state now; undefined while it is not finished. */
  async poll(syncId: string): Promise<SyncEnd | undefined> {
    if (this.viaWebhook.has(syncId)) {
      const response = await this.env.api("GET", `${WEBHOOK}/instances/${syncId}`, undefined, this.headers);
      if (response.status === 404) return undefined;
      const instance = instanceSchema.parse(response.body);
      if (["Failed", "Terminated"].includes(instance.runtimeStatus)) {
        throw new Error(`sync ${syncId} ended ${instance.runtimeStatus} (the orchestration itself failed)`);
      }
      if (instance.runtimeStatus !== "Completed" || !instance.output) return undefined;
      const { status, progress, reason } = instance.output;
      return { id: syncId, status, progress, ...(reason === undefined ? {} : { reason }) };
    }
    const response = await this.env.api("GET", `/api/syncs/${syncId}`, undefined, this.headers);
    if (response.status !== 200) throw new Error(`GET /api/syncs/${syncId} answered ${response.status}: ${response.text.slice(0, 300)}`);
    const view = syncViewSchema.parse(response.body);
    if (!TERMINAL.has(view.status)) return undefined;
    // The sync resource does not say why a sync failed; the orchestration's output does.
    const reason = view.reason ?? (view.status === "failed" ? await this.instanceReason(syncId) : undefined);
    return { id: syncId, status: view.status, progress: view.progress, ...(reason === undefined ? {} : { reason }) };
  }

  /** The errors of the first few failed items, for a failing trial's message. */
  async failedItemErrors(syncId: string, limit = 3): Promise<string[]> {
    if (this.viaWebhook.has(syncId)) return [];
    const response = await this.env.api("GET", `/api/syncs/${syncId}?details=true`, undefined, this.headers);
    const parsed = z.object({ items: z.array(z.object({ outcome: z.string(), error: z.object({ message: z.string() }).optional() })).optional() }).safeParse(response.body);
    if (!parsed.success) return [];
    return (parsed.data.items ?? []).filter((i) => i.outcome === "failed").slice(0, limit).map((i) => i.error?.message ?? "no reason given");
  }

  private async instanceReason(syncId: string): Promise<string | undefined> {
    const response = await this.env.api("GET", `${WEBHOOK}/instances/${syncId}`, undefined, this.headers);
    const parsed = instanceSchema.safeParse(response.body);
    return parsed.success ? parsed.data.output?.reason : undefined;
  }

  /** Follows a sync to its end; connection errors (a restarting host) are waited out. */
  async waitForEnd(syncId: string, timeoutMs: number): Promise<SyncEnd> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const end = await this.poll(syncId);
        if (end !== undefined) return end;
      } catch (error) {
        if (!(error instanceof TypeError)) throw error; // fetch's network failure is a TypeError
      }
      if (Date.now() > deadline) throw new Error(`sync ${syncId} did not finish within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async startThroughWebhook(target: SyncTarget, dryRun: boolean, retryOf?: string): Promise<string> {
    const syncId = `sync-${target.runId}-${randomBytes(4).toString("hex")}`;
    const input = {
      syncId,
      runId: target.runId,
      courseReferenceNumber: target.courseReferenceNumber,
      uen: target.uen,
      dryRun,
      windowSize: this.windowSize,
      ...(retryOf === undefined ? {} : { retryOf }),
    };
    const response = await this.env.api("POST", `${WEBHOOK}/orchestrators/${ORCHESTRATION}/${syncId}`, input, this.headers);
    if (response.status !== 202) throw new Error(`starting ${syncId} through the webhook answered ${response.status}: ${response.text.slice(0, 300)}`);
    this.viaWebhook.set(syncId, target);
    return syncId;
  }
}
