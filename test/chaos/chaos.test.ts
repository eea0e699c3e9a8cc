// Small chaos trials inside `npm test` (the full run is `npm run chaos`): a kill -9 of devhost
// mid-sync and a BESTraining outage followed by retry must both leave BESTraining exactly as SSG says.
import assert from "node:assert/strict";
import { test } from "node:test";
import { crashTrials, outageTrials, type TrialResult } from "./scenarios.js";

const SESSIONS = 60;
const seed = 20_261_204;

const failures = (results: TrialResult[]): string =>
  results
    .filter((r) => !r.passed)
    .map((r) => `${r.scenario} trial ${r.trial + 1}: ${r.event}; ${r.error ?? ""} ${r.diff?.details.join(" | ") ?? ""}`)
    .join("\n");

test("kill -9 of devhost mid-sync, then restart: no duplicate, nothing missing, no wrong field (2 trials)", { timeout: 240_000 }, async () => {
  const results = await crashTrials({ trials: 2, sessions: SESSIONS, seed });
  assert.equal(results.length, 2);
  assert.equal(failures(results), "");
});

test("BESTraining outage mid-sync, recovery and retry: final state correct (1 trial)", { timeout: 240_000 }, async () => {
  const results = await outageTrials({ trials: 1, sessions: SESSIONS, seed });
  assert.equal(results.length, 1);
  assert.equal(failures(results), "");
});
