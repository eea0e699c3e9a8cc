// The BESTraining tables as the original service used them. Tests and clients refer to tables and
// fields by these NAMES; the slugs (field_<n>) are assigned per simulator instance and differ every run.

export const BESTRAINING_TABLES = {
  courseRuns: "Course Runs",
  courseSessions: "Course Sessions",
  venues: "Venues",
} as const;

export const COURSE_RUN_FIELDS = {
  runId: "Run ID",
  courseReferenceNumber: "Course Reference Number",
  startDate: "Start Date",
  endDate: "End Date",
  uen: "UEN",
} as const;

export const COURSE_SESSION_FIELDS = {
  ssgSessionId: "SSG Session ID",
  startDate: "Start Date",
  endDate: "End Date",
  startTime: "Start Time",
  endTime: "End Time",
  deleted: "Deleted",
  modeOfTraining: "Mode of Training",
  attendanceTaken: "Attendance Taken",
  venue: "Venue",
  courseRunId: "Course Run ID",
} as const;

export const VENUE_FIELDS = {
  room: "Room",
  unit: "Unit",
  block: "Block",
  floor: "Floor",
  street: "Street",
  building: "Building",
  postalCode: "Postal Code",
  wheelchairAccess: "Wheelchair Access",
  /** Not in the original app: our natural key, so venues are found by key instead of by a cache. */
  venueKey: "Venue Key",
} as const;

/** TadaBase field types the simulator knows (the `type` of the fields endpoint). */
export type FieldType = "Text" | "Number" | "Date" | "Time" | "Connection" | "Name";

export interface FieldDefinition {
  name: string;
  type: FieldType;
  required?: boolean;
  /** For a Connection: the NAME of the connected table. */
  connectsTo?: string;
}

export interface TableDefinition {
  name: string;
  fields: FieldDefinition[];
}

const text = (name: string, required = false): FieldDefinition => ({ name, type: "Text", ...(required ? { required } : {}) });

// Booleans (deleted, attendance taken, wheelchair access) are Text fields holding "True"/"False",
// as the original service wrote them.
export const BESTRAINING_SCHEMA: TableDefinition[] = [
  {
    name: BESTRAINING_TABLES.courseRuns,
    fields: [
      text(COURSE_RUN_FIELDS.runId, true),
      text(COURSE_RUN_FIELDS.courseReferenceNumber),
      { name: COURSE_RUN_FIELDS.startDate, type: "Date" },
      { name: COURSE_RUN_FIELDS.endDate, type: "Date" },
      text(COURSE_RUN_FIELDS.uen),
    ],
  },
  {
    name: BESTRAINING_TABLES.venues,
    fields: [
      text(VENUE_FIELDS.room),
      text(VENUE_FIELDS.unit),
      text(VENUE_FIELDS.block),
      text(VENUE_FIELDS.floor),
      text(VENUE_FIELDS.street),
      text(VENUE_FIELDS.building),
      text(VENUE_FIELDS.postalCode),
      text(VENUE_FIELDS.wheelchairAccess),
      text(VENUE_FIELDS.venueKey),
    ],
  },
  {
    name: BESTRAINING_TABLES.courseSessions,
    fields: [
      text(COURSE_SESSION_FIELDS.ssgSessionId, true),
      { name: COURSE_SESSION_FIELDS.startDate, type: "Date" },
      { name: COURSE_SESSION_FIELDS.endDate, type: "Date" },
      { name: COURSE_SESSION_FIELDS.startTime, type: "Time" },
      { name: COURSE_SESSION_FIELDS.endTime, type: "Time" },
      text(COURSE_SESSION_FIELDS.deleted),
      text(COURSE_SESSION_FIELDS.modeOfTraining),
      text(COURSE_SESSION_FIELDS.attendanceTaken),
      { name: COURSE_SESSION_FIELDS.venue, type: "Connection", connectsTo: BESTRAINING_TABLES.venues },
      text(COURSE_SESSION_FIELDS.courseRunId),
    ],
  },
];
