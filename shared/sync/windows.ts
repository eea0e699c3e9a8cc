// Bounded fan-out: the orchestration runs one window of activities at a time, venues before
// sessions (a session's venue id must exist first).

/** Splits items into consecutive windows of at most `size` (the last may be shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`window size must be a positive integer, got ${size}`);
  const windows: T[][] = [];
  for (let start = 0; start < items.length; start += size) windows.push(items.slice(start, start + size));
  return windows;
}
