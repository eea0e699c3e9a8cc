// Secrets never leave the app. Every partner credential is a unique random canary, set in the
// simulators and in the app's settings alike; then a full sync runs with failures injected at every
// partner (refused tokens, 5xx, 401, writes refused as unavailable or invalid). No canary (nor its base64 or Basic-auth form)
// may appear in devhost's and the app's logs, the orchestration's history, input, custom status or
// output, the sync's status and per-item errors, error answers of the API, or the bench's JSON.
// Response headers say nothing about the stack behind them.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { benchFirstSync, type FirstSyncResult } from "../../bench/session-sync.js";
import type { SimulatorCredentials } from "../../simulators/index.js";
import type { E2eEnv } from "../support/e2e-env.js";

const tag = (what: string): string => `canary-${what}-${randomBytes(12).toString("hex")}`;
const encryptionKey = randomBytes(32);
const CANARIES: SimulatorCredentials = {
  ssg: { clientId: tag("ssg-id"), clientSecret: tag("ssg-secret"), encryptionKey: encryptionKey.toString("base64") },
  tadabase: { appId: tag("tb-app"), appKey: tag("tb-key"), appSecret: tag("tb-secret") },
  agentSigningSecret: tag("agent"),
};

/** Every form a leaked canary could take. */
const FORBIDDEN: string[] = [
  CANARIES.ssg.clientId,
  CANARIES.ssg.clientSecret,
  CANARIES.ssg.encryptionKey,
  encryptionKey.toString("hex"),
  Buffer.from(`${CANARIES.ssg.clientId}:${CANARIES.ssg.clientSecret}`).toString("base64"),
  CANARIES.tadabase.appId,
  CANARIES.tadabase.appKey,
  CANARIES.tadabase.appSecret,
  CANARIES.agentSigningSecret,
];
const FORBIDDEN_ALL = [...FORBIDDEN, ...FORBIDDEN.map((c) => Buffer.from(c).toString("base64"))];

interface Observed {
  where: string;
  text: string;
}

const observed: Observed[] = [];
const headerSets: Array<{ where: string; headers: Headers }> = [];
let result: FirstSyncResult;

async function look(env: E2eEnv, where: string, method: string, path: string, body?: unknown): Promise<void> {
  const response = await env.api(method, path, body);
  observed.push({ where: `${where} (${response.status})`, text: `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${response.text}` });
  headerSets.push({ where, headers: response.headers });
}

before(async () => {
  result = await benchFirstSync({
    sessions: 30,
    perMinute: 100_000,
    seed: 11,
    credentials: CANARIES,
    // One attempt at BESTraining: a refused write becomes a failed item (with its error) at once.
    settings: { TADABASE_MAX_ATTEMPTS: "1", LOG_LEVEL: "debug" },
    beforeStart: (env) => {
      env.sims.ssg.faults.add({ route: "/dp-oauth/oauth/token", status: 401, count: 1 });
      env.sims.ssg.faults.add({ route: "/courses/runs/{runId}/sessions", status: 500, count: 1 });
      env.sims.tadabase.faults.add({ method: "GET", route: "*", status: 401, count: 1 });
      // Two writes answered 503 (the sync redoes those) and four refused as invalid (422, final):
      // items fail for certain, and never five failures in a row, so the breaker stays closed and
      // the sync itself completes whatever the timing.
      env.sims.tadabase.faults.add({ method: "POST", route: "*", status: 503, skip: 8, count: 2 });
      env.sims.tadabase.faults.add({ method: "POST", route: "*", status: 422, skip: 14, count: 4 });
      env.sims.agent.faults.add({ route: "*", status: 500, count: 1 });
    },
    onFinished: async (env, syncId) => {
      observed.push({ where: "devhost and app logs", text: env.logs.join("") });
      await look(env, "orchestration status with history", "GET", `/runtime/webhooks/durabletask/instances/${syncId}?showHistory=true&showHistoryOutput=true&showInput=true`);
      await look(env, "all orchestrations", "GET", "/runtime/webhooks/durabletask/instances?showInput=true");
      await look(env, "sync with details", "GET", `/api/syncs/${syncId}?details=true`);
      await look(env, "sync list", "GET", "/api/syncs");
      // Error answers while partners fail.
      env.sims.ssg.faults.add({ route: "/courses/runs/{runId}/sessions", status: 401 });
      env.sims.ssg.faults.add({ route: "/dp-oauth/oauth/token", status: 401 });
      env.sims.tadabase.faults.add({ route: "*", status: 401 });
      await look(env, "SSG pass-through with SSG refusing our token and credentials", "GET", "/api/SSG/courses/runs/224596/sessions?courseReferenceNumber=TGS-2020000703&uen=T16LL0001A");
      await look(env, "health with partners refusing us", "GET", "/api/health");
      await look(env, "invalid sync start", "POST", "/api/course-runs/224596/sessions/sync", { courseReferenceNumber: 42, extra: "<x>" });
      await look(env, "unknown sync", "GET", "/api/syncs/sync-0-none");
      await look(env, "bad JSON", "POST", "/api/beso/courses/runs/sessions/add", "{");
      await look(env, "no such route", "GET", "/api/nothing-here");
      await look(env, "OpenAPI document", "GET", "/api/openapi.json");
      await look(env, "docs", "GET", "/api/docs");
    },
  });
  observed.push({ where: "bench JSON", text: JSON.stringify({ raw: { firstSync: result } }, null, 2) });
});

test("the sync ran to its end with failures (so the error paths were exercised)", () => {
  const seen = JSON.stringify(result.sync);
  assert.equal(result.sync.status, "completed", seen);
  assert.ok(result.sync.progress.failed > 0, seen);
  assert.ok(observed.length >= 10);
});

test("no canary secret appears in logs, history, status, outputs, error bodies or the bench JSON", () => {
  for (const { where, text } of observed) {
    for (const canary of FORBIDDEN_ALL) {
      assert.ok(!text.includes(canary), `${where} contains a secret (${canary.slice(0, 12)}…)`);
    }
  }
});

test("the logs and failure texts are not empty (the check above looked at something)", () => {
  const logs = observed.find((o) => o.where === "devhost and app logs");
  assert.ok(logs && logs.text.length > 1_000, "devhost logged the run");
  assert.match(observed.map((o) => o.text).join("\n"), /TaskCompleted|ExecutionStarted/, "the history was read");
  const details = observed.find((o) => o.where.startsWith("sync with details"));
  assert.match(details?.text ?? "", /"outcome":"failed".*"error"/s, "failed items carry their errors");
  assert.match(observed.find((o) => o.where.startsWith("SSG pass-through"))?.text ?? "", /application\/problem\+json/, "an error answer was read");
});

test("response headers say nothing about the stack", () => {
  for (const { where, headers } of headerSets) {
    for (const name of ["x-powered-by", "x-aspnet-version", "x-aspnetmvc-version", "x-sourcefiles", "x-runtime"]) {
      assert.equal(headers.get(name), null, `${where}: ${name}`);
    }
    const server = headers.get("server");
    assert.ok(server === null || !/\d/.test(server), `${where}: Server: ${server ?? ""} names a version`);
    for (const [name, value] of headers) assert.doesNotMatch(value, /node|express|\bat .+:\d+:\d+/i, `${where}: ${name}: ${value}`);
  }
});
