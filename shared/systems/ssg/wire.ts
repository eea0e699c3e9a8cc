// Wire shapes of the SSG answers and requests this client uses, apart from the session itself
// (session.ts). Loose objects: SSG adds fields between API versions; only what we read is checked.
import { z } from "zod";
import { ssgSessionSchema } from "./session.js";

/** Course run ids are numbers at SSG (224596); we carry them as text. */
export const ssgRunIdSchema = z.union([z.int().nonnegative(), z.string().regex(/^\d{1,12}$/)]).transform(String);

/** A training provider's Unique Entity Number. */
const uenSchema = z.string().trim().regex(/^[A-Za-z0-9]{8,12}$/, "expected a UEN such as 201000372W");
const referenceSchema = z.string().trim().min(1).max(100);

/** What callers may pass as a run id: digits only, so it is safe in a path. */
export const runIdInputSchema = z.union([z.int().nonnegative(), z.string().trim().regex(/^\d{1,12}$/, "expected a course run id (digits)")]).transform(String);

export const sessionsQuerySchema = z.object({
  uen: uenSchema.optional(),
  courseReferenceNumber: referenceSchema,
  /** MMYYYY, e.g. 032025. */
  sessionMonth: z.string().regex(/^(0[1-9]|1[0-2])\d{4}$/, "expected MMYYYY").optional(),
  includeExpiredCourses: z.boolean().optional(),
});
export type SsgSessionsQuery = z.input<typeof sessionsQuerySchema>;

export const sessionsDataSchema = z.looseObject({
  // An empty run may come back without the array.
  sessions: z.array(ssgSessionSchema).nullish().transform((s) => s ?? []),
});

/** The list with each session unchecked (objects only): see SsgClient.getCourseRunSessionItems. */
export const sessionItemsDataSchema = z.looseObject({
  sessions: z.array(z.looseObject({})).nullish().transform((s): unknown[] => s ?? []),
});

export const ssgCourseRunSchema = z.looseObject({
  referenceNumber: z.string().min(1),
  title: z.string().nullish(),
  run: z.looseObject({
    id: ssgRunIdSchema,
    sessions: z.array(ssgSessionSchema).nullish(),
  }),
});
export type SsgCourseRun = z.output<typeof ssgCourseRunSchema>;
export const courseRunDataSchema = z.looseObject({ course: ssgCourseRunSchema });

export const attendanceQuerySchema = z.object({
  uen: uenSchema,
  courseReferenceNumber: referenceSchema,
  sessionId: z.string().trim().min(1).max(100),
});
export type SsgAttendanceQuery = z.input<typeof attendanceQuerySchema>;

const codeSchema = z.looseObject({ code: z.union([z.string(), z.number()]).transform(String), description: z.string().nullish() });

/** Attendance status codes: 1 Confirmed, 2 Unconfirmed, 3 Rejected, 4 TP Voided. */
export const attendanceStatusCodeSchema = z.enum(["1", "2", "3", "4"]);

const phoneSchema = z.looseObject({
  mobile: z.string().nullish(),
  areaCode: z.union([z.string(), z.number()]).nullish(),
  countryCode: z.union([z.string(), z.number()]).nullish(),
});

/** A trainee as attendance answers carry it: only the id is certain. */
const traineeSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
  idType: codeSchema.nullish(),
  contactNumber: phoneSchema.nullish(),
  numberOfHours: z.number().nonnegative().nullish(),
  surveyLanguage: codeSchema.nullish(),
});

export const attendanceRecordSchema = z.looseObject({
  status: codeSchema.nullish(),
  trainee: traineeSchema,
});

/** One session's attendance (unverified against SSG: the simulator's shape, lenient about ids). */
export const sessionAttendanceDataSchema = z.looseObject({
  courseReferenceNumber: z.string().nullish(),
  courseRunId: ssgRunIdSchema.nullish(),
  sessionId: z.string().nullish(),
  attendance: z.array(attendanceRecordSchema).nullish().transform((a) => a ?? []),
});
export type SsgSessionAttendance = z.output<typeof sessionAttendanceDataSchema>;

/** The body of an attendance upload, checked before it is encrypted and sent. */
export const attendanceUploadSchema = z.object({
  uen: uenSchema,
  course: z.object({
    sessionID: z.string().min(1).max(100),
    referenceNumber: z.string().min(1).max(100),
    attendance: z.object({
      status: z.object({ code: attendanceStatusCodeSchema }),
      trainee: z.looseObject({
        id: z.string().min(1).max(50),
        name: z.string().min(1).max(66),
        idType: z.object({ code: z.string().min(1).max(10) }),
        email: z.string().max(320).optional(),
        contactNumber: phoneSchema.optional(),
        numberOfHours: z.number().nonnegative().max(24).optional(),
        surveyLanguage: z.object({ code: z.string().min(1).max(10) }).optional(),
      }),
    }),
  }),
  corppassId: z.string().min(1).max(100),
});
export type SsgAttendanceUpload = z.input<typeof attendanceUploadSchema>;

/** SSG's acknowledgement of an upload: loosely checked, handed back as is. */
export const attendanceUploadDataSchema = z.looseObject({});
export type SsgAttendanceUploadResult = z.output<typeof attendanceUploadDataSchema>;
