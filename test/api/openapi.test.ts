// The OpenAPI document: valid 3.1, and exactly what the function app registers. The registrations
// are the real ones (recorded from @azure/functions while every module under functions/ loads),
// so a function registered without the helper, or a contract nobody serves, fails here.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { captureRegistrations, httpRegistrations, importFunctionModules } from "../support/function-registrations.js";
import type { HttpRegistration } from "../support/function-registrations.js";

// Recording must start before anything imports @azure/functions: every import below is dynamic.
const captured = captureRegistrations();
const { buildOpenApiDocument, allResponses } = await import("../../shared/api/openapi.js");
const { openApiPath } = await import("../../shared/api/contract.js");
const { routeContracts } = await import("../../shared/api/contracts/index.js");

type Document = ReturnType<typeof buildOpenApiDocument>;
interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  anonymous: boolean;
}

function documentedOperations(doc: Document): DocumentedOperation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      return [{ operationId: op.operationId ?? "", method: method.toUpperCase(), path, anonymous: Array.isArray(op.security) && op.security.length === 0 }];
    }),
  );
}

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument();
  let registrations: HttpRegistration[] = [];

  before(async () => {
    await importFunctionModules();
    registrations = httpRegistrations(captured);
  });

  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    assert.equal(validator.version, "3.1");
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
  });

  it("declares both function key schemes, and marks anonymous operations with security: []", () => {
    const schemes = doc.components?.securitySchemes ?? {};
    assert.deepEqual(
      Object.values(schemes).map((s) => ("in" in s ? `${s.in}:${s.name}` : "")).sort(),
      ["header:x-functions-key", "query:code"],
    );
    for (const op of documentedOperations(doc)) {
      const security = doc.paths?.[op.path]?.[op.method.toLowerCase() as "get"]?.security;
      if (op.anonymous) assert.deepEqual(security, []);
      else assert.equal(security?.length, 2, `${op.operationId} accepts the key in the header or the query`);
    }
  });

  it("documents problem+json errors, 202 with Location and 409 for the sync routes", () => {
    type Responses = Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> } | undefined>;
    const responses: Responses | undefined = doc.paths?.["/course-runs/{runId}/sessions/sync"]?.post?.responses;
    assert.ok(responses?.["202"]?.headers?.Location);
    for (const status of ["400", "409", "413", "415", "500"]) {
      assert.ok(responses?.[status]?.content?.["application/problem+json"], `${status} is problem+json`);
    }
  });

  it("gives every operation a summary and every JSON body an example", () => {
    for (const contract of routeContracts) {
      assert.ok(contract.summary, contract.name);
      if (contract.body) assert.ok(contract.body.example !== undefined, `${contract.name} request example`);
      const success = Object.entries(contract.responses).filter(([s, r]) => Number(s) < 300 && r.schema && !r.contentType);
      for (const [status, response] of success) {
        if (contract.name !== "openapi") assert.ok(response.example !== undefined, `${contract.name} ${status} example`);
      }
    }
  });

  it("has examples that pass the very schemas they illustrate", () => {
    for (const contract of routeContracts) {
      if (contract.body?.example !== undefined) {
        const result = contract.body.schema.safeParse(contract.body.example);
        assert.ok(result.success, `${contract.name} request example: ${result.error?.message}`);
      }
      for (const [status, response] of Object.entries(allResponses(contract))) {
        if (response.schema && response.example !== undefined) {
          const result = response.schema.safeParse(response.example);
          assert.ok(result.success, `${contract.name} ${status} example: ${result.error?.message}`);
        }
      }
    }
  });

  it("registers every HTTP function from a contract, the same way the document says", async () => {
    const { registeredRoutes } = await import("../../functions/http/route.js");
    const byName = new Map(routeContracts.map((c) => [c.name, c]));
    for (const reg of registrations) {
      const contract = byName.get(reg.name);
      assert.ok(contract, `HTTP function ${reg.name} (${reg.route}) has no contract, so it is not documented`);
      assert.equal(registeredRoutes().get(reg.name), contract, `${reg.name} is registered through registerRoute`);
      assert.equal(reg.route, contract.route);
      assert.deepEqual(reg.methods, [contract.method]);
      assert.equal(reg.authLevel, contract.auth);
    }
  });

  it("documents every registered HTTP function", () => {
    const documented = documentedOperations(doc);
    for (const reg of registrations) {
      const found = documented.find((op) => op.operationId === reg.name);
      assert.ok(found, `${reg.name} is registered but not documented`);
      assert.equal(found.path, openApiPath({ route: reg.route }));
      assert.deepEqual([found.method], reg.methods);
      assert.equal(found.anonymous, reg.authLevel === "anonymous");
    }
  });

  it("registers every documented operation", () => {
    const registered = new Set(registrations.map((r) => r.name));
    const missing = documentedOperations(doc).filter((op) => !registered.has(op.operationId));
    assert.deepEqual(
      missing.map((op) => `${op.method} ${op.path} (${op.operationId})`),
      [],
      "documented operations that no function registers",
    );
  });
});
