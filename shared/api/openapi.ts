// The OpenAPI 3.1 document, generated from the route contracts (the same zod schemas the HTTP
// functions validate with). Error responses every route shares are added here from the contract's
// shape, so a route with a body always documents 400/413/415 and a keyed route 401.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import type { ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { API_PREFIX, openApiPath } from "./contract.js";
import type { ResponseSpec, RouteContract } from "./contract.js";
import { problemResponse } from "./contracts/common.js";
import { routeContracts } from "./contracts/index.js";
import { PROBLEM_TYPE_BASE, problem, problemSchema } from "./problem.js";
import { appVersion } from "./version.js";

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

export const FUNCTION_KEY_SCHEMES = { header: "functionKeyHeader", query: "functionKeyQuery" } as const;

const validationProblem = problemResponse("Invalid input: `errors` lists each bad field", problemSchema, {
  type: `${PROBLEM_TYPE_BASE}invalid-input`,
  title: "Invalid input",
  status: 400,
  detail: "The request has 1 invalid field: body.sessionMonth",
  instance: "/api/course-runs/224596/sessions/sync",
  errors: [{ path: "body.sessionMonth", message: "expected a month as MMYYYY, e.g. 052026" }],
});

/** The answers a route gives by its shape, whatever its handler does. */
export function standardResponses(contract: RouteContract): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  if (contract.params || contract.query || contract.body) out[400] = validationProblem;
  if (contract.auth === "function") out[401] = { description: "Missing or wrong function key (answered by the Functions host, empty body)" };
  if (contract.body) {
    const tooLarge = `The request body is larger than ${contract.body.maxBytes} bytes`;
    out[413] = problemResponse(tooLarge, problemSchema, problem(413, "payload-too-large", "Payload too large", tooLarge));
    out[415] = problemResponse(
      "Body is not application/json",
      problemSchema,
      problem(415, "unsupported-media-type", "Unsupported media type", "The request body must be application/json"),
    );
  }
  out[500] = problemResponse(
    "Unexpected error; the problem's errorId is in the server log",
    problemSchema,
    problem(500, "internal", "Internal server error", "An unexpected error occurred; quote the error id when reporting it", {
      errorId: "0b6f0c3e-58a4-4bde-9d3f-2d0f4f6c1a7e",
    }),
  );
  return out;
}

/** Every response of a route: its own and the standard ones. */
export function allResponses(contract: RouteContract): Record<number, ResponseSpec> {
  return { ...standardResponses(contract), ...contract.responses };
}

function responseConfig(spec: ResponseSpec): ResponseConfig {
  const types = spec.contentType === undefined ? (spec.schema ? ["application/json"] : []) : [spec.contentType].flat();
  const content = Object.fromEntries(
    types.map((type) => [
      type,
      {
        schema: spec.schema ?? { type: "string" as const, ...(type.startsWith("image/") ? { contentEncoding: "binary" } : {}) },
        ...(spec.example === undefined ? {} : { example: spec.example }),
      },
    ]),
  );
  return {
    description: spec.description,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(types.length > 0 ? { content } : {}),
  };
}

function routeConfig(contract: RouteContract): RouteConfig {
  const responses = Object.fromEntries(Object.entries(allResponses(contract)).map(([status, spec]) => [status, responseConfig(spec)]));
  return {
    method: contract.method.toLowerCase() as RouteConfig["method"],
    path: openApiPath(contract),
    operationId: contract.name,
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    tags: [...contract.tags],
    security: contract.auth === "anonymous" ? [] : [{ [FUNCTION_KEY_SCHEMES.header]: [] }, { [FUNCTION_KEY_SCHEMES.query]: [] }],
    request: {
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { query: contract.query } : {}),
      ...(contract.body
        ? {
            body: {
              required: true,
              ...(contract.body.description ? { description: contract.body.description } : {}),
              content: {
                "application/json": { schema: contract.body.schema, ...(contract.body.example === undefined ? {} : { example: contract.body.example }) },
              },
            },
          }
        : {}),
    },
    responses,
  };
}

const DESCRIPTION = `Keeps SSG, BESTraining (TadaBase) and BESCognitive Agent in step.

Keyed operations take a function key in the \`x-functions-key\` header or the \`code\` query parameter.
Failures are RFC 9457 problem details (\`application/problem+json\`); \`type\` is one of
\`${PROBLEM_TYPE_BASE}\` followed by: invalid-input (400, \`errors\` lists each bad field),
not-found (404), conflict / sync-running / sync-finished (409), payload-too-large (413), unsupported-media-type (415),
partner-rejected / partner-invalid-response / partner-unavailable (502), partner-unavailable /
partner-rate-limited (503, with Retry-After), partner-timeout (504), configuration / internal (500).
Every 5xx problem carries an \`errorId\` that is also in the server log.`;

/** Builds the document for the given contracts (all of the app's by default). */
export function buildOpenApiDocument(contracts: readonly RouteContract[] = routeContracts): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", FUNCTION_KEY_SCHEMES.header, {
    type: "apiKey",
    in: "header",
    name: "x-functions-key",
    description: "Function key (or host key) of the function app",
  });
  registry.registerComponent("securitySchemes", FUNCTION_KEY_SCHEMES.query, {
    type: "apiKey",
    in: "query",
    name: "code",
    description: "The same key as a query parameter, for clients that cannot set headers",
  });
  for (const contract of contracts) registry.registerPath(routeConfig(contract));
  return new OpenApiGeneratorV31(registry.definitions, { sortComponents: "alphabetically" }).generateDocument({
    openapi: "3.1.0",
    info: { title: "BESOrchestrator API", version: appVersion(), description: DESCRIPTION },
    // Relative to where the document is served, so "Try it out" calls the same host.
    servers: [{ url: API_PREFIX, description: "This function app" }],
    tags: [
      { name: "Syncs", description: "Sync course run sessions from SSG into BESTraining" },
      { name: "Original routes", description: "The original service's routes, in their original shapes" },
      { name: "System", description: "Health and documentation (no key needed)" },
    ],
  });
}

let cached: OpenApiDocument | undefined;

/** The app's document, built once per process. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
