// What the end-to-end sync tests share: calls to the app's API, each answer checked against the
// OpenAPI document, waiting for a sync to end, and reading what the TadaBase simulator holds.
import assert from "node:assert/strict";
import { eventually, type ApiResponse, type E2eEnv } from "../support/e2e-env.js";
import type { SyncCounts as Progress } from "../../shared/sync/outcomes.js";
import { assertMatchesDocument } from "../support/openapi-check.js";

export interface SyncItem {
  sessionId: string;
  outcome: "created" | "updated" | "unchanged" | "deleted" | "failed";
  recordId?: string;
  error?: { kind: string; message: string };
}

export interface SyncView {
  id: string;
  runId: string;
  status: "pending" | "running" | "completed" | "failed" | "canceled";
  dryRun: boolean;
  progress: Progress;
  reason?: string;
  items?: SyncItem[];
}

export interface RunRef {
  runId: string;
  courseReferenceNumber: string;
  uen: string;
}

/** The seeded fixture run: 3 sessions, two spellings of one venue, one session deleted in SSG. */
export const SEEDED_RUN: RunRef = { runId: "224596", courseReferenceNumber: "TGS-2020000703", uen: "T16LL0001A" };

const TERMINAL = new Set(["completed", "failed", "canceled"]);

/** Calls the API and checks the answer against the OpenAPI document. */
export async function call(env: E2eEnv, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const res = await env.api(method, path, body);
  assertMatchesDocument({ method, url: path, status: res.status, headers: res.headers, ...(res.text === "" ? {} : { body: res.body }) });
  return res;
}

export function syncBody(run: RunRef, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { courseReferenceNumber: run.courseReferenceNumber, uen: run.uen, ...extra };
}

/** Starts a sync and returns its id (asserting the 202 and our own status URL). */
export async function startSync(env: E2eEnv, run: RunRef, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(env, "POST", `/api/course-runs/${run.runId}/sessions/sync`, syncBody(run, extra));
  assert.equal(res.status, 202, res.text);
  const body = res.body as { id: string; statusUrl: string };
  assert.equal(res.headers.get("location"), body.statusUrl);
  assert.equal(body.statusUrl, `${env.url}/api/syncs/${body.id}`);
  return body.id;
}

export async function getSync(env: E2eEnv, id: string, details = false): Promise<SyncView> {
  const res = await call(env, "GET", `/api/syncs/${id}${details ? "?details=true" : ""}`);
  assert.equal(res.status, 200, res.text);
  return res.body as SyncView;
}

/** Polls the sync until it ends; returns it with its items. */
export async function waitForSync(env: E2eEnv, id: string, timeoutMs = 90_000): Promise<SyncView> {
  await eventually(async () => (TERMINAL.has((await getSync(env, id)).status) ? true : undefined), timeoutMs, 250);
  return getSync(env, id, true);
}

export async function syncToEnd(env: E2eEnv, run: RunRef, extra: Record<string, unknown> = {}): Promise<SyncView> {
  return waitForSync(env, await startSync(env, run, extra));
}

export function progress(partial: Partial<Progress>): Progress {
  const p = { created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0, ...partial };
  return { total: p.created + p.updated + p.unchanged + p.deleted + p.failed, ...p };
}

export function outcomesById(sync: SyncView): Record<string, string> {
  return Object.fromEntries((sync.items ?? []).map((i) => [i.sessionId, i.outcome]));
}

/** TadaBase records of a table (values by field name). */
export function records(env: E2eEnv, table: "Venues" | "Course Sessions" | "Course Runs"): Array<Record<string, unknown>> {
  return env.sims.tadabase.records(table);
}

export function sessionsOfRun(env: E2eEnv, runId: string): Array<Record<string, unknown>> {
  return records(env, "Course Sessions").filter((r) => r["Course Run ID"] === runId);
}

/** Calls TadaBase received since the log was last cleared: writes (POST/DELETE) and reads (GET). */
export function tadabaseCalls(env: E2eEnv): { writes: number; reads: number } {
  const { requests } = env.sims.tadabase.requests();
  return {
    writes: requests.filter((r) => r.method === "POST" || r.method === "DELETE").length,
    reads: requests.filter((r) => r.method === "GET").length,
  };
}

/** No SSG session id may have two Course Session records, and no venue key two Venue records. */
export function assertNoDuplicates(env: E2eEnv): void {
  const ids = records(env, "Course Sessions").map((r) => String(r["SSG Session ID"]));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], "duplicate Course Session records");
  const keys = records(env, "Venues").map((r) => String(r["Venue Key"]));
  assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], "duplicate Venue records");
}
