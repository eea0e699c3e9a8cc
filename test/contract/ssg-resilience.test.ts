// The SSG client under injected trouble: failures inside 200 answers, 5xx, resets and hangs are
// retried (visible in the simulator's request log), bad shapes become InvalidResponse, and no
// secret reaches a log line or an error.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { InvalidResponse, Rejected, Unavailable } from "../../shared/errors.js";
import type { SsgAttendanceUpload } from "../../shared/systems/ssg/index.js";
import { startSsgSimulator, SSG_ROUTES } from "../../simulators/ssg/simulator.js";
import type { SsgSimulator } from "../../simulators/ssg/simulator.js";
import type { SsgSession } from "../../simulators/ssg/model.js";
import { COURSE, RUN_ID, UEN, capturingLogs, fastClient, memorySecrets, trail } from "./ssg-harness.js";

const SESSIONS = `GET ${SSG_ROUTES.sessions}`;
const query = { uen: UEN, courseReferenceNumber: COURSE };
const sessionId = "TGS-2020000703-224596-S1";

const upload: SsgAttendanceUpload = {
  uen: UEN,
  corppassId: "S1234567D",
  course: { sessionID: sessionId, referenceNumber: COURSE, attendance: { status: { code: "2" }, trainee: { id: "S7654321A", name: "Tan Ah Kow", idType: { code: "SB" } } } },
};

let sim: SsgSimulator;

before(async () => {
  sim = await startSsgSimulator();
});
after(() => sim.stop());
beforeEach(() => sim.reset());

const faultKinds = (route: string) =>
  sim
    .requests()
    .requests.filter((r) => r.route === route)
    .map((r) => r.fault?.kind ?? r.status);

void describe("SSG retries under injected faults", () => {
  void it("retries a 200 answer with status 500 inside, then succeeds", async () => {
    sim.faults.add({ route: SSG_ROUTES.sessions, envelopeStatus: 500, count: 2 });
    const sessions = await fastClient(sim).getCourseRunSessions(RUN_ID, query);
    assert.equal(sessions.length, 3);
    assert.deepEqual(faultKinds(SSG_ROUTES.sessions), ["envelope", "envelope", 200]);
  });

  void it("reads the status inside an encrypted 200 answer too", async () => {
    sim.faults.add({ method: "GET", route: SSG_ROUTES.attendance, envelopeStatus: 503, count: 1 });
    const read = await fastClient(sim).getSessionAttendance(RUN_ID, { ...query, sessionId });
    assert.deepEqual(read.attendance, []);
    assert.deepEqual(faultKinds(SSG_ROUTES.attendance), ["envelope", 200]);
  });

  void it("retries 5xx, connection resets and hanging requests, then succeeds", async () => {
    sim.faults.add({ route: SSG_ROUTES.sessions, status: 503, count: 1 });
    sim.faults.add({ route: SSG_ROUTES.sessions, reset: true, count: 1 });
    sim.faults.add({ route: SSG_ROUTES.sessions, hang: true, count: 1 });
    const sessions = await fastClient(sim).getCourseRunSessions(RUN_ID, query);
    assert.equal(sessions.length, 3);
    assert.deepEqual(faultKinds(SSG_ROUTES.sessions), ["status", "reset", "hang", 200]);
  });

  void it("retries the token request and the (repeatable) attendance upload", async () => {
    sim.faults.add({ route: SSG_ROUTES.token, status: 502, count: 1 });
    sim.faults.add({ method: "POST", route: SSG_ROUTES.attendance, reset: true, count: 1 });
    await fastClient(sim).uploadAttendance(RUN_ID, upload);
    assert.deepEqual(faultKinds(SSG_ROUTES.token), ["status", 200]);
    assert.deepEqual(faultKinds(SSG_ROUTES.attendance), ["reset", 200]);
    assert.equal(sim.attendance().length, 1);
  });

  void it("reads SSG's reason out of a failure inside an encrypted 200 answer", async () => {
    sim.faults.add({ method: "POST", route: SSG_ROUTES.attendance, envelopeStatus: 400, count: 1 });
    await assert.rejects(
      fastClient(sim).uploadAttendance(RUN_ID, upload),
      (e: unknown) => e instanceof Rejected && e.status === 400 && e.detail === "Simulated failure inside a 200 answer" && e.code === "400",
    );
    assert.deepEqual(faultKinds(SSG_ROUTES.attendance), ["envelope"]);
  });

  void it("gives up after the configured attempts with Unavailable and the last status", async () => {
    sim.faults.add({ route: SSG_ROUTES.sessions, status: 503 });
    await assert.rejects(fastClient(sim).getCourseRunSessions(RUN_ID, query), (e: unknown) => e instanceof Unavailable && e.status === 503 && e.route === SSG_ROUTES.sessions);
    assert.equal(sim.requests().counts[SESSIONS], 4);
  });
});

void describe("SSG answers of the wrong shape", () => {
  void it("turns a malformed session into InvalidResponse naming the field", async () => {
    const run = sim.run(RUN_ID);
    run?.sessions.push({ id: "TGS-2020000703-224596-S9", startDate: "2026-02-02", endDate: "20260202", startTime: "9am", endTime: "17:00", modeOfTraining: "1" } as SsgSession);
    await assert.rejects(
      fastClient(sim).getCourseRunSessions(RUN_ID, query),
      (e: unknown) => e instanceof InvalidResponse && e.route === SSG_ROUTES.sessions && e.issues.includes("data.sessions.3.startDate") && e.issues.includes("startTime"),
    );
  });

  void it("hands every item over unchecked through getCourseRunSessionItems, the malformed one included", async () => {
    sim.run(RUN_ID)?.sessions.push({ id: "TGS-2020000703-224596-S9", startDate: "2026-02-02", startTime: "9am" } as SsgSession);
    const items = await fastClient(sim).getCourseRunSessionItems(RUN_ID, query);
    const ids = items.map((item) => (item as { id?: unknown }).id);
    assert.ok(ids.includes("TGS-2020000703-224596-S9"), `ids ${ids.join(",")}`);
    assert.equal(items.length, 4);
    await assert.rejects(fastClient(sim).getCourseRunSessions(RUN_ID, query), InvalidResponse);
  });

  void it("turns an envelope without data, and an answer that does not decrypt, into InvalidResponse", async () => {
    sim.faults.add({ route: SSG_ROUTES.courseRun, status: 200, count: 1 });
    await assert.rejects(fastClient(sim).getCourseRun(RUN_ID), InvalidResponse);
    const client = fastClient(sim, { secrets: memorySecrets({ "ssg-client-id": sim.credentials.clientId, "ssg-client-secret": sim.credentials.clientSecret, "ssg-encryption-key": Buffer.alloc(32, 9).toString("base64") }) });
    await assert.rejects(client.getSessionAttendance(RUN_ID, { ...query, sessionId }), (e: unknown) => e instanceof InvalidResponse && /decrypt/.test(e.message));
  });
});

void describe("SSG secrets stay out of logs and errors", () => {
  void it("no client secret, token or encryption key in any log line or error", async () => {
    const lines: string[] = [];
    const errors: unknown[] = [];
    const keep = (p: Promise<unknown>) => p.catch((e: unknown) => errors.push(e));
    await capturingLogs(lines, async () => {
      const client = fastClient(sim);
      await client.getCourseRunSessions(RUN_ID, query);
      await client.getSessionAttendance(RUN_ID, { ...query, sessionId });
      sim.revokeTokens();
      await client.getCourseRun(RUN_ID);
      sim.faults.add({ route: SSG_ROUTES.courseRun, status: 401, count: 2 });
      await keep(client.getCourseRun(RUN_ID));
      await keep(fastClient(sim, { secrets: memorySecrets({ "ssg-client-id": sim.credentials.clientId, "ssg-client-secret": "wrong-but-secret-value" }) }).getCourseRun(RUN_ID));
    });
    assert.ok(lines.length >= 8, `expected one line per attempt, got ${lines.length}`);
    assert.equal(errors.length, 2);
    const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString("base64");
    const texts = [...lines, ...errors.flatMap((e) => [String(e), JSON.stringify(e), e instanceof Error ? (e.stack ?? "") : ""])];
    for (const text of texts) {
      for (const secret of [sim.credentials.clientSecret, sim.credentials.encryptionKey, basic, "wrong-but-secret-value"]) {
        assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
      }
      // The simulator's access tokens are 48 hex characters.
      assert.doesNotMatch(text, /[0-9a-f]{48}/);
    }
    assert.ok(trail(sim).length > 0);
  });
});
