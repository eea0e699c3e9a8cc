// Checks an HTTP response against the OpenAPI document: the operation for (method, path), the
// response for its status, the schema for its content type, and the documented headers. End-to-end
// tests call assertMatchesDocument() on every answer, so the document cannot promise what the app
// does not do.
//
//   const res = await fetch(`${host}/api/syncs/${id}`, { headers });
//   const body = await res.json();
//   assertMatchesDocument({ method: "GET", url: res.url, status: res.status, headers: res.headers, body });
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { buildOpenApiDocument } from "../../shared/api/openapi.js";
import type { OpenApiDocument } from "../../shared/api/openapi.js";

export interface ResponseToCheck {
  method: string;
  /** Full URL or path, with the /api prefix: "/api/syncs/abc?details=true". */
  url: string;
  status: number;
  headers?: Headers | Record<string, string>;
  /** Parsed JSON, or text for non-JSON answers. Omit for empty bodies. */
  body?: unknown;
}

interface Operation {
  path: string;
  pointer: string;
  responses: Record<string, { headers?: Record<string, { required?: boolean }>; content?: Record<string, unknown> }>;
}

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what we get.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const DOC_ID = "urn:besorchestrator:openapi";

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export class OpenApiChecker {
  private readonly ajv: Ajv2020;
  private readonly operations: Array<{ method: string; matcher: RegExp; op: Operation }> = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly base: string;

  constructor(readonly document: OpenApiDocument = buildOpenApiDocument()) {
    this.ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    // OpenAPI keywords (example, description...) are annotations; refs resolve inside the document.
    this.ajv.addSchema({ $id: DOC_ID, ...(document as unknown as Record<string, unknown>) });
    this.base = document.servers?.[0]?.url ?? "";
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const matcher = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const method of ["get", "post", "put", "patch", "delete"] as const) {
        const op = item[method] as { responses?: Operation["responses"] } | undefined;
        if (!op) continue;
        this.operations.push({ method: method.toUpperCase(), matcher, op: { path, pointer: `#/paths/${escapePointer(path)}/${method}`, responses: op.responses ?? {} } });
      }
    }
  }

  private operation(method: string, url: string): Operation {
    const pathname = new URL(url, "http://localhost").pathname;
    const relativePath = this.base && pathname.startsWith(this.base) ? pathname.slice(this.base.length) || "/" : pathname;
    const found = this.operations.find((o) => o.method === method.toUpperCase() && o.matcher.test(relativePath));
    if (!found) throw new assert.AssertionError({ message: `${method} ${pathname} is not documented` });
    return found.op;
  }

  private validator(pointer: string): ValidateFunction {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `${DOC_ID}${pointer}` });
      this.compiled.set(pointer, fn);
    }
    return fn;
  }

  /** Every way the response departs from the document; empty when it matches. */
  problems(response: ResponseToCheck): string[] {
    const op = this.operation(response.method, response.url);
    const status = String(response.status);
    const documented = op.responses[status] ?? op.responses.default;
    if (!documented) return [`${response.method} ${op.path}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(", ")})`];
    const headers = response.headers instanceof Headers ? response.headers : new Headers(response.headers ?? {});
    const out: string[] = [];
    for (const [name, spec] of Object.entries(documented.headers ?? {})) {
      if (spec.required && !headers.has(name)) out.push(`${status}: header ${name} is missing`);
    }
    const contentType = headers.get("content-type")?.split(";")[0]?.trim();
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) return out;
    if (!contentType || !(contentType in content)) {
      out.push(`${status}: content type ${contentType ?? "(none)"} is not documented (documented: ${Object.keys(content).join(", ")})`);
      return out;
    }
    if (!/json$/.test(contentType)) return out;
    const pointer = `${op.pointer}/responses/${status in op.responses ? status : "default"}/content/${escapePointer(contentType)}/schema`;
    const validate = this.validator(pointer);
    if (!validate(response.body)) {
      for (const e of validate.errors ?? []) out.push(`${status} body${e.instancePath}: ${e.message ?? "invalid"}`);
    }
    return out;
  }

  assertMatches(response: ResponseToCheck): void {
    const problems = this.problems(response);
    if (problems.length > 0) {
      throw new assert.AssertionError({ message: `${response.method} ${response.url} → ${response.status} does not match the OpenAPI document:\n  ${problems.join("\n  ")}` });
    }
  }
}

let shared: OpenApiChecker | undefined;

/** Asserts against the app's own document (built once per test process). */
export function assertMatchesDocument(response: ResponseToCheck): void {
  shared ??= new OpenApiChecker();
  shared.assertMatches(response);
}
