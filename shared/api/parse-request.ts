// Reads and validates a request against its contract. Plain inputs (no Functions types) so the
// edge rules are testable on their own: every failure is a typed 4xx error, never a 5xx.
import type { z } from "zod";
import { InvalidInput } from "../errors.js";
import { routeParamNames } from "./contract.js";
import type { ParsedRequest, RouteContract } from "./contract.js";
import { fieldIssues } from "./problem.js";
import type { FieldIssue } from "./problem.js";
import { PayloadTooLarge, UnsupportedMediaType } from "./request-errors.js";

export interface RawRequest {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: { get(name: string): string | null };
  /** Reads the body; called at most once, and only for routes that take one. */
  bytes(): Promise<Uint8Array>;
}

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json$/i;

function validate(location: string, schema: z.ZodType | undefined, value: unknown, issues: FieldIssue[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...fieldIssues(location, result.error.issues));
  return undefined;
}

/** A repeated query parameter counts once (its first value); unknown ones (e.g. `code`) are ignored. */
function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) if (!(key in out)) out[key] = value;
  return out;
}

async function readJsonBody(contract: RouteContract, raw: RawRequest): Promise<unknown> {
  const spec = contract.body;
  if (!spec) return undefined;
  const declared = Number(raw.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > spec.maxBytes) throw new PayloadTooLarge(spec.maxBytes);
  const bytes = await raw.bytes();
  if (bytes.byteLength > spec.maxBytes) throw new PayloadTooLarge(spec.maxBytes);
  if (bytes.byteLength === 0) return undefined;
  const mediaType = (raw.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new UnsupportedMediaType("application/json");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInput("The request body is not valid UTF-8", [{ path: "body", message: "not valid UTF-8" }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidInput("The request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
  }
}

/** Validates params, query and body together, so one answer names every bad field. */
export async function parseRequest<C extends RouteContract>(contract: C, raw: RawRequest): Promise<ParsedRequest<C>> {
  const json = await readJsonBody(contract, raw);
  const issues: FieldIssue[] = [];
  // A route value the host left out (an empty catch-all) counts as empty text.
  const routeValues = Object.fromEntries(routeParamNames(contract.route).map((name) => [name, raw.params[name] ?? ""]));
  const params = validate("params", contract.params, routeValues, issues);
  const query = validate("query", contract.query, queryObject(raw.query), issues);
  const body = validate("body", contract.body?.schema, json, issues);
  if (issues.length > 0) {
    const fields = [...new Set(issues.map((i) => i.path))].join(", ");
    throw new InvalidInput(`The request has ${issues.length} invalid field${issues.length === 1 ? "" : "s"}: ${fields}`, issues);
  }
  return { params, query, body } as ParsedRequest<C>;
}
