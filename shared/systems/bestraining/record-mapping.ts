// Logical BESTraining records (records.ts) ⇄ name-keyed TadaBase values. Field names come from
// BESTRAINING_FIELD_NAMES; the table turns them into this app's slugs.
import { InvalidResponse } from "../../errors.js";
import type { z } from "zod";
import type { TableRecord } from "./table.js";
import type { WriteValue } from "./values.js";
import { readBoolean, readIds, readText } from "./values.js";
import {
  BESTRAINING_FIELD_NAMES,
  courseRunRecordSchema,
  courseSessionRecordSchema,
  venueRecordSchema,
} from "./records.js";
import type { CourseRunRecord, CourseSessionFields, CourseSessionRecord, VenueFields, VenueRecord } from "./records.js";

export const SESSION_FIELDS = BESTRAINING_FIELD_NAMES.courseSessions;
export const VENUE_FIELDS = BESTRAINING_FIELD_NAMES.venues;
export const COURSE_RUN_FIELDS = BESTRAINING_FIELD_NAMES.courseRuns;

export type SessionFieldName = (typeof SESSION_FIELDS)[keyof typeof SESSION_FIELDS];
export type VenueFieldName = (typeof VENUE_FIELDS)[keyof typeof VENUE_FIELDS];
export type CourseRunFieldName = (typeof COURSE_RUN_FIELDS)[keyof typeof COURSE_RUN_FIELDS];

/** Logical fields → values keyed by BESTraining field name; absent fields are left out (partial writes). */
function byName<L extends string, N extends string>(names: Record<L, N>, fields: Partial<Record<L, WriteValue>>): Partial<Record<N, WriteValue>> {
  const out: Partial<Record<N, WriteValue>> = {};
  for (const [logical, value] of Object.entries(fields) as Array<[L, WriteValue | undefined]>) {
    if (value !== undefined) out[names[logical]] = value;
  }
  return out;
}

export function sessionToWrite(fields: Partial<CourseSessionFields>): Partial<Record<SessionFieldName, WriteValue>> {
  return byName(SESSION_FIELDS, fields);
}

export function venueToWrite(fields: Partial<VenueFields>): Partial<Record<VenueFieldName, WriteValue>> {
  return byName(VENUE_FIELDS, fields);
}

function checked<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new InvalidResponse("tadabase", "/data-tables/{tableId}/records", `${what}: ${issues}`);
}

export function sessionFromRecord(record: TableRecord<SessionFieldName>): CourseSessionRecord {
  const v = record.values;
  return checked(
    courseSessionRecordSchema,
    {
      id: record.id,
      ssgSessionId: readText(v[SESSION_FIELDS.ssgSessionId]),
      courseRunId: readText(v[SESSION_FIELDS.courseRunId]),
      startDate: readText(v[SESSION_FIELDS.startDate]),
      endDate: readText(v[SESSION_FIELDS.endDate]),
      startTime: readText(v[SESSION_FIELDS.startTime]),
      endTime: readText(v[SESSION_FIELDS.endTime]),
      modeOfTraining: readText(v[SESSION_FIELDS.modeOfTraining]),
      attendanceTaken: readBoolean(v[SESSION_FIELDS.attendanceTaken]),
      deleted: readBoolean(v[SESSION_FIELDS.deleted]),
      venueIds: readIds(v[SESSION_FIELDS.venueId]),
    },
    `Course Session ${record.id}`,
  );
}

export function venueFromRecord(record: TableRecord<VenueFieldName>): VenueRecord {
  const v = record.values;
  return checked(
    venueRecordSchema,
    {
      id: record.id,
      venueKey: readText(v[VENUE_FIELDS.venueKey]),
      room: readText(v[VENUE_FIELDS.room]),
      unit: readText(v[VENUE_FIELDS.unit]),
      block: readText(v[VENUE_FIELDS.block]),
      floor: readText(v[VENUE_FIELDS.floor]),
      street: readText(v[VENUE_FIELDS.street]),
      building: readText(v[VENUE_FIELDS.building]),
      postalCode: readText(v[VENUE_FIELDS.postalCode]),
      wheelchairAccess: readBoolean(v[VENUE_FIELDS.wheelchairAccess]),
    },
    `Venue ${record.id}`,
  );
}

export function courseRunFromRecord(record: TableRecord<CourseRunFieldName>): CourseRunRecord {
  const v = record.values;
  return checked(
    courseRunRecordSchema,
    {
      id: record.id,
      courseRunId: readText(v[COURSE_RUN_FIELDS.courseRunId]).trim(),
      courseReferenceNumber: readText(v[COURSE_RUN_FIELDS.courseReferenceNumber]).trim(),
      startDate: readText(v[COURSE_RUN_FIELDS.startDate]).trim(),
      endDate: readText(v[COURSE_RUN_FIELDS.endDate]).trim(),
      uen: readText(v[COURSE_RUN_FIELDS.uen]).trim(),
    },
    `Course Run ${record.id}`,
  );
}
