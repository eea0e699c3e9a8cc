// HTTP triggers through devhost: routing, request delivery, responses, hooks, keys, limits, timers.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Devhost } from "../../devhost/src/index.js";
import { captureLogs, startFixture } from "./fixture.js";

void describe("devhost HTTP", () => {
  let host: Devhost;
  const logs = captureLogs();

  before(async () => {
    host = await startFixture({ logger: logs.logger, maxRequestBodyBytes: 1024, settings: { TICK_SCHEDULE: "*/1 * * * * *", CUSTOM_SETTING: "from-settings" } });
  });
  after(() => host.stop());

  void it("delivers method, url, route params, query, headers and body exactly", async () => {
    const response = await fetch(`${host.url}/api/echo/42/ann?x=1&y=two`, { method: "POST", body: "raw body ✓", headers: { "x-test-header": "hv" } });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      method: "POST",
      url: `${host.url}/api/echo/42/ann?x=1&y=two`,
      params: { id: "42", name: "ann" },
      query: { x: "1", y: "two" },
      header: "hv",
      body: "raw body ✓",
    });
    const optional = (await (await fetch(`${host.url}/api/echo/7`)).json()) as { params: unknown };
    assert.deepEqual(optional.params, { id: "7" });
  });

  void it("answers 404 for unknown paths and constraint misses, 405 with Allow for other methods", async () => {
    assert.equal((await fetch(`${host.url}/api/nothing-here`)).status, 404);
    assert.equal((await fetch(`${host.url}/api/echo/notanint`)).status, 404);
    assert.equal((await fetch(`${host.url}/health`)).status, 404, "route prefix is required");
    const wrongMethod = await fetch(`${host.url}/api/health`, { method: "DELETE" });
    assert.equal(wrongMethod.status, 405);
    assert.match(wrongMethod.headers.get("allow") ?? "", /GET/);
  });

  void it("answers the host status probe", async () => {
    assert.deepEqual(await (await fetch(`${host.url}/admin/host/status`)).json(), { state: "Running", version: "devhost" });
  });

  void it("prefers literal routes and binds catch-all parameters", async () => {
    assert.equal(await (await fetch(`${host.url}/api/echo/literal`)).text(), "literal");
    assert.deepEqual(await (await fetch(`${host.url}/api/files/a/b/c.txt`)).json(), { rest: "a/b/c.txt" });
  });

  void it("returns status, headers, cookies and binary bodies", async () => {
    const response = await fetch(`${host.url}/api/binary`);
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("x-custom"), "yes");
    assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [0, 1, 2, 255]);
    const cookies = response.headers.getSetCookie();
    assert.equal(cookies.length, 2);
    assert.match(cookies[0] ?? "", /^session=abc; Path=\/; HttpOnly/);
    assert.match(cookies[1] ?? "", /^theme=dark; Max-Age=60; SameSite=Strict/);
  });

  void it("answers 500 when a handler throws and logs one line per invocation", async () => {
    assert.equal((await fetch(`${host.url}/api/throws`)).status, 500);
    const line = logs.lines.find((l) => l.startsWith("Executed 'throws'"));
    assert.match(line ?? "", /^Executed 'throws' \(Failed: handler exploded, Id=[0-9a-f-]{36}, Duration=\d+ms\)$/);
    assert.ok(logs.lines.some((l) => /^Executed 'echo' \(Succeeded, Id=/.test(l)));
  });

  void it("runs appStart, preInvocation and postInvocation hooks", async () => {
    assert.deepEqual(await (await fetch(`${host.url}/api/hooked`)).json(), { changedBy: "postInvocation" });
    const info = (await (await fetch(`${host.url}/api/hookinfo`)).json()) as { appStarted: boolean; hookLog: string[] };
    assert.equal(info.appStarted, true);
    assert.ok(info.hookLog.includes("pre:hooked"));
    assert.ok(info.hookLog.includes("post:hooked:preInvocation"));
  });

  void it("exposes settings to the app as environment variables", async () => {
    assert.deepEqual(await (await fetch(`${host.url}/api/setting/CUSTOM_SETTING`)).json(), { value: "from-settings" });
  });

  void it("rejects bodies over the limit with 413", async () => {
    const response = await fetch(`${host.url}/api/echo/1`, { method: "POST", body: "x".repeat(2048) });
    assert.equal(response.status, 413);
  });

  void it("runs timer triggers on startup and on their %SETTING% schedule", async () => {
    const deadline = Date.now() + 5000;
    let ticks: { isPastDue: boolean; hasStatus: boolean }[] = [];
    while (Date.now() < deadline && ticks.length < 2) {
      ticks = (await (await fetch(`${host.url}/api/ticks`)).json()) as typeof ticks;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(ticks.length >= 2, `expected startup + scheduled ticks, got ${ticks.length}`);
    assert.equal(ticks[0]?.isPastDue, false);
    assert.equal(ticks[0]?.hasStatus, true);
  });
});

void describe("devhost HTTP with --require-keys", () => {
  let host: Devhost;
  before(async () => {
    host = await startFixture({ requireKeys: true, settings: { DEVHOST_FUNCTION_KEY: "fn-key", DEVHOST_MASTER_KEY: "master-key" } });
  });
  after(() => host.stop());

  void it("keeps anonymous routes open and checks function/admin keys from code or x-functions-key", async () => {
    assert.equal((await fetch(`${host.url}/api/health`)).status, 200);
    assert.equal((await fetch(`${host.url}/api/secure`)).status, 401);
    assert.equal((await fetch(`${host.url}/api/secure?code=wrong`)).status, 401);
    assert.equal((await fetch(`${host.url}/api/secure?code=fn-key`)).status, 200);
    assert.equal((await fetch(`${host.url}/api/secure`, { headers: { "x-functions-key": "master-key" } })).status, 200);
    assert.equal((await fetch(`${host.url}/api/admin-only?code=fn-key`)).status, 401);
    assert.equal((await fetch(`${host.url}/api/admin-only?code=master-key`)).status, 200);
  });

  void it("puts the system key into status URLs and requires it on the webhook API", async () => {
    const started = await fetch(`${host.url}/api/orchestrators/helloSequence`, { method: "POST" });
    const payload = (await started.json()) as { statusQueryGetUri: string };
    assert.match(payload.statusQueryGetUri, /[?&]code=master-key/);
    assert.equal((await fetch(payload.statusQueryGetUri.replace(/&?code=master-key/, ""))).status, 401);
    assert.ok([200, 202].includes((await fetch(payload.statusQueryGetUri)).status));
  });
});

void describe("devhost HTTP without keys", () => {
  void it("leaves keys out of status URLs", async () => {
    const host = await startFixture();
    try {
      const payload = (await (await fetch(`${host.url}/api/orchestrators/helloSequence`, { method: "POST" })).json()) as { statusQueryGetUri: string };
      assert.doesNotMatch(payload.statusQueryGetUri, /code=/);
      assert.equal((await fetch(`${host.url}/api/secure`)).status, 200, "authLevel is not enforced by default, like Core Tools");
    } finally {
      await host.stop();
    }
  });
});
