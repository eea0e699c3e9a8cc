// Response pieces several contracts share.
import { z } from "zod";
import type { ResponseSpec } from "../contract.js";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problem, problemSchema } from "../problem.js";

/** A problem+json response; the schema's type flows into what a handler may return. */
export function problemResponse<S extends z.ZodType = typeof problemSchema>(
  description: string,
  schema: S = problemSchema as z.ZodType as S,
  example?: unknown,
): ResponseSpec & { schema: S } {
  return { description, schema, contentType: PROBLEM_CONTENT_TYPE, ...(example === undefined ? {} : { example }) };
}

export const locationHeaders = z.object({
  Location: z.string().meta({ description: "URL of the sync's status resource", example: "https://example.org/api/syncs/sync-224596-6f1c2a7e" }),
  "Retry-After": z.int().min(1).meta({ description: "Seconds to wait before polling the status", example: 5 }),
});

export const notFound = (what: string) =>
  problemResponse(`No ${what} with that id`, problemSchema, {
    type: `${PROBLEM_TYPE_BASE}not-found`,
    title: "Not found",
    status: 404,
    detail: `${what} sync-224596-6f1c2a7e does not exist`,
    instance: "/api/syncs/sync-224596-6f1c2a7e",
  });

const errorId = "0b6f0c3e-58a4-4bde-9d3f-2d0f4f6c1a7e";
const partnerProblem = (status: number, slug: string, title: string, detail: string, partner: string) =>
  problem(status, slug, title, detail, { partner, errorId });

/** Storage (Table Storage, the Durable task hub) could not be reached. */
export const storageUnavailable = problemResponse(
  "Storage or a partner is unavailable; retry later",
  problemSchema,
  partnerProblem(503, "partner-unavailable", "Partner unavailable", "Storage is unavailable (ECONNREFUSED)", "Storage"),
);

/** Failures of a partner this route calls synchronously. */
export const partnerFailures = {
  502: problemResponse(
    "The partner answered with an error or in an unexpected shape",
    problemSchema,
    partnerProblem(502, "partner-rejected", "Partner rejected the request", "SSG answered 403: Access to this API has been disallowed", "SSG"),
  ),
  503: problemResponse(
    "The partner is unavailable or rate limiting us (see Retry-After)",
    problemSchema,
    partnerProblem(503, "partner-unavailable", "Partner unavailable", "SSG is unavailable (circuit open)", "SSG"),
  ),
  504: problemResponse(
    "The partner did not answer in time",
    problemSchema,
    partnerProblem(504, "partner-timeout", "Partner timed out", "SSG did not answer within 15000 ms", "SSG"),
  ),
} as const;
