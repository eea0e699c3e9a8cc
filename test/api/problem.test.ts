// Problem details: each kind of error maps to its status once, 5xx carry an error id that is in the
// log, and nothing the client sees holds a stack, a raw message of an unexpected error, or a secret.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { z } from "zod";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, fieldIssues, problemFromError } from "../../shared/api/problem.js";
import { PayloadTooLarge, UnsupportedMediaType } from "../../shared/api/request-errors.js";
import {
  ConfigurationError,
  Conflict,
  InvalidInput,
  InvalidResponse,
  NotFound,
  RateLimited,
  Rejected,
  Timeout,
  Unavailable,
} from "../../shared/errors.js";
import { createLogger, withLogger } from "../../shared/logging.js";
import { clearRegisteredSecrets, registerSecret } from "../../shared/redact.js";

function mapWithLog(error: unknown) {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`));
  const problem = withLogger(logger, () => problemFromError(error, { instance: "/api/things/1" }));
  return { problem, lines };
}

describe("problemFromError", () => {
  afterEach(() => clearRegisteredSecrets());

  const cases: Array<[string, unknown, number, string]> = [
    ["InvalidInput", new InvalidInput("bad"), 400, "invalid-input"],
    ["PayloadTooLarge", new PayloadTooLarge(1024), 413, "payload-too-large"],
    ["UnsupportedMediaType", new UnsupportedMediaType("application/json"), 415, "unsupported-media-type"],
    ["NotFound", new NotFound("sync x does not exist"), 404, "not-found"],
    ["Conflict", new Conflict("already running"), 409, "conflict"],
    ["RateLimited", new RateLimited("tadabase", "/data-tables/{tableId}/records", 1500), 503, "partner-rate-limited"],
    ["Unavailable (answered 5xx)", new Unavailable("ssg", "/courses/runs/{runId}/sessions", "status 500", 500), 502, "partner-unavailable"],
    ["Unavailable (unreachable)", new Unavailable("ssg", "/courses/runs/{runId}/sessions", "circuit open"), 503, "partner-unavailable"],
    ["Timeout", new Timeout("agent", "/events", 10000), 504, "partner-timeout"],
    ["Rejected", new Rejected("tadabase", "/data-tables/{tableId}/records", 422, "field_12 is required"), 502, "partner-rejected"],
    ["InvalidResponse", new InvalidResponse("ssg", "/courses/runs/{runId}/sessions", "data.sessions: expected array"), 502, "partner-invalid-response"],
    ["ConfigurationError", new ConfigurationError("SSG_BASE_URL: missing (required)"), 500, "configuration"],
    ["unexpected Error", new Error("boom"), 500, "internal"],
    ["thrown string", "boom", 500, "internal"],
  ];

  for (const [name, error, status, slug] of cases) {
    it(`maps ${name} to ${status} ${slug}`, () => {
      const { problem } = mapWithLog(error);
      assert.equal(problem.status, status);
      assert.equal(problem.body.status, status);
      assert.equal(problem.body.type, `${PROBLEM_TYPE_BASE}${slug}`);
      assert.equal(problem.headers["Content-Type"], PROBLEM_CONTENT_TYPE);
      assert.equal(problem.body.instance, "/api/things/1");
      assert.ok(problem.body.title.length > 0);
      assert.equal(typeof problem.body.detail, "string");
    });
  }

  it("lists each invalid field of an InvalidInput", () => {
    const issues = [
      { path: "body.sessionMonth", message: "expected MMYYYY" },
      { path: "params.runId", message: "expected digits" },
    ];
    const { problem, lines } = mapWithLog(new InvalidInput("2 invalid fields", issues));
    assert.deepEqual(problem.body.errors, issues);
    assert.equal(problem.body.errorId, undefined, "client errors carry no error id");
    assert.deepEqual(lines, [], "client errors are not logged as failures");
  });

  it("answers RateLimited with Retry-After in whole seconds, defaulting when the partner gave none", () => {
    assert.equal(mapWithLog(new RateLimited("tadabase", "/x", 1500)).problem.headers["Retry-After"], "2");
    assert.equal(mapWithLog(new RateLimited("tadabase", "/x", undefined)).problem.headers["Retry-After"], "60");
    assert.equal(mapWithLog(new RateLimited("tadabase", "/x", 0)).problem.headers["Retry-After"], "1");
  });

  it("names the partner by its business name, not its route", () => {
    const { problem } = mapWithLog(new Timeout("tadabase", "/data-tables/{tableId}/records", 15000));
    assert.equal(problem.body.partner, "BESTraining");
    assert.doesNotMatch(problem.body.detail ?? "", /data-tables/);
  });

  it("answers an unexpected error with an error id that is in the log line, and no message or stack", () => {
    const error = new Error("connection string AccountKey=abc123 leaked into a message");
    const { problem, lines } = mapWithLog(error);
    const errorId = problem.body.errorId;
    assert.match(errorId ?? "", /^[0-9a-f-]{36}$/);
    const text = JSON.stringify(problem.body);
    assert.doesNotMatch(text, /AccountKey|abc123|leaked|at .*\.ts/);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", /^error /);
    assert.ok(lines[0]?.includes(errorId ?? "?"), "the log line carries the error id");
    assert.ok(lines[0]?.includes("leaked into a message"), "the log line carries the message for the operator");
  });

  it("gives every 5xx an error id of its own, logged", () => {
    const a = mapWithLog(new Unavailable("ssg", "/x", "status 503", 503));
    const b = mapWithLog(new Unavailable("ssg", "/x", "status 503", 503));
    assert.ok(a.problem.body.errorId && b.problem.body.errorId);
    assert.notEqual(a.problem.body.errorId, b.problem.body.errorId);
    assert.ok(a.lines.some((l) => l.startsWith("warn") && l.includes(a.problem.body.errorId ?? "?")));
  });

  it("keeps a configuration problem's setting names out of the answer but in the log", () => {
    const { problem, lines } = mapWithLog(new ConfigurationError("TADABASE_BASE_URL: missing (required)"));
    assert.doesNotMatch(JSON.stringify(problem.body), /TADABASE_BASE_URL/);
    assert.ok(lines.some((l) => l.includes("TADABASE_BASE_URL")));
  });

  it("redacts registered secrets from every text the client sees", () => {
    registerSecret("s3cr3t-app-key-value");
    const rejected = new Rejected("tadabase", "/x", 401, "key s3cr3t-app-key-value is not valid");
    const { problem } = mapWithLog(rejected);
    assert.doesNotMatch(JSON.stringify(problem.body), /s3cr3t-app-key-value/);
    assert.match(problem.body.detail ?? "", /\[REDACTED\]/);
    const invalid = mapWithLog(new InvalidInput("bad s3cr3t-app-key-value", [{ path: "body.x", message: "was s3cr3t-app-key-value" }]));
    assert.doesNotMatch(JSON.stringify(invalid.problem.body), /s3cr3t-app-key-value/);
  });

  it("drops a query string from instance (it may carry a key)", () => {
    const problem = withLogger(createLogger(() => undefined), () => problemFromError(new NotFound("x"), { instance: "/api/syncs/1?code=abcdefgh" }));
    assert.doesNotMatch(problem.body.instance ?? "", /abcdefgh/);
  });
});

describe("fieldIssues", () => {
  it("turns zod paths into readable locations", () => {
    const schema = z.object({ sessions: z.array(z.object({ id: z.string() })), month: z.string().regex(/^\d{6}$/, "expected MMYYYY") });
    const result = schema.safeParse({ sessions: [{ id: "a" }, { id: 3 }], month: "May" });
    assert.equal(result.success, false);
    if (result.success) return;
    const issues = fieldIssues("body", result.error.issues);
    assert.deepEqual(
      issues.map((i) => i.path),
      ["body.sessions[1].id", "body.month"],
    );
    assert.equal(issues[1]?.message, "expected MMYYYY");
  });
});
