// SSG wraps every answer in {status, data, meta, error}. Some endpoints answer HTTP 200 with a
// failure status inside, so the inner status decides how the HTTP layer classifies (and retries) it.
import { z } from "zod";
import { parseWith } from "./parse.js";

const statusSchema = z.union([z.int(), z.string().regex(/^\d{3}$/).transform(Number)]);

const errorDetailSchema = z.looseObject({ field: z.string().nullish(), message: z.string().nullish() });

/** `error` is `{}` on success; on failure it names SSG's code, message and per-field details. */
export const ssgErrorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  details: z.array(errorDetailSchema).nullish(),
  errorId: z.string().nullish(),
});

export function ssgEnvelopeSchema<T extends z.ZodType>(data: T) {
  return z.looseObject({
    status: statusSchema,
    data,
    meta: z.unknown().optional(),
    error: z.union([ssgErrorSchema, z.string()]).nullish(),
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The status an SSG answer really means: the envelope's `status` when a 2xx carries one. */
export function ssgEffectiveStatus(httpStatus: number, data: unknown): number {
  if (httpStatus < 200 || httpStatus >= 300) return httpStatus;
  const inner = statusSchema.safeParse(asRecord(data)?.status);
  return inner.success && inner.data >= 100 && inner.data <= 599 ? inner.data : httpStatus;
}

/**
 * SSG's reason for a refusal: the envelope's error (code, message, field details), the OAuth
 * server's `error`/`error_description`, or the gateway's bare `message`.
 */
export function describeSsgRejection(status: number, data: unknown): { detail: string; code?: string } {
  // Encrypted endpoints are read as text; their refusals are plain JSON all the same.
  const body = asRecord(typeof data === "string" ? jsonOrUndefined(data) : data);
  const error = ssgErrorSchema.safeParse(body?.error);
  if (error.success && (error.data.message || error.data.code !== undefined)) {
    const details = (error.data.details ?? [])
      .map((d) => [d.field, d.message].filter(Boolean).join(": "))
      .filter((d) => d !== "");
    const message = error.data.message ?? `HTTP ${status}`;
    const detail = details.length > 0 ? `${message} (${details.join("; ")})` : message;
    return error.data.code === undefined || error.data.code === null ? { detail } : { detail, code: String(error.data.code) };
  }
  // OAuth2 (RFC 6749 §5.2): {error: "invalid_client", error_description: "..."}.
  if (typeof body?.error === "string") {
    const description = typeof body.error_description === "string" ? body.error_description : body.error;
    return { detail: description, code: body.error };
  }
  for (const key of ["message", "Message", "error_description"]) {
    const value = body?.[key];
    if (typeof value === "string" && value !== "") return { detail: value };
  }
  // Short plain text (a gateway's page), never a base64 blob (ciphertext we could not read).
  if (typeof data === "string" && data.trim() !== "" && data.length < 500 && !/^[A-Za-z0-9+/=]{40,}$/.test(data.trim())) {
    return { detail: data.trim() };
  }
  return { detail: `HTTP ${status}` };
}

/** Checks an answer against its envelope + data schema; a wrong shape is InvalidResponse. */
export function parseSsgAnswer<T extends z.ZodType>(route: string, body: unknown, data: T): z.output<T> {
  return parseWith(ssgEnvelopeSchema(data), route, body).data as z.output<T>;
}
