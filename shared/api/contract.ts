// A route contract is the single description of one HTTP operation: its route, key requirement,
// params/query/body schemas and every response. functions/http/route.ts validates requests and
// responses with it, and openapi.ts documents it, so the two cannot drift apart.
import type { z } from "zod";

/** host.json `extensions.http.routePrefix`. */
export const API_PREFIX = "/api";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** `function` = a function key is required (`x-functions-key` header or `code` query parameter). */
export type AuthLevel = "anonymous" | "function";

export interface ResponseSpec {
  description: string;
  /** JSON body schema; the answer is checked against it before it leaves. Absent = raw body. */
  schema?: z.ZodType;
  /** Default: application/json with a schema, none without. Several for raw bodies (docs assets). */
  contentType?: string | readonly string[];
  /** Response headers (e.g. Location); values are sent as strings. */
  headers?: z.ZodObject;
  example?: unknown;
}

export interface BodySpec {
  schema: z.ZodType;
  /** Larger bodies answer 413. */
  maxBytes: number;
  description?: string;
  example?: unknown;
}

export interface RouteContract {
  /** Function name and OpenAPI operationId: letters and digits, unique. */
  name: string;
  method: HttpMethod;
  /** Functions route template without the api prefix: "syncs/{id}", "docs/{*asset}". */
  route: string;
  auth: AuthLevel;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: BodySpec;
  responses: Readonly<Record<number, ResponseSpec>>;
}

const ROUTE_PARAM = /\{\*?([A-Za-z][A-Za-z0-9]*)(?::[^}]*)?\}/g;

/** Route parameter names in the template, in order. */
export function routeParamNames(route: string): string[] {
  return [...route.matchAll(ROUTE_PARAM)].map((m) => m[1] ?? "");
}

/** The OpenAPI path (relative to the `/api` server): "docs/{*asset}" → "/docs/{asset}". */
export function openApiPath(contract: Pick<RouteContract, "route">): string {
  return `/${contract.route.replace(ROUTE_PARAM, (_m, name: string) => `{${name}}`)}`;
}

/** Checks a contract's internal consistency when it is defined, so a mistake fails at load time. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(contract.name)) throw new Error(`route contract name "${contract.name}" must be letters and digits`);
  if (contract.route.startsWith("/") || contract.route.startsWith("api/")) {
    throw new Error(`route contract ${contract.name}: route "${contract.route}" must not start with "/" or the api prefix`);
  }
  const inRoute = routeParamNames(contract.route).sort();
  const inSchema = Object.keys(contract.params?.shape ?? {}).sort();
  if (inRoute.join(",") !== inSchema.join(",")) {
    throw new Error(`route contract ${contract.name}: route parameters {${inRoute.join(", ")}} differ from the params schema {${inSchema.join(", ")}}`);
  }
  if (contract.body && contract.method === "GET") throw new Error(`route contract ${contract.name}: GET takes no body`);
  return contract;
}

// Types the registration helper derives from a contract.
type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type HeadersOf<R> = R extends { headers: infer H extends z.ZodObject }
  ? { headers: z.input<H> & Record<string, string | number> }
  : { headers?: Record<string, string> };
type BodyOf<R> = R extends { schema: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: string | Uint8Array };

/** What a handler may return: one of the contract's responses, its body typed by the schema. */
export type RouteResult<C extends RouteContract> = {
  [S in keyof C["responses"] & number]: { status: S } & BodyOf<C["responses"][S]> & HeadersOf<C["responses"][S]>;
}[keyof C["responses"] & number];

/** The validated request a handler receives. */
export interface ParsedRequest<C extends RouteContract> {
  params: Out<C["params"]>;
  query: Out<C["query"]>;
  body: C["body"] extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;
}
