// The e2e helper must catch a response the document does not allow, or it would vouch for anything.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OpenApiChecker } from "../support/openapi-check.js";

const checker = new OpenApiChecker();
const json = { "content-type": "application/json" };
const health = { status: "ok", version: "0.1.0", checks: { storage: { status: "ok", durationMs: 3 } } };

describe("OpenApiChecker", () => {
  it("accepts a response the document allows", () => {
    assert.deepEqual(checker.problems({ method: "GET", url: "http://h/api/health", status: 200, headers: json, body: health }), []);
    const accepted = { id: "sync-1", runId: "224596", status: "pending", statusUrl: "http://h/api/syncs/sync-1" };
    const headers = { ...json, location: "http://h/api/syncs/sync-1", "retry-after": "5" };
    assert.deepEqual(checker.problems({ method: "POST", url: "/api/course-runs/224596/sessions/sync", status: 202, headers, body: accepted }), []);
  });

  it("reports a body that breaks the schema", () => {
    const problems = checker.problems({ method: "GET", url: "/api/health", status: 200, headers: json, body: { ...health, status: "fine" } });
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? "", /body\/status/);
  });

  it("reports an undocumented status, content type, missing header and operation", () => {
    assert.match(checker.problems({ method: "GET", url: "/api/health", status: 418, headers: json, body: {} })[0] ?? "", /418 is not documented/);
    assert.match(checker.problems({ method: "GET", url: "/api/health", status: 200, headers: { "content-type": "text/plain" }, body: "ok" })[0] ?? "", /content type/);
    const accepted = { id: "sync-1", runId: "224596", status: "pending", statusUrl: "http://h/api/syncs/sync-1" };
    const problems = checker.problems({ method: "POST", url: "/api/course-runs/224596/sessions/sync", status: 202, headers: json, body: accepted });
    assert.deepEqual(problems, ["202: header Location is missing", "202: header Retry-After is missing"]);
    assert.throws(() => checker.assertMatches({ method: "DELETE", url: "/api/health", status: 200 }), /not documented/);
  });

  it("checks problem+json answers against the problem schema", () => {
    const problem = { type: "urn:besorchestrator:problem:not-found", title: "Not found", status: 404 };
    const headers = { "content-type": "application/problem+json" };
    assert.deepEqual(checker.problems({ method: "GET", url: "/api/syncs/abc", status: 404, headers, body: problem }), []);
    assert.notDeepEqual(checker.problems({ method: "GET", url: "/api/syncs/abc", status: 404, headers, body: { title: "x" } }), []);
  });
});
