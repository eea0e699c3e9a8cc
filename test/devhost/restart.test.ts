// kill -9 of the devhost CLI mid-orchestration, then a restart on the same Azurite task hub:
// every instance resumes (its durable timer included) and completed activities do not run again.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startAzurite } from "../support/azurite.js";
import type { Azurite } from "../support/azurite.js";
import type { Devhost } from "../../devhost/src/index.js";
import { FIXTURE_APP, start, waitFor } from "./fixture.js";

const CLI = fileURLToPath(new URL("../../devhost/src/cli.ts", import.meta.url));

void describe("devhost restart with the tables store", () => {
  let azurite: Azurite;
  let workDir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    azurite = await startAzurite();
    workDir = mkdtempSync(join(tmpdir(), "devhost-restart-"));
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await azurite.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function launch(port: number): Promise<{ child: ChildProcess; host: Devhost }> {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--app", FIXTURE_APP, "--port", String(port), "--store", "tables"], {
      env: {
        ...process.env,
        AzureWebJobsStorage: azurite.connectionString,
        TASKHUB_NAME: "restarthub",
        TICK_SCHEDULE: "0 0 0 1 1 *",
        DEVHOST_FIXTURE_RUNLOG: join(workDir, "runs.log"),
        DEVHOST_FIXTURE_TERMINATE_LOG: join(workDir, "terminate.log"),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`devhost exited early: ${stderr}`);
      const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`devhost did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { child, host: { url, port, taskHub: "restarthub", stop: () => Promise.resolve() } };
  }

  void it("resumes every instance after kill -9, re-dispatching running activities but not recorded ones", async () => {
    const port = await freePort();
    const first = await launch(port);
    const ids = [
      await start(first.host, "durableRun", { steps: 3, timerMs: 4000, tag: "a" }),
      await start(first.host, "durableRun", { steps: 2, timerMs: 3000, tag: "b" }),
    ];
    // An activity still running at the kill must be dispatched again after the restart.
    const gate = join(workDir, "gate");
    const inFlight = await start(first.host, "waitsForFile", gate);
    await waitFor(first.host, inFlight, (s) => s.runtimeStatus === "Running");
    // Once step 0 is recorded each instance sits on its durable timer: kill devhost there.
    for (const id of ids) await waitFor(first.host, id, (s) => (s.historyEvents ?? []).some((e) => e.EventType === "TaskCompleted"));
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;

    writeFileSync(gate, "open");
    const second = await launch(port);
    const [a, b] = await Promise.all(ids.map((id) => waitFor(second.host, id, undefined, 30000)));
    assert.deepEqual(a?.output, ["a-step-0", "a-step-1", "a-step-2"]);
    assert.deepEqual(b?.output, ["b-step-0", "b-step-1"]);
    assert.equal((await waitFor(second.host, inFlight, undefined, 30000)).output, "file seen");
    const runs = readFileSync(join(workDir, "runs.log"), "utf8").trim().split("\n").sort();
    assert.deepEqual(runs, ["a-step-0", "a-step-1", "a-step-2", "b-step-0", "b-step-1"]);
    second.child.kill("SIGTERM");
    const code = await new Promise((resolve) => second.child.once("exit", resolve));
    assert.equal(code, 0, "SIGTERM stops devhost cleanly");
    assert.equal(readFileSync(join(workDir, "terminate.log"), "utf8"), "appTerminate\n", "appTerminate hooks ran once, only on the clean stop");
  });
});
