// The agent client against the agent simulator over HTTP (docs/agent-api.md v1): signatures the
// agent verifies, idempotent delivery under retries, rotation, validation, and quiet secrets.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { parseSettings } from "../../shared/config/index.js";
import { Conflict, InvalidInput, Rejected } from "../../shared/errors.js";
import { createLogger, withLogger } from "../../shared/logging.js";
import { agentClientFromSettings, createAgentClient, sessionsSyncedEvent, signatureHeaders } from "../../shared/systems/agent/index.js";
import type { AgentClient, AgentEvent, AgentHttpOptions, AgentSecrets } from "../../shared/systems/agent/index.js";
import { startAgentSimulator } from "../../simulators/agent/simulator.js";
import type { AgentSimulator } from "../../simulators/agent/simulator.js";

const SECRET = `agent-${randomBytes(16).toString("hex")}`;
const EVENTS_ROUTE = "/v1/events";

interface MemorySecret extends AgentSecrets {
  value: string;
  next?: string;
  refreshes: number;
}

function memorySecret(value: string, next?: string): MemorySecret {
  const s: MemorySecret = {
    value,
    refreshes: 0,
    ...(next === undefined ? {} : { next }),
    get: () => Promise.resolve(s.value),
    refresh: () => {
      s.refreshes += 1;
      s.value = s.next ?? s.value;
      return Promise.resolve(s.value);
    },
  };
  return s;
}

let sim: AgentSimulator;

const FAST = { attemptTimeoutMs: 1_000, deadlineMs: 10_000, maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, concurrency: 2 };

function client(secrets: AgentSecrets = memorySecret(SECRET), overrides: { http?: Partial<AgentHttpOptions>; now?: () => number } = {}): AgentClient {
  return createAgentClient({ secrets, ...(overrides.now ? { now: overrides.now } : {}), http: { baseUrl: sim.url, ...FAST, ...overrides.http } });
}

let seq = 0;
function synced(changed: readonly string[] = ["TGS-2020000703-224596-S1"], id = `sync-${++seq}:sessions-synced`): AgentEvent {
  return sessionsSyncedEvent({
    id,
    occurredAt: new Date("2026-12-04T16:05:00Z"),
    courseRunId: "224596",
    sessionMonth: "122026",
    syncId: `sync-${seq}`,
    counts: { created: changed.length, updated: 0, deleted: 0, unchanged: 3, failed: 0 },
    changedSessionIds: changed,
  });
}

const posts = () => sim.requests().requests.filter((r) => r.route === EVENTS_ROUTE);

before(async () => {
  sim = await startAgentSimulator({ signingSecrets: [SECRET] });
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
});

describe("events", () => {
  it("sends a signed event the agent verifies and stores", async () => {
    const event = synced();
    assert.deepEqual(await client().sendEvent(event), { id: event.id, status: "accepted" });
    const [stored] = sim.events();
    assert.equal(stored?.id, event.id);
    assert.deepEqual(stored?.data, event.data);
    assert.equal(stored?.deliveries, 1);
    assert.match(posts()[0]?.headers["x-bes-timestamp"] ?? "", /^\d{10}$/);
  });

  it("the same event twice is a duplicate, not a second event", async () => {
    const event = synced();
    const agent = client();
    await agent.sendEvent(event);
    assert.deepEqual(await agent.sendEvent(event), { id: event.id, status: "duplicate" });
    assert.equal(sim.events().length, 1);
    assert.equal(sim.events()[0]?.deliveries, 2);
  });

  it("the same id with another body is a Conflict", async () => {
    const agent = client();
    await agent.sendEvent(synced(["A"], "sync-x:sessions-synced"));
    await assert.rejects(agent.sendEvent(synced(["B"], "sync-x:sessions-synced")), Conflict);
  });

  it("keeps the first 500 changed ids, sorted, and says the list was cut", async () => {
    const ids = Array.from({ length: 620 }, (_, i) => `TGS-1-S${String(i).padStart(4, "0")}`).reverse();
    const event = synced(ids);
    await client().sendEvent(event);
    const data = sim.events()[0]?.data as { changedSessionIds: string[]; changedSessionIdsTruncated: boolean; counts: { created: number } };
    assert.equal(data.changedSessionIds.length, 500);
    assert.equal(data.changedSessionIds[0], "TGS-1-S0000");
    assert.equal(data.changedSessionIdsTruncated, true);
    assert.equal(data.counts.created, 620);
  });

  it("refuses an invalid event before sending it", async () => {
    const bad = { ...synced(), type: "SessionsSynced" };
    await assert.rejects(client().sendEvent(bad), InvalidInput);
    const badData = { ...synced(), data: { courseRunId: "" } };
    await assert.rejects(client().sendEvent(badData), (e: unknown) => e instanceof InvalidInput && /data\.counts/.test(e.message));
    assert.equal(posts().length, 0);
  });

  it("an unknown event type is sent (the agent accepts and ignores what it does not know)", async () => {
    const event: AgentEvent = { id: "e-1", type: "course-run.checked", occurredAt: "2026-12-04T16:05:00Z", data: { courseRunId: "1" } };
    assert.equal((await client().sendEvent(event)).status, "accepted");
  });
});

describe("signing", () => {
  it("matches an independent HMAC (openssl) over timestamp.body", () => {
    const body = Buffer.from(JSON.stringify(synced()), "utf8");
    const headers = signatureHeaders(SECRET, body, 1_796_400_000);
    const input = Buffer.concat([Buffer.from("1796400000."), body]);
    const out = execFileSync("openssl", ["dgst", "-sha256", "-hmac", SECRET, "-hex"], { input }).toString();
    assert.equal(headers["X-BES-Signature"], `sha256=${/([0-9a-f]{64})\s*$/.exec(out)?.[1] ?? "?"}`);
    assert.equal(headers["X-BES-Timestamp"], "1796400000");
  });

  it("a wrong secret: one refresh, one retry, then Rejected 401 invalid-signature", async () => {
    const secrets = memorySecret("not-the-agents-secret");
    await assert.rejects(client(secrets).sendEvent(synced()), (e: unknown) => e instanceof Rejected && e.status === 401 && e.code === "invalid-signature");
    assert.equal(secrets.refreshes, 1);
    assert.equal(posts().length, 2);
  });

  it("a rotated secret: the refresh picks up the new one", async () => {
    const secrets = memorySecret("the-old-secret-value", SECRET);
    assert.equal((await client(secrets).sendEvent(synced())).status, "accepted");
    assert.deepEqual(posts().map((p) => p.status), [401, 202]);
  });

  it("a clock far off: stale-timestamp, not retried", async () => {
    const secrets = memorySecret(SECRET);
    const skewed = client(secrets, { now: () => Date.now() - 3_600_000 });
    await assert.rejects(skewed.sendEvent(synced()), (e: unknown) => e instanceof Rejected && e.code === "stale-timestamp");
    assert.equal(secrets.refreshes, 0);
    assert.equal(posts().length, 1);
  });
});

describe("retries are safe", () => {
  it("5xx, a reset connection, a 429: retried until accepted, stored once", async () => {
    const patient = client(memorySecret(SECRET), { http: { ...FAST, maxAttempts: 4 } });
    sim.faults.add({ route: EVENTS_ROUTE, status: 503, count: 1 });
    sim.faults.add({ route: EVENTS_ROUTE, reset: true, count: 1 });
    sim.faults.add({ route: EVENTS_ROUTE, status: 429, retryAfterSeconds: 0, count: 1 });
    assert.equal((await patient.sendEvent(synced())).status, "accepted");
    assert.deepEqual(posts().map((p) => p.fault?.kind ?? p.status), ["status", "reset", "status", 202]);
    assert.equal(sim.events().length, 1);
  });

  it("a slow attempt times out and is retried: accepted, stored once", async () => {
    sim.faults.add({ route: EVENTS_ROUTE, latencyMs: 600, count: 1 });
    const impatient = client(memorySecret(SECRET), { http: { ...FAST, attemptTimeoutMs: 200 } });
    assert.equal((await impatient.sendEvent(synced())).status, "accepted");
    assert.deepEqual(posts().map((p) => p.fault?.kind ?? p.status), ["latency", 202]);
    assert.equal(sim.events().length, 1);
  });
});

describe("health", () => {
  it("ok, then unavailable when the agent says so", async () => {
    assert.deepEqual(await client().health(), { ok: true, status: "ok" });
    sim.setHealthy(false);
    assert.deepEqual(await client().health(), { ok: false, status: "unavailable" });
  });

  it("unreachable is a health answer, not an exception", async () => {
    const gone = createAgentClient({
      secrets: memorySecret(SECRET),
      http: { baseUrl: "http://127.0.0.1:9", attemptTimeoutMs: 300, deadlineMs: 1_000, maxAttempts: 1, concurrency: 1 },
    });
    const health = await gone.health();
    assert.equal(health.ok, false);
    assert.equal(health.status, "unreachable");
  });
});

describe("from settings", () => {
  const base = { AzureWebJobsStorage: "UseDevelopmentStorage=true", TASKHUB_NAME: "agentcontract", SSG_BASE_URL: "http://127.0.0.1:9", TADABASE_BASE_URL: "http://127.0.0.1:9" };

  it("without AGENT_BASE_URL events are off: nothing sent, one log line says so", async () => {
    const lines: string[] = [];
    const agent = agentClientFromSettings(parseSettings(base), memorySecret(SECRET));
    assert.equal(agent.enabled, false);
    const result = await withLogger(createLogger((_l, line) => lines.push(line)), () => agent.sendEvent(synced()));
    assert.equal(result.status, "disabled");
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", /agent events are off.*AGENT_BASE_URL/);
  });

  it("with AGENT_BASE_URL: one client per settings and secrets, sending for real", async () => {
    const settings = parseSettings({ ...base, AGENT_BASE_URL: sim.url });
    const secrets = memorySecret(SECRET);
    const agent = agentClientFromSettings(settings, secrets);
    assert.equal(agentClientFromSettings(settings, secrets), agent);
    assert.equal((await agent.sendEvent(synced())).status, "accepted");
  });
});

describe("secrets stay secret", () => {
  it("the signing secret is in no log line and no error message", async () => {
    const lines: string[] = [];
    const messages: string[] = [];
    await withLogger(
      createLogger((level, line) => lines.push(`${level} ${line}`)),
      async () => {
        await client().sendEvent(synced());
        sim.setSigningSecrets(["another-secret-entirely"]);
        await client().sendEvent(synced()).catch((e: unknown) => messages.push(e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e)));
      },
    );
    assert.ok(lines.length >= 3);
    assert.equal(messages.length, 1);
    for (const text of [...lines, ...messages]) assert.ok(!text.includes(SECRET) && !text.includes("another-secret-entirely"), `leak: ${text}`);
  });
});
