// The kit every simulator shares: fault kinds, the request log and the admin API over HTTP.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startSimServer } from "../../simulators/kit/index.js";
import type { SimServer } from "../../simulators/kit/index.js";

void describe("simulator kit", () => {
  let sim: SimServer;
  let data: string[] = [];
  const ping = (path = "/things/42"): Promise<Response> => fetch(`${sim.url}${path}`, { headers: { Authorization: "Bearer s3cret-token" } });
  const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${sim.url}/__admin/${path}`, {
      method,
      ...(body !== undefined ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
  };

  before(async () => {
    sim = await startSimServer({
      name: "test",
      routes: [{ method: "GET", path: "/things/{id}", handler: (req) => ({ status: 200, body: { id: req.params.id } }) }],
      reset: () => {
        data = [];
      },
      state: () => ({ data }),
    });
  });
  after(() => sim.stop());

  void it("routes by template and logs method, route, redacted headers, status and counts", async () => {
    sim.reset();
    assert.deepEqual(await (await ping()).json(), { id: "42" });
    assert.equal((await ping("/nowhere")).status, 404);
    const log = (await admin("GET", "requests")).body as { requests: { route: string | null; status: number; headers: Record<string, string> }[]; counts: Record<string, number> };
    assert.deepEqual(log.counts, { "GET /things/{id}": 1, "GET /nowhere": 1 });
    assert.deepEqual(log.requests.map((r) => [r.route, r.status]), [["/things/{id}", 200], [null, 404]]);
    assert.equal(log.requests[0]?.headers.authorization, "Bearer [redacted]");
    assert.ok(!JSON.stringify(log).includes("s3cret-token"));
    assert.equal((await admin("DELETE", "requests")).status, 204);
    assert.deepEqual(sim.requests().requests, []);
  });

  void it("answers a status fault a given number of times, with Retry-After on 429", async () => {
    const added = await admin("POST", "faults", { method: "GET", route: "/things/{id}", status: 429, count: 2, retryAfterSeconds: 3 });
    assert.equal(added.status, 201);
    const storm = [await ping(), await ping(), await ping()];
    assert.deepEqual(storm.map((r) => r.status), [429, 429, 200]);
    assert.deepEqual([storm[0]?.headers.get("retry-after"), storm[0]?.headers.get("x-retry-after")], ["3", "3"]);
    sim.faults.add({ status: 503, skip: 1, count: 1 });
    assert.deepEqual([(await ping()).status, (await ping()).status, (await ping()).status], [200, 503, 200]);
  });

  void it("honours probability 0 and 1", async () => {
    sim.faults.add({ status: 500, probability: 0 });
    assert.equal((await ping()).status, 200);
    sim.faults.clear();
    sim.faults.add({ status: 502, probability: 1 });
    assert.equal((await ping()).status, 502);
    assert.equal((await admin("DELETE", "faults")).status, 204);
    assert.equal((await ping()).status, 200);
  });

  void it("delays, hangs and resets", async () => {
    sim.clearRequests();
    sim.faults.add({ latencyMs: 50, count: 1 });
    assert.equal((await ping()).status, 200);
    sim.faults.add({ hang: true, count: 1 });
    await assert.rejects(fetch(`${sim.url}/things/1`, { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
    sim.faults.add({ reset: true, count: 1 });
    await assert.rejects(ping(), TypeError);
    const kinds = sim.requests().requests.map((r) => [r.fault?.kind, r.status]);
    assert.deepEqual(kinds, [["latency", 200], ["hang", null], ["reset", null]]);
  });

  void it("refuses a malformed fault rule and reports state and reset", async () => {
    const bad = await admin("POST", "faults", { route: "*", count: 1 });
    assert.equal(bad.status, 400);
    const typo = await admin("POST", "faults", { status: 500, probabilty: 0.5 });
    assert.equal(typo.status, 400, "unknown keys are refused, not ignored");
    data.push("x");
    sim.faults.add({ status: 500 });
    assert.deepEqual((await admin("GET", "state")).body, { data: ["x"] });
    assert.equal((await admin("POST", "reset")).status, 200);
    assert.deepEqual([data, sim.faults.list()], [[], []]);
  });
});
