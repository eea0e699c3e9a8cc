// devhost fan-out throughput: one orchestration fanning out N no-op activities (Task.all) and in again,
// on the in-memory store or on Azurite tables. Run alone: `node --import tsx bench/devhost-fanout.ts [N]`.
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startDevhost } from "../devhost/src/index.js";
import { startAzurite } from "../test/support/azurite.js";

export interface FanoutResult {
  store: "memory" | "tables";
  activities: number;
  seconds: number;
  activitiesPerSecond: number;
  /** Orchestrator replays it took (each replays the whole history, so few is good). */
  episodes: number;
}

const APP = fileURLToPath(new URL("../test/fixtures/devhost-app/", import.meta.url));

export async function benchDevhostFanout(opts: { activities: number; store: "memory" | "tables" }): Promise<FanoutResult> {
  const azurite = opts.store === "tables" ? await startAzurite() : undefined;
  let episodes = 0;
  const host = await startDevhost({
    appDir: APP,
    port: 0,
    store: opts.store,
    disableTimers: true,
    logger: {
      log: (_level, message) => {
        if (message.startsWith("Executed 'fanOut'")) episodes++;
      },
    },
    settings: { TASKHUB_NAME: "benchfanout", TICK_SCHEDULE: "0 0 0 1 1 *", ...(azurite ? { AzureWebJobsStorage: azurite.connectionString } : {}) },
  });
  try {
    const started = performance.now();
    const response = await fetch(`${host.url}/api/orchestrators/fanOut`, { method: "POST", body: JSON.stringify(opts.activities) });
    const { id } = (await response.json()) as { id: string };
    for (;;) {
      const status = (await (await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${id}`)).json()) as { runtimeStatus: string; output: unknown };
      if (status.runtimeStatus === "Completed") {
        const expected = (opts.activities * (opts.activities - 1)) / 2;
        if (status.output !== expected) throw new Error(`fan-in returned ${JSON.stringify(status.output)}, expected ${expected}`);
        break;
      }
      if (status.runtimeStatus === "Failed") throw new Error(`fan-out failed: ${JSON.stringify(status.output)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    return { store: opts.store, activities: opts.activities, seconds: Number(seconds.toFixed(3)), activitiesPerSecond: Math.round(opts.activities / seconds), episodes };
  } finally {
    await host.stop();
    await azurite?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const activities = Number(process.argv[2] ?? 1000);
  for (const store of ["memory", "tables"] as const) {
    const result = await benchDevhostFanout({ activities, store });
    console.log(
      `devhost fan-out, ${store} store: ${result.activities} activities in ${result.seconds} s = ${result.activitiesPerSecond} activities/s (${result.episodes} episodes)`,
    );
  }
}
