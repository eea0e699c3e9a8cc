// The agent simulator against docs/agent-api.md: signatures, timestamps, idempotency, validation.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startAgentSimulator } from "../../simulators/agent/simulator.js";
import type { AgentSimulator } from "../../simulators/agent/simulator.js";

const event = (id: string, changed = 1): string =>
  JSON.stringify({
    id,
    type: "course-run.sessions-synced",
    occurredAt: "2026-12-04T16:05:00.000Z",
    source: "besorchestrator",
    data: {
      courseRunId: "224596",
      counts: { created: changed, updated: 0, deleted: 0, unchanged: 2, failed: 0 },
      changedSessionIds: ["TGS-2020000703-224596-S1"],
      changedSessionIdsTruncated: false,
    },
  });

void describe("agent simulator", () => {
  let agent: AgentSimulator;
  const post = async (body: string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${agent.url}/v1/events`, { method: "POST", headers, body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const code = (answer: { body: Record<string, unknown> }): string | undefined => (answer.body.error as { code?: string } | undefined)?.code;

  before(async () => {
    agent = await startAgentSimulator({ signingSecrets: ["test-secret"] });
  });
  after(() => agent.stop());

  void it("accepts a signed event once, then answers duplicates and conflicts", async () => {
    const body = event("sync-1:sessions-synced");
    const first = await post(body, agent.sign(body));
    assert.deepEqual([first.status, first.body.status], [202, "accepted"]);
    const again = await post(body, agent.sign(body));
    assert.deepEqual([again.status, again.body.status], [200, "duplicate"]);
    const changed = event("sync-1:sessions-synced", 5);
    assert.equal(code(await post(changed, agent.sign(changed))), "event-conflict");
    assert.deepEqual(agent.events().map((e) => [e.id, e.deliveries]), [["sync-1:sessions-synced", 2]]);
    assert.equal(agent.requests().requests[0]?.headers["x-bes-signature"], "[redacted]");
  });

  void it("refuses a wrong secret, a tampered body and a stale timestamp with 401", async () => {
    const body = event("sync-2");
    const wrong = await post(body, agent.sign(body, "other-secret"));
    assert.deepEqual([wrong.status, code(wrong)], [401, "invalid-signature"]);
    const tampered = await post(event("sync-2", 9), agent.sign(body));
    assert.equal(code(tampered), "invalid-signature");
    const stale = await post(body, agent.sign(body, "test-secret", Math.floor(Date.now() / 1000) - 301));
    assert.deepEqual([stale.status, code(stale)], [401, "stale-timestamp"]);
    assert.equal(agent.events().length, 1);
  });

  void it("validates the envelope and known data, accepts unknown types", async () => {
    const bad = JSON.stringify({ id: "x", type: "course-run.sessions-synced", occurredAt: "yesterday", data: { courseRunId: "1" } });
    const answer = await post(bad, agent.sign(bad));
    assert.equal(answer.status, 400);
    const fields = (answer.body.error as { details: { field: string }[] }).details.map((d) => d.field);
    assert.ok(fields.includes("occurredAt"));
    const novel = JSON.stringify({ id: "n-1", type: "trainee.enrolled", occurredAt: "2026-12-04T16:05:00Z", data: {} });
    assert.equal((await post(novel, agent.sign(novel))).status, 202);
  });

  void it("reports health and can be made unhealthy", async () => {
    assert.deepEqual(await (await fetch(`${agent.url}/v1/health`)).json(), { status: "ok", version: "1" });
    agent.setHealthy(false);
    assert.equal((await fetch(`${agent.url}/v1/health`)).status, 503);
    agent.reset();
    assert.equal((await fetch(`${agent.url}/v1/health`)).status, 200);
    assert.equal(agent.events().length, 0);
  });
});
