// The app's own anonymous routes: health, the OpenAPI document and the Swagger UI that reads it.
import { z } from "zod";
import { defineRoute } from "../contract.js";
import { problemResponse } from "./common.js";

const checkSchema = z
  .object({
    status: z.enum(["ok", "fail"]),
    durationMs: z.int().min(0).meta({ example: 12 }),
    reason: z.enum(["timeout", "unreachable", "error", "misconfigured"]).optional(),
  })
  .meta({ id: "HealthCheck", description: "One dependency's reachability (no addresses, no settings)" });

export const healthReportSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]).meta({
      description: "ok: everything reachable; degraded: a partner is not; down: storage or configuration failed",
    }),
    version: z.string().meta({ example: "0.1.0" }),
    checks: z.record(z.string(), checkSchema).meta({ description: "storage, configuration and each configured partner (ssg, tadabase, agent)" }),
  })
  .meta({ id: "HealthReport" });
export type HealthReport = z.infer<typeof healthReportSchema>;
export type HealthCheck = z.infer<typeof checkSchema>;

const healthExample: HealthReport = {
  status: "ok",
  version: "0.1.0",
  checks: {
    configuration: { status: "ok", durationMs: 0 },
    storage: { status: "ok", durationMs: 9 },
    ssg: { status: "ok", durationMs: 41 },
    tadabase: { status: "ok", durationMs: 57 },
  },
};

export const getHealth = defineRoute({
  name: "health",
  method: "GET",
  route: "health",
  auth: "anonymous",
  tags: ["System"],
  summary: "Is the app up, and can it reach what it needs?",
  description: "Probes storage and each configured partner with a short timeout. Results are cached for a few seconds.",
  responses: {
    200: { description: "Storage reachable (status ok, or degraded when a partner is not)", schema: healthReportSchema, example: healthExample },
    503: {
      description: "Storage unreachable or configuration invalid",
      schema: healthReportSchema,
      example: { ...healthExample, status: "down", checks: { configuration: { status: "ok", durationMs: 0 }, storage: { status: "fail", durationMs: 2000, reason: "timeout" } } },
    },
  },
});

export const getOpenApiDocument = defineRoute({
  name: "openapi",
  method: "GET",
  route: "openapi.json",
  auth: "anonymous",
  tags: ["System"],
  summary: "This API's OpenAPI 3.1 document",
  responses: {
    200: { description: "The document", schema: z.record(z.string(), z.unknown()).meta({ description: "OpenAPI 3.1 document" }) },
  },
});

export const getDocs = defineRoute({
  name: "docs",
  method: "GET",
  route: "docs",
  auth: "anonymous",
  tags: ["System"],
  summary: "Interactive documentation (Swagger UI)",
  description: "Enter a function key with Authorize to try the keyed operations against this host.",
  responses: { 200: { description: "Swagger UI page", contentType: "text/html" } },
});

export const DOCS_ASSET_CONTENT_TYPES = ["text/html", "text/css", "text/javascript", "image/png"] as const;

export const getDocsAsset = defineRoute({
  name: "docsAsset",
  method: "GET",
  route: "docs/{*asset}",
  auth: "anonymous",
  tags: ["System"],
  summary: "A Swagger UI file (script, style sheet or icon)",
  description: "No file name (a host may route /api/docs here) serves the Swagger UI page itself.",
  params: z.object({
    // May be empty: a catch-all can match nothing.
    asset: z
      .string()
      .regex(/^([A-Za-z0-9][A-Za-z0-9._-]{0,99})?$/, "expected a file name")
      .meta({ description: "File name", example: "swagger-ui.css" }),
  }),
  responses: {
    200: { description: "The file", contentType: DOCS_ASSET_CONTENT_TYPES },
    404: problemResponse("No such file"),
  },
});

export const systemContracts = [getHealth, getOpenApiDocument, getDocs, getDocsAsset] as const;
