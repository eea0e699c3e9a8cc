// Change detection: which Course Session fields differ between what SSG implies and what is stored.
// Values are compared after normalising what TadaBase may hand back differently (spacing, "08:30"
// for "08:30:00", label case, a connection as a list), so an unchanged session costs no write.
import type { CourseSessionFields, CourseSessionRecord } from "../systems/bestraining/records.js";
import type { SessionFieldsWithoutVenue } from "./mapping.js";
import { foldText, tidyText } from "./text.js";

/** "8:30" or "08:30" → "08:30:00"; anything else is left tidy (and will differ). */
export function normaliseStoredTime(value: string): string {
  const tidy = tidyText(value);
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(tidy);
  if (match === null) return tidy;
  const [, hours = "", minutes = "", seconds = "00"] = match;
  return `${hours.padStart(2, "0")}:${minutes}:${seconds}`;
}

/** The desired venue: `undefined` when its record is not known yet (so it cannot be verified). */
export type DesiredVenueId = string | null | undefined;

function sameVenue(stored: readonly string[], desired: DesiredVenueId): boolean {
  if (desired === undefined) return false;
  const storedSet = new Set(stored.map((id) => id.trim()).filter((id) => id !== ""));
  return desired === null ? storedSet.size === 0 : storedSet.size === 1 && storedSet.has(desired);
}

const TEXT_FIELDS = ["ssgSessionId", "courseRunId", "startDate", "endDate"] as const;
const TIME_FIELDS = ["startTime", "endTime"] as const;
const FLAG_FIELDS = ["attendanceTaken", "deleted"] as const;

/** The fields to write, in a fixed order; empty when the stored record already says it all. */
export function changedSessionFields(
  stored: CourseSessionRecord,
  desired: SessionFieldsWithoutVenue,
  desiredVenueId: DesiredVenueId,
): Array<keyof CourseSessionFields> {
  const changed: Array<keyof CourseSessionFields> = [];
  for (const field of TEXT_FIELDS) if (tidyText(stored[field]) !== desired[field]) changed.push(field);
  for (const field of TIME_FIELDS) if (normaliseStoredTime(stored[field]) !== desired[field]) changed.push(field);
  if (foldText(stored.modeOfTraining) !== foldText(desired.modeOfTraining)) changed.push("modeOfTraining");
  for (const field of FLAG_FIELDS) if (stored[field] !== desired[field]) changed.push(field);
  if (!sameVenue(stored.venueIds, desiredVenueId)) changed.push("venueId");
  return changed;
}
