// kill -9 of the host in the middle of a sync: devhost runs as a child process with its Durable
// state on Azurite; after a restart the sync carries on from its history and BESTraining ends up
// with exactly one record per session (activities that ran again found what they had made).
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { eventually, startE2eEnv, type E2eEnv } from "../support/e2e-env.js";
import { assertNoDuplicates, getSync, sessionsOfRun, startSync, waitForSync, type RunRef } from "./sync-client.js";

let env: E2eEnv;
before(async () => {
  env = await startE2eEnv({ mode: "process", store: "tables", simulators: { dataset: { runs: 1, sessionsPerRun: 40 } } });
});
after(async () => {
  await env?.stop();
});

it("a sync killed mid-way completes after a restart, with no duplicate in BESTraining", async () => {
  const generated = env.sims.ssg.runs().find((r) => r.id !== "224596" && !r.expired);
  assert.ok(generated);
  const run: RunRef = { runId: generated.id, courseReferenceNumber: generated.referenceNumber, uen: generated.uen };
  // Slow writes, so the kill lands while sessions are being written.
  env.sims.tadabase.faults.add({ method: "POST", route: "/api/v1/data-tables/{tableId}/records", latencyMs: 150 });

  const id = await startSync(env, run);
  await eventually(async () => {
    const sync = await getSync(env, id);
    return sync.progress.created >= 3 ? true : undefined;
  }, 60_000, 100);
  await env.kill();
  const writtenBeforeKill = sessionsOfRun(env, run.runId).length;
  assert.ok(writtenBeforeKill < generated.sessions.filter((s) => !s.deleted).length, "killed before the end");

  await env.restart();
  const sync = await waitForSync(env, id, 120_000);
  assert.equal(sync.status, "completed");
  assert.equal(sync.progress.failed, 0);
  const live = generated.sessions.filter((s) => !s.deleted).map((s) => s.id).sort();
  const held = sessionsOfRun(env, run.runId).map((r) => String(r["SSG Session ID"])).sort();
  assert.deepEqual(held, live, "one record per live session");
  assertNoDuplicates(env);
});
