// The sync API end to end (devhost in process, Durable state and our tables on Azurite, partner
// simulators): first sync, unchanged re-sync, SSG edits, dry run, one sync per run, cancel, the
// sync list, and bad input. The steps build on each other, in order, in one environment.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { eventually, ROOT, startE2eEnv, type E2eEnv } from "../support/e2e-env.js";
import { fill, parseHttpFile } from "./http-file.js";
import {
  assertNoDuplicates,
  call,
  getSync,
  outcomesById,
  progress,
  records,
  SEEDED_RUN,
  sessionsOfRun,
  startSync,
  syncBody,
  syncToEnd,
  tadabaseCalls,
  waitForSync,
  type RunRef,
} from "./sync-client.js";

const S = (n: number): string => `TGS-2020000703-224596-S${n}`;

describe("sync API end to end", () => {
  let env: E2eEnv;
  before(async () => {
    // A short BESTraining deadline keeps the wait after a cancel (twice the deadline) short; the
    // rate limits are raised so that waiting for the limiter never eats into that deadline.
    env = await startE2eEnv({
      settings: { TADABASE_TIMEOUT_MS: "2000", TADABASE_DEADLINE_MS: "4000", TADABASE_REQUESTS_PER_MINUTE: "6000" },
      simulators: { tadabase: { rateLimit: { perMinute: 6000 } } },
    });
  });
  after(async () => {
    await env?.stop();
  });

  it("first sync creates one venue for two spellings of it and a record per live session", async () => {
    const sync = await syncToEnd(env, SEEDED_RUN);
    assert.equal(sync.status, "completed");
    assert.equal(sync.dryRun, false);
    // S3 is deleted in SSG and was never in BESTraining: nothing to write for it.
    assert.deepEqual(sync.progress, progress({ created: 2, unchanged: 1 }));
    assert.deepEqual(outcomesById(sync), { [S(1)]: "created", [S(2)]: "created", [S(3)]: "unchanged" });

    const venues = records(env, "Venues");
    assert.equal(venues.length, 1, "S1 and S2 name the same place, spelled differently");
    const venue = venues[0] ?? {};
    assert.equal(venue["Postal Code"], "560112");
    assert.equal(venue.Building, "Northpoint Learning Hub");
    assert.match(String(venue["Venue Key"]), /^v\d+:/);

    const sessions = sessionsOfRun(env, "224596");
    assert.deepEqual(sessions.map((s) => s["SSG Session ID"]).sort(), [S(1), S(2)]);
    for (const s of sessions) {
      assert.deepEqual(s.Venue, [venue.id], "each session is connected to the one venue");
      assert.equal(s.Deleted, "False");
    }
    const s1 = sessions.find((s) => s["SSG Session ID"] === S(1)) ?? {};
    assert.deepEqual(
      [s1["Start Date"], s1["End Date"], s1["Start Time"], s1["End Time"], s1["Mode of Training"], s1["Attendance Taken"]],
      ["2026-01-05", "2026-01-05", "09:00:00", "17:00:00", "Classroom", "True"],
    );
    assert.equal(sync.items?.find((i) => i.sessionId === S(1))?.recordId, s1.id);
  });

  it("a second sync finds everything unchanged, writes nothing and reads little", async () => {
    env.sims.tadabase.clearRequests();
    const sync = await syncToEnd(env, SEEDED_RUN);
    assert.equal(sync.status, "completed");
    assert.deepEqual(sync.progress, progress({ unchanged: 3 }));
    const calls = tadabaseCalls(env);
    assert.equal(calls.writes, 0);
    assert.ok(calls.reads <= 5, `${calls.reads} reads`);
    assertNoDuplicates(env);
  });

  it("a dry run reports the plan for SSG's edits and writes nothing", async () => {
    env.sims.ssg.editSession("224596", S(1), { endTime: "18:00" });
    env.sims.ssg.editSession("224596", S(2), { deleted: true });
    env.sims.ssg.addSession("224596", {
      id: S(4),
      startDate: "20260119",
      endDate: "20260119",
      startTime: "09:00",
      endTime: "12:00",
      modeOfTraining: "1",
      venue: { block: "10", street: "Eunos Road 8", floor: "5", unit: "1", building: "SingPost Centre", postalCode: "408600", room: "Studio 2", wheelChairAccess: false },
    });
    const before = JSON.stringify([records(env, "Venues"), records(env, "Course Sessions")]);
    env.sims.tadabase.clearRequests();

    const sync = await syncToEnd(env, SEEDED_RUN, { dryRun: true });
    assert.equal(sync.status, "completed");
    assert.equal(sync.dryRun, true);
    assert.deepEqual(sync.progress, progress({ created: 1, updated: 1, deleted: 1, unchanged: 1 }));
    assert.deepEqual(outcomesById(sync), { [S(1)]: "updated", [S(2)]: "deleted", [S(3)]: "unchanged", [S(4)]: "created" });
    assert.equal(tadabaseCalls(env).writes, 0);
    assert.equal(JSON.stringify([records(env, "Venues"), records(env, "Course Sessions")]), before);
  });

  it("a real sync then makes exactly those changes; a session gone from SSG's list is marked deleted", async () => {
    const sync = await syncToEnd(env, SEEDED_RUN);
    assert.deepEqual(sync.progress, progress({ created: 1, updated: 1, deleted: 1, unchanged: 1 }));
    const byId = (id: string) => sessionsOfRun(env, "224596").find((s) => s["SSG Session ID"] === id) ?? {};
    assert.equal(byId(S(1))["End Time"], "18:00:00");
    assert.equal(byId(S(2)).Deleted, "True", "soft-deleted, never removed");
    assert.equal(byId(S(4)).Deleted, "False");
    const venues = records(env, "Venues");
    assert.equal(venues.length, 2);
    const eunos = venues.find((v) => v["Postal Code"] === "408600");
    assert.deepEqual(byId(S(4)).Venue, [eunos?.id]);

    env.sims.ssg.removeSession("224596", S(4));
    const vanished = await syncToEnd(env, SEEDED_RUN);
    assert.deepEqual(vanished.progress, progress({ deleted: 1, unchanged: 3 }));
    assert.equal(byId(S(4)).Deleted, "True");
    assert.equal(sessionsOfRun(env, "224596").length, 3, "records are marked deleted, never removed");
    assertNoDuplicates(env);
  });

  it("two starts at once: exactly one 202, the other 409 naming it", async () => {
    const path = `/api/course-runs/${SEEDED_RUN.runId}/sessions/sync`;
    const answers = await Promise.all([call(env, "POST", path, syncBody(SEEDED_RUN)), call(env, "POST", path, syncBody(SEEDED_RUN))]);
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [202, 409], answers.map((a) => a.text).join("\n"));
    const won = answers.find((a) => a.status === 202)?.body as { id: string };
    const lost = answers.find((a) => a.status === 409);
    assert.equal(lost?.headers.get("content-type"), "application/problem+json");
    const problem = lost?.body as { syncId: string; statusUrl: string; type: string };
    assert.equal(problem.syncId, won.id);
    assert.equal(problem.statusUrl, `${env.url}/api/syncs/${won.id}`);
    assert.match(problem.type, /sync-running$/);
    assert.equal((await waitForSync(env, won.id)).status, "completed");
    // The run is free again once the sync has ended.
    assert.equal((await waitForSync(env, await startSync(env, SEEDED_RUN))).status, "completed");
  });

  it("cancel stops a running sync, keeps what it wrote and frees the run", async () => {
    const [generated] = env.sims.ssg.runs().filter((r) => r.id !== "224596" && !r.expired && r.sessions.length >= 4);
    assert.ok(generated, "the seeded dataset has a generated run");
    const run: RunRef = { runId: generated.id, courseReferenceNumber: generated.referenceNumber, uen: generated.uen };
    // Slow writes keep the sync busy long enough to cancel it.
    env.sims.tadabase.faults.add({ method: "POST", route: "/api/v1/data-tables/{tableId}/records", latencyMs: 1500 });
    try {
      const id = await startSync(env, run);
      await eventually(async () => ((await getSync(env, id)).status === "running" ? true : undefined), 30_000);
      const early = await call(env, "POST", `/api/syncs/${id}/retry`);
      assert.equal(early.status, 409, "a running sync cannot be retried");
      assert.equal((early.body as { syncId: string }).syncId, id);
      const res = await call(env, "POST", `/api/syncs/${id}/cancel`);
      assert.equal(res.status, 202, res.text);
      assert.equal(res.headers.get("location"), `${env.url}/api/syncs/${id}`);
      const canceled = await waitForSync(env, id);
      assert.equal(canceled.status, "canceled");
      // What it wrote before the cancel stays written, with its outcomes.
      const held = new Set(sessionsOfRun(env, run.runId).map((r) => r.id));
      for (const item of canceled.items?.filter((i) => i.outcome === "created") ?? []) assert.ok(held.has(item.recordId), `${item.sessionId} stays`);
      const again = await call(env, "POST", `/api/syncs/${id}/cancel`);
      assert.equal(again.status, 409);
      const listed = await call(env, "GET", `/api/syncs?runId=${run.runId}&status=canceled`);
      assert.deepEqual((listed.body as { items: Array<{ id: string }> }).items.map((i) => i.id), [id]);
      // Writes the canceled sync had in flight may still land: the run stays busy a little while.
      const soon = await call(env, "POST", `/api/course-runs/${run.runId}/sessions/sync`, syncBody(run));
      assert.equal(soon.status, 409, soon.text);
      assert.equal((soon.body as { syncId: string }).syncId, id);
    } finally {
      env.sims.tadabase.faults.clear();
    }
    // Then the run is free; the next sync completes what the canceled one left and duplicates nothing.
    const nextId = await eventually(async () => {
      const res = await call(env, "POST", `/api/course-runs/${run.runId}/sessions/sync`, syncBody(run));
      return res.status === 202 ? (res.body as { id: string }).id : undefined;
    }, 30_000, 1000);
    const next = await waitForSync(env, nextId);
    assert.equal(next.status, "completed");
    assert.equal(next.progress.failed, 0);
    assertNoDuplicates(env);
  });

  it("lists syncs a page at a time, filtered by run and status", async () => {
    const first = await call(env, "GET", `/api/syncs?runId=${SEEDED_RUN.runId}&limit=2`);
    assert.equal(first.status, 200);
    const page = first.body as { items: Array<{ id: string; runId: string }>; continuationToken?: string };
    assert.equal(page.items.length, 2);
    assert.ok(page.continuationToken);
    const seen = new Set(page.items.map((i) => i.id));
    let token: string | undefined = page.continuationToken;
    while (token !== undefined) {
      const next = await call(env, "GET", `/api/syncs?runId=${SEEDED_RUN.runId}&limit=2&continuationToken=${encodeURIComponent(token)}`);
      const body = next.body as typeof page;
      for (const item of body.items) seen.add(item.id);
      token = body.continuationToken;
    }
    assert.equal(seen.size, 7, "every sync of the run once");
    const completed = await call(env, "GET", `/api/syncs?status=completed&limit=100`);
    const items = (completed.body as typeof page).items;
    assert.ok(items.length >= 7 && items.every((i) => (i as unknown as { status: string }).status === "completed"));
  });

  it("the original routes answer in the original shapes", async () => {
    // The cache holds what the syncs saw, S4 included (the cache keeps what a later list lacks).
    const cached = await call(env, "GET", "/api/beso/courses/runs/224596/sessions");
    assert.equal(cached.status, 200, cached.text);
    const doc = cached.body as { runID: string; sessions: Array<{ id: string; session: { id: string; endTime: string } }> };
    assert.equal(doc.runID, "224596");
    assert.deepEqual(doc.sessions.map((s) => s.id), [S(1), S(2), S(3), S(4)]);
    assert.ok(doc.sessions.every((s) => s.session.id === s.id));
    assert.equal(doc.sessions[0]?.session.endTime, "18:00");

    const fromSsg = await call(env, "GET", `/api/SSG/courses/runs/224596/sessions?courseReferenceNumber=TGS-2020000703&uen=T16LL0001A`);
    assert.equal(fromSsg.status, 200, fromSsg.text);
    const ssg = fromSsg.body as { runID: string; sessions: Array<{ id: string; deleted?: boolean }> };
    assert.equal(ssg.runID, "224596");
    assert.deepEqual(ssg.sessions.map((s) => [s.id, s.deleted]), [[S(1), false], [S(2), true], [S(3), true]]);
    const month = await call(env, "GET", `/api/SSG/courses/runs/224596/sessions?courseReferenceNumber=TGS-2020000703&uen=T16LL0001A&sessionMonth=032026`);
    assert.deepEqual((month.body as typeof ssg).sessions.map((s) => s.id), [S(3)]);
    const unknown = await call(env, "GET", `/api/SSG/courses/runs/999999/sessions?courseReferenceNumber=TGS-2020000703&uen=T16LL0001A`);
    assert.equal(unknown.status, 404, unknown.text);

    const added = {
      id: "TGS-2020000703-777001-S1",
      startDate: "20260601",
      endDate: "20260601",
      startTime: "09:00",
      endTime: "17:00",
      modeOfTraining: "1",
      venue: { postalCode: "560112", room: "Room 3A" },
      extraField: "kept",
    };
    const post = await call(env, "POST", "/api/beso/courses/runs/sessions/add", { runID: "777001", sessions: [added] });
    assert.equal(post.status, 200, post.text);
    assert.deepEqual(post.body, { runID: "777001", sessions: [{ id: added.id, session: added }] });
    const second = { ...added, id: "TGS-2020000703-777001-S2" };
    const post2 = await call(env, "POST", "/api/beso/courses/runs/sessions/add", { runID: "777001", sessions: [{ ...added, endTime: "18:00" }, second] });
    assert.deepEqual(
      (post2.body as typeof doc).sessions.map((s) => [s.id, s.session.endTime]),
      [[added.id, "18:00"], [second.id, "17:00"]],
      "upserted by id; the answer is the stored document",
    );
    const none = await call(env, "GET", "/api/beso/courses/runs/777002/sessions");
    assert.equal(none.status, 404);
  });

  it("bad input answers 4xx problem+json and starts nothing", async () => {
    const before = (await call(env, "GET", "/api/syncs?limit=100")).body as { items: unknown[] };
    const cases: Array<[string, string, unknown, number]> = [
      ["POST", "/api/course-runs/224596/sessions/sync", { courseReferenceNumber: "not a ref" }, 400],
      ["POST", "/api/course-runs/224596/sessions/sync", { courseReferenceNumber: "TGS-2020000703", sessionMonth: "132026" }, 400],
      ["POST", "/api/course-runs/224596/sessions/sync", { courseReferenceNumber: "TGS-2020000703", extra: 1 }, 400],
      ["POST", "/api/course-runs/22a4596/sessions/sync", { courseReferenceNumber: "TGS-2020000703" }, 400],
      ["POST", "/api/course-runs/224596/sessions/sync", "{not json", 400],
      ["POST", "/api/course-runs/224596/sessions/sync", { courseReferenceNumber: "TGS-2020000703", uen: "x".repeat(5000) }, 413],
      ["GET", "/api/syncs/sync-224596-00000000", undefined, 404],
      ["GET", "/api/syncs/bad%20id", undefined, 400],
      ["GET", "/api/syncs?limit=1000", undefined, 400],
      ["GET", "/api/syncs?status=done", undefined, 400],
      ["GET", "/api/syncs?continuationToken=not-ours", undefined, 400],
      ["GET", "/api/syncs?continuationToken=YWJj", undefined, 400],
      ["POST", "/api/syncs/sync-224596-00000000/cancel", undefined, 404],
      ["POST", "/api/syncs/sync-224596-00000000/retry", undefined, 404],
      ["POST", "/api/beso/courses/runs/sessions/add", { runID: "224596", sessions: [] }, 400],
      ["POST", "/api/beso/courses/runs/sessions/add", { runID: "224596", sessions: [{ id: "x" }] }, 400],
      ["GET", "/api/SSG/courses/runs/224596/sessions", undefined, 400],
      ["GET", "/api/SSG/courses/runs/224596/sessions?courseReferenceNumber=TGS-2020000703&sessionMonth=1", undefined, 400],
      // SSG itself refuses a query without the provider's UEN: still the caller's mistake.
      ["GET", "/api/SSG/courses/runs/224596/sessions?courseReferenceNumber=TGS-2020000703", undefined, 400],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await call(env, method, path, body);
      assert.equal(res.status, status, `${method} ${path}: ${res.text}`);
      assert.equal(res.headers.get("content-type"), "application/problem+json", `${method} ${path}`);
    }
    const after = (await call(env, "GET", "/api/syncs?limit=100")).body as { items: unknown[] };
    assert.equal(after.items.length, before.items.length);
  });

  it("two runs synced at once that share a venue make one venue; places whose fields would run together stay two", async () => {
    const session = (runId: string, n: number, venue: Record<string, unknown>) => ({
      id: `TGS-2020000999-${runId}-S${n}`,
      startDate: `2026070${n}`,
      endDate: `2026070${n}`,
      startTime: "09:00",
      endTime: "17:00",
      modeOfTraining: "1",
      venue,
    });
    const shared = { block: "71", street: "Ayer Rajah Crescent", floor: "2", unit: "10", building: "Blk71", postalCode: "139951", room: "Lab A" };
    const sharedRespelled = { ...shared, street: "AYER RAJAH CRES", floor: "02", room: "lab a" };
    // Without separators these two read alike ("1" + "23 Kent Ridge" vs "12" + "3 Kent Ridge").
    const left = { block: "1", street: "23 Kent Ridge Road", postalCode: "119260", room: "R1" };
    const right = { block: "12", street: "3 Kent Ridge Road", postalCode: "119260", room: "R1" };
    const make = (id: string, sessions: ReturnType<typeof session>[]) => ({
      id,
      referenceNumber: "TGS-2020000999",
      uen: SEEDED_RUN.uen,
      startDate: "20260701",
      endDate: "20260709",
      sessions,
    });
    env.sims.ssg.load([
      make("900001", [session("900001", 1, shared), session("900001", 2, left)]),
      make("900002", [session("900002", 1, sharedRespelled), session("900002", 2, right), session("900002", 3, shared)]),
    ]);
    const runs = ["900001", "900002"].map((runId): RunRef => ({ runId, courseReferenceNumber: "TGS-2020000999", uen: SEEDED_RUN.uen }));
    const ids = await Promise.all(runs.map((run) => startSync(env, run)));
    for (const id of ids) {
      const sync = await waitForSync(env, id);
      assert.equal(sync.status, "completed");
      assert.equal(sync.progress.failed, 0, JSON.stringify(sync.items?.filter((i) => i.outcome === "failed")));
    }
    const venues = records(env, "Venues");
    assert.equal(venues.filter((v) => v["Postal Code"] === "139951").length, 1, "one venue for the shared place");
    assert.equal(venues.filter((v) => v["Postal Code"] === "119260").length, 2, "two places stay two");
    assertNoDuplicates(env);
  });

  it("a sync scoped to a month leaves the run's other months alone", async () => {
    const run: RunRef = { runId: "900002", courseReferenceNumber: "TGS-2020000999", uen: SEEDED_RUN.uen };
    const before = JSON.stringify(sessionsOfRun(env, run.runId));
    const august = await syncToEnd(env, run, { sessionMonth: "082026" });
    assert.equal(august.status, "completed");
    assert.deepEqual(august.progress, progress({}), "July's sessions are outside the scope, not gone");
    const july = await syncToEnd(env, run, { sessionMonth: "072026" });
    assert.deepEqual(july.progress, progress({ unchanged: 3 }));
    assert.equal(JSON.stringify(sessionsOfRun(env, run.runId)), before);
  });

  it("a sync whose Durable instance was purged is still answered from the sync list", async () => {
    const page = (await call(env, "GET", `/api/syncs?runId=${SEEDED_RUN.runId}&status=completed&limit=1`)).body as { items: Array<{ id: string; progress: unknown }> };
    const [entry] = page.items;
    assert.ok(entry);
    const purge = await fetch(`${env.url}/runtime/webhooks/durabletask/instances/${entry.id}`, { method: "DELETE" });
    assert.equal(purge.status, 200, await purge.text());
    const sync = await getSync(env, entry.id);
    assert.equal(sync.status, "completed");
    assert.deepEqual(sync.progress, entry.progress);
  });

  it("every request in requests.http reaches a documented route and answers without a server error", async () => {
    const file = parseHttpFile(await readFile(`${ROOT}requests.http`, "utf8"));
    const variables = { ...file.variables, host: env.url };
    const answers: Record<string, unknown> = {};
    const routes = new Set<string>();
    for (const request of file.requests) {
      const filled = fill(request.url, variables, answers);
      assert.doesNotMatch(filled, /\{\{/, `${request.url}: every variable is defined`);
      const url = new URL(filled);
      const body = request.body === undefined ? undefined : fill(request.body, variables, answers);
      const res = await call(env, request.method, `${url.pathname}${url.search}`, body);
      assert.ok(res.status < 500, `${request.method} ${url.pathname}: ${res.status} ${res.text}`);
      if (request.name !== undefined) answers[request.name] = res.body;
      routes.add(`${request.method} ${url.pathname.replace(/sync-\d+-[0-9a-f]{8}/, "{id}")}`);
    }
    for (const route of ["POST /api/syncs/{id}/cancel", "POST /api/syncs/{id}/retry", "GET /api/syncs/{id}", "GET /api/syncs", "POST /api/beso/courses/runs/sessions/add"]) {
      assert.ok(routes.has(route), `requests.http has ${route}`);
    }
  });
});
