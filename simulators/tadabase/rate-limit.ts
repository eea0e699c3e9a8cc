// TadaBase's two budgets: per minute and per day, fixed windows opened by the first call. The
// window lengths are settable so tests can exhaust and refill a "minute" in a second.

export interface RateLimitOptions {
  perMinute: number;
  perDay: number;
  /** Length of the "minute" window; default 60 000. */
  minuteWindowMs?: number;
  /** Length of the "day" window; default 86 400 000. */
  dayWindowMs?: number;
}

interface Window {
  limit: number;
  lengthMs: number;
  start: number;
  used: number;
}

export interface WindowStatus {
  allowed: number;
  remaining: number;
  resets_in_seconds: number;
  reset_timestamp: number;
}

export class RateLimiter {
  private minute!: Window;
  private day!: Window;

  constructor(private options: RateLimitOptions, private readonly now: () => number = Date.now) {
    this.configure(options);
  }

  configure(options: RateLimitOptions): void {
    this.options = options;
    this.minute = { limit: options.perMinute, lengthMs: options.minuteWindowMs ?? 60_000, start: 0, used: 0 };
    this.day = { limit: options.perDay, lengthMs: options.dayWindowMs ?? 86_400_000, start: 0, used: 0 };
  }

  reset(): void {
    this.configure(this.options);
  }

  private roll(w: Window, t: number): void {
    if (t >= w.start + w.lengthMs) {
      w.start = t;
      w.used = 0;
    }
  }

  private status(w: Window, t: number): WindowStatus {
    const expired = t >= w.start + w.lengthMs;
    const resetAt = expired ? t + w.lengthMs : w.start + w.lengthMs;
    return {
      allowed: w.limit,
      remaining: Math.max(0, w.limit - (expired ? 0 : w.used)),
      resets_in_seconds: Math.max(1, Math.ceil((resetAt - t) / 1000)),
      reset_timestamp: Math.ceil(resetAt / 1000),
    };
  }

  /** Counts one call if both budgets allow it; the headers describe the budgets after it. */
  take(): { allowed: boolean; headers: Record<string, string> } {
    const t = this.now();
    this.roll(this.minute, t);
    this.roll(this.day, t);
    const allowed = this.minute.used < this.minute.limit && this.day.used < this.day.limit;
    if (allowed) {
      this.minute.used += 1;
      this.day.used += 1;
    }
    const m = this.status(this.minute, t);
    const d = this.status(this.day, t);
    const dayExhausted = this.day.used >= this.day.limit;
    return {
      allowed,
      headers: {
        "X-RateLimit-Limit": String(m.allowed),
        "X-RateLimit-Remaining": String(m.remaining),
        "X-RateLimit-Reset": String(m.reset_timestamp),
        // Seconds until a call may succeed again: the day's reset once the day is spent.
        "X-Retry-After": String(dayExhausted && !allowed ? d.resets_in_seconds : m.resets_in_seconds),
        "X-RateLimit-Daily-Limit": String(d.allowed),
        "X-RateLimit-Daily-Remaining": String(d.remaining),
        "X-RateLimit-Daily-Reset": String(d.reset_timestamp),
      },
    };
  }

  snapshot(): { per_minute: WindowStatus; per_day: WindowStatus } {
    const t = this.now();
    return { per_minute: this.status(this.minute, t), per_day: this.status(this.day, t) };
  }
}
