// BESTraining's records in logical form, free of TadaBase field slugs (slugs differ per app and are
// resolved by field name at run time, see BESTRAINING_FIELD_NAMES). The connector maps these to and
// from `field_<n>` keys: TadaBase yes/no (0|1) becomes boolean here, a connection field (which reads
// back as an array) becomes `venueIds`.
import { z } from "zod";

/** TadaBase record ids are opaque strings (10 characters in practice). */
export const recordIdSchema = z.string().min(1).max(64);
export type RecordId = z.infer<typeof recordIdSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
export const isoTimeSchema = z.string().regex(/^\d{2}:\d{2}:\d{2}$/, "expected a time as HH:MM:SS");

/** What we write to a Venue record. Texts are tidy (trimmed, spaces collapsed) and keep their case. */
export const venueFieldsSchema = z.object({
  /** Canonical key (shared/sync/venue-key.ts): the natural key a retried create looks up. */
  venueKey: z.string(),
  room: z.string(),
  unit: z.string(),
  block: z.string(),
  floor: z.string(),
  street: z.string(),
  building: z.string(),
  /** Six digits, or empty when SSG gave none. */
  postalCode: z.string(),
  wheelchairAccess: z.boolean(),
});
export type VenueFields = z.infer<typeof venueFieldsSchema>;

/** A Venue as read back. Fields are as stored (a legacy record may have an empty key). */
export const venueRecordSchema = venueFieldsSchema.extend({ id: recordIdSchema });
export type VenueRecord = z.infer<typeof venueRecordSchema>;

/** What we write to a Course Session record. */
export const courseSessionFieldsSchema = z.object({
  ssgSessionId: z.string().min(1),
  courseRunId: z.string().min(1),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  startTime: isoTimeSchema,
  endTime: isoTimeSchema,
  /** The label, e.g. "Classroom" (SSG's code 1). */
  modeOfTraining: z.string(),
  attendanceTaken: z.boolean(),
  deleted: z.boolean(),
  /** The Venue record, or null for a session without a place. */
  venueId: recordIdSchema.nullable(),
});
export type CourseSessionFields = z.infer<typeof courseSessionFieldsSchema>;

/**
 * A Course Session as read back. Values are as stored (someone may have edited them by hand, so
 * dates and times are plain strings here); the venue connection reads back as a list of ids.
 */
export const courseSessionRecordSchema = courseSessionFieldsSchema
  .omit({ venueId: true })
  .extend({
    id: recordIdSchema,
    ssgSessionId: z.string(),
    courseRunId: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    venueIds: z.array(recordIdSchema),
  });
export type CourseSessionRecord = z.infer<typeof courseSessionRecordSchema>;

/** A Course Run as the timer reads it (active runs: end date today or later). */
export const courseRunFieldsSchema = z.object({
  courseRunId: z.string().min(1),
  courseReferenceNumber: z.string(),
  /** YYYY-MM-DD, or empty when unknown (as are the other texts). */
  startDate: z.string(),
  endDate: z.string(),
  uen: z.string(),
});
export type CourseRunFields = z.infer<typeof courseRunFieldsSchema>;
export const courseRunRecordSchema = courseRunFieldsSchema.extend({ id: recordIdSchema });
export type CourseRunRecord = z.infer<typeof courseRunRecordSchema>;

/** Table names in BESTraining (the simulator seeds these; the connector finds table ids by name). */
export const BESTRAINING_TABLES = {
  courseRuns: "Course Runs",
  courseSessions: "Course Sessions",
  venues: "Venues",
} as const;

/**
 * Logical field → BESTraining field name, per table. The connector resolves each name to its slug
 * through `GET /data-tables/{id}/fields`; the simulator seeds fields with exactly these names.
 */
export const BESTRAINING_FIELD_NAMES = {
  courseRuns: {
    courseRunId: "Run ID",
    courseReferenceNumber: "Course Reference Number",
    startDate: "Start Date",
    endDate: "End Date",
    uen: "UEN",
  },
  courseSessions: {
    ssgSessionId: "SSG Session ID",
    courseRunId: "Course Run ID",
    startDate: "Start Date",
    endDate: "End Date",
    startTime: "Start Time",
    endTime: "End Time",
    modeOfTraining: "Mode of Training",
    attendanceTaken: "Attendance Taken",
    deleted: "Deleted",
    venueId: "Venue",
  },
  venues: {
    venueKey: "Venue Key",
    room: "Room",
    unit: "Unit",
    block: "Block",
    floor: "Floor",
    street: "Street",
    building: "Building",
    postalCode: "Postal Code",
    wheelchairAccess: "Wheelchair Access",
  },
} as const satisfies {
  courseRuns: Record<keyof CourseRunFields, string>;
  courseSessions: Record<keyof CourseSessionFields, string>;
  venues: Record<keyof VenueFields, string>;
};
