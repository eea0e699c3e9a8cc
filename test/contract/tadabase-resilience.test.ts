// The TadaBase client under the simulator's rate limits and injected faults: the request log shows
// the spacing and the retries; the caller sees only successes (or the one typed error it should).
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { RateLimited, Unavailable } from "../../shared/errors.js";
import type { TadaBaseClient } from "../../shared/systems/bestraining/index.js";
import type { TadaBaseSimulator } from "../../simulators/tadabase/simulator.js";
import { RECORDS_ROUTE, RECORD_ROUTE, client, seen, startSim } from "./tadabase-harness.js";

let sim: TadaBaseSimulator;
let tb: TadaBaseClient;

before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
  sim.setRateLimit({ perMinute: 10_000, perDay: 1_000_000, minuteWindowMs: 60_000 });
  tb = client(sim);
});

const arrivals = (route: string): number[] => seen(sim, route).map((r) => Date.parse(r.time));

describe("rate limits", () => {
  // The plan allows 30 calls per "minute"; the simulator's minute is shortened to one second.
  const WINDOW_MS = 1_000;
  const PER_WINDOW = 30;

  it("a burst above the limit completes with no 429 reaching the caller, spaced by the headers", async () => {
    sim.setRateLimit({ perMinute: PER_WINDOW, minuteWindowMs: WINDOW_MS });
    // No limit of our own: only X-RateLimit-Remaining / X-Retry-After pace the client here.
    const paced = client(sim, undefined, { concurrency: 1, deadlineMs: 30_000 });
    const venues = paced.records("Venues");
    await venues.info();
    const results = [];
    for (let i = 0; i < PER_WINDOW + 10; i += 1) results.push(await venues.page(1));
    assert.equal(results.length, PER_WINDOW + 10);
    const all = sim.requests().requests;
    assert.equal(all.filter((r) => r.status === 429).length, 0, "the client waited instead of being refused");
    // Call 30 emptied the window (Remaining: 0, X-Retry-After: 1): call 31 came a window later.
    const times = all.map((r) => Date.parse(r.time));
    const first = times[0] ?? 0;
    assert.ok((times[PER_WINDOW] ?? 0) - first >= WINDOW_MS - 50, "the 31st call waited for the next window");
  });

  it("concurrent callers within our own per-minute cap: no 429 reaches any of them", async () => {
    sim.setRateLimit({ perMinute: PER_WINDOW, minuteWindowMs: WINDOW_MS });
    const capped = client(sim, undefined, { concurrency: 4, requestsPerMinute: PER_WINDOW, rateWindowMs: WINDOW_MS, deadlineMs: 30_000 });
    const venues = capped.records("Venues");
    await venues.info();
    const calls = Array.from({ length: 2 * PER_WINDOW + 5 }, () => venues.page(1));
    const settled = await Promise.allSettled(calls);
    assert.deepEqual(settled.filter((s) => s.status === "rejected"), []);
    // However the windows fall, no stretch of one window holds more than the plan's calls.
    const times = arrivals(RECORDS_ROUTE).sort((a, b) => a - b);
    const accepted = seen(sim, RECORDS_ROUTE).filter((r) => r.status === 200).length;
    assert.equal(accepted, calls.length);
    assert.ok((times.at(-1) ?? 0) - (times[0] ?? 0) >= WINDOW_MS, "the burst was spread over more than one window");
  });

  it("a 429 storm is waited out (X-Retry-After honoured) and retried", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 429, retryAfterSeconds: 1, count: 2 });
    assert.deepEqual(await tb.records("Venues").list(), []);
    const calls = seen(sim, RECORDS_ROUTE);
    assert.deepEqual(calls.map((c) => c.status), [429, 429, 200]);
    const t = calls.map((c) => Date.parse(c.time));
    assert.ok((t[1] ?? 0) - (t[0] ?? 0) >= 950 && (t[2] ?? 0) - (t[1] ?? 0) >= 950, "each retry waited the second it was told");
  });

  it("once the day's budget is spent, calls fail fast with RateLimited instead of waiting hours", async () => {
    sim.setRateLimit({ perDay: 3 });
    const venues = client(sim).records("Venues");
    await venues.list(); // tables, fields, records: the day's last call answers Daily-Remaining: 0
    await assert.rejects(venues.list(), RateLimited);
    assert.equal(sim.requests().requests.length, 3, "the fourth call never left");
  });

  it("a 429 on create is retried too: TadaBase did not act on it", async () => {
    sim.faults.add({ method: "POST", route: RECORDS_ROUTE, status: 429, retryAfterSeconds: 0, count: 1 });
    const id = await tb.records("Venues").create({ Room: "x" });
    assert.equal(sim.records("Venues").length, 1);
    assert.equal(sim.records("Venues")[0]?.id, id);
    assert.deepEqual(seen(sim, RECORDS_ROUTE, "POST").map((c) => c.status), [429, 200]);
  });
});

describe("retries under faults", () => {
  it("5xx on a read: retried until it succeeds", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 503, count: 2 });
    await tb.records("Venues").list();
    assert.deepEqual(seen(sim, RECORDS_ROUTE).map((c) => c.status), [503, 503, 200]);
  });

  it("a reset connection on a read: retried", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, reset: true, count: 1 });
    await tb.records("Venues").list();
    const calls = seen(sim, RECORDS_ROUTE);
    assert.deepEqual(calls.map((c) => c.fault?.kind ?? c.status), ["reset", 200]);
  });

  it("a hanging read: the attempt times out and is retried", async () => {
    const impatient = client(sim, undefined, { attemptTimeoutMs: 300 });
    sim.faults.add({ route: RECORDS_ROUTE, hang: true, count: 1 });
    await impatient.records("Venues").list();
    assert.deepEqual(seen(sim, RECORDS_ROUTE).map((c) => c.fault?.kind ?? c.status), ["hang", 200]);
  });

  it("an update is safe to repeat: retried after a 5xx", async () => {
    const id = await tb.records("Venues").create({ Room: "a" });
    sim.faults.add({ method: "POST", route: RECORD_ROUTE, status: 502, count: 1 });
    await tb.records("Venues").update(id, { Room: "b" });
    assert.deepEqual(seen(sim, RECORD_ROUTE, "POST").map((c) => c.status), [502, 200]);
    assert.equal(sim.records("Venues")[0]?.["Room"], "b");
  });

  it("a create is not repeated after a 5xx or a reset (it may have been carried out)", async () => {
    sim.faults.add({ method: "POST", route: RECORDS_ROUTE, status: 500, count: 1 });
    await assert.rejects(tb.records("Venues").create({ Room: "x" }), Unavailable);
    sim.faults.add({ method: "POST", route: RECORDS_ROUTE, reset: true, count: 1 });
    await assert.rejects(tb.records("Venues").create({ Room: "y" }), Unavailable);
    assert.equal(seen(sim, RECORDS_ROUTE, "POST").length, 2);
  });
});
