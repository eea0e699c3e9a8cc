// The SSG client against the SSG simulator over HTTP: every operation and query option, OAuth token
// caching, expiry and renewal, and SSG's refusals as typed errors.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, beforeEach, describe, it } from "node:test";
import { InvalidInput, Rejected } from "../../shared/errors.js";
import { startSsgSimulator, SSG_ROUTES } from "../../simulators/ssg/simulator.js";
import type { SsgSimulator } from "../../simulators/ssg/simulator.js";
import { createSecretProvider } from "../../shared/secrets/index.js";
import { ssgClientFromSettings } from "../../shared/systems/ssg/index.js";
import { COURSE, EXPIRED_COURSE, EXPIRED_RUN_ID, RUN_ID, UEN, clientFor, memorySecrets, simSecrets, ssgSettings, trail } from "./ssg-harness.js";

const TOKEN = `POST ${SSG_ROUTES.token}`;
const SESSIONS = `GET ${SSG_ROUTES.sessions}`;

let sim: SsgSimulator;

before(async () => {
  sim = await startSsgSimulator({ retiredApiVersions: ["v1.3"] });
});
after(() => sim.stop());
beforeEach(() => {
  sim.reset();
  sim.setTokenTtl(3600);
});

void describe("SSG operations", () => {
  void it("reads a course run's sessions, parsed, with the sessions API version and a bearer token", async () => {
    const sessions = await clientFor(sim).getCourseRunSessions(RUN_ID, { uen: UEN, courseReferenceNumber: COURSE });
    assert.deepEqual(
      sessions.map((s) => s.id),
      ["TGS-2020000703-224596-S1", "TGS-2020000703-224596-S2", "TGS-2020000703-224596-S3"],
    );
    assert.equal(sessions[1]?.venue?.postalCode, 560112);
    assert.equal(sessions[2]?.deleted, true);
    const call = sim.requests().requests.find((r) => r.route === SSG_ROUTES.sessions);
    assert.equal(call?.headers["x-api-version"], "v1.5");
    assert.equal(call?.headers.authorization, "Bearer [redacted]");
    assert.deepEqual(call?.query, { uen: UEN, courseReferenceNumber: COURSE });
  });

  void it("passes sessionMonth and includeExpiredCourses through", async () => {
    const client = clientFor(sim);
    const january = await client.getCourseRunSessions(RUN_ID, { uen: UEN, courseReferenceNumber: COURSE, sessionMonth: "012026" });
    assert.deepEqual(
      january.map((s) => s.id),
      ["TGS-2020000703-224596-S1", "TGS-2020000703-224596-S2"],
    );
    const hidden = await client.getCourseRunSessions(EXPIRED_RUN_ID, { uen: UEN, courseReferenceNumber: EXPIRED_COURSE, includeExpiredCourses: false });
    assert.deepEqual(hidden, []);
    const shown = await client.getCourseRunSessions(EXPIRED_RUN_ID, { uen: UEN, courseReferenceNumber: EXPIRED_COURSE, includeExpiredCourses: true });
    assert.equal(shown.length, 1);
    const queries = sim.requests().requests.filter((r) => r.route === SSG_ROUTES.sessions).map((r) => r.query);
    assert.deepEqual(queries[0], { uen: UEN, courseReferenceNumber: COURSE, sessionMonth: "012026" });
    assert.equal(queries[1]?.includeExpiredCourses, "false");
    assert.equal(queries[2]?.includeExpiredCourses, "true");
  });

  void it("reads a course run by id with the course-run API version", async () => {
    const course = await clientFor(sim, { SSG_API_VERSION_COURSE_RUN: "v1.1" }).getCourseRun(RUN_ID);
    assert.equal(course.referenceNumber, COURSE);
    assert.equal(course.run.id, RUN_ID);
    const call = sim.requests().requests.find((r) => r.route === SSG_ROUTES.courseRun);
    assert.equal(call?.headers["x-api-version"], "v1.1");
  });

  void it("uploads attendance encrypted and reads it back decrypted", async () => {
    const client = clientFor(sim);
    const upload = {
      uen: UEN,
      corppassId: "S1234567D",
      course: {
        sessionID: "TGS-2020000703-224596-S1",
        referenceNumber: COURSE,
        attendance: { status: { code: "1" as const }, trainee: { id: "S7654321A", name: "Tan Ah Kow", idType: { code: "SB" }, numberOfHours: 7.5 } },
      },
    };
    const answer = await client.uploadAttendance(RUN_ID, upload);
    assert.equal(answer.sessionId, "TGS-2020000703-224596-S1");
    // The simulator decrypted exactly what we meant to send.
    assert.deepEqual(sim.attendance()[0]?.upload, upload);
    const read = await client.getSessionAttendance(RUN_ID, { uen: UEN, courseReferenceNumber: COURSE, sessionId: "TGS-2020000703-224596-S1" });
    assert.deepEqual(
      read.attendance.map((a) => [a.trainee.id, a.status?.code]),
      [["S7654321A", "1"]],
    );
    const calls = sim.requests().requests.filter((r) => r.route === SSG_ROUTES.attendance);
    assert.deepEqual(
      calls.map((r) => [r.method, r.status, r.headers["x-api-version"]]),
      [
        ["POST", 200, "v1.5"],
        ["GET", 200, "v1.5"],
      ],
    );
  });

  void it("checks its own input before calling SSG", async () => {
    const client = clientFor(sim);
    await assert.rejects(client.getCourseRunSessions("../admin", { courseReferenceNumber: COURSE }), InvalidInput);
    await assert.rejects(client.getCourseRunSessions(RUN_ID, { courseReferenceNumber: COURSE, sessionMonth: "2026-01" }), InvalidInput);
    assert.equal(sim.requests().requests.length, 0);
  });

  void it("maps SSG's refusals to Rejected with SSG's code, message and details", async () => {
    const client = clientFor(sim);
    await assert.rejects(client.getCourseRunSessions(RUN_ID, { courseReferenceNumber: COURSE }), (e: unknown) => {
      return e instanceof Rejected && e.status === 400 && e.code === "400" && e.detail === "Invalid request parameters (uen: uen is required)";
    });
    await assert.rejects(client.getCourseRun("999999"), (e: unknown) => e instanceof Rejected && e.status === 404 && e.detail === "Course run not found");
  });
});

void describe("SSG failures inside a 200 answer", () => {
  // Whether SSG means "no sessions" or "no such run" by it is unverified: the caller decides, we never guess [].
  void it("treats a 200 answer with 404 inside as a refusal (Rejected 404, not retried)", async () => {
    const other = await startSsgSimulator({ noSessionsAnswer: "status-404-inside" });
    try {
      const client = clientFor(other);
      await assert.rejects(
        client.getCourseRunSessions(RUN_ID, { uen: UEN, courseReferenceNumber: COURSE, sessionMonth: "122030" }),
        (e: unknown) => e instanceof Rejected && e.status === 404 && e.detail === "No sessions found",
      );
      assert.equal(other.requests().counts[SESSIONS], 1);
    } finally {
      await other.stop();
    }
  });
});

void describe("SSG OAuth token", () => {
  void it("fetches one token and reuses it, also for concurrent first calls", async () => {
    const client = clientFor(sim);
    const query = { uen: UEN, courseReferenceNumber: COURSE };
    await Promise.all([1, 2, 3, 4].map(() => client.getCourseRunSessions(RUN_ID, query)));
    await client.getCourseRun(RUN_ID);
    const counts = sim.requests().counts;
    assert.equal(counts[TOKEN], 1);
    assert.equal(counts[SESSIONS], 4);
  });

  void it("sends client credentials as Basic auth with a client_credentials form", async () => {
    await clientFor(sim).getCourseRun(RUN_ID);
    const token = sim.requests().requests.find((r) => r.route === SSG_ROUTES.token);
    assert.equal(token?.headers.authorization, "Basic [redacted]");
    assert.match(token?.headers["content-type"] ?? "", /^application\/x-www-form-urlencoded/);
  });

  void it("renews the token shortly before it expires", async () => {
    sim.setTokenTtl(1);
    const client = clientFor(sim);
    await client.getCourseRun(RUN_ID);
    await sleep(1_100);
    await client.getCourseRun(RUN_ID);
    assert.equal(sim.requests().counts[TOKEN], 2);
    // Renewed before use: SSG never had to refuse an expired token.
    assert.ok(!trail(sim).some((t) => t.endsWith(" 401")), trail(sim).join("\n"));
  });

  void it("on a 401 from an API route, renews the token once and retries once", async () => {
    const client = clientFor(sim);
    await client.getCourseRun(RUN_ID);
    sim.revokeTokens();
    sim.clearRequests();
    await client.getCourseRun(RUN_ID);
    assert.deepEqual(trail(sim), [`GET ${SSG_ROUTES.courseRun} 401`, `${TOKEN} 200`, `GET ${SSG_ROUTES.courseRun} 200`]);
  });

  void it("does not loop when the renewed token is refused too", async () => {
    const client = clientFor(sim);
    await client.getCourseRun(RUN_ID);
    sim.clearRequests();
    sim.faults.add({ route: SSG_ROUTES.courseRun, status: 401 });
    await assert.rejects(client.getCourseRun(RUN_ID), (e: unknown) => e instanceof Rejected && e.status === 401);
    assert.equal(sim.requests().counts[`GET ${SSG_ROUTES.courseRun}`], 2);
    assert.equal(sim.requests().counts[TOKEN], 1);
  });

  void it("refuses bad client credentials with a typed error, after re-reading the secrets once", async () => {
    const secrets = memorySecrets({ "ssg-client-id": sim.credentials.clientId, "ssg-client-secret": "wrong-client-secret-value" });
    const client = clientFor(sim, {}, secrets);
    await assert.rejects(client.getCourseRun(RUN_ID), (e: unknown) => {
      return (
        e instanceof Rejected &&
        e.status === 401 &&
        e.code === "invalid_client" &&
        e.route === SSG_ROUTES.token &&
        !e.message.includes("wrong-client-secret-value") &&
        !JSON.stringify(e).includes("wrong-client-secret-value")
      );
    });
    assert.deepEqual([...secrets.refreshed].sort(), ["ssg-client-id", "ssg-client-secret"]);
    assert.equal(sim.requests().counts[TOKEN], 2);
    assert.equal(sim.requests().counts[`GET ${SSG_ROUTES.courseRun}`], undefined);
  });

  void it("picks up rotated client credentials on the re-read", async () => {
    const secrets = simSecrets(sim);
    const stale = { ...secrets, get: () => Promise.resolve("stale-client-secret") };
    const client = clientFor(sim, {}, stale);
    await client.getCourseRun(RUN_ID);
    assert.deepEqual(trail(sim), [`${TOKEN} 401`, `${TOKEN} 200`, `GET ${SSG_ROUTES.courseRun} 200`]);
  });
});

void describe("SSG API versions", () => {
  void it("answers a retired version with Rejected 403 carrying SSG's message", async () => {
    const client = clientFor(sim, { SSG_API_VERSION_SESSIONS: "v1.3" });
    await assert.rejects(
      client.getCourseRunSessions(RUN_ID, { uen: UEN, courseReferenceNumber: COURSE }),
      (e: unknown) => e instanceof Rejected && e.status === 403 && e.detail === "API version has expired" && e.message.includes("API version has expired"),
    );
    // A refusal is final: no retry, no token renewal.
    assert.equal(sim.requests().counts[SESSIONS], 1);
  });
});

void describe("ssgClientFromSettings", () => {
  void it("gives one client per configuration and secrets provider, so breaker and limiter state are shared", () => {
    const secrets = simSecrets(sim);
    const a = ssgClientFromSettings(ssgSettings(sim), secrets);
    assert.equal(ssgClientFromSettings(ssgSettings(sim), secrets), a);
    assert.notEqual(ssgClientFromSettings(ssgSettings(sim, { SSG_API_VERSION_SESSIONS: "v1.3" }), secrets), a);
    assert.notEqual(ssgClientFromSettings(ssgSettings(sim), simSecrets(sim)), a);
  });

  void it("works with the app's own secret provider", async () => {
    const settings = ssgSettings(sim);
    const env = { SSG_CLIENT_ID: sim.credentials.clientId, SSG_CLIENT_SECRET: sim.credentials.clientSecret, SSG_ENCRYPTION_KEY: sim.credentials.encryptionKey };
    const client = ssgClientFromSettings(settings, createSecretProvider({ settings, env }));
    const read = await client.getSessionAttendance(RUN_ID, { uen: UEN, courseReferenceNumber: COURSE, sessionId: "TGS-2020000703-224596-S2" });
    assert.equal(read.sessionId, "TGS-2020000703-224596-S2");
  });
});
