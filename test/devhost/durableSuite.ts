// The Durable scenarios, run once per store (memory and Azure Tables on Azurite).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Devhost } from "../../devhost/src/index.js";
import { captureLogs, clientOp, run, start, startFixture, startOrchestration, status, waitFor } from "./fixture.js";
import type { Status } from "./fixture.js";

export function durableSuite(store: "memory" | "tables", settings: () => Record<string, string>): void {
  void describe(`devhost Durable (${store} store)`, () => {
    let host: Devhost;
    const logs = captureLogs();
    const hub = `hub${store}`;

    before(async () => {
      host = await startFixture({ store, logger: logs.logger, statusPageSize: 2, settings: { ...settings(), TASKHUB_NAME: hub } });
    });
    after(() => host.stop());

    void it("runs an activity chain with custom status, history and replay-safe logs", async () => {
      const id = await start(host, "helloSequence", ["A", "B", "C"]);
      const done = await waitFor(host, id);
      assert.equal(done.runtimeStatus, "Completed");
      assert.deepEqual(done.output, ["Hello A", "Hello B", "Hello C"]);
      assert.deepEqual(done.customStatus, { done: 3 });
      assert.deepEqual(done.input, ["A", "B", "C"]);
      const completed = (done.historyEvents ?? []).filter((e) => e.EventType === "TaskCompleted");
      assert.deepEqual(completed.map((e) => [e.FunctionName, e.Result]), [["sayHello", "Hello A"], ["sayHello", "Hello B"], ["sayHello", "Hello C"]]);
      // Four episodes replay the orchestrator, yet its log line appears once.
      assert.equal(logs.lines.filter((l) => l.includes(`helloSequence log line ${id}`)).length, 1);
    });

    void it("fans out and in with Task.all and keeps string activity inputs as strings", async () => {
      assert.equal((await run(host, "fanOut", 25)).output, 300);
      assert.equal((await run(host, "stringInput")).output, "123");
    });

    void it("honours maxConcurrentActivityFunctions from host.json and stores large payloads", async () => {
      const peak = (await run(host, "concurrency")).output as number;
      assert.ok(peak > 1 && peak <= 8, `peak concurrency ${peak} must be within host.json's 8`);
      assert.equal((await run(host, "largePayload", 200_000)).output, 200_000);
    });

    void it("retries activities with timers between attempts and surfaces the final error", async () => {
      assert.deepEqual((await run(host, "retryActivity", { key: `${store}-retry`, failures: 2 })).output, { attempts: 3 });
      const exhausted = await run(host, "retryExhausted");
      assert.equal(exhausted.runtimeStatus, "Completed");
      assert.deepEqual(exhausted.output, { caught: "Error: always fails", after: "Hello after" });
    });

    void it("makes callHttp requests and polls a 202 Location until it answers", async () => {
      const seen: string[] = [];
      const server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          seen.push(`${req.method ?? ""} ${req.url ?? ""} ${body}`);
          if (req.url === "/start") res.writeHead(202, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`, "retry-after": "0" }).end();
          else res.writeHead(200, { "content-type": "text/plain" }).end("done");
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/start`;
        const polled = await run(host, "httpCall", { url });
        assert.deepEqual(polled.output, { statusCode: 200, content: "done", after: "Hello after http" });
        assert.deepEqual(seen, ['POST /start {"ping":true}', "GET /status "]);
        const direct = await run(host, "httpCall", { url, enablePolling: false });
        assert.deepEqual(direct.output, { statusCode: 202, content: "", after: "Hello after http" });
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    void it("fires durable timers", async () => {
      const done = await run(host, "timerThenDone", 150);
      assert.equal(done.output, "fired");
      assert.ok((done.historyEvents ?? []).some((e) => e.EventType === "TimerFired"));
    });

    void it("waits for external events with a Task.any timeout", async () => {
      const id = await start(host, "waitEvent", 30000);
      await waitFor(host, id, (s) => s.runtimeStatus === "Running");
      assert.deepEqual(await clientOp(host, "raiseEvent", id, "approve", { by: "ann" }), { status: 200, result: null });
      assert.deepEqual((await waitFor(host, id)).output, { approved: { by: "ann" } });
      assert.equal((await run(host, "waitEvent", 100)).output, "timeout");
      const long = await start(host, "longTimerOrEvent");
      await waitFor(host, long, (s) => s.runtimeStatus === "Running");
      await clientOp(host, "raiseEvent", long, "go", null);
      assert.deepEqual((await waitFor(host, long)).output, { winner: "event", after: "Hello after the race" });
    });

    void it("runs sub-orchestrations, with retries, and continueAsNew", async () => {
      const parent = await run(host, "parent");
      assert.equal(parent.runtimeStatus, "Completed");
      const output = parent.output as { hello: string[]; childError: string };
      assert.deepEqual(output.hello, ["Hello Child"]);
      assert.match(output.childError, /child boom/);
      assert.equal((await run(host, "counter", 0)).output, 3);
    });

    void it("fails with a clear reason on non-determinism, unknown activities, entities and exceptions", async () => {
      const expectations: [string, RegExp][] = [
        ["nondeterministic", /Non-deterministic workflow detected/],
        ["unknownActivity", /activity function 'doesNotExist' doesn't exist/],
        ["entitySignal", /entities are not supported by devhost/],
        ["throwing", /failed: boom/],
      ];
      for (const [name, reason] of expectations) {
        const done = await run(host, name);
        assert.equal(done.runtimeStatus, "Failed", name);
        assert.match(String(done.output), reason);
      }
    });

    void it("starts with a chosen instance id and applies the reuse rules", async () => {
      const id = `fixed-${store}`;
      assert.equal(await start(host, "waitEvent", 30000, id), id);
      const conflict = await startOrchestration(host, "waitEvent", 30000, id);
      assert.equal(conflict.status, 500, "the app's startNew rejects a running duplicate");
      assert.deepEqual(await clientOp(host, "terminate", id, "enough"), { status: 200, result: null });
      const terminated = await waitFor(host, id);
      assert.equal(terminated.runtimeStatus, "Terminated");
      assert.equal(terminated.output, "enough");
      assert.equal(await start(host, "helloSequence", ["again"], id), id, "a finished instance id can be reused");
      assert.deepEqual((await waitFor(host, id)).output, ["Hello again"]);
      const started = await clientOp(host, "startNew", "helloSequence", { input: ["direct"] });
      assert.equal(typeof started.result, "string");
    });

    void it("answers the client's status queries with flags, filters and continuation tokens", async () => {
      const id = await start(host, "helloSequence", ["S"]);
      await waitFor(host, id);
      const plain = (await clientOp(host, "getStatus", id)).result as Status & { history?: unknown };
      assert.equal(plain.runtimeStatus, "Completed");
      assert.equal(plain.history, undefined);
      const full = (await clientOp(host, "getStatus", id, { showHistory: true, showHistoryOutput: true })).result as Status & { history: unknown[] };
      assert.ok(full.history.length >= 3);
      // The SDK never sends showInput=false, so that flag is checked on the public API.
      assert.equal((await status(host, id, "?showInput=false")).input, null);
      assert.match((await clientOp(host, "getStatus", "no-such-instance")).error ?? "", /404/);
      const all = (await clientOp(host, "getStatusAll")).result as Status[];
      assert.ok(all.length > 2, "pages of 2 were joined through x-ms-continuation-token");
      assert.ok(all.some((s) => s.instanceId === id));
      const failed = (await clientOp(host, "getStatusBy", { runtimeStatus: ["Failed"] })).result as Status[];
      assert.ok(failed.length >= 4 && failed.every((s) => s.runtimeStatus === "Failed"));
      const future = (await clientOp(host, "getStatusBy", { createdTimeFrom: new Date(Date.now() + 60000).toISOString() })).result as Status[];
      assert.deepEqual(future, []);
    });

    void it("suspends and resumes, and purges one instance or many", async () => {
      const id = await start(host, "waitEvent", 30000);
      await waitFor(host, id, (s) => s.runtimeStatus === "Running");
      await clientOp(host, "suspend", id, "pause");
      assert.equal((await status(host, id)).runtimeStatus, "Suspended");
      await clientOp(host, "raiseEvent", id, "approve", "while-suspended");
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await status(host, id)).runtimeStatus, "Suspended", "events wait while suspended");
      await clientOp(host, "resume", id, "go");
      assert.deepEqual((await waitFor(host, id)).output, { approved: "while-suspended" });
      assert.deepEqual((await clientOp(host, "purge", id)).result, { instancesDeleted: 1 });
      assert.match((await clientOp(host, "getStatus", id)).error ?? "", /404/);
      assert.deepEqual((await clientOp(host, "purge", id)).result, { instancesDeleted: 0 });
      const purged = (await clientOp(host, "purgeBy", { runtimeStatus: ["Failed"] })).result as { instancesDeleted: number };
      assert.ok(purged.instancesDeleted >= 4);
      assert.deepEqual((await clientOp(host, "getStatusBy", { runtimeStatus: ["Failed"] })).result, []);
    });

    void it("gives timer triggers a durable client, and filters instances by id prefix", async () => {
      const response = await fetch(`${host.url}/runtime/webhooks/durabletask/instances?instanceIdPrefix=timer-`);
      const found = (await response.json()) as Status[];
      assert.ok(found.length >= 1 && found.every((s) => s.instanceId.startsWith("timer-")));
      const first = found[0];
      assert.ok(first);
      assert.deepEqual((await waitFor(host, first.instanceId)).output, ["Hello timer"]);
    });

    void it("builds check-status responses and waits for completion", async () => {
      const started = await startOrchestration(host, "helloSequence", ["W"]);
      assert.equal(started.status, 202);
      const payload = (await started.json()) as Record<string, string>;
      assert.equal(started.headers.get("location"), payload.statusQueryGetUri);
      for (const key of ["statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri"]) {
        assert.ok(payload[key]?.startsWith(`${host.url}/runtime/webhooks/durabletask/instances/${payload.id}`), key);
      }
      const waited = await fetch(`${host.url}/api/orchestrators/helloSequence?wait=1`, { method: "POST", body: JSON.stringify(["X"]) });
      assert.equal(waited.status, 200);
      assert.deepEqual(await waited.json(), ["Hello X"]);
      const waiting = (await (await startOrchestration(host, "waitEvent", 30000)).json()) as Record<string, string>;
      const raised = await fetch((waiting.sendEventPostUri ?? "").replace("{eventName}", "approve"), { method: "POST", body: JSON.stringify("via-url") });
      assert.equal(raised.status, 202);
      assert.deepEqual((await waitFor(host, waiting.id ?? "")).output, { approved: "via-url" });
      const other = (await (await startOrchestration(host, "waitEvent", 30000)).json()) as Record<string, string>;
      assert.equal((await fetch((other.terminatePostUri ?? "").replace("{text}", "by-url"), { method: "POST" })).status, 202);
      assert.equal((await waitFor(host, other.id ?? "")).output, "by-url");
      const restarted = await fetch((waiting.restartPostUri ?? "").replace("/restart?", "/restart?restartWithNewInstanceId=true&"), { method: "POST" });
      assert.equal(restarted.status, 202);
      const again = (await restarted.json()) as { id: string };
      assert.notEqual(again.id, waiting.id);
      assert.equal((await status(host, again.id)).input, 30000, "a restart keeps the input");
      await clientOp(host, "terminate", again.id, "done");
      const direct = await fetch(`${host.url}/runtime/webhooks/durabletask/orchestrators/helloSequence?timeout=10&pollingInterval=0.05`, { method: "POST", body: JSON.stringify(["Y"]) });
      assert.equal(direct.status, 200, "createAndWaitOnNewInstance on the public API");
      assert.deepEqual(await direct.json(), ["Hello Y"]);
    });
  });
}
