// /api/health against a real Azurite and real loopback servers standing in for the partners:
// reachable, unreachable (closed port), hanging (timeout), storage down, configuration invalid.
// The report must never carry an address, a port or a setting's value.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { createHealthService } from "../../shared/api/health.js";
import { probesFromSettings } from "../../shared/api/health-probes.js";
import { parseSettings, resetSettingsForTests } from "../../shared/config/index.js";
import { ConfigurationError } from "../../shared/errors.js";
import { createLogger, withLogger } from "../../shared/logging.js";
import { freePort, startAzurite } from "../support/azurite.js";
import type { Azurite } from "../support/azurite.js";
import { invokeHandler } from "../support/invoke-handler.js";
import { assertMatchesDocument } from "../support/openapi-check.js";

interface Partner {
  url: string;
  hits: () => number;
  stop: () => Promise<void>;
}

/** A loopback server that answers 404 to everything (reachable), or never answers (hanging). */
async function partner(mode: "answers" | "hangs"): Promise<Partner> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    if (mode === "answers") res.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    hits: () => hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const quiet = createLogger(() => undefined);

describe("health", () => {
  let azurite: Azurite;
  let up: Partner;
  let hanging: Partner;
  let closedUrl: string;

  before(async () => {
    [azurite, up, hanging] = await Promise.all([startAzurite(), partner("answers"), partner("hangs")]);
    closedUrl = `http://127.0.0.1:${await freePort()}`;
  });
  after(async () => {
    await Promise.all([azurite?.stop(), up?.stop(), hanging?.stop()]);
  });

  function env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      AzureWebJobsStorage: azurite.connectionString,
      TASKHUB_NAME: "healthtest",
      SSG_BASE_URL: up.url,
      TADABASE_BASE_URL: up.url,
      AGENT_BASE_URL: up.url,
      ...overrides,
    };
  }

  const check = (vars: Record<string, string>, cacheMs = 0) =>
    createHealthService({ probes: () => probesFromSettings(parseSettings(vars)), timeoutMs: 1000, cacheMs });

  it("reports ok when storage and every partner answer, naming no address or value", async () => {
    const report = await withLogger(quiet, check(env()));
    assert.equal(report.status, "ok");
    assert.deepEqual(Object.keys(report.checks).sort(), ["agent", "configuration", "ssg", "storage", "tadabase"]);
    for (const result of Object.values(report.checks)) assert.equal(result.status, "ok");
    const text = JSON.stringify(report);
    assert.doesNotMatch(text, /127\.0\.0\.1|http:|AccountKey|devstoreaccount1|healthtest/);
    assert.match(report.version, /^\d+\.\d+\.\d+/);
  });

  it("is degraded, not down, when a partner is unreachable or hangs", async () => {
    const logs: string[] = [];
    const report = await withLogger(
      createLogger((_level, line) => logs.push(line)),
      check(env({ AGENT_BASE_URL: closedUrl, TADABASE_BASE_URL: hanging.url })),
    );
    assert.equal(report.status, "degraded");
    assert.deepEqual(report.checks.agent, { ...report.checks.agent, status: "fail", reason: "unreachable" });
    assert.deepEqual(report.checks.tadabase, { ...report.checks.tadabase, status: "fail", reason: "timeout" });
    assert.equal(report.checks.storage?.status, "ok");
    assert.ok(logs.some((l) => l.includes("health check agent failed")), "failures are logged for operators");
  });

  it("leaves out the agent when it is not configured", async () => {
    const vars = env();
    delete vars.AGENT_BASE_URL;
    const report = await withLogger(quiet, check(vars));
    assert.equal(report.checks.agent, undefined);
  });

  it("is down when storage cannot be reached", async () => {
    const port = await freePort();
    const deadStorage = azurite.connectionString.replace(/TableEndpoint=[^;]+/, `TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1`);
    const report = await withLogger(quiet, check(env({ AzureWebJobsStorage: deadStorage })));
    assert.equal(report.status, "down");
    assert.equal(report.checks.storage?.status, "fail");
  });

  it("is down when the configuration is invalid, and says which settings only in the log", async () => {
    const logs: string[] = [];
    const vars = env({ SSG_BASE_URL: "not a url" });
    const report = await withLogger(createLogger((_l, line) => logs.push(line)), check(vars));
    assert.equal(report.status, "down");
    assert.deepEqual(report.checks, { configuration: { status: "fail", durationMs: 0, reason: "misconfigured" } });
    assert.doesNotMatch(JSON.stringify(report), /SSG_BASE_URL/);
    assert.ok(logs.some((l) => l.includes("SSG_BASE_URL")));
    assert.throws(() => parseSettings(vars), ConfigurationError);
  });

  it("reuses a recent result instead of probing partners on every call", async () => {
    const service = check(env(), 60_000);
    const before = up.hits();
    await withLogger(quiet, service);
    await withLogger(quiet, service);
    assert.equal(up.hits() - before, 3, "one probe per partner (ssg, tadabase, agent) for two calls");
  });

  it("answers through the HTTP function as the document says", async () => {
    resetSettingsForTests();
    Object.assign(process.env, env());
    try {
      const { healthHandler } = await import("../../functions/http/health.js");
      const url = "http://127.0.0.1:7071/api/health";
      const res = await invokeHandler(healthHandler, { url });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.status, "ok");
      assertMatchesDocument({ method: "GET", url, status: res.status, headers: res.headers, body: res.json });
    } finally {
      for (const name of Object.keys(env())) delete process.env[name];
      resetSettingsForTests();
    }
  });
});
