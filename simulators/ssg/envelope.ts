// SSG's answer envelope: {status, data, meta, error}. Errors carry code, message, details, errorId.
import { randomUUID } from "node:crypto";
import type { SimResponse } from "../kit/index.js";

export interface ErrorDetail {
  field: string;
  message: string;
}

export function ok(data: unknown, meta: Record<string, unknown> = {}): SimResponse {
  return { status: 200, body: { status: 200, data, meta, error: {} } };
}

export function errorEnvelope(status: number, message: string, details: ErrorDetail[] = []): Record<string, unknown> {
  return { status, data: null, meta: {}, error: { code: String(status), message, details, errorId: randomUUID() } };
}

export function fail(status: number, message: string, details: ErrorDetail[] = []): SimResponse {
  return { status, body: errorEnvelope(status, message, details) };
}

/** HTTP 200 with a failure inside, as some SSG endpoints answer. */
export function failInside(status: number, message: string): SimResponse {
  return { status: 200, body: errorEnvelope(status, message) };
}
