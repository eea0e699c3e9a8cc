// Retry bookkeeping the SDK leaves to the host: after each failed attempt it waits for one timer
// (even after the last attempt) and then for the next attempt's completion.
import type { RetryPolicy, RetryState } from "./model.js";

export function retryPolicyFrom(options: Record<string, unknown> | undefined): RetryPolicy {
  const num = (key: string): number | undefined => {
    const value = options?.[key];
    return typeof value === "number" ? value : undefined;
  };
  return {
    firstRetryIntervalInMilliseconds: num("firstRetryIntervalInMilliseconds") ?? 1000,
    maxNumberOfAttempts: num("maxNumberOfAttempts") ?? 1,
    backoffCoefficient: num("backoffCoefficient"),
    maxRetryIntervalInMilliseconds: num("maxRetryIntervalInMilliseconds"),
    retryTimeoutInMilliseconds: num("retryTimeoutInMilliseconds"),
  };
}

/** The SDK raises the error once the timer after attempt `failures` fires and `failures + 1 > max`. */
export function attemptsExhausted(retry: RetryState): boolean {
  return retry.failures >= retry.policy.maxNumberOfAttempts;
}

export function retryTimedOut(retry: RetryState, now: number): boolean {
  const timeout = retry.policy.retryTimeoutInMilliseconds;
  return timeout !== undefined && timeout > 0 && now - retry.firstAttemptAt >= timeout;
}

/** first × backoff^(failures−1), capped by maxRetryInterval; no wait once nothing more will be tried. */
export function retryDelayMs(retry: RetryState, now: number): number {
  if (attemptsExhausted(retry) || retryTimedOut(retry, now)) return 0;
  const { firstRetryIntervalInMilliseconds: first, backoffCoefficient = 1, maxRetryIntervalInMilliseconds: cap } = retry.policy;
  const delay = first * Math.pow(backoffCoefficient, retry.failures - 1);
  return cap !== undefined && cap > 0 ? Math.min(delay, cap) : delay;
}
