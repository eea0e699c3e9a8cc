// fast-check generators of HTTP requests for one route contract: valid, boundary and hostile values
// in the path, query, headers and body, wrong content types, bad JSON, huge bodies and odd methods.
// Everything is derived from the contract (params, query shape, body example and size limit), so a
// new route is fuzzed without touching this file.
import fc from "fast-check";
import type { z } from "zod";
import type { RouteContract } from "../../shared/api/contract.js";
import { API_PREFIX } from "../../shared/api/contract.js";

export interface FuzzRequest {
  method: string;
  /** Path and query, ready to append to the host's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What the generator meant to produce, for the failure message. */
  kind: string;
}

/** Strings that have broken web apps before: traversal, injections, control and odd characters. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "../../../../etc/passwd",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "..\\..\\windows\\win.ini",
  "%00",
  "\u0000",
  "' OR '1'='1' --",
  "\"; DROP TABLE sessions; --",
  "<script>alert(1)</script>",
  "${jndi:ldap://127.0.0.1/a}",
  "{{7*7}}",
  "$(id)",
  "`id`",
  "PartitionKey eq 'x' or true",
  "__proto__",
  "constructor",
  "prototype",
  "NaN",
  "-1",
  "1e308",
  "0x10",
  "9".repeat(40),
  "a".repeat(5_000),
  "\u202e\u202d",
  "😀👍🏽",
  "Ω≈ç√∫",
  "\ud800",
  "\r\nSet-Cookie: x=1",
  "%",
  "%zz",
  "?#",
  "/",
  "true",
  "null",
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

/** Any JSON-ish value, hostile strings included. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

export function exampleOf(schema: z.ZodType | undefined): string | undefined {
  const example = schema?.meta()?.example;
  if (typeof example === "string" || typeof example === "number") return String(example);
  // `.optional()` and `.default()` wrap the documented schema.
  const inner = schema as { unwrap?: () => z.ZodType; def?: { innerType?: z.ZodType } } | undefined;
  if (typeof inner?.unwrap === "function") return exampleOf(inner.unwrap());
  return inner?.def?.innerType ? exampleOf(inner.def.innerType) : undefined;
}

/** A route parameter: its documented example, near-valid variants, or hostile text. */
function paramValue(schema: z.ZodType | undefined): fc.Arbitrary<{ text: string; raw: boolean }> {
  const example = exampleOf(schema) ?? "x";
  const encoded = (a: fc.Arbitrary<string>) => a.map((text) => ({ text, raw: false }));
  return fc.oneof(
    { weight: 3, arbitrary: encoded(fc.constant(example)) },
    { weight: 2, arbitrary: encoded(fc.stringMatching(/^[A-Za-z0-9_-]{1,130}$/)) },
    { weight: 2, arbitrary: encoded(fc.stringMatching(/^\d{1,14}$/)) },
    { weight: 1, arbitrary: encoded(fc.constantFrom(`${example}x`, example.slice(1), `${example}.json`, example.toLowerCase())) },
    { weight: 3, arbitrary: encoded(hostileString.filter((s) => s !== "")) },
    // Unencoded: what a client that forgets to escape sends (traversal is resolved by URL parsing).
    { weight: 1, arbitrary: fc.constantFrom("../x", "..%2F..", "a/b", "%2e%2e", "x;y", "x%00y").map((text) => ({ text, raw: true })) },
  );
}

function buildPath(contract: RouteContract, values: Record<string, { text: string; raw: boolean }>): string {
  const path = contract.route.replace(/\{\*?([A-Za-z][A-Za-z0-9]*)(?::[^}]*)?\}/g, (_m, name: string) => {
    const value = values[name] ?? { text: "x", raw: false };
    return value.raw ? value.text : encodeURIComponent(value.text);
  });
  return `${API_PREFIX}/${path}`;
}

function queryArb(contract: RouteContract): fc.Arbitrary<string> {
  const shape = (contract.query?.shape ?? {}) as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const someValue = fc.oneof(fc.constantFrom("true", "false", "1", "0", "20", "224596", "TGS-2020000703", "052026", "T16LL0001A", "999999999999"), hostileString);
  const pair = fc.tuple(
    known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: hostileString }) : hostileString,
    someValue,
  );
  // Each documented field with its example, left out, or replaced: requests that pass validation
  // reach the handler, and every combination of present and absent optional fields is tried.
  const documented = fc.record(
    Object.fromEntries(
      known.map((key) => {
        const example = exampleOf(shape[key]);
        const choices = [fc.constant(undefined), someValue, ...(example === undefined ? [] : [fc.constant(example), fc.constant(example)])];
        return [key, fc.oneof(...choices)];
      }),
    ),
  );
  return fc.tuple(documented, fc.array(pair, { maxLength: 3 })).map(([fields, pairs]) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (typeof value === "string") search.append(key, value);
    for (const [key, value] of pairs) search.append(key, value);
    const text = search.toString();
    return text === "" ? "" : `?${text}`;
  });
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "application/octet-stream",
  "application/json; charset=utf-16",
  "",
];

const BAD_JSON = ['{"a":', "{'a':1}", "NaN", "[1,2,,3]", '{"a":1}}', "\ufeff{}", '{"__proto__":{"polluted":1}}', "\u0000", '"\\ud800"', "{".repeat(5_000)];

/** Forces dry runs in bodies that can ask for one, so a fuzzed sync start never writes. */
export function dryRunIfPossible(contract: RouteContract, body: unknown): unknown {
  const shape = (contract.body?.schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (shape && "dryRun" in shape && typeof body === "object" && body !== null && !Array.isArray(body)) return { ...body, dryRun: true };
  return body;
}

function bodyArb(contract: RouteContract): fc.Arbitrary<{ kind: string; body?: string | Uint8Array; contentType?: string }> {
  const spec = contract.body;
  const example: unknown = spec?.example ?? {};
  const asJson = (kind: string, value: fc.Arbitrary<unknown>) =>
    fc.tuple(value, fc.constantFrom(...CONTENT_TYPES)).map(([v, contentType]) => ({ kind, body: JSON.stringify(dryRunIfPossible(contract, v)) ?? "null", contentType }));
  const exampleObject = typeof example === "object" && example !== null ? (example as Record<string, unknown>) : {};
  const keys = Object.keys(exampleObject);
  // The documented example with one field replaced, removed or added.
  const mutated = fc
    .tuple(keys.length > 0 ? fc.constantFrom(...keys) : hostileString, anyValue, fc.constantFrom("replace", "remove", "add"))
    .map(([key, value, how]) => {
      const copy: Record<string, unknown> = { ...exampleObject };
      if (how === "remove") delete copy[key];
      else copy[how === "add" ? `${key}Extra` : key] = value;
      return copy;
    });
  const limit = spec?.maxBytes ?? 4_096;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: "no body" }) },
    { weight: 3, arbitrary: asJson("valid example", fc.constant(example)).map((b) => ({ ...b, contentType: "application/json" })) },
    { weight: 4, arbitrary: asJson("mutated example", mutated) },
    { weight: 3, arbitrary: asJson("any JSON", fc.jsonValue({ maxDepth: 3 })) },
    { weight: 2, arbitrary: asJson("wrong type", anyValue) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...BAD_JSON), fc.constantFrom(...CONTENT_TYPES)).map(([body, contentType]) => ({ kind: "bad JSON", body, contentType })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((body) => ({ kind: "binary", body, contentType: "application/json" })) },
    // Just over the route's limit, or far over it.
    {
      weight: 1,
      arbitrary: fc.constantFrom(limit + 1, limit * 2 + 17).map((size) => ({ kind: `huge (${size} bytes)`, body: `{"x":"${"a".repeat(size)}"}`, contentType: "application/json" })),
    },
  );
}

const ODD_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "POST", "GET"];

export function requestArb(contract: RouteContract): fc.Arbitrary<FuzzRequest> {
  const paramShape = (contract.params?.shape ?? {}) as Record<string, z.ZodType>;
  const params = fc.record(Object.fromEntries(Object.entries(paramShape).map(([name, schema]) => [name, paramValue(schema)])));
  const method = fc.oneof({ weight: 6, arbitrary: fc.constant(contract.method) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) });
  const extraHeaders = fc.dictionary(
    fc.constantFrom("accept", "x-functions-key", "x-forwarded-for", "x-ms-client-principal", "origin", "accept-language"),
    fc.constantFrom("*/*", "application/xml", "text/html", "127.0.0.1", "..", "e30=", "<x>", "de;q=0.1"),
    { maxKeys: 2 },
  );
  return fc.tuple(params, queryArb(contract), method, bodyArb(contract), extraHeaders).map(([values, query, verb, body, headers]) => {
    const canHaveBody = verb !== "GET" && verb !== "HEAD";
    const withBody = canHaveBody && body.body !== undefined;
    return {
      method: verb,
      path: `${buildPath(contract, values)}${query}`,
      headers: { ...headers, ...(withBody && body.contentType ? { "content-type": body.contentType } : {}) },
      ...(withBody ? { body: body.body } : {}),
      kind: `${verb} ${withBody ? body.kind : "no body"}`,
    };
  });
}
