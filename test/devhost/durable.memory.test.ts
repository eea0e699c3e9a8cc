// Durable scenarios on the in-memory store.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { durableSuite } from "./durableSuite.js";
import { run, startFixture } from "./fixture.js";

durableSuite("memory", () => ({}));

void describe("devhost timerScale", () => {
  void it("shortens real waits while the orchestration still sees the full time pass", async () => {
    const host = await startFixture({ timerScale: 0.0001 });
    try {
      // An hour-long timer completes within the test's polling timeout.
      const done = await run(host, "virtualClock", 3_600_000);
      assert.equal(done.runtimeStatus, "Completed");
      assert.ok((done.output as number) >= 3_600_000);
      // Attempts at 0 s and 1 s run; at 2 s the 1.5 s retry timeout has passed, so no more run.
      const timedOut = await run(host, "retryTimeout", "timeout-key");
      assert.deepEqual(timedOut.output, { error: "Error: flaky failure 2", attempts: 2 });
    } finally {
      await host.stop();
    }
  });
});
