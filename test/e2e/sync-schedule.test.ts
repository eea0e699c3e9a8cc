// The scheduled sync through devhost's timer: with SYNC_SCHEDULE set, each tick starts a sync for
// every active course run listed in BESTraining's Course Runs table, skips runs already syncing,
// and leaves ended runs and records it cannot sync alone.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { eventually, FUNCTION_KEY, startE2eEnv, type E2eEnv } from "../support/e2e-env.js";
import { call, SEEDED_RUN, startSync, waitForSync, type RunRef } from "./sync-client.js";

let started: E2eEnv;
/** The same environment, every call carrying the function key (keys are enforced here). */
let env: E2eEnv;
before(async () => {
  started = await startE2eEnv({ requireKeys: true, settings: { SYNC_SCHEDULE: "*/2 * * * * *", LOG_LEVEL: "info" } });
  env = { ...started, api: (method, path, body, headers = {}) => started.api(method, path, body, { "x-functions-key": FUNCTION_KEY, ...headers }) };
});
after(async () => {
  await started?.stop();
});

it("every sync and original route wants a function key", async () => {
  for (const [method, path] of [
    ["POST", "/api/course-runs/224596/sessions/sync"],
    ["GET", "/api/syncs"],
    ["GET", "/api/syncs/sync-224596-00000000"],
    ["POST", "/api/syncs/sync-224596-00000000/cancel"],
    ["POST", "/api/syncs/sync-224596-00000000/retry"],
    ["GET", "/api/beso/courses/runs/224596/sessions"],
    ["GET", "/api/SSG/courses/runs/224596/sessions"],
    ["POST", "/api/beso/courses/runs/sessions/add"],
  ] as const) {
    const res = await started.api(method, path, method === "POST" ? {} : undefined);
    assert.equal(res.status, 401, `${method} ${path}`);
  }
  const res = await call(env, "GET", "/api/syncs?limit=1");
  assert.equal(res.status, 200);
});

async function syncsOf(runId: string): Promise<Array<{ id: string; status: string }>> {
  const res = await call(env, "GET", `/api/syncs?runId=${runId}&limit=100`);
  assert.equal(res.status, 200, res.text);
  return (res.body as { items: Array<{ id: string; status: string }> }).items;
}

it("starts a sync for each active course run, skipping busy, ended and invalid ones", async () => {
  const generated = env.sims.ssg.runs().find((r) => r.id !== "224596" && !r.expired);
  assert.ok(generated);
  const busy: RunRef = { runId: generated.id, courseReferenceNumber: generated.referenceNumber, uen: generated.uen };
  // Keep one run busy with a sync of our own (slow writes) while the timer ticks.
  env.sims.tadabase.faults.add({ method: "POST", route: "/api/v1/data-tables/{tableId}/records", latencyMs: 2000 });
  const ours = await startSync(env, busy);

  const today = new Date().toISOString().slice(0, 10);
  const runs = (values: Record<string, string>) => env.sims.tadabase.insert("Course Runs", values);
  runs({ "Run ID": SEEDED_RUN.runId, "Course Reference Number": SEEDED_RUN.courseReferenceNumber, UEN: SEEDED_RUN.uen, "End Date": today });
  runs({ "Run ID": busy.runId, "Course Reference Number": busy.courseReferenceNumber, UEN: busy.uen, "End Date": "2099-12-31" });
  runs({ "Run ID": "100200", "Course Reference Number": "TGS-2019000111", UEN: SEEDED_RUN.uen, "End Date": "2025-03-03" });
  runs({ "Run ID": "not-a-run", "Course Reference Number": "TGS-2020000703", "End Date": "2099-12-31" });

  // A tick that saw the runs: it started the seeded run and skipped ours.
  const tick = /scheduled sync .*: 3 active course runs, 1 started, 1 already syncing, 1 invalid, 0 failed/;
  await eventually(() => Promise.resolve(env.logs.some((l) => tick.test(l)) ? true : undefined), 30_000);
  const seeded = await syncsOf(SEEDED_RUN.runId);
  assert.ok(seeded.length >= 1, "the active run got a sync");
  assert.equal((await syncsOf("100200")).length, 0, "an ended run is left alone");
  const busyRuns = await syncsOf(busy.runId);
  const oursNow = await call(env, "GET", `/api/syncs/${ours}`);
  if ((oursNow.body as { status: string }).status === "running") {
    assert.deepEqual(busyRuns.map((s) => s.id), [ours], "no second sync beside a running one");
  }
  env.sims.tadabase.faults.clear();
  assert.equal((await waitForSync(env, ours)).status, "completed");
  const first = seeded[0];
  assert.ok(first);
  assert.equal((await waitForSync(env, first.id)).status, "completed");
});
