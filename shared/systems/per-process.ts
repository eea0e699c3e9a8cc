// One partner client per process (per settings object and secrets provider): every caller then
// shares its rate limiter, circuit and caches instead of starting afresh.
import type { PartnerLimits, Settings } from "../config/index.js";

export function perProcess<S extends object, V>(build: (settings: Settings, secrets: S) => V): (settings: Settings, secrets: S) => V {
  const built = new WeakMap<Settings, WeakMap<S, V>>();
  return (settings, secrets) => {
    const forSettings = built.get(settings) ?? new WeakMap<S, V>();
    built.set(settings, forSettings);
    if (!forSettings.has(secrets)) forSettings.set(secrets, build(settings, secrets));
    return forSettings.get(secrets) as V;
  };
}

/** A partner's configured limits in shared/http's terms (base URL given separately). */
export function httpLimits(limits: PartnerLimits) {
  return {
    attemptTimeoutMs: limits.timeoutMs,
    deadlineMs: limits.deadlineMs,
    maxAttempts: limits.maxAttempts,
    concurrency: limits.concurrency,
    requestsPerMinute: limits.requestsPerMinute,
  };
}
