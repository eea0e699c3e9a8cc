// `npm run chaos [-- --trials N --sessions N --seed N --scenario crash|outage|all --keep-bestraining]`: chaos trials on the
// whole system (see test/chaos/scenarios.ts). Prints each trial and a pass count per scenario; exits
// non-zero if any trial fails. Needs the built app (`npm run build`).
import { parseArgs } from "node:util";
import { crashTrials, outageTrials, type TrialResult } from "../test/chaos/scenarios.js";

const { values } = parseArgs({
  options: {
    trials: { type: "string", default: "10" },
    sessions: { type: "string", default: "300" },
    seed: { type: "string", default: String(Date.now() % 100_000) },
    scenario: { type: "string", default: "all" },
    // Crash trials keep what earlier trials wrote to BESTraining instead of starting empty.
    "keep-bestraining": { type: "boolean", default: false },
  },
});

const positive = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${text ?? "nothing"}`);
  return n;
};

const options = {
  trials: positive("trials", values.trials),
  sessions: positive("sessions", values.sessions),
  seed: positive("seed", values.seed),
  freshBesTraining: !values["keep-bestraining"],
  log: (line: string) => console.log(line),
};
if (!["crash", "outage", "all"].includes(values.scenario)) throw new Error("--scenario must be crash, outage or all");
process.env.NO_PROXY = "127.0.0.1,localhost,::1";

console.log(`chaos: ${options.trials} trials per scenario, ${options.sessions} sessions per run, seed ${options.seed}`);
const results: TrialResult[] = [];
if (values.scenario !== "outage") results.push(...(await crashTrials(options)));
if (values.scenario !== "crash") results.push(...(await outageTrials(options)));

console.log("");
for (const scenario of ["crash", "outage"] as const) {
  const ofScenario = results.filter((r) => r.scenario === scenario);
  if (ofScenario.length === 0) continue;
  const label = scenario === "crash" ? "A. kill -9 mid-sync, restart" : "B. BESTraining outage, recovery, retry";
  console.log(`${label}: ${ofScenario.filter((r) => r.passed).length}/${ofScenario.length} trials passed`);
}
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
