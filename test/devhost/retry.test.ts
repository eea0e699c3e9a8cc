// The host's retry arithmetic for callActivityWithRetry / callSubOrchestratorWithRetry.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { attemptsExhausted, retryDelayMs, retryPolicyFrom, retryTimedOut } from "../../devhost/src/durable/retry.js";
import type { RetryState } from "../../devhost/src/durable/model.js";

const state = (failures: number, policy: Record<string, unknown>): RetryState => ({
  kind: "activity",
  name: "a",
  input: null,
  policy: retryPolicyFrom(policy),
  failures,
  firstAttemptAt: 0,
});

void describe("retry policy", () => {
  void it("waits first × backoff^(failures−1), capped by the maximum interval", () => {
    const policy = { firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 5, backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 300 };
    assert.deepEqual([1, 2, 3, 4].map((f) => retryDelayMs(state(f, policy), 0)), [100, 200, 300, 300]);
    assert.equal(retryDelayMs(state(2, { firstRetryIntervalInMilliseconds: 50, maxNumberOfAttempts: 3 }), 0), 50, "backoff defaults to 1");
  });

  void it("fires the final timer at once when attempts are used up or time is out", () => {
    const policy = { firstRetryIntervalInMilliseconds: 100, maxNumberOfAttempts: 2, retryTimeoutInMilliseconds: 1000 };
    assert.equal(attemptsExhausted(state(2, policy)), true);
    assert.equal(retryDelayMs(state(2, policy), 0), 0);
    assert.equal(retryTimedOut(state(1, policy), 999), false);
    assert.equal(retryTimedOut(state(1, policy), 1000), true);
    assert.equal(retryDelayMs(state(1, policy), 1000), 0);
  });
});
