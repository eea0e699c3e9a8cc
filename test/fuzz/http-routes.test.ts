// Property: whatever arrives at any route the app defines (generated valid, boundary and hostile
// requests, see requests.ts), the answer is 2xx or 4xx, a 4xx from the app is problem+json, nothing
// answers 5xx or leaks a stack, and devhost stays up. Routes come from the contract list, so new
// routes are fuzzed automatically. Runs through devhost (in process, memory store) on the simulators.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { routeContracts } from "../../shared/api/contracts/index.js";
import type { RouteContract } from "../../shared/api/contract.js";
import { startE2eEnv, type E2eEnv } from "../support/e2e-env.js";
import { requestArb, type FuzzRequest } from "./requests.js";

/** At least 1,000 requests in all, whatever the number of routes. */
const MIN_TOTAL = 1_000;
const RUNS_PER_ROUTE = Math.max(60, Math.ceil(MIN_TOTAL / routeContracts.length));
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);

// devhost answers for the host itself, as the Functions host does, with an empty body: no route for
// the path (404), a method the route does not take (405), a missing key (401), a body over the
// host's limit (413). Everything else comes from the app and must be problem+json.
const HOST_STATUSES = new Set([401, 404, 405, 413]);
const STACK_TRACE = /\bat .+\.(?:ts|js|mjs):\d+:\d+|node:internal|Error: .*\n\s+at /;

let env: E2eEnv;
let sent = 0;
/** Status counts per route, and how many answers came from the app itself (not the host). */
const tally = new Map<string, { statuses: Map<number, number>; fromApp: number }>();

before(async () => {
  env = await startE2eEnv({
    store: "memory",
    // Fuzzed dry runs read BESTraining: no rate limit may turn them into slow retries.
    simulators: { tadabase: { rateLimit: { perMinute: 1_000_000, perDay: 100_000_000 } } },
    settings: { TADABASE_REQUESTS_PER_MINUTE: "100000", TADABASE_REQUESTS_PER_DAY: "10000000", SSG_MAX_ATTEMPTS: "1", TADABASE_MAX_ATTEMPTS: "1" },
  });
});

after(async () => {
  await env.stop();
});

async function send(request: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
  sent += 1;
  const response = await fetch(`${env.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
}

function record(contract: RouteContract, answer: { status: number; text: string }): void {
  const entry = tally.get(contract.name) ?? { statuses: new Map<number, number>(), fromApp: 0 };
  entry.statuses.set(answer.status, (entry.statuses.get(answer.status) ?? 0) + 1);
  if (!(answer.text === "" && HOST_STATUSES.has(answer.status))) entry.fromApp += 1;
  tally.set(contract.name, entry);
}

function checkAnswer(request: FuzzRequest, answer: { status: number; contentType: string; text: string }): void {
  const where = `${request.kind} ${request.path.slice(0, 200)} → ${answer.status} ${answer.contentType} ${answer.text.slice(0, 300)}`;
  assert.ok(answer.status >= 200 && answer.status < 500, `no 5xx (nor 1xx/3xx): ${where}`);
  assert.doesNotMatch(answer.text, STACK_TRACE, `no stack trace in the body: ${where}`);
  if (answer.status < 400) return;
  if (answer.text === "" && HOST_STATUSES.has(answer.status)) return;
  assert.match(answer.contentType, /^application\/problem\+json\b/, `a 4xx from the app is problem+json: ${where}`);
  const problem = JSON.parse(answer.text) as { type?: unknown; title?: unknown; status?: unknown };
  assert.equal(problem.status, answer.status, `the problem's status is the answer's: ${where}`);
  assert.equal(typeof problem.type, "string", `the problem has a type: ${where}`);
  assert.equal(typeof problem.title, "string", `the problem has a title: ${where}`);
}

for (const contract of routeContracts) {
  test(`fuzz ${contract.method} /api/${contract.route}: 2xx or 4xx problem+json, never 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(contract), async (request) => {
        const answer = await send(request);
        record(contract, answer);
        checkAnswer(request, answer);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
    );
  });
}

test("devhost is still up and healthy after the fuzzing, which sent at least 1,000 requests, most reaching the app", async (t) => {
  const health = await fetch(`${env.url}/api/health`);
  await health.arrayBuffer();
  assert.equal(health.status, 200);
  assert.ok(sent >= MIN_TOTAL, `${sent} requests sent`);
  for (const [name, entry] of tally) {
    t.diagnostic(`${name}: ${[...entry.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(" ")}`);
    // A fuzzer that only ever reaches the host's 404/405 proves nothing about the app.
    assert.ok(entry.fromApp >= RUNS_PER_ROUTE / 2, `${name}: only ${entry.fromApp} answers came from the app`);
  }
});
