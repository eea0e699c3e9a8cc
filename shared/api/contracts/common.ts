// Response pieces several contracts share.
import { z } from "zod";
import type { ResponseSpec } from "../contract.js";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problemSchema } from "../problem.js";

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

/** Storage (Table Storage, the Durable task hub) could not be reached. */
export const storageUnavailable = problemResponse("Storage or a partner is unavailable; retry later");

/** Failures of a partner this route calls synchronously. */
export const partnerFailures = {
  502: problemResponse("The partner answered with an error or in an unexpected shape"),
  503: problemResponse("The partner is unavailable or rate limiting us (see Retry-After)"),
  504: problemResponse("The partner did not answer in time"),
} as const;
