// The outcome of one failed attempt, before retries decide what to do with it. Turned into the
// public typed errors (shared/errors) once the retry policy gives up.
import { RateLimited, Rejected, Timeout, Unavailable, type PartnerError, type PartnerName } from "../errors.js";

export type AttemptFailureKind = "rate-limited" | "server" | "network" | "timeout" | "rejected";

export class AttemptFailure extends Error {
  constructor(
    readonly failure: AttemptFailureKind,
    readonly partner: PartnerName,
    readonly route: string,
    readonly detail: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly code?: string,
    /** True when the partner cannot have acted on the request (refused connection, 429). */
    readonly notProcessed = false,
  ) {
    super(`${partner} ${route}: ${failure}${status === undefined ? "" : ` ${status}`}`);
    this.name = "AttemptFailure";
  }

  /** Failures worth another attempt: the kind of trouble that passes. */
  get transient(): boolean {
    return this.failure !== "rejected";
  }

  /** Failures that say the partner is unwell (these count towards opening the circuit). */
  get unhealthy(): boolean {
    return this.failure === "server" || this.failure === "network" || this.failure === "timeout";
  }

  toPublic(attemptTimeoutMs: number): PartnerError {
    switch (this.failure) {
      case "rate-limited":
        return new RateLimited(this.partner, this.route, this.retryAfterMs);
      case "timeout":
        return new Timeout(this.partner, this.route, attemptTimeoutMs);
      case "rejected":
        return new Rejected(this.partner, this.route, this.status ?? 0, this.detail, this.code);
      case "server":
      case "network":
        return new Unavailable(this.partner, this.route, this.detail, this.status);
    }
  }
}

const NETWORK_NOT_PROCESSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const NETWORK_CODES = new Set([...NETWORK_NOT_PROCESSED, "ECONNRESET", "EPIPE", "ERR_SOCKET_CONNECTION_TIMEOUT", "ETIMEDOUT", "ECONNABORTED", "ERR_BAD_RESPONSE"]);

/** Classifies an error thrown by axios (no response). Only codes, never messages with URLs. */
export function classifyThrown(partner: PartnerName, route: string, error: unknown): AttemptFailure {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const timedOut = code === "ECONNABORTED" || code === "ETIMEDOUT" || code === "ERR_CANCELED";
  if (timedOut) return new AttemptFailure("timeout", partner, route, "no answer in time");
  if (NETWORK_CODES.has(code)) {
    return new AttemptFailure("network", partner, route, `network error ${code}`, undefined, undefined, undefined, NETWORK_NOT_PROCESSED.has(code));
  }
  return new AttemptFailure("network", partner, route, code ? `network error ${code}` : "network error");
}

/** Classifies an answered request by its (effective) status; undefined = success. */
export function classifyStatus(
  partner: PartnerName,
  route: string,
  status: number,
  data: unknown,
  retryAfter: number | undefined,
  describe: (status: number, data: unknown) => { detail: string; code?: string },
): AttemptFailure | undefined {
  if (status < 400) return undefined;
  const { detail, code } = describe(status, data);
  if (status === 429) return new AttemptFailure("rate-limited", partner, route, detail, status, retryAfter, code, true);
  if (status === 408) return new AttemptFailure("timeout", partner, route, detail, status, retryAfter, code);
  if (status >= 500) return new AttemptFailure("server", partner, route, detail, status, retryAfter, code);
  return new AttemptFailure("rejected", partner, route, detail, status, undefined, code);
}
