// What one sync covers: a course run, optionally one month of it. Only records inside the scope may be
// marked deleted for having vanished from SSG's list (SSG was only asked about that month).
import { z } from "zod";
import { InvalidInput } from "../errors.js";

/** SSG's sessionMonth filter: "MMYYYY", e.g. "012020". */
export const sessionMonthSchema = z.string().regex(/^(0[1-9]|1[0-2])\d{4}$/, "expected a month as MMYYYY");

export interface SyncScope {
  courseRunId: string;
  /** MMYYYY; absent = the whole run. */
  sessionMonth?: string | undefined;
}

/** "012020" → "2020-01" (the prefix of every YYYY-MM-DD date in that month). */
export function sessionMonthPrefix(sessionMonth: string): string {
  if (!sessionMonthSchema.safeParse(sessionMonth).success) {
    throw new InvalidInput(`sessionMonth ${JSON.stringify(sessionMonth)} is not MMYYYY`, [
      { path: "sessionMonth", message: "expected MMYYYY" },
    ]);
  }
  return `${sessionMonth.slice(2)}-${sessionMonth.slice(0, 2)}`;
}

/**
 * A test for "this stored start date (YYYY-MM-DD) is inside the scope". With a month, a date that is
 * missing or malformed is outside: we cannot show the record belongs to the month, so we leave it be.
 */
export function startDateInScope(scope: SyncScope): (startDate: string) => boolean {
  if (scope.sessionMonth === undefined) return () => true;
  const prefix = sessionMonthPrefix(scope.sessionMonth);
  return (startDate) => /^\d{4}-\d{2}-\d{2}$/.test(startDate.trim()) && startDate.trim().startsWith(`${prefix}-`);
}
