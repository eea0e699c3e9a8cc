// The sync job's steps, run directly (no host) against the simulators and Azurite: what makes
// at-least-once execution safe (repeated steps make no duplicates) and per-item failure handling.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { parseSettings } from "../../shared/config/index.js";
import { createSecretProvider } from "../../shared/secrets/index.js";
import { storageTargetFromSettings } from "../../shared/store/index.js";
import type { SyncJobDeps } from "../../shared/sync-job/deps.js";
import { planAndStage } from "../../shared/sync-job/plan-step.js";
import { applySessionChange } from "../../shared/sync-job/session-step.js";
import { fetchSsgSessions, loadBesTrainingState } from "../../shared/sync-job/stage.js";
import type { PlanSummary, SyncRef } from "../../shared/sync-job/types.js";
import { ensureVenue } from "../../shared/sync-job/venue-step.js";
import type { VenuePlanItem } from "../../shared/sync/plan.js";
import { createSyncJobDeps } from "../../shared/sync-job/wiring.js";
import { startSimulators, type Simulators } from "../../simulators/index.js";
import { startAzurite, type Azurite } from "../support/azurite.js";
import { appSettingsFor } from "../support/e2e-env.js";

const RUN = "224596";
const QUERY = { courseReferenceNumber: "TGS-2020000703", uen: "T16LL0001A" };
const SESSIONS = "Course Sessions";
const VENUES = "Venues";

let azurite: Azurite;
let sims: Simulators;
let deps: SyncJobDeps;
let counter = 0;

before(async () => {
  azurite = await startAzurite();
  // The simulator's limit well above the client's, so nothing here waits on rate limiting.
  sims = await startSimulators({ tadabase: { rateLimit: { perMinute: 100_000, perDay: 10_000_000 } } });
});
after(async () => {
  await sims.stop();
  await azurite.stop();
});
beforeEach(() => {
  sims.tadabase.reset();
  sims.ssg.reset();
  const env = {
    ...appSettingsFor(sims, azurite),
    // Agent events are not part of these steps.
    AGENT_BASE_URL: "",
    TADABASE_REQUESTS_PER_MINUTE: "600",
    TADABASE_MAX_ATTEMPTS: "2",
    TADABASE_DEADLINE_MS: "3000",
    TADABASE_TIMEOUT_MS: "1000",
  };
  const settings = parseSettings(env);
  // Fresh connectors per test: no breaker or schema cache carried over from a previous test.
  deps = createSyncJobDeps({ settings, secrets: createSecretProvider({ settings, env }), storage: storageTargetFromSettings(settings) });
});

/** Runs the steps the orchestrator runs, in its order; `repeat` runs every write step twice. */
async function runSync(options: { repeat?: boolean; retryOf?: string } = {}): Promise<{ ref: SyncRef; plan: PlanSummary; outcomes: string[] }> {
  counter += 1;
  const ref = { syncId: `sync-test-${counter}`, runId: RUN };
  await fetchSsgSessions(deps, ref, QUERY);
  await loadBesTrainingState(deps, ref);
  const plan = await planAndStage(deps, ref, options.retryOf ? { retryOf: options.retryOf } : {});
  const times = options.repeat ? 2 : 1;
  for (let t = 0; t < times; t++) for (let i = 0; i < plan.venueWrites; i++) await ensureVenue(deps, { ...ref, index: i });
  const outcomes: string[] = [];
  for (let t = 0; t < times; t++) for (let i = 0; i < plan.sessionWrites; i++) outcomes.push((await applySessionChange(deps, { ...ref, index: i })).outcome);
  return { ref, plan, outcomes };
}

/** The simulator's records of a table (values by field name) whose field `name` holds `value`. */
const rowsWith = (table: string, name: string, value: string): Array<Record<string, unknown>> => sims.tadabase.records(table).filter((r) => r[name] === value);

describe("sync steps", () => {
  it("repeating every write step (at-least-once delivery) makes no duplicate session or venue", async () => {
    const { outcomes } = await runSync({ repeat: true });
    assert.deepEqual(outcomes, ["created", "created", "created", "created"], "the repeated create finds the record its first run made");
    assert.equal(sims.tadabase.records(SESSIONS).length, 2);
    assert.equal(sims.tadabase.records(VENUES).length, 1, "both spellings of the seeded venue are one place");
    const second = await runSync();
    assert.equal(second.plan.sessionWrites, 0);
    assert.equal(second.plan.venueWrites, 0);
  });

  it("a re-run of a venue step that finds its venue frees the claim a crashed attempt left behind", async () => {
    const { ref } = await runSync();
    const item = await deps.jobs.getPlanItem<VenuePlanItem>(ref.syncId, "venue", 0);
    assert.ok(item);
    // The host died after the create and before the release: the claim is still this sync's.
    assert.equal((await deps.venueClaims.claim(item.key, ref.syncId)).claimed, true);
    await ensureVenue(deps, { ...ref, index: 0 });
    const other = await deps.venueClaims.claim(item.key, "sync-of-another-run");
    assert.equal(other.claimed, true, `the claim is free for other syncs (held by ${other.claimed ? "" : other.holder})`);
    await deps.venueClaims.release(item.key, "sync-of-another-run");
  });

  it("keeps one outcome per record when BESTraining holds duplicates of one SSG session", async () => {
    await runSync();
    const [original] = rowsWith(SESSIONS, "SSG Session ID", "TGS-2020000703-224596-S1");
    assert.ok(original);
    // An old, non-idempotent service made a second record for the same session.
    const { id: _id, ...copy } = original;
    sims.tadabase.insert(SESSIONS, copy);
    assert.equal(rowsWith(SESSIONS, "SSG Session ID", "TGS-2020000703-224596-S1").length, 2);
    const { ref } = await runSync();
    const forS1 = (await deps.jobs.listOutcomes(ref.syncId)).filter((o) => o.ssgSessionId === "TGS-2020000703-224596-S1");
    assert.deepEqual(forS1.map((o) => o.outcome).sort(), ["deleted", "unchanged"]);
    const live = rowsWith(SESSIONS, "SSG Session ID", "TGS-2020000703-224596-S1").filter((r) => r.Deleted !== "True");
    assert.equal(live.length, 1, "exactly one live record remains; the duplicate is marked deleted, not removed");
  });

  it("fails only the malformed session and writes the others", async () => {
    sims.ssg.run(RUN)?.sessions.push({ id: "TGS-2020000703-224596-S9", startDate: "2026-02-30x", startTime: "9am" } as never);
    const { ref, plan } = await runSync();
    const outcomes = await deps.jobs.listOutcomes(ref.syncId);
    const bad = outcomes.find((o) => o.ssgSessionId === "TGS-2020000703-224596-S9");
    assert.equal(bad?.outcome, "failed");
    assert.match(bad?.error?.message ?? "", /not a valid SSG session/);
    assert.equal(plan.counts.failed, 1);
    assert.equal(sims.tadabase.records(SESSIONS).length, 2);
  });

  it("records a partner failure per item, and a retry redoes only the failed items", async () => {
    sims.tadabase.faults.add({ method: "POST", route: "/api/v1/data-tables/{tableId}/records", status: 500 });
    const first = await runSync();
    assert.ok(first.outcomes.every((o) => o === "failed"), `outcomes ${first.outcomes.join(",")}`);
    const failed = (await deps.jobs.listOutcomes(first.ref.syncId)).filter((o) => o.outcome === "failed");
    assert.equal(failed.length, 2);
    assert.match(failed[0]?.error?.message ?? "", /venue could not be ensured|unavailable/);

    sims.tadabase.faults.clear();
    const retry = await runSync({ retryOf: first.ref.syncId });
    assert.deepEqual(retry.outcomes.sort(), ["created", "created"]);
    assert.equal(sims.tadabase.records(SESSIONS).length, 2);
    assert.equal(sims.tadabase.records(VENUES).length, 1);
  });
});
