// One course-run session as SSG's sessions endpoint sends it (`data.sessions[]`).
// The schema describes the wire and does not transform: the session cache stores what SSG sent, and
// shared/sync/mapping.ts normalises (dates, times, mode labels, booleans). Unknown extra fields pass
// through (SSG adds fields between API versions); the fields we use are checked strictly.
import { z } from "zod";

/** SSG session ids look like "TGS-2020000703-224596-S1"; they also become filter values and row keys. */
export const ssgSessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "expected an SSG session id such as TGS-2020000703-224596-S1");

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "YYYYMMDD" naming a real calendar day (20200230 is refused). */
export const ssgDateSchema = z
  .string()
  .regex(/^\d{8}$/, "expected a date as YYYYMMDD")
  .refine((s) => isCalendarDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))), "not a calendar date");

/** "HH:mm" (seconds tolerated), 00:00 to 23:59. */
export const ssgTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "expected a time as HH:mm");

export const SSG_MODE_CODES = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
export type SsgModeCode = (typeof SSG_MODE_CODES)[number];

/** Documented as "1".."9"; some answers carry the number itself. */
export const ssgModeOfTrainingSchema = z.union([z.enum(SSG_MODE_CODES), z.int().min(1).max(9)]);

/** Yes/no as SSG variants send it: a boolean, "Yes"/"No"/"Y"/"N"/"true"/"false" (any case) or 0/1. */
export const ssgYesNoSchema = z.union([
  z.boolean(),
  z.string().regex(/^\s*(yes|no|y|n|true|false)\s*$/i, "expected yes or no"),
  z.literal([0, 1]),
]);
export type SsgYesNo = z.infer<typeof ssgYesNoSchema>;

/** A venue part: text, sometimes a number (floor 3), often null or missing. */
const venuePartSchema = z.union([z.string().max(1000), z.number()]).nullish();

export const ssgVenueSchema = z.looseObject({
  block: venuePartSchema,
  street: venuePartSchema,
  floor: venuePartSchema,
  unit: venuePartSchema,
  building: venuePartSchema,
  /** Six digits as text, or a number that lost its leading zero (18956 for "018956"). */
  postalCode: venuePartSchema,
  room: venuePartSchema,
  wheelChairAccess: ssgYesNoSchema.nullish(),
});
export type SsgVenue = z.infer<typeof ssgVenueSchema>;

export const ssgSessionSchema = z.looseObject({
  id: ssgSessionIdSchema,
  startDate: ssgDateSchema,
  endDate: ssgDateSchema,
  startTime: ssgTimeSchema,
  endTime: ssgTimeSchema,
  modeOfTraining: ssgModeOfTrainingSchema,
  /** Missing for modes without a place (asynchronous eLearning). */
  venue: ssgVenueSchema.nullish(),
  /** Missing means no. */
  attendanceTaken: ssgYesNoSchema.nullish(),
  /** Missing means not deleted. */
  deleted: ssgYesNoSchema.nullish(),
});
export type SsgSession = z.infer<typeof ssgSessionSchema>;

/** Reads an SSG yes/no value; null or missing counts as no. */
export function ssgYesNoToBoolean(value: SsgYesNo | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1;
  return /^(yes|y|true)$/i.test(value.trim());
}
