// RFC 9457 problem details: every failure an HTTP function answers goes through problemFromError,
// which maps each kind of AppError exactly once. Unexpected errors become a 500 whose error id is
// also in the log line; no stack and no raw message ever reaches the client, and every text that
// does goes through redact().
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type {
  AppError,
  Conflict,
  ConfigurationError,
  InvalidInput,
  InvalidResponse,
  NotFound,
  PartnerName,
  RateLimited,
  Rejected,
  Timeout,
  Unavailable,
} from "../errors.js";
import { isAppError } from "../errors.js";
import { currentLogger } from "../logging.js";
import { redact } from "../redact.js";
import type { PayloadTooLarge, UnsupportedMediaType } from "./request-errors.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
/** Problem type URIs are stable identifiers (RFC 9457 §3.1.1); the OpenAPI document lists them. */
export const PROBLEM_TYPE_BASE = "urn:besorchestrator:problem:";

export const fieldIssueSchema = z
  .object({
    path: z.string().meta({ description: "Where: params.*, query.*, body.* or headers.*", example: "body.sessionMonth" }),
    message: z.string().meta({ example: "expected a month as MMYYYY, e.g. 052026" }),
  })
  .meta({ id: "FieldIssue" });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const problemSchema = z
  .looseObject({
    type: z.string().meta({ example: `${PROBLEM_TYPE_BASE}invalid-input` }),
    title: z.string().meta({ example: "Invalid input" }),
    status: z.int().min(400).max(599).meta({ example: 400 }),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: "The request path", example: "/api/syncs/sync-1" }),
    errors: z.array(fieldIssueSchema).optional().meta({ description: "Each invalid field (validation problems only)" }),
    errorId: z.string().optional().meta({ description: "Quote this id to support: it is in the server log (5xx only)" }),
    partner: z.string().optional().meta({ description: "The partner system involved (502/503/504 only)", example: "BESTraining" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });
export type Problem = z.infer<typeof problemSchema>;

export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: Problem;
}

/** What the caller knows about the request, for `instance` (the path only: a query may hold a key). */
export interface ProblemContext {
  instance?: string;
}

interface ProblemParts {
  slug: string;
  title: string;
  status: number;
  detail: string;
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
  /** Server-side faults get an error id and a log line. */
  logAs?: "warn" | "error";
}

const PARTNER_LABEL: Record<PartnerName, string> = {
  ssg: "SSG",
  tadabase: "BESTraining",
  agent: "BESCognitive Agent",
  keyvault: "Key Vault",
  storage: "Storage",
};

/** Seconds a client should wait when a partner's limit is exhausted and it did not say how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

type KnownError =
  | InvalidInput
  | NotFound
  | Conflict
  | ConfigurationError
  | RateLimited
  | Unavailable
  | Timeout
  | Rejected
  | InvalidResponse
  | PayloadTooLarge
  | UnsupportedMediaType;
type Kind = KnownError["kind"];

const partner = (p: PartnerName) => ({ partner: PARTNER_LABEL[p] });

// One entry per kind; the compiler insists every kind has one.
const MAPPERS: { [K in Kind]: (error: Extract<KnownError, { kind: K }>) => ProblemParts } = {
  InvalidInput: (e) => ({
    slug: "invalid-input",
    title: "Invalid input",
    status: 400,
    detail: e.message,
    extensions: e.issues.length > 0 ? { errors: e.issues.map((i) => ({ path: i.path, message: i.message })) } : {},
  }),
  PayloadTooLarge: (e) => ({ slug: "payload-too-large", title: "Payload too large", status: 413, detail: e.message }),
  UnsupportedMediaType: (e) => ({ slug: "unsupported-media-type", title: "Unsupported media type", status: 415, detail: e.message }),
  NotFound: (e) => ({ slug: "not-found", title: "Not found", status: 404, detail: e.message }),
  Conflict: (e) => ({ slug: "conflict", title: "Conflict", status: 409, detail: e.message }),
  RateLimited: (e) => ({
    slug: "partner-rate-limited",
    title: "Partner rate limit reached",
    status: 503,
    detail: `${PARTNER_LABEL[e.partner]} is rate limiting us; try again later`,
    headers: { "Retry-After": String(e.retryAfterMs === undefined ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(1, Math.ceil(e.retryAfterMs / 1000))) },
    extensions: partner(e.partner),
    logAs: "warn",
  }),
  // An upstream that answered 5xx is a bad gateway; one we could not reach (or whose circuit is open)
  // makes us unavailable.
  Unavailable: (e) => ({
    slug: "partner-unavailable",
    title: "Partner unavailable",
    status: e.status === undefined ? 503 : 502,
    detail: `${PARTNER_LABEL[e.partner]} is unavailable (${e.reason})`,
    extensions: partner(e.partner),
    logAs: "warn",
  }),
  Timeout: (e) => ({
    slug: "partner-timeout",
    title: "Partner timed out",
    status: 504,
    detail: `${PARTNER_LABEL[e.partner]} did not answer within ${e.afterMs} ms`,
    extensions: partner(e.partner),
    logAs: "warn",
  }),
  Rejected: (e) => ({
    slug: "partner-rejected",
    title: "Partner rejected the request",
    status: 502,
    detail: `${PARTNER_LABEL[e.partner]} answered ${e.status}${e.code ? ` ${e.code}` : ""}: ${truncate(e.detail, 300)}`,
    extensions: partner(e.partner),
    logAs: "warn",
  }),
  InvalidResponse: (e) => ({
    slug: "partner-invalid-response",
    title: "Partner answered unexpectedly",
    status: 502,
    detail: `${PARTNER_LABEL[e.partner]} answered in a shape we do not understand`,
    extensions: partner(e.partner),
    logAs: "error",
  }),
  // Setting names are operator knowledge, not the client's: the log line carries the message.
  ConfigurationError: () => ({
    slug: "configuration",
    title: "Service misconfigured",
    status: 500,
    detail: "The service is not configured correctly; an operator has to fix its settings",
    logAs: "error",
  }),
};

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function isKnown(error: AppError): error is KnownError {
  return Object.hasOwn(MAPPERS, error.kind);
}

function partsFor(error: unknown): ProblemParts {
  if (isAppError(error) && isKnown(error)) {
    const mapper = MAPPERS[error.kind] as (e: KnownError) => ProblemParts;
    return mapper(error);
  }
  return {
    slug: "internal",
    title: "Internal server error",
    status: 500,
    detail: "An unexpected error occurred; quote the error id when reporting it",
    logAs: "error",
  };
}

/** Maps any thrown value to the problem response the client gets (and logs server faults). */
export function problemFromError(error: unknown, ctx: ProblemContext = {}): ProblemResponse {
  const parts = partsFor(error);
  const body: Problem = {
    type: `${PROBLEM_TYPE_BASE}${parts.slug}`,
    title: parts.title,
    status: parts.status,
    detail: redact(parts.detail),
    ...(ctx.instance === undefined ? {} : { instance: redact(ctx.instance) }),
    ...redactDeep(parts.extensions ?? {}),
  };
  if (parts.logAs) {
    body.errorId = randomUUID();
    const logged = {
      errorId: body.errorId,
      status: parts.status,
      kind: isAppError(error) ? error.kind : "Unexpected",
      message: error instanceof Error ? error.message : String(error),
      // The stack stays in the log, never in the answer.
      ...(parts.status === 500 && error instanceof Error && error.stack ? { stack: error.stack } : {}),
      ...(ctx.instance === undefined ? {} : { instance: ctx.instance }),
    };
    currentLogger()[parts.logAs](`request failed with ${parts.status} (error id ${body.errorId})`, logged);
  }
  return { status: parts.status, headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...parts.headers }, body };
}

/** Builds a problem a handler answers on purpose (e.g. a 409 naming the running sync). */
export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return { type: `${PROBLEM_TYPE_BASE}${slug}`, title, status, detail: redact(detail), ...redactDeep(extensions) };
}

/** Redacts every string inside a JSON-like value (extensions may nest). */
function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

/** zod issues → field issues with a location prefix ("body.sessions[0].id"). */
export function fieldIssues(location: string, issues: ReadonlyArray<z.core.$ZodIssue>): FieldIssue[] {
  return issues.map((issue) => {
    let path = location;
    for (const key of issue.path) path += typeof key === "number" ? `[${key}]` : `.${String(key)}`;
    return { path, message: redact(issue.message) };
  });
}
