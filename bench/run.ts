// `npm run bench [-- --sessions 500 --resync-sessions 200 --limit 240 --fanout 1000 --seconds 10
// --connections 10 --seed 42 --only fanout,baseline,sync,resync,latency]`: every benchmark the project
// has, one table with the goal beside each figure, and the figures as JSON in bench/results.json.
// Needs the built app (`npm run build`). Figures are ratios and counts where possible: absolute
// times depend on the machine.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { generateSsgRuns } from "../simulators/index.js";
import { benchDevhostFanout, type FanoutResult } from "./devhost-fanout.js";
import { formatTable, verdict, type Figure } from "./figures.js";
import { benchStartLatency, benchStatusLatency, type LatencyResult } from "./http-latency.js";
import { benchNaiveBaseline, type BaselineResult } from "./naive-baseline.js";
import { benchFirstSync, benchUnchangedResync, type FirstSyncResult, type ResyncResult } from "./session-sync.js";

const SECTIONS = ["fanout", "baseline", "sync", "resync", "latency"] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "500" },
    "resync-sessions": { type: "string", default: "200" },
    limit: { type: "string", default: "240" },
    fanout: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    seed: { type: "string", default: "42" },
    only: { type: "string", default: SECTIONS.join(",") },
    out: { type: "string", default: new URL("./results.json", import.meta.url).pathname },
  },
});

function positive(name: string): number {
  const text = values[name as keyof typeof values];
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${String(text)}`);
  return n;
}

const options = {
  sessions: positive("sessions"),
  resyncSessions: positive("resync-sessions"),
  limit: positive("limit"),
  fanout: positive("fanout"),
  seconds: positive("seconds"),
  connections: positive("connections"),
  seed: positive("seed"),
};
const only = new Set(values.only.split(",").map((s) => s.trim()));
for (const name of only) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`--only: unknown section ${name} (${SECTIONS.join(", ")})`);
const wanted = (section: Section): boolean => only.has(section);
process.env.NO_PROXY = "127.0.0.1,localhost,::1";

const figures: Figure[] = [];
const raw: { fanout: FanoutResult[]; baseline?: BaselineResult; firstSync?: FirstSyncResult; resync?: ResyncResult; latency: LatencyResult[] } = { fanout: [], latency: [] };
const startedAt = new Date();
const progress = (line: string): void => console.error(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s] ${line}`);
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

if (wanted("fanout")) {
  for (const store of ["memory", "tables"] as const) {
    progress(`devhost fan-out, ${store} store, ${options.fanout} activities`);
    const result = await benchDevhostFanout({ activities: options.fanout, store });
    raw.fanout.push(result);
    figures.push({
      section: "devhost fan-out",
      name: `${result.activities} no-op activities, ${store} store`,
      value: result.activitiesPerSecond,
      unit: "/s",
      ...(store === "memory" ? { goal: { op: ">=" as const, target: 250 } } : {}),
    });
  }
}

const [run] = generateSsgRuns({ runs: 1, sessionsPerRun: options.sessions, seed: options.seed });
if (wanted("baseline") && run !== undefined) {
  progress(`naive baseline: ${options.sessions} sessions one by one at a ${options.limit}/min TadaBase`);
  const result = await benchNaiveBaseline({ run, perMinute: options.limit });
  raw.baseline = result;
  const section = "naive baseline (original)";
  figures.push(
    { section, name: "time", value: round(result.seconds, 1), unit: "s" },
    { section, name: `lost items (of ${result.sessions} live sessions)`, value: result.lost, unit: "", note: "the baseline's own figure" },
    { section, name: "429 answers / other failures", value: result.refused429, unit: "", note: `${result.otherFailures} other failures of ${result.requests} requests` },
  );
}

if (wanted("sync")) {
  progress(`first sync of ${options.sessions} sessions at ${options.limit}/min (takes minutes: the limit paces it)`);
  const result = await benchFirstSync({ sessions: options.sessions, perMinute: options.limit, seed: options.seed });
  raw.firstSync = result;
  const section = `first sync, ${options.limit}/min`;
  figures.push(
    { section, name: "time", value: round(result.seconds, 1), unit: "s", note: `${result.sync.status}; ${result.expectedLive} live of ${result.sessions} SSG sessions` },
    {
      section,
      name: "share of the rate limit used",
      value: result.shareOfLimit === null ? null : round(result.shareOfLimit, 3),
      unit: "",
      goal: { op: ">=", target: 0.9 },
      note: result.requestsPerMinute === null ? "sync shorter than a minute" : `${round(result.requestsPerMinute, 1)} accepted requests/min`,
    },
    { section, name: "BESTraining calls per SSG session", value: round(result.callsPerSession, 2), unit: "", note: `${result.tadabaseCalls} calls, ${result.tadabase429} answered 429` },
    { section, name: "lost items", value: result.lost, unit: "", goal: { op: "=", target: 0 } },
    { section, name: "duplicates / wrong fields", value: result.duplicates + result.wrongFields, unit: "", goal: { op: "=", target: 0 } },
    { section, name: "items failed", value: result.sync.progress.failed, unit: "", goal: { op: "=", target: 0 } },
  );
  if (raw.baseline) {
    const syncRate = (result.expectedLive - result.lost) / result.seconds;
    const baseRate = (raw.baseline.sessions - raw.baseline.lost) / raw.baseline.seconds;
    figures.push({ section, name: "sessions delivered, sync vs baseline", value: result.expectedLive - result.lost, unit: "", note: `baseline delivered ${raw.baseline.sessions - raw.baseline.lost}; per second ${round(syncRate)} vs ${round(baseRate)}` });
  }
}

if (wanted("resync") || wanted("latency")) {
  progress(`unchanged re-sync of ${options.resyncSessions} sessions${wanted("latency") ? ", then HTTP latency under load" : ""}`);
  raw.resync = await benchUnchangedResync({ sessions: options.resyncSessions, seed: options.seed + 1 }, async (env, _runId, syncId) => {
    if (!wanted("latency")) return;
    const base = { url: env.url, seconds: options.seconds, connections: options.connections };
    raw.latency.push(await benchStatusLatency({ ...base, syncId }));
    raw.latency.push(await benchStartLatency(base));
  });
  if (wanted("resync")) {
    const r = raw.resync;
    const section = `unchanged re-sync, ${r.sessions} sessions`;
    figures.push(
      { section, name: "BESTraining calls", value: r.tadabaseCalls, unit: "", goal: { op: "<=", target: 5 }, note: `${r.ssgCalls} SSG calls; ${r.sync.progress.unchanged} unchanged` },
      { section, name: "BESTraining writes", value: r.tadabaseWrites, unit: "", goal: { op: "=", target: 0 } },
    );
  }
  for (const l of raw.latency) {
    const section = `HTTP ${l.endpoint}`;
    // The issue names no latency goal; these are ours, fixed before the first run.
    const p99Goal = l.endpoint.startsWith("GET") ? 250 : 1000;
    figures.push(
      { section, name: "p50 latency", value: l.p50Ms, unit: "ms", note: `${options.connections} connections, ${options.seconds} s` },
      { section, name: "p99 latency", value: l.p99Ms, unit: "ms", goal: { op: "<=", target: p99Goal }, note: "goal set by the bench" },
      { section, name: "requests per second", value: round(l.requestsPerSecond, 1), unit: "/s", note: `${l.requests} requests` },
      { section, name: "non-2xx answers and errors", value: l.non2xx + l.errors, unit: "", goal: { op: "=", target: 0 } },
    );
  }
}

const seconds = (Date.now() - startedAt.getTime()) / 1000;
console.log("");
console.log(formatTable(figures));
const failed = figures.filter((f) => verdict(f) === "FAIL");
console.log("");
console.log(`${figures.length} figures, ${failed.length} missing their goal; ${seconds.toFixed(0)} s on ${cpus().length} cores (load average ${loadavg()[0]?.toFixed(1) ?? "?"})`);

const results = {
  generatedAt: startedAt.toISOString(),
  seconds: round(seconds, 1),
  machine: { node: process.version, cpus: cpus().length, loadAverageAtEnd: loadavg()[0] },
  options,
  figures: figures.map((f) => ({ ...f, result: verdict(f) })),
  raw,
};
writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`figures written to ${values.out}`);
