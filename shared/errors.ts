// Errors are values with a type. Everything below the HTTP edge throws one of these; the edge maps
// them once to problem+json (shared/api). Messages never carry secrets: build them from ids and codes.

export type PartnerName = "ssg" | "tadabase" | "agent" | "keyvault" | "storage";

/** Base class: `kind` is the stable discriminator (safe to serialise across activity boundaries). */
export abstract class AppError extends Error {
  abstract readonly kind: string;
  /** True when repeating the same call later may succeed (used for per-item retry decisions). */
  abstract readonly transient: boolean;

  toJSON(): { kind: string; message: string; transient: boolean } {
    return { kind: this.kind, message: this.message, transient: this.transient };
  }
}

export class InvalidInput extends AppError {
  readonly kind = "InvalidInput";
  readonly transient = false;
  constructor(
    message: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = "InvalidInput";
  }
}

export class NotFound extends AppError {
  readonly kind = "NotFound";
  readonly transient = false;
  constructor(message: string) {
    super(message);
    this.name = "NotFound";
  }
}

export class Conflict extends AppError {
  readonly kind = "Conflict";
  readonly transient = false;
  constructor(message: string) {
    super(message);
    this.name = "Conflict";
  }
}

export class ConfigurationError extends AppError {
  readonly kind = "ConfigurationError";
  readonly transient = false;
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

/** Anything that went wrong talking to a partner. `route` is the template, never a filled-in URL. */
export abstract class PartnerError extends AppError {
  constructor(
    readonly partner: PartnerName,
    readonly route: string,
    message: string,
  ) {
    super(`${partner} ${route}: ${message}`);
  }
}

/** The partner kept answering 429 past our retry budget. */
export class RateLimited extends PartnerError {
  readonly kind = "RateLimited";
  readonly transient = true;
  constructor(partner: PartnerName, route: string, readonly retryAfterMs: number | undefined) {
    super(partner, route, `rate limited${retryAfterMs === undefined ? "" : `, retry after ${retryAfterMs} ms`}`);
    this.name = "RateLimited";
  }
}

/** 5xx, connection failures or an open circuit: the partner cannot serve us right now. */
export class Unavailable extends PartnerError {
  readonly kind = "Unavailable";
  readonly transient = true;
  constructor(partner: PartnerName, route: string, readonly reason: string, readonly status?: number) {
    super(partner, route, `unavailable (${reason})`);
    this.name = "Unavailable";
  }
}

/** An attempt or the overall deadline ran out. */
export class Timeout extends PartnerError {
  readonly kind = "Timeout";
  readonly transient = true;
  constructor(partner: PartnerName, route: string, readonly afterMs: number) {
    super(partner, route, `timed out after ${afterMs} ms`);
    this.name = "Timeout";
  }
}

/** The partner refused the request (4xx other than 408/429). Not retried: the request must change. */
export class Rejected extends PartnerError {
  readonly kind = "Rejected";
  readonly transient = false;
  constructor(
    partner: PartnerName,
    route: string,
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
  ) {
    super(partner, route, `rejected with ${status}${code ? ` ${code}` : ""}: ${detail}`);
    this.name = "Rejected";
  }
}

/** The partner answered, but not in the shape its contract promises (zod parse failed). */
export class InvalidResponse extends PartnerError {
  readonly kind = "InvalidResponse";
  readonly transient = false;
  constructor(partner: PartnerName, route: string, readonly issues: string) {
    super(partner, route, `unexpected response: ${issues}`);
    this.name = "InvalidResponse";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A short, secret-free description of any thrown value, for per-item failure records. */
export function describeError(error: unknown): { kind: string; message: string; transient: boolean } {
  if (error instanceof AppError) return error.toJSON();
  if (error instanceof Error) return { kind: "Unexpected", message: error.message, transient: false };
  return { kind: "Unexpected", message: String(error), transient: false };
}
