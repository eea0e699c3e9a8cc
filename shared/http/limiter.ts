// Keeps one partner within its rate limit and concurrency cap. p-queue's strict (sliding window)
// mode guarantees no more than N starts in ANY rolling minute, so the partner's own fixed windows
// are respected whatever their alignment. Headers the partner sends back tighten it further:
// "0 remaining, reset in S s" pauses every caller, not only the one that got the answer.
import PQueue from "p-queue";
import { RateLimited, type PartnerName } from "../errors.js";
import { intHeader, retryAfterMs } from "./retry-after.js";

export interface LimiterOptions {
  partner: PartnerName;
  concurrency: number;
  requestsPerMinute?: number;
  /** The window the per-minute cap applies to; only tests shorten it. */
  windowMs?: number;
}

export class PartnerLimiter {
  private readonly queue: PQueue;
  private pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private dailyBlockedUntil = 0;

  constructor(private readonly options: LimiterOptions) {
    const rpm = options.requestsPerMinute;
    this.queue = new PQueue({
      concurrency: Math.max(1, options.concurrency),
      ...(rpm ? { intervalCap: rpm, interval: options.windowMs ?? 60_000, strict: true } : {}),
    });
  }

  /** Runs fn when a slot is free; aborting the signal drops a call still waiting. */
  async schedule<T>(route: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const now = Date.now();
    if (this.dailyBlockedUntil > now) {
      // The day's quota is gone: waiting hours inside one call helps nobody; fail fast and say when.
      throw new RateLimited(this.options.partner, route, this.dailyBlockedUntil - now);
    }
    return this.queue.add(fn, { signal });
  }

  /** Feeds the partner's rate-limit headers back into the limiter. */
  observe(status: number, headers: Record<string, string>): void {
    const wait = retryAfterMs(headers);
    const remaining = intHeader(headers, "x-ratelimit-remaining");
    if (status === 429 || remaining === 0) {
      // No hint: back off for a slice of the minute rather than hammering.
      this.pauseFor(wait ?? (this.options.requestsPerMinute ? 60_000 / this.options.requestsPerMinute : 1_000));
    }
    const dailyRemaining = intHeader(headers, "x-ratelimit-daily-remaining");
    if (dailyRemaining === 0) {
      this.dailyBlockedUntil = resetTime(intHeader(headers, "x-ratelimit-daily-reset") ?? intHeader(headers, "x-retry-after-daily"));
    }
  }

  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  private pauseFor(ms: number): void {
    const until = Date.now() + ms;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.queue.pause();
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.pausedUntil = 0;
      this.queue.start();
    }, ms);
    this.resumeTimer.unref();
  }
}

// Reset headers come as seconds from now or as a Unix time (TadaBase sends the latter); a value
// past 1e9 s (2001) can only be a Unix time. Unknown: block for an hour, then try again.
const UNIX_TIME_FLOOR_SECONDS = 1_000_000_000;

function resetTime(value: number | undefined, now: number = Date.now()): number {
  if (value === undefined) return now + 3_600_000;
  return value >= UNIX_TIME_FLOOR_SECONDS ? value * 1000 : now + value * 1000;
}
