// The resilient HTTP layer against a real local server that misbehaves on purpose: every retry,
// backoff, breaker and limiter rule is asserted through request counts and spacing.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { RateLimited, Rejected, Timeout, Unavailable } from "../../../shared/errors.js";
import { createPartnerHttp, type PartnerHttpOptions } from "../../../shared/http/index.js";
import { createLogger, withLogger } from "../../../shared/logging.js";
import { clearRegisteredSecrets, registerSecret } from "../../../shared/redact.js";
import { startScriptedServer, type ScriptedServer } from "../../support/scripted-server.js";

let server: ScriptedServer;

function http(overrides: Partial<PartnerHttpOptions> = {}) {
  return createPartnerHttp({
    partner: "tadabase",
    baseUrl: server.url,
    attemptTimeoutMs: 1_000,
    deadlineMs: 10_000,
    maxAttempts: 4,
    baseDelayMs: 20,
    maxDelayMs: 200,
    concurrency: 4,
    random: () => 0.5,
    ...overrides,
  });
}

const get = { method: "GET", path: "/records/abc123?x=1", route: "/records/{id}" } as const;
const gaps = (s: ScriptedServer) => s.requests.slice(1).map((r, i) => r.at - (s.requests[i]?.at ?? r.at));

before(async () => {
  server = await startScriptedServer();
});
after(async () => {
  await server.stop();
});
beforeEach(() => {
  server.requests.length = 0;
  clearRegisteredSecrets();
});

describe("retries", () => {
  it("retries 5xx with growing backoff, then returns the success", async () => {
    server.script([{ status: 503 }, { status: 500 }, { status: 502 }, { status: 200, body: { ok: 1 } }]);
    const res = await http({ random: () => 1, baseDelayMs: 50 }).send(get);
    assert.equal(res.status, 200);
    assert.deepEqual(res.data, { ok: 1 });
    assert.equal(server.requests.length, 4);
    const [g1, g2, g3] = gaps(server);
    // full jitter with random()=1 waits the whole ceiling: 50, 100, 200 ms
    assert.ok(g1! >= 45 && g2! >= 95 && g3! >= 195, `gaps ${gaps(server).join(",")}`);
  });

  it("gives up after maxAttempts with Unavailable carrying the last status", async () => {
    server.script([{ status: 500, body: { msg: "boom" } }]);
    await assert.rejects(http({ maxAttempts: 3 }).send(get), (e: unknown) => e instanceof Unavailable && e.status === 500 && e.route === "/records/{id}");
    assert.equal(server.requests.length, 3);
  });

  it("retries 408 and network resets", async () => {
    server.script([{ status: 408 }, { reset: true }, { status: 200, body: {} }]);
    assert.equal((await http().send(get)).status, 200);
    assert.equal(server.requests.length, 3);
  });

  it("does not retry a refusal (4xx) and reports the partner's reason", async () => {
    server.script([{ status: 422, body: { type: "error", msg: "Field is required" } }]);
    await assert.rejects(http().send(get), (e: unknown) => e instanceof Rejected && e.status === 422 && e.detail === "Field is required");
    assert.equal(server.requests.length, 1);
  });

  it("does not repeat a POST after a 500 unless the caller marks it safe", async () => {
    server.script([{ status: 500 }, { status: 200, body: {} }]);
    await assert.rejects(http().send({ method: "POST", path: "/records", route: "/records", body: { a: 1 } }), Unavailable);
    assert.equal(server.requests.length, 1);

    server.requests.length = 0;
    server.script([{ status: 500 }, { status: 200, body: {} }]);
    const res = await http().send({ method: "POST", path: "/records", route: "/records", body: { a: 1 }, retrySafe: true });
    assert.equal(res.status, 200);
    assert.equal(server.requests.length, 2);
  });

  it("repeats a POST after a 429, since the partner did not act on it", async () => {
    server.script([{ status: 429, headers: { "retry-after": "0" } }, { status: 200, body: {} }]);
    const res = await http().send({ method: "POST", path: "/records", route: "/records", body: {} });
    assert.equal(res.status, 200);
    assert.equal(server.requests.length, 2);
  });

  it("treats a 200 whose body says 500 as a server failure (SSG envelopes)", async () => {
    server.script([{ status: 200, body: { status: 500 } }, { status: 200, body: { status: 200, data: 1 } }]);
    const res = await http().send({ ...get, effectiveStatus: (_s, d) => (d as { status: number }).status });
    assert.deepEqual(res.data, { status: 200, data: 1 });
    assert.equal(server.requests.length, 2);
  });

  it("hands back accepted statuses instead of throwing", async () => {
    server.script([{ status: 404, body: { type: "error" } }]);
    const res = await http().send({ ...get, acceptStatuses: [404] });
    assert.equal(res.status, 404);
    assert.equal(server.requests.length, 1);
  });
});

describe("Retry-After", () => {
  it("waits at least Retry-After seconds before the next attempt", async () => {
    server.script([{ status: 429, headers: { "retry-after": "1" } }, { status: 200, body: {} }]);
    await http().send(get);
    assert.equal(server.requests.length, 2);
    assert.ok(gaps(server)[0]! >= 1_000, `gap ${gaps(server)[0]}`);
  });

  it("honours X-Retry-After (TadaBase) on a 503", async () => {
    server.script([{ status: 503, headers: { "x-retry-after": "1" } }, { status: 200, body: {} }]);
    await http().send(get);
    assert.ok(gaps(server)[0]! >= 1_000, `gap ${gaps(server)[0]}`);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const when = new Date(Date.now() + 2_000).toUTCString();
    server.script([{ status: 503, headers: { "retry-after": when } }, { status: 200, body: {} }]);
    await http().send(get);
    assert.ok(gaps(server)[0]! >= 900, `gap ${gaps(server)[0]}`);
  });

  it("returns RateLimited at once when the wait would pass the deadline", async () => {
    server.script([{ status: 429, headers: { "retry-after": "30" } }]);
    const started = Date.now();
    await assert.rejects(http({ deadlineMs: 5_000 }).send(get), (e: unknown) => e instanceof RateLimited && e.retryAfterMs === 30_000);
    assert.equal(server.requests.length, 1);
    assert.ok(Date.now() - started < 5_000);
  });
});

describe("timeouts", () => {
  it("times out a hanging attempt and retries it", async () => {
    server.script([{ hang: true }, { status: 200, body: {} }]);
    const res = await http({ attemptTimeoutMs: 200 }).send(get);
    assert.equal(res.status, 200);
    assert.equal(server.requests.length, 2);
  });

  it("stops at the overall deadline with Timeout", async () => {
    server.script([{ hang: true }]);
    await assert.rejects(http({ attemptTimeoutMs: 300, deadlineMs: 700, maxAttempts: 10 }).send(get), Timeout);
    assert.ok(server.requests.length >= 2 && server.requests.length <= 3, `requests ${server.requests.length}`);
  });
});

describe("circuit breaker", () => {
  it("opens after consecutive failures, fails fast while open, and closes after a good probe", async () => {
    const client = http({ maxAttempts: 1, breakerThreshold: 3, breakerHalfOpenAfterMs: 300 });
    server.script([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 200, body: {} }]);
    for (let i = 0; i < 3; i++) await assert.rejects(client.send(get), Unavailable);
    assert.equal(client.circuitState(), "open");
    await assert.rejects(client.send(get), (e: unknown) => e instanceof Unavailable && e.reason.includes("circuit open"));
    assert.equal(server.requests.length, 3, "no request reaches the partner while the circuit is open");
    await new Promise((r) => setTimeout(r, 350));
    assert.equal((await client.send(get)).status, 200);
    assert.equal(client.circuitState(), "closed");
  });

  it("does not count refusals against the partner's health", async () => {
    const client = http({ maxAttempts: 1, breakerThreshold: 2 });
    server.script([{ status: 404 }]);
    for (let i = 0; i < 4; i++) await assert.rejects(client.send(get), Rejected);
    assert.equal(client.circuitState(), "closed");
  });
});

describe("limits", () => {
  it("caps requests in flight", async () => {
    server.script([{ status: 200, body: {}, delayMs: 50 }]);
    const client = http({ concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => client.send(get)));
    assert.equal(server.requests.length, 8);
    assert.equal(server.maxInFlight(), 2);
  });

  it("keeps to the per-window request cap in any rolling window", async () => {
    server.script([{ status: 200, body: {} }]);
    // Times are taken where the server sees each request, so a loaded machine adds skew: the window is
    // long (1 s) and the margin wide (200 ms) so only a broken limiter can fail this.
    const client = http({ concurrency: 10, requestsPerMinute: 3, rateWindowMs: 1_000 });
    await Promise.all(Array.from({ length: 7 }, () => client.send(get)));
    const times = server.requests.map((r) => r.at);
    for (let i = 3; i < times.length; i++) assert.ok(times[i]! - times[i - 3]! >= 800, `window broken at ${i}: ${times.join(",")}`);
  });

  it("pauses every caller when the partner says none remain", async () => {
    server.script([{ status: 200, body: {}, headers: { "x-ratelimit-remaining": "0", "x-retry-after": "1" } }, { status: 200, body: {} }]);
    const client = http();
    await client.send(get);
    await client.send(get);
    assert.ok(gaps(server)[0]! >= 950, `gap ${gaps(server)[0]}`);
  });

  it("reads a daily reset given as a Unix time (TadaBase) as that moment, not as seconds from now", async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 120;
    server.script([{ status: 200, body: {}, headers: { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": String(resetAt) } }]);
    const client = http();
    await client.send(get);
    const error = await client.send(get).catch((e: unknown) => e);
    assert.ok(error instanceof RateLimited, String(error));
    assert.ok((error.retryAfterMs ?? 0) > 100_000 && (error.retryAfterMs ?? 0) <= 120_000, `retry after ${error.retryAfterMs}`);
  });

  it("fails fast once the daily quota is spent", async () => {
    server.script([{ status: 200, body: {}, headers: { "x-ratelimit-daily-remaining": "0", "x-ratelimit-daily-reset": "3600" } }]);
    const client = http();
    await client.send(get);
    await assert.rejects(client.send(get), (e: unknown) => e instanceof RateLimited && (e.retryAfterMs ?? 0) > 3_500_000);
    assert.equal(server.requests.length, 1);
  });
});

describe("logs and redaction", () => {
  it("logs one line per attempt with partner, method, route template, status, duration and attempt", async () => {
    server.script([{ status: 503 }, { status: 200, body: {} }]);
    const lines: string[] = [];
    await withLogger(createLogger((_l, line) => lines.push(line)), () => http().send({ ...get, headers: { authorization: "Bearer abc.def" } }));
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^tadabase GET \/records\/\{id\} 503 \d+ms attempt 1/);
    assert.match(lines[1]!, /^tadabase GET \/records\/\{id\} 200 \d+ms attempt 2/);
    for (const line of lines) {
      assert.doesNotMatch(line, /abc123|x=1|abc\.def/);
    }
  });

  it("never lets a secret value out through an error", async () => {
    const secret = "s3cr3t-app-key-value";
    registerSecret(secret);
    server.script([{ status: 401, body: { msg: `API Not Found for key ${secret}` } }]);
    const error = await http()
      .send({ ...get, headers: { "x-tadabase-app-key": secret } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof Rejected);
    const text = `${error.message} ${error.detail} ${JSON.stringify(error)} ${String(error.stack)}`;
    assert.ok(!text.includes(secret), text);
    assert.match(error.detail, /\[REDACTED\]/);
  });
});
