// Drives syncs the way a client does, for the chaos trials, the bench and the security suite:
// start (POST /api/course-runs/{runId}/sessions/sync), follow to the end (GET /api/syncs/{id}),
// retry (POST /api/syncs/{id}/retry), and read the failed items' errors.
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

const acceptedSchema = z.object({ id: z.string() });
const syncViewSchema = z.object({ id: z.string(), status: z.string(), progress: countsSchema, reason: z.string().optional() });
const detailsSchema = z.object({
  items: z.array(z.object({ outcome: z.string(), error: z.object({ message: z.string() }).optional() })).optional(),
});

export class SyncDriver {
  constructor(
    private readonly env: ApiCaller,
    private readonly headers: Record<string, string> = {},
  ) {}

  async start(target: SyncTarget, options: { dryRun?: boolean } = {}): Promise<string> {
    const body = { courseReferenceNumber: target.courseReferenceNumber, uen: target.uen, dryRun: options.dryRun ?? false };
    return this.accepted(`starting a sync of run ${target.runId}`, await this.env.api("POST", `/api/course-runs/${target.runId}/sessions/sync`, body, this.headers));
  }

  /** A new sync redoing only the failed items of `syncId`. */
  async retry(syncId: string): Promise<string> {
    return this.accepted(`retrying ${syncId}`, await this.env.api("POST", `/api/syncs/${syncId}/retry`, undefined, this.headers));
  }

  /** The sync's state now; undefined while it is not finished. */
  async poll(syncId: string): Promise<SyncEnd | undefined> {
    const response = await this.env.api("GET", `/api/syncs/${syncId}`, undefined, this.headers);
    if (response.status !== 200) throw new Error(`GET /api/syncs/${syncId} answered ${response.status}: ${response.text.slice(0, 300)}`);
    const view = syncViewSchema.parse(response.body);
    if (!TERMINAL.has(view.status)) return undefined;
    return { id: syncId, status: view.status, progress: view.progress, ...(view.reason === undefined ? {} : { reason: view.reason }) };
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

  /** The errors of the first few failed items, for a failing trial's message. */
  async failedItemErrors(syncId: string, limit = 3): Promise<string[]> {
    const response = await this.env.api("GET", `/api/syncs/${syncId}?details=true`, undefined, this.headers);
    const parsed = detailsSchema.safeParse(response.body);
    if (!parsed.success) return [];
    return (parsed.data.items ?? []).filter((i) => i.outcome === "failed").slice(0, limit).map((i) => i.error?.message ?? "no reason given");
  }

  private accepted(what: string, response: ApiResponse): string {
    if (response.status !== 202) throw new Error(`${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
    return acceptedSchema.parse(response.body).id;
  }
}
