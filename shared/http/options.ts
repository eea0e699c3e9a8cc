// What one partner's HTTP policy is made of. Values come from settings (shared/config); defaults
// here are the safe floor when a caller leaves one out.
import type { Agent as HttpsAgent } from "node:https";
import type { PartnerName } from "../errors.js";

export interface PartnerHttpOptions {
  partner: PartnerName;
  baseUrl: string;
  /** One attempt's limit (connect + response). */
  attemptTimeoutMs: number;
  /** The whole call's limit, waits and retries included. */
  deadlineMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff step; each retry doubles it (full jitter), capped by maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started in any rolling minute (the partner's plan limit); unset = no limit. */
  requestsPerMinute?: number;
  /** Test seam: the length of the rate window (default one minute). */
  rateWindowMs?: number;
  /** Consecutive transient failures that open the circuit, and how long it stays open. */
  breakerThreshold?: number;
  breakerHalfOpenAfterMs?: number;
  /** For mutual TLS (SSG certificate apps). */
  httpsAgent?: HttpsAgent;
  /** Pulls a readable reason (and the partner's error code) out of a refusal's body. */
  describeRejection?: (status: number, data: unknown) => { detail: string; code?: string };
  /** Test seam: the jitter source (defaults to Math.random). */
  random?: () => number;
}

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface PartnerRequest {
  method: HttpMethod;
  /** Path relative to baseUrl, ids already filled in. */
  path: string;
  /** The path's template, e.g. "/data-tables/{tableId}/records": the only form logs and errors show. */
  route: string;
  query?: Record<string, string | number | boolean | undefined> | URLSearchParams;
  body?: unknown;
  headers?: Record<string, string>;
  /** A POST/PATCH the caller knows is safe to repeat (idempotent by design): it is retried too. */
  retrySafe?: boolean;
  /** Statuses handed back as responses instead of errors (e.g. 404 on a lookup). */
  acceptStatuses?: readonly number[];
  /**
   * Some partners answer HTTP 200 with a failure inside (SSG's envelope `status`). Return the
   * status the body really means, so it is classified (and retried) like the real thing.
   */
  effectiveStatus?: (status: number, data: unknown) => number;
  /** Override of the partner's per-attempt timeout (e.g. a slow export). */
  attemptTimeoutMs?: number;
  responseType?: "json" | "text";
}

export interface PartnerResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  data: unknown;
}

export const DEFAULTS = {
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 15_000,
} as const;
