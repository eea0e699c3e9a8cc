// SSG session → the BESTraining records it becomes (logical fields; the connector applies slugs).
import { InvalidInput } from "../errors.js";
import type { SsgModeCode, SsgSession } from "../systems/ssg/session.js";
import { ssgDateSchema, ssgTimeSchema, ssgYesNoToBoolean } from "../systems/ssg/session.js";
import type { CourseSessionFields, VenueFields } from "../systems/bestraining/records.js";
import { tidyText } from "./text.js";
import { canonicalPostalCode, isBlankVenue, venueKey } from "./venue-key.js";

/** SSG's mode-of-training codes and the labels BESTraining stores. */
export const MODE_OF_TRAINING_LABELS: Readonly<Record<SsgModeCode, string>> = {
  "1": "Classroom",
  "2": "Asynchronous eLearning",
  "3": "In-house",
  "4": "On-the-Job",
  "5": "Practical/Practicum",
  "6": "Supervised Field",
  "7": "Traineeship",
  "8": "Assessment",
  "9": "Synchronous Learning",
};

export type SessionFieldsWithoutVenue = Omit<CourseSessionFields, "venueId">;

export interface MappedSession {
  ssgSessionId: string;
  /** The Course Session fields; the venue id is resolved later from `venueKey`. */
  session: SessionFieldsWithoutVenue;
  /** Null when SSG gave no place for the session. */
  venue: VenueFields | null;
  venueKey: string | null;
}

function invalid(field: string, message: string): InvalidInput {
  return new InvalidInput(`${field}: ${message}`, [{ path: field, message }]);
}

/** "20200105" → "2020-01-05". */
export function toIsoDate(value: string, field = "date"): string {
  if (!ssgDateSchema.safeParse(value).success) throw invalid(field, `${JSON.stringify(value)} is not a YYYYMMDD date`);
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** "08:30" → "08:30:00" (seconds kept when given). */
export function toIsoTime(value: string, field = "time"): string {
  if (!ssgTimeSchema.safeParse(value).success) throw invalid(field, `${JSON.stringify(value)} is not an HH:mm time`);
  return value.length === 5 ? `${value}:00` : value;
}

/** "1" or 1 → "Classroom". */
export function modeOfTrainingLabel(code: string | number): string {
  const label = (MODE_OF_TRAINING_LABELS as Readonly<Record<string, string>>)[String(code)];
  if (label === undefined) throw invalid("modeOfTraining", `${JSON.stringify(code)} is not a mode of training code (1 to 9)`);
  return label;
}

function mapVenue(venue: SsgSession["venue"]): { venue: VenueFields; venueKey: string } | null {
  if (venue === null || venue === undefined || isBlankVenue(venue)) return null;
  const key = venueKey(venue);
  return {
    venueKey: key,
    venue: {
      venueKey: key,
      room: tidyText(venue.room),
      unit: tidyText(venue.unit),
      block: tidyText(venue.block),
      floor: tidyText(venue.floor),
      street: tidyText(venue.street),
      building: tidyText(venue.building),
      postalCode: canonicalPostalCode(venue.postalCode),
      wheelchairAccess: ssgYesNoToBoolean(venue.wheelChairAccess),
    },
  };
}

/** Maps one (already schema-checked) SSG session; throws InvalidInput on values it cannot map. */
export function mapSsgSession(ssg: SsgSession, courseRunId: string): MappedSession {
  const venue = mapVenue(ssg.venue);
  return {
    ssgSessionId: ssg.id,
    session: {
      ssgSessionId: ssg.id,
      courseRunId,
      startDate: toIsoDate(ssg.startDate, "startDate"),
      endDate: toIsoDate(ssg.endDate, "endDate"),
      startTime: toIsoTime(ssg.startTime, "startTime"),
      endTime: toIsoTime(ssg.endTime, "endTime"),
      modeOfTraining: modeOfTrainingLabel(ssg.modeOfTraining),
      attendanceTaken: ssgYesNoToBoolean(ssg.attendanceTaken),
      deleted: ssgYesNoToBoolean(ssg.deleted),
    },
    venue: venue?.venue ?? null,
    venueKey: venue?.venueKey ?? null,
  };
}
