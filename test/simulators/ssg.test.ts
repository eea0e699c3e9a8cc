// The SSG simulator over HTTP: OAuth, bearer and version checks, sessions and their filters,
// attendance with payload encryption checked against the openssl CLI.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startSsgSimulator, SSG_ROUTES } from "../../simulators/ssg/simulator.js";
import type { SsgSimulator } from "../../simulators/ssg/simulator.js";
import { SSG_FIXTURE_UEN } from "../../simulators/ssg/fixtures.js";
import { generateSsgRuns } from "../../simulators/ssg/generator.js";

const RUN = "224596";
const CRN = "TGS-2020000703";
const sessionsPath = (query: Record<string, string> = {}): string =>
  `/courses/runs/${RUN}/sessions?${new URLSearchParams({ uen: SSG_FIXTURE_UEN, courseReferenceNumber: CRN, ...query }).toString()}`;

// The independent implementation: `openssl enc` with the key and IV given as hex.
function openssl(input: string, keyBase64: string, decrypt = false): string {
  const key = Buffer.from(keyBase64, "base64").toString("hex");
  const iv = Buffer.from("SSGAPIInitVector", "ascii").toString("hex");
  const args = ["enc", "-aes-256-cbc", ...(decrypt ? ["-d"] : []), "-K", key, "-iv", iv, "-base64", "-A"];
  return execFileSync("openssl", args, { input }).toString("utf8").trim();
}
const opensslEncrypt = (plaintext: string, key: string): string => openssl(plaintext, key);
const opensslDecrypt = (ciphertext: string, key: string): string => openssl(ciphertext, key, true);

void describe("SSG simulator", () => {
  let ssg: SsgSimulator;
  let token: string;
  const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${ssg.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const sessionIds = async (query: Record<string, string> = {}): Promise<string[]> => {
    const { body } = await get(sessionsPath(query));
    return ((body.data as { sessions: { id: string }[] }).sessions).map((s) => s.id);
  };
  const requestToken = (basic: string, grant = "client_credentials"): Promise<Response> =>
    fetch(`${ssg.url}/dp-oauth/oauth/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(basic).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: `grant_type=${grant}`,
    });

  before(async () => {
    ssg = await startSsgSimulator({ retiredApiVersions: ["v1.0"] });
    const res = await requestToken(`${ssg.credentials.clientId}:${ssg.credentials.clientSecret}`);
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    assert.deepEqual([res.status, body.token_type, body.expires_in], [200, "Bearer", 3600]);
    token = body.access_token;
  });
  after(() => ssg.stop());

  void it("refuses bad client credentials, a bad grant, and API calls without a live token", async () => {
    const bad = await requestToken(`${ssg.credentials.clientId}:wrong`);
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as { error: string }).error, "invalid_client");
    assert.equal((await requestToken(`${ssg.credentials.clientId}:${ssg.credentials.clientSecret}`, "password")).status, 400);
    const anonymous = await fetch(`${ssg.url}${sessionsPath()}`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { status: number }).status, 401);
    const logged = ssg.requests().requests.find((r) => r.route === SSG_ROUTES.token);
    assert.equal(logged?.headers.authorization, "Basic [redacted]");
  });

  void it("answers a retired x-api-version with 403 and the latest without the header", async () => {
    const retired = await get(sessionsPath(), { "x-api-version": "v1.0" });
    assert.equal(retired.status, 403);
    assert.equal((retired.body.error as { message: string }).message, "API version has expired");
    const current = await get(sessionsPath(), { "x-api-version": "v1.5" });
    assert.deepEqual([current.status, current.body.status], [200, 200]);
  });

  void it("serves a run's sessions filtered by month and expired courses", async () => {
    assert.deepEqual(await sessionIds(), [`${CRN}-${RUN}-S1`, `${CRN}-${RUN}-S2`, `${CRN}-${RUN}-S3`]);
    assert.deepEqual(await sessionIds({ sessionMonth: "032026" }), [`${CRN}-${RUN}-S3`]);
    const expiredPath = `/courses/runs/100200/sessions?uen=${SSG_FIXTURE_UEN}&courseReferenceNumber=TGS-2019000111`;
    const hidden = await get(`${expiredPath}&includeExpiredCourses=false`);
    assert.deepEqual((hidden.body.data as { sessions: unknown[] }).sessions, []);
    const shown = await get(`${expiredPath}&includeExpiredCourses=true`);
    assert.equal((shown.body.data as { sessions: unknown[] }).sessions.length, 1);
    const missing = await get(`/courses/runs/${RUN}/sessions`);
    assert.equal(missing.status, 400);
    assert.deepEqual((missing.body.error as { details: { field: string }[] }).details.map((d) => d.field), ["uen", "courseReferenceNumber"]);
    assert.equal((await get(`/courses/courseRuns/id/${RUN}`)).status, 200);
    assert.equal((await get("/courses/courseRuns/id/999")).status, 404);
  });

  void it("reflects admin edits, additions and removals between calls", async () => {
    ssg.editSession(RUN, `${CRN}-${RUN}-S1`, { startTime: "10:00", venue: { room: "Room 9" } });
    ssg.addSession(RUN, { id: `${CRN}-${RUN}-S4`, startDate: "20260401", endDate: "20260401", startTime: "09:00", endTime: "12:00", modeOfTraining: "1" });
    ssg.removeSession(RUN, `${CRN}-${RUN}-S2`);
    const { body } = await get(sessionsPath());
    const sessions = (body.data as { sessions: { id: string; startTime: string; venue?: { room: string; block: string } }[] }).sessions;
    assert.deepEqual(sessions.map((s) => s.id), [`${CRN}-${RUN}-S1`, `${CRN}-${RUN}-S3`, `${CRN}-${RUN}-S4`]);
    assert.deepEqual([sessions[0]?.startTime, sessions[0]?.venue?.room, sessions[0]?.venue?.block], ["10:00", "Room 9", "112A"]);
    ssg.reset();
    assert.equal((await sessionIds()).length, 3);
  });

  void it("accepts an attendance upload encrypted by openssl and answers in kind", async () => {
    const upload = {
      uen: SSG_FIXTURE_UEN,
      course: {
        sessionID: `${CRN}-${RUN}-S1`,
        referenceNumber: CRN,
        attendance: { status: { code: "1" }, trainee: { id: "S0000001I", name: "Test Trainee", idType: { code: "SB" }, numberOfHours: 8 } },
      },
      corppassId: "S0000002G",
    };
    const ciphertext = opensslEncrypt(JSON.stringify(upload), ssg.credentials.encryptionKey);
    assert.equal(ciphertext, ssg.encrypt(JSON.stringify(upload)), "simulator cipher agrees with openssl");
    const res = await fetch(`${ssg.url}/courses/runs/${RUN}/sessions/attendance`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      body: ciphertext,
    });
    assert.equal(res.status, 200);
    const answer = JSON.parse(opensslDecrypt(await res.text(), ssg.credentials.encryptionKey)) as { status: number; data: { sessionId: string } };
    assert.deepEqual([answer.status, answer.data.sessionId], [200, `${CRN}-${RUN}-S1`]);
    assert.equal(ssg.attendance().length, 1);

    const read = await fetch(`${ssg.url}/courses/runs/${RUN}/sessions/attendance?uen=${SSG_FIXTURE_UEN}&courseReferenceNumber=${CRN}&sessionId=${CRN}-${RUN}-S1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const readBack = JSON.parse(ssg.decrypt(await read.text())) as { data: { attendance: unknown[] } };
    assert.equal(readBack.data.attendance.length, 1);

    const garbage = await fetch(`${ssg.url}/courses/runs/${RUN}/sessions/attendance`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      body: "bm90IGNpcGhlcnRleHQ=",
    });
    assert.equal(garbage.status, 400);
    assert.equal(((await garbage.json()) as { status: number }).status, 400, "errors are not encrypted");
  });

  void it("answers HTTP 200 with status 500 inside as a fault", async () => {
    ssg.faults.add({ route: SSG_ROUTES.sessions, envelopeStatus: 500, count: 1 });
    const inside = await get(sessionsPath());
    assert.deepEqual([inside.status, inside.body.status], [200, 500]);
    assert.equal((await get(sessionsPath())).body.status, 200);
  });

  void it("generates the same dataset from the same seed, with varied venues", () => {
    const a = generateSsgRuns({ runs: 4, sessionsPerRun: 10, seed: 7 });
    assert.deepEqual(a, generateSsgRuns({ runs: 4, sessionsPerRun: 10, seed: 7 }));
    assert.notDeepEqual(a, generateSsgRuns({ runs: 4, sessionsPerRun: 10, seed: 8 }));
    const sessions = a.flatMap((r) => r.sessions);
    assert.equal(sessions.length, 40);
    assert.match(sessions[0]?.id ?? "", /^TGS-\d{10}-\d{6}-S1$/);
    assert.ok(sessions.some((s) => typeof s.venue?.postalCode === "number"));
    assert.ok(sessions.some((s) => typeof s.venue?.postalCode === "string"));
  });
});
