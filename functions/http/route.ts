// Registers an HTTP function from its route contract (shared/api/contracts).
//
// How to add a route:
//   1. Describe it in shared/api/contracts/<area>.ts with defineRoute({name, method, route, auth,
//      params, query, body, responses, ...}) and list it in that file's `...Contracts` array.
//      That alone puts it in the OpenAPI document.
//   2. In functions/http/<name>.ts:
//        export const getSyncHandler = registerRoute(getSync, async ({ params, query, url }) => {
//          const sync = await findSync(params.id);            // throw NotFound etc. from shared/errors
//          return { status: 200, body: toApi(sync) };          // typed by the contract's 200 schema
//        });
//      For 202: return { status: 202, body, headers: { Location: url(`/syncs/${id}`), "Retry-After": 5 } }.
//      A durable client or other bindings: registerRoute(contract, handler, { extraInputs: [df.input.durableClient()] }).
//      For a deliberate problem answer (e.g. 409 naming a sync): return { status: 409, body:
//      problem(409, "sync-running", "A sync is already running", detail, { syncId, statusUrl }) }.
// The helper parses params/query/body with the contract's schemas (bad input → 400/413/415
// problem+json, never 5xx), binds the invocation's logger for shared code (currentLogger()),
// maps thrown errors once through shared/api/problem.ts, and checks the answer against the
// contract before it leaves (a mismatch is our bug: 500 with an error id in the log).
import { app } from "@azure/functions";
import type { FunctionInput, HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { API_PREFIX } from "../../shared/api/contract.js";
import type { ParsedRequest, RouteContract, RouteResult } from "../../shared/api/contract.js";
import { parseRequest } from "../../shared/api/parse-request.js";
import { problemFromError } from "../../shared/api/problem.js";
import { createLogger, currentLogger, withLogger } from "../../shared/logging.js";
import type { Logger } from "../../shared/logging.js";

export interface RouteInput<C extends RouteContract> extends ParsedRequest<C> {
  request: HttpRequest;
  context: InvocationContext;
  /** Absolute URL of an API path on this host: url("/syncs/x") → "https://host/api/syncs/x". */
  url: (path: string) => string;
}

export type RouteHandler<C extends RouteContract> = (input: RouteInput<C>) => Promise<RouteResult<C>> | RouteResult<C>;

/** A handler answered something its contract does not allow: always our bug, never the client's. */
export class ContractViolation extends Error {
  constructor(contract: RouteContract, what: string) {
    super(`${contract.name} answered outside its contract: ${what}`);
    this.name = "ContractViolation";
  }
}

const registered = new Map<string, RouteContract>();

/** Contracts registered in this process, by function name (the document test compares them). */
export function registeredRoutes(): ReadonlyMap<string, RouteContract> {
  return registered;
}

export function contextLogger(context: InvocationContext): Logger {
  return createLogger((level, line) => context[level](line));
}

function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

function toHttpResponse(contract: RouteContract, result: { status: number; body?: unknown; headers?: Record<string, unknown> }): HttpResponseInit {
  const spec = contract.responses[result.status];
  if (!spec) throw new ContractViolation(contract, `status ${result.status} is not declared`);
  const headers: Record<string, string> = {};
  if (spec.headers) {
    const parsed = spec.headers.safeParse(result.headers ?? {});
    if (!parsed.success) throw new ContractViolation(contract, `${result.status} headers: ${parsed.error.message}`);
    for (const [name, value] of Object.entries(parsed.data)) headers[name] = String(value);
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] ??= String(value);
  if (spec.schema) {
    const parsed = spec.schema.safeParse(result.body);
    if (!parsed.success) throw new ContractViolation(contract, `${result.status} body: ${parsed.error.message}`);
    headers["Content-Type"] ??= typeof spec.contentType === "string" ? spec.contentType : "application/json";
    return { status: result.status, headers, body: jsonText(parsed.data) };
  }
  const body = result.body;
  if (body !== undefined && typeof body !== "string" && !(body instanceof Uint8Array)) {
    throw new ContractViolation(contract, `${result.status} raw body must be text or bytes`);
  }
  if (body !== undefined && typeof spec.contentType === "string") headers["Content-Type"] ??= spec.contentType;
  return { status: result.status, headers, ...(body === undefined ? {} : { body }) };
}

function problemResponse(error: unknown, instance: string | undefined): HttpResponseInit {
  const problem = problemFromError(error, instance === undefined ? {} : { instance });
  if (problem.status < 500) {
    const fields = problem.body.errors?.map((e) => e.path);
    currentLogger().info(`answered ${problem.status} ${problem.body.type}`, fields ? { fields } : {});
  }
  return { status: problem.status, headers: problem.headers, body: jsonText(problem.body) };
}

/** The Functions handler for a contract, without registering it (unit tests call this). */
export function createRouteHandler<C extends RouteContract>(contract: C, handler: NoInfer<RouteHandler<C>>): HttpHandler {
  return (request, context) =>
    withLogger(contextLogger(context), async () => {
      const instance = URL.canParse(request.url) ? new URL(request.url).pathname : undefined;
      try {
        const parsed = await parseRequest(contract, {
          params: request.params,
          query: request.query,
          headers: request.headers,
          bytes: async () => new Uint8Array(await request.arrayBuffer()),
        });
        const url = (path: string) => new URL(`${API_PREFIX}${path}`, request.url).toString();
        const result = await handler({ ...parsed, request, context, url });
        return toHttpResponse(contract, result);
      } catch (error) {
        return problemResponse(error, instance);
      }
    });
}

export interface RouteOptions {
  /** More input bindings, e.g. `df.input.durableClient()` for routes that start or query orchestrations. */
  extraInputs?: FunctionInput[];
}

/** Registers the function named by the contract and returns its handler. */
export function registerRoute<C extends RouteContract>(contract: C, handler: NoInfer<RouteHandler<C>>, options: RouteOptions = {}): HttpHandler {
  if (registered.has(contract.name)) throw new Error(`HTTP function "${contract.name}" is registered twice`);
  registered.set(contract.name, contract);
  const httpHandler = createRouteHandler(contract, handler);
  app.http(contract.name, {
    methods: [contract.method],
    route: contract.route,
    authLevel: contract.auth,
    handler: httpHandler,
    ...(options.extraInputs ? { extraInputs: options.extraInputs } : {}),
  });
  return httpHandler;
}
