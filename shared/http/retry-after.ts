// Reading a partner's "wait this long" hints. Retry-After is seconds or an HTTP date (RFC 9110);
// TadaBase sends X-Retry-After in seconds.

/** Milliseconds to wait, or undefined when the headers give no usable hint. */
export function retryAfterMs(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  for (const name of ["retry-after", "x-retry-after", "x-ratelimit-reset-after"]) {
    const value = headers[name];
    if (value === undefined || value.trim() === "") continue;
    const parsed = parseDelay(value.trim(), now);
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

function parseDelay(value: string, now: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Reads a non-negative integer header, e.g. X-RateLimit-Remaining. */
export function intHeader(headers: Record<string, string>, name: string): number | undefined {
  const value = headers[name];
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
