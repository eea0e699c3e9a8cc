// With keys required (as in Azure), every route except health, the OpenAPI document and the docs
// refuses a request without a key or with a wrong one (401), and accepts the function key, as a
// header or as `code`. The Durable webhooks take only the master key. Routes come from the contract
// list, so a new route is checked without touching this file.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { routeContracts } from "../../shared/api/contracts/index.js";
import { FUNCTION_KEY, MASTER_KEY, startE2eEnv, type E2eEnv } from "../support/e2e-env.js";
import { exampleRequest, type ExampleRequest } from "./example-request.js";

/** The only routes a caller may use without a key. */
const ANONYMOUS = new Set(["health", "openapi", "docs", "docsAsset"]);
const WRONG_KEY = "not-the-key-0123456789";

let env: E2eEnv;

before(async () => {
  env = await startE2eEnv({ store: "memory", requireKeys: true });
});

after(async () => {
  await env.stop();
});

async function call(request: ExampleRequest, key?: { header?: string; code?: string }): Promise<number> {
  const path = key?.code === undefined ? request.path : `${request.path}${request.path.includes("?") ? "&" : "?"}code=${encodeURIComponent(key.code)}`;
  const response = await fetch(`${env.url}${path}`, {
    method: request.method,
    headers: { ...(request.body === undefined ? {} : { "content-type": "application/json" }), ...(key?.header === undefined ? {} : { "x-functions-key": key.header }) },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  await response.arrayBuffer();
  return response.status;
}

test("only health, the OpenAPI document and the docs are anonymous", () => {
  const anonymous = routeContracts.filter((c) => c.auth === "anonymous").map((c) => c.name);
  assert.deepEqual(anonymous.sort(), [...ANONYMOUS].sort());
});

for (const contract of routeContracts) {
  const keyed = !ANONYMOUS.has(contract.name);
  test(`${contract.method} /api/${contract.route}: ${keyed ? "401 without the right key, served with it" : "served without a key"}`, async () => {
    // A run id SSG does not know: an accepted sync start is a dry run that finds nothing.
    const request = exampleRequest(contract, { runId: "990000001" });
    if (keyed) {
      assert.equal(await call(request), 401, "no key");
      assert.equal(await call(request, { header: WRONG_KEY }), 401, "wrong key in the header");
      assert.equal(await call(request, { code: WRONG_KEY }), 401, "wrong key as code");
      assert.equal(await call(request, { header: "" }), 401, "empty key");
    }
    for (const key of keyed ? [{ header: FUNCTION_KEY }, { code: FUNCTION_KEY }] : [{}]) {
      const status = await call(request, key);
      assert.ok(status !== 401 && status < 500, `${JSON.stringify(key)} answered ${status}`);
    }
  });
}

test("the Durable webhooks take the master key only", async () => {
  const request = { method: "GET", path: "/runtime/webhooks/durabletask/instances" };
  assert.equal(await call(request), 401, "no key");
  assert.equal(await call(request, { header: FUNCTION_KEY }), 401, "the function key");
  assert.equal(await call(request, { header: WRONG_KEY }), 401, "a wrong key");
  assert.equal(await call(request, { header: MASTER_KEY }), 200, "the master key");
});
