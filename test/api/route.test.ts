// The registration helper at unit level: constructed HttpRequest/InvocationContext, no host.
// Checks request parsing (params, query, body; every bad field at once), the 4xx answers for bad
// JSON, wrong media type and oversize bodies, error mapping, the logger binding and the answer check.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { z } from "zod";
import { defineRoute } from "../../shared/api/contract.js";
import { problemResponse } from "../../shared/api/contracts/common.js";
import { startSessionSync, addSessions, MAX_SESSIONS_PER_REQUEST } from "../../shared/api/contracts/index.js";
import { courseRunId, queryFlag } from "../../shared/api/formats.js";
import { problem } from "../../shared/api/problem.js";
import { NotFound } from "../../shared/errors.js";
import { currentLogger } from "../../shared/logging.js";
import { createRouteHandler } from "../../functions/http/route.js";
import { invokeHandler } from "../support/invoke-handler.js";
import type { InvokeInit } from "../support/invoke-handler.js";

const echo = defineRoute({
  name: "echoThing",
  method: "POST",
  route: "things/{runId}/echo",
  auth: "function",
  tags: ["Test"],
  summary: "echo",
  params: z.object({ runId: courseRunId }),
  query: z.object({ verbose: queryFlag.optional(), limit: z.coerce.number().int().min(1).max(10).default(5) }),
  body: { schema: z.strictObject({ name: z.string().min(1).max(20), count: z.int().min(0) }), maxBytes: 200 },
  responses: {
    200: { description: "ok", schema: z.object({ runId: z.string(), verbose: z.boolean(), limit: z.number(), name: z.string() }) },
    202: { description: "accepted", schema: z.object({ id: z.string() }), headers: z.object({ Location: z.string(), "Retry-After": z.int() }) },
    409: problemResponse("conflict"),
  },
});

async function call(handler: Parameters<typeof invokeHandler>[0], init: InvokeInit) {
  const result = await invokeHandler(handler, { method: "POST", ...init });
  // Header names lower-cased, status always a number.
  return { ...result, response: { status: result.status, headers: result.headers } };
}

const ok = createRouteHandler(echo, ({ params, query, body }) => ({
  status: 200,
  body: { runId: params.runId, verbose: query.verbose ?? false, limit: query.limit, name: body.name },
}));
const base = "http://127.0.0.1:7071/api/things/224596/echo";

describe("createRouteHandler: requests", () => {
  it("hands the handler parsed, typed params, query and body", async () => {
    const { response, json } = await call(ok, { url: `${base}?verbose=true&limit=3&code=function-key-value`, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(response.status, 200);
    assert.deepEqual(json, { runId: "224596", verbose: true, limit: 3, name: "a" });
    assert.equal(response.headers["content-type"], "application/json");
  });

  it("applies query defaults and ignores unknown query parameters such as the function key", async () => {
    const { json } = await call(ok, { url: `${base}?code=abc&other=1`, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(json.limit, 5);
    assert.equal(json.verbose, false);
  });

  it("answers 400 naming every bad field at once, and never runs the handler", async () => {
    let ran = false;
    const handler = createRouteHandler(echo, () => {
      ran = true;
      return { status: 409, body: problem(409, "conflict", "Conflict", "x") };
    });
    const { response, json } = await call(handler, {
      url: `${base.replace("224596", "abc")}?verbose=yes&limit=99`,
      params: { runId: "abc" },
      body: '{"name":"","count":-1,"extra":true}',
    });
    assert.equal(response.status, 400);
    assert.equal(ran, false);
    assert.equal(response.headers["content-type"], "application/problem+json");
    const paths = (json.errors as Array<{ path: string }>).map((e) => e.path).sort();
    assert.deepEqual(paths, ["body", "body.count", "body.name", "params.runId", "query.limit", "query.verbose"]);
    assert.equal(json.instance, "/api/things/abc/echo");
  });

  it("answers 400 for malformed JSON", async () => {
    const { response, json } = await call(ok, { url: base, params: { runId: "224596" }, body: '{"name":' });
    assert.equal(response.status, 400);
    assert.deepEqual(json.errors, [{ path: "body", message: "not valid JSON" }]);
  });

  it("answers 400 for a missing body", async () => {
    const { response, json } = await call(ok, { url: base, params: { runId: "224596" } });
    assert.equal(response.status, 400);
    assert.deepEqual((json.errors as Array<{ path: string }>).map((e) => e.path), ["body"]);
  });

  it("answers 415 for a body that is not JSON", async () => {
    const { response, json } = await call(ok, { url: base, params: { runId: "224596" }, body: "name=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    assert.equal(response.status, 415);
    assert.equal(json.type, "urn:besorchestrator:problem:unsupported-media-type");
  });

  it("accepts JSON media types with parameters and +json suffixes", async () => {
    const a = await call(ok, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}', headers: { "content-type": "application/json; charset=utf-8" } });
    const b = await call(ok, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}', headers: { "content-type": "application/merge-patch+json" } });
    assert.equal(a.response.status, 200);
    assert.equal(b.response.status, 200);
  });

  it("answers 413 for a body over the limit, by header or by size", async () => {
    const big = JSON.stringify({ name: "a", count: 1, pad: "x".repeat(300) });
    const bySize = await call(ok, { url: base, params: { runId: "224596" }, body: big });
    assert.equal(bySize.response.status, 413);
    const byHeader = await call(ok, { url: base, params: { runId: "224596" }, body: "{}", headers: { "content-type": "application/json", "content-length": "100000" } });
    assert.equal(byHeader.response.status, 413);
  });

  it("never answers 5xx for any input", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 300 }), fc.constantFrom("application/json", "text/plain", ""), async (runId, query, body, type) => {
        const url = `${base}?${encodeURIComponent(query)}=${encodeURIComponent(query)}&limit=${encodeURIComponent(query)}`;
        const { response } = await call(ok, { url, params: { runId }, body, headers: type ? { "content-type": type } : {} });
        assert.ok(response.status < 500, `status ${response.status}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe("createRouteHandler: answers", () => {
  it("maps a thrown AppError to its problem", async () => {
    const handler = createRouteHandler(echo, () => {
      throw new NotFound("run 224596 has no cache");
    });
    const { response, json } = await call(handler, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(response.status, 404);
    assert.equal(json.detail, "run 224596 has no cache");
  });

  it("answers an unexpected error with 500 and an error id that is in the invocation's log", async () => {
    const handler = createRouteHandler(echo, () => {
      throw new TypeError("cannot read properties of undefined (reading 'secretThing')");
    });
    const { response, json, logs } = await call(handler, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(response.status, 500);
    assert.doesNotMatch(JSON.stringify(json), /secretThing|TypeError|at /);
    const errorId = json.errorId as string;
    assert.ok(logs.some((l) => l.startsWith("error") && l.includes(errorId)), logs.join("\n"));
  });

  it("binds the invocation's logger for shared code", async () => {
    const handler = createRouteHandler(echo, ({ body }) => {
      currentLogger().info(`working on ${body.name}`);
      return { status: 202, body: { id: "s1" }, headers: { Location: "http://x/api/syncs/s1", "Retry-After": 5 } };
    });
    const { logs } = await call(handler, { url: base, params: { runId: "224596" }, body: '{"name":"zed","count":1}' });
    assert.ok(logs.includes("information working on zed"), logs.join("\n"));
  });

  it("sends the contract's headers as strings and builds absolute URLs on this host", async () => {
    const handler = createRouteHandler(echo, ({ url }) => ({ status: 202, body: { id: "s1" }, headers: { Location: url("/syncs/s1"), "Retry-After": 5 } }));
    const { response, json } = await call(handler, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(response.status, 202);
    assert.deepEqual(json, { id: "s1" });
    const headers = response.headers;
    assert.equal(headers.location, "http://127.0.0.1:7071/api/syncs/s1");
    assert.equal(headers["retry-after"], "5");
  });

  it("lets a handler answer a documented problem on purpose", async () => {
    const handler = createRouteHandler(echo, () => ({ status: 409, body: problem(409, "sync-running", "A sync is already running", "sync s1 is running", { syncId: "s1" }) }));
    const { response, json } = await call(handler, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(response.status, 409);
    assert.equal(response.headers["content-type"], "application/problem+json");
    assert.equal(json.syncId, "s1");
  });

  it("refuses (500, logged) an answer that breaks the contract: our bug, never sent as is", async () => {
    const handler = createRouteHandler(echo, () => ({ status: 200, body: { runId: "1", verbose: "yes" } }) as never);
    const { response, json, logs } = await call(handler, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}' });
    assert.equal(response.status, 500);
    assert.ok(logs.some((l) => l.includes("outside its contract") && l.includes(json.errorId as string)));
    const undeclared = createRouteHandler(echo, () => ({ status: 201, body: {} }) as never);
    assert.equal((await call(undeclared, { url: base, params: { runId: "224596" }, body: '{"name":"a","count":1}' })).response.status, 500);
  });
});

describe("the real contracts validate what issue 5 asks", () => {
  const accept = createRouteHandler(startSessionSync, ({ params, url }) => ({
    status: 202,
    body: { id: "sync-1", runId: params.runId, status: "pending", statusUrl: url("/syncs/sync-1") },
    headers: { Location: url("/syncs/sync-1"), "Retry-After": 5 },
  }));
  const syncUrl = "http://127.0.0.1:7071/api/course-runs/224596/sessions/sync";

  it("starts with a valid body", async () => {
    const { response } = await call(accept, { url: syncUrl, params: { runId: "224596" }, body: JSON.stringify({ courseReferenceNumber: "TGS-2020000703", sessionMonth: "052026", uen: "201000372W", dryRun: true }) });
    assert.equal(response.status, 202);
  });

  it("refuses a bad month, course reference, UEN, run id and an unknown (mistyped) field", async () => {
    const { response, json } = await call(accept, {
      url: syncUrl,
      params: { runId: "22x" },
      body: JSON.stringify({ courseReferenceNumber: "TGS 2020", sessionMonth: "132026", uen: "12", dryrun: true }),
    });
    assert.equal(response.status, 400);
    const paths = (json.errors as Array<{ path: string }>).map((e) => e.path).sort();
    assert.deepEqual(paths, ["body", "body.courseReferenceNumber", "body.sessionMonth", "body.uen", "params.runId"]);
  });

  it("bounds the sessions of the original add route", async () => {
    const add = createRouteHandler(addSessions, ({ body }) => ({ status: 200, body: { runID: body.runID, sessions: [] } }));
    const session = { id: "TGS-2020000703-224596-S1", startDate: "20260504", endDate: "20260504", startTime: "09:00", endTime: "17:00", modeOfTraining: "1", extraField: "kept" };
    const addUrl = "http://127.0.0.1:7071/api/beso/courses/runs/sessions/add";
    assert.equal((await call(add, { url: addUrl, body: JSON.stringify({ runID: "224596", sessions: [session] }) })).response.status, 200);
    const tooMany = Array.from({ length: MAX_SESSIONS_PER_REQUEST + 1 }, (_, i) => ({ ...session, id: `S${i}` }));
    const { response, json } = await call(add, { url: addUrl, body: JSON.stringify({ runID: "224596", sessions: tooMany }) });
    assert.equal(response.status, 400);
    assert.deepEqual((json.errors as Array<{ path: string }>).map((e) => e.path), ["body.sessions"]);
    const empty = await call(add, { url: addUrl, body: JSON.stringify({ runID: "224596", sessions: [] }) });
    assert.equal(empty.response.status, 400);
  });
});

// Type-level checks: `npm run typecheck` fails if the helper stops enforcing the contract.
export function typeChecks(): void {
  // @ts-expect-error 201 is not a declared status
  createRouteHandler(echo, () => ({ status: 201, body: { id: "x" } }));
  // @ts-expect-error the 200 body lacks fields
  createRouteHandler(echo, () => ({ status: 200, body: { runId: "x" } }));
  // @ts-expect-error a 202 needs its Location and Retry-After headers
  createRouteHandler(echo, () => ({ status: 202, body: { id: "x" } }));
  // @ts-expect-error query.limit is a number after parsing, not the string of the URL
  createRouteHandler(echo, ({ query }) => ({ status: 200, body: { runId: "x", verbose: true, limit: 1, name: query.limit } }));
}
