// The one HTTP layer every partner client uses: axios underneath, cockatiel for the policies.
//   deadline (whole call) → retry (backoff + full jitter, Retry-After honoured) → circuit breaker
//   → limiter (concurrency + rolling-minute cap) → one axios attempt (per-attempt timeout)
// Errors leave as the typed values of shared/errors; nothing from axios (config, headers, URLs with
// secrets) is ever attached to them. One log line per attempt: partner, method, route, status,
// duration, attempt.
import axios, { type AxiosInstance } from "axios";
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from "cockatiel";
import { Timeout, Unavailable, isAppError } from "../errors.js";
import { currentLogger, type Logger } from "../logging.js";
import { redact } from "../redact.js";
import { AttemptFailure, classifyStatus, classifyThrown } from "./attempt-error.js";
import { PartnerLimiter } from "./limiter.js";
import { DEFAULTS, type HttpMethod, type PartnerHttpOptions, type PartnerRequest, type PartnerResponse } from "./options.js";
import { retryAfterMs } from "./retry-after.js";

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["GET", "HEAD", "PUT", "DELETE"]);

export interface PartnerHttp {
  readonly partner: PartnerHttpOptions["partner"];
  send(request: PartnerRequest): Promise<PartnerResponse>;
  /** "closed" | "open" | "half-open" | "isolated" — for health checks. */
  circuitState(): string;
}

export function createPartnerHttp(options: PartnerHttpOptions): PartnerHttp {
  return new ResilientPartnerHttp(options);
}

class ResilientPartnerHttp implements PartnerHttp {
  readonly partner: PartnerHttpOptions["partner"];
  private readonly axios: AxiosInstance;
  private readonly limiter: PartnerLimiter;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly random: () => number;

  constructor(private readonly options: PartnerHttpOptions) {
    this.partner = options.partner;
    this.random = options.random ?? Math.random;
    this.axios = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ""),
      // Partners never redirect legitimately; following one could carry credentials elsewhere.
      maxRedirects: 0,
      validateStatus: () => true,
      ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
    });
    this.limiter = new PartnerLimiter({
      partner: options.partner,
      concurrency: options.concurrency,
      ...(options.requestsPerMinute ? { requestsPerMinute: options.requestsPerMinute } : {}),
      ...(options.rateWindowMs ? { windowMs: options.rateWindowMs } : {}),
    });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof AttemptFailure && error.unhealthy),
      {
        halfOpenAfter: options.breakerHalfOpenAfterMs ?? DEFAULTS.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerThreshold ?? DEFAULTS.breakerThreshold),
      },
    );
  }

  circuitState(): string {
    return ["closed", "open", "half-open", "isolated"][this.breaker.state] ?? "unknown";
  }

  async send(request: PartnerRequest): Promise<PartnerResponse> {
    const { options } = this;
    const started = Date.now();
    const repeatable = IDEMPOTENT.has(request.method) || request.retrySafe === true;
    const attemptTimeoutMs = request.attemptTimeoutMs ?? options.attemptTimeoutMs;
    // The caller's logger, taken now: the limiter's queue starts an attempt from whichever call
    // finished before it, so inside the attempt currentLogger() would be that other invocation's.
    const logger = currentLogger();

    const retryPolicy = retry(
      handleWhen((error) => {
        if (!(error instanceof AttemptFailure) || !error.transient) return false;
        // A POST may have been carried out even though we saw no answer: repeat it only when it is
        // safe to, or when the partner certainly did not act on it (429, refused connection).
        if (!repeatable && !error.notProcessed) return false;
        // Waiting past our own deadline is pointless: give the caller the real reason now.
        const wait = error.retryAfterMs ?? 0;
        return Date.now() + wait < started + options.deadlineMs;
      }),
      {
        maxAttempts: Math.max(0, options.maxAttempts - 1),
        backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => this.delayFor(context)),
      },
    );
    const deadline = timeout(options.deadlineMs, TimeoutStrategy.Aggressive);

    let attempt = 0;
    try {
      return await deadline.execute(({ signal }) =>
        retryPolicy.execute(() =>
          this.breaker.execute(() => {
            attempt += 1;
            return this.limiter.schedule(request.route, () => this.attempt(request, attempt, attemptTimeoutMs, signal, logger), signal);
          }),
        ),
      );
    } catch (error) {
      throw this.toPublic(error, request, attemptTimeoutMs);
    }
  }

  /** Exponential backoff with full jitter; a partner's Retry-After is a floor, never shortened. */
  private delayFor(context: IRetryBackoffContext<unknown>): number {
    const base = this.options.baseDelayMs ?? DEFAULTS.baseDelayMs;
    const cap = this.options.maxDelayMs ?? DEFAULTS.maxDelayMs;
    const ceiling = Math.min(cap, base * 2 ** (context.attempt - 1));
    const jittered = Math.round(this.random() * ceiling);
    const error = "error" in context.result ? context.result.error : undefined;
    const hinted = error instanceof AttemptFailure ? error.retryAfterMs : undefined;
    // Spread callers that were all told the same instant a little, so they do not stampede.
    return hinted === undefined ? jittered : hinted + Math.round(this.random() * Math.min(base, 1_000));
  }

  private async attempt(request: PartnerRequest, attempt: number, attemptTimeoutMs: number, signal: AbortSignal, logger: Logger): Promise<PartnerResponse> {
    const { partner } = this.options;
    const started = performance.now();
    let status: number | undefined;
    try {
      const response = await this.axios.request<unknown>({
        method: request.method,
        url: request.path,
        params: request.query,
        data: request.body,
        headers: request.headers,
        timeout: attemptTimeoutMs,
        signal,
        responseType: request.responseType === "text" ? "text" : "json",
      });
      const headers = normaliseHeaders(response.headers);
      this.limiter.observe(response.status, headers);
      status = request.effectiveStatus ? request.effectiveStatus(response.status, response.data) : response.status;
      if (request.acceptStatuses?.includes(status)) return { status, headers, data: response.data };
      const failure = classifyStatus(partner, request.route, status, response.data, retryAfterMs(headers), (s, d) => this.describe(s, d));
      if (failure) throw failure;
      return { status, headers, data: response.data };
    } catch (error) {
      if (error instanceof AttemptFailure) throw error;
      if (signal.aborted) throw new TaskCancelledError();
      throw classifyThrown(partner, request.route, error);
    } finally {
      const durationMs = Math.round(performance.now() - started);
      logger.info(`${partner} ${request.method} ${request.route} ${status ?? "-"} ${durationMs}ms attempt ${attempt}`, {
        partner,
        method: request.method,
        route: request.route,
        status: status ?? null,
        durationMs,
        attempt,
      });
    }
  }

  private describe(status: number, data: unknown): { detail: string; code?: string } {
    const described = this.options.describeRejection?.(status, data) ?? defaultDescription(status, data);
    return { ...described, detail: redact(described.detail).slice(0, 500) };
  }

  private toPublic(error: unknown, request: PartnerRequest, attemptTimeoutMs: number): Error {
    const { partner, deadlineMs } = this.options;
    if (error instanceof AttemptFailure) return error.toPublic(attemptTimeoutMs);
    if (error instanceof BrokenCircuitError) return new Unavailable(partner, request.route, "circuit open after repeated failures");
    if (error instanceof TaskCancelledError) return new Timeout(partner, request.route, deadlineMs);
    if (isAppError(error)) return error;
    return new Unavailable(partner, request.route, "unexpected client failure");
  }
}

function normaliseHeaders(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

function defaultDescription(status: number, data: unknown): { detail: string; code?: string } {
  if (typeof data === "string" && data.trim() !== "") return { detail: data.trim() };
  if (typeof data === "object" && data !== null) {
    const record = data as Record<string, unknown>;
    for (const key of ["detail", "message", "msg", "error_description", "title"]) {
      const value = record[key];
      if (typeof value === "string" && value !== "") return { detail: value };
    }
  }
  return { detail: `HTTP ${status}` };
}
