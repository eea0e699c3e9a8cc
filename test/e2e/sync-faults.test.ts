// Syncs against partners that misbehave: storms of 5xx, resets, hangs and 429s that the HTTP layer
// rides out (nothing lost, nothing failed), and BESTraining refusing every write for a while (items
// end `failed` with a reason; `retry` completes exactly those once it is back, duplicating nothing).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventually, startE2eEnv, type E2eEnv } from "../support/e2e-env.js";
import { assertNoDuplicates, call, outcomesById, sessionsOfRun, startSync, syncBody, syncToEnd, waitForSync, type RunRef, type SyncView } from "./sync-client.js";

const RECORDS = "/api/v1/data-tables/{tableId}/records";
const RECORD = "/api/v1/data-tables/{tableId}/records/{recordId}";
const SSG_SESSIONS = "/courses/runs/{runId}/sessions";

describe("sync under partner faults", () => {
  let env: E2eEnv;
  let runs: RunRef[];
  before(async () => {
    env = await startE2eEnv({
      settings: {
        // Enough attempts to outlast every fault injected below; short waits keep the test quick.
        TADABASE_MAX_ATTEMPTS: "10",
        TADABASE_TIMEOUT_MS: "2000",
        TADABASE_DEADLINE_MS: "30000",
        SSG_MAX_ATTEMPTS: "5",
        SSG_TIMEOUT_MS: "2000",
        SSG_DEADLINE_MS: "30000",
      },
    });
    runs = env.sims.ssg
      .runs()
      .filter((r) => r.id !== "224596" && !r.expired)
      .map((r) => ({ runId: r.id, courseReferenceNumber: r.referenceNumber, uen: r.uen }));
    assert.ok(runs.length >= 2, "the seeded dataset has two generated runs");
  });
  after(async () => {
    await env?.stop();
  });

  /** Every live SSG session of the run has exactly one record, marked as SSG marks it. */
  function assertRunMirrored(run: RunRef): void {
    const ssg = env.sims.ssg.run(run.runId)?.sessions ?? [];
    const held = new Map(sessionsOfRun(env, run.runId).map((r) => [r["SSG Session ID"], r]));
    for (const session of ssg.filter((s) => !s.deleted)) {
      const record = held.get(session.id);
      assert.ok(record, `${session.id} has a record`);
      assert.equal(record.Deleted, "False");
    }
    assertNoDuplicates(env);
  }

  it("rides out 5xx, resets, hangs and a 429 storm with no item lost or failed", async () => {
    const [run] = runs as [RunRef];
    // Fewer failures in a row than the breaker's threshold, fewer in all than the attempts allowed.
    for (const rule of [
      { route: SSG_SESSIONS, status: 500, count: 2 },
      { route: SSG_SESSIONS, reset: true, count: 1 },
    ]) {
      env.sims.ssg.faults.add(rule);
    }
    for (const rule of [
      { method: "GET", route: RECORDS, status: 503, count: 2 },
      { method: "GET", route: RECORDS, reset: true, count: 1 },
      { method: "GET", route: RECORDS, hang: true, count: 1 },
      { route: RECORDS, status: 429, count: 5, retryAfterSeconds: 1 },
    ]) {
      env.sims.tadabase.faults.add(rule);
    }
    env.sims.ssg.clearRequests();
    env.sims.tadabase.clearRequests();
    const sync = await syncToEnd(env, run);
    assert.equal(sync.status, "completed", JSON.stringify(sync));
    assert.equal(sync.progress.failed, 0, JSON.stringify(sync.items?.filter((i) => i.outcome === "failed")));
    const ssgSessions = env.sims.ssg.run(run.runId)?.sessions ?? [];
    assert.deepEqual(Object.keys(outcomesById(sync)).sort(), ssgSessions.map((s) => s.id).sort(), "every session has an outcome");
    assertRunMirrored(run);
    // The faults really happened (a rule that fired its count removes itself).
    assert.deepEqual(env.sims.ssg.faults.list(), []);
    assert.deepEqual(env.sims.tadabase.faults.list(), []);
    const faulted = env.sims.tadabase.requests().requests.filter((r) => r.fault !== undefined).length;
    assert.equal(faulted, 9);

    const nothing = await call(env, "POST", `/api/syncs/${sync.id}/retry`);
    assert.equal(nothing.status, 409, "no failed item to retry");
    assert.equal((nothing.body as { syncId: string }).syncId, sync.id);
  });

  it("writes answered 5xx are redone in a second pass: nothing fails, nothing is duplicated", async () => {
    const run = (runs[2] ?? runs[0]) as RunRef;
    // A POST is not repeated by the HTTP layer after a 5xx (it may have landed); the orchestration
    // redoes the item, whose step looks the record up before writing. Venues are written first, so
    // the first POST of a first sync is a venue create.
    env.sims.tadabase.faults.add({ method: "POST", route: RECORDS, status: 503, count: 1 });
    const created = await syncToEnd(env, run);
    assert.equal(created.status, "completed", JSON.stringify(created));
    assert.equal(created.progress.failed, 0, JSON.stringify(created.items?.filter((i) => i.outcome === "failed")));
    assert.deepEqual(env.sims.tadabase.faults.list(), [], "the venue create was refused once");
    assertRunMirrored(run);

    // Session updates (POST to the record) refused twice, then redone.
    const live = (env.sims.ssg.run(run.runId)?.sessions ?? []).filter((s) => !s.deleted).slice(0, 2);
    for (const session of live) env.sims.ssg.editSession(run.runId, session.id, { endTime: "23:30" });
    env.sims.tadabase.faults.add({ method: "POST", route: RECORD, status: 503, count: 2 });
    const updated = await syncToEnd(env, run);
    assert.equal(updated.progress.failed, 0, JSON.stringify(updated.items?.filter((i) => i.outcome === "failed")));
    assert.equal(updated.progress.updated, live.length);
    assert.deepEqual(env.sims.tadabase.faults.list(), [], "both updates were refused once");
    const held = new Map(sessionsOfRun(env, run.runId).map((r) => [r["SSG Session ID"], r]));
    for (const session of live) assert.equal(held.get(session.id)?.["End Time"], "23:30:00");
    assertRunMirrored(run);
  });

  it("a sync started while BESTraining's circuit is still open waits it out instead of failing", async () => {
    const [first, second] = [runs[3] ?? runs[0], runs[4] ?? runs[1]] as [RunRef, RunRef];
    // BESTraining down: the client's circuit opens after five failures in a row.
    env.sims.tadabase.faults.add({ route: "*", status: 503 });
    env.sims.tadabase.clearRequests();
    const firstId = await startSync(env, first);
    await eventually(() => Promise.resolve(env.sims.tadabase.requests().requests.filter((r) => r.fault !== undefined).length >= 5 ? true : undefined), 30_000);
    // Back at once, while the circuit stays open for another ~15 s: a sync started now must outlast it.
    env.sims.tadabase.faults.clear();
    const secondSync = await syncToEnd(env, second);
    assert.equal(secondSync.status, "completed", JSON.stringify(secondSync));
    assert.equal(secondSync.progress.failed, 0);
    const firstSync = await waitForSync(env, firstId);
    assert.equal(firstSync.status, "completed", JSON.stringify(firstSync));
    assertRunMirrored(first);
    assertRunMirrored(second);
  });

  it("with BESTraining refusing writes, items fail with a reason; retry completes exactly those", async () => {
    const run = runs[1] as RunRef;
    env.sims.tadabase.faults.add({ method: "POST", route: RECORDS, status: 503 });
    let failedSync: SyncView;
    try {
      failedSync = await syncToEnd(env, run);
    } finally {
      env.sims.tadabase.faults.clear();
    }
    assert.equal(failedSync.status, "completed", "one failing item never fails the sync");
    const failed = (failedSync.items ?? []).filter((i) => i.outcome === "failed");
    assert.ok(failed.length > 0);
    assert.equal(failedSync.progress.failed, failed.length);
    for (const item of failed) {
      assert.ok(item.error && item.error.kind !== "" && item.error.message !== "", `${item.sessionId} says why it failed`);
      assert.doesNotMatch(JSON.stringify(item.error), /dev-tadabase|app-key|app-secret/i, "no secret in the reason");
    }
    assert.equal(sessionsOfRun(env, run.runId).length, 0, "nothing was written");

    // Retry at once: the BESTraining client's circuit is still open after the failures in a row, and
    // the sync's reading steps wait it out (their retries span longer than the circuit stays open).
    const res = await call(env, "POST", `/api/syncs/${failedSync.id}/retry`);
    assert.equal(res.status, 202, res.text);
    const retryId = (res.body as { id: string }).id;
    assert.notEqual(retryId, failedSync.id);
    assert.equal(res.headers.get("location"), `${env.url}/api/syncs/${retryId}`);
    const retried = await waitForSync(env, retryId);
    assert.equal(retried.status, "completed");
    assert.equal(retried.progress.failed, 0, JSON.stringify(retried.items?.filter((i) => i.outcome === "failed")));
    assert.deepEqual(
      Object.keys(outcomesById(retried)).sort(),
      failed.map((i) => i.sessionId).sort(),
      "the retry touched exactly the items that had failed",
    );
    assertRunMirrored(run);

    const again = await call(env, "POST", `/api/syncs/${retryId}/retry`);
    assert.equal(again.status, 409, again.text);
  });

  it("a start naming no training provider is refused up front; a sync SSG refuses ends failed and says why", async () => {
    const run = runs[0] as RunRef;
    // No uen in the request and no SSG_UEN setting: SSG would refuse, so nothing is started.
    const noProvider = await call(env, "POST", `/api/course-runs/${run.runId}/sessions/sync`, syncBody(run, { uen: undefined }));
    assert.equal(noProvider.status, 400, noProvider.text);
    assert.match(JSON.stringify(noProvider.body), /uen/);

    // SSG refusing the query (its answer to an app without the subscription).
    env.sims.ssg.faults.add({ route: SSG_SESSIONS, status: 403 });
    let sync: SyncView;
    try {
      sync = await syncToEnd(env, run);
    } finally {
      env.sims.ssg.faults.clear();
    }
    assert.equal(sync.status, "failed");
    assert.match(sync.reason ?? "", /ssg .*rejected with 403/i);
    const listed = await call(env, "GET", `/api/syncs?runId=${run.runId}&status=failed`);
    const items = (listed.body as { items: Array<{ id: string; reason?: string }> }).items;
    assert.deepEqual(items.map((i) => i.id), [sync.id]);
    assert.equal(items[0]?.reason, sync.reason);
  });
});
