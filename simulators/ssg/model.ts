// SSG's course runs and sessions as the sessions endpoint sends them (wire field names kept).
import { z } from "zod";

// Venue parts arrive as text or numbers (postal codes lose their leading zero when numeric).
const part = z.union([z.string(), z.number()]);

export const ssgVenueSchema = z.object({
  block: part.optional(),
  street: part.optional(),
  floor: part.optional(),
  unit: part.optional(),
  building: part.optional(),
  postalCode: part.optional(),
  room: part.optional(),
  wheelChairAccess: z.union([z.boolean(), z.string()]).optional(),
});

export const ssgSessionSchema = z.object({
  /** "TGS-2020000703-224596-S1": course reference number, run id, S + ordinal. */
  id: z.string().min(1),
  startDate: z.string().regex(/^\d{8}$/),
  endDate: z.string().regex(/^\d{8}$/),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  endTime: z.string().regex(/^\d{2}:\d{2}$/),
  modeOfTraining: z.string().regex(/^[1-9]$/),
  venue: ssgVenueSchema.optional(),
  attendanceTaken: z.boolean().default(false),
  deleted: z.boolean().default(false),
});

export const ssgRunSchema = z.object({
  /** SSG's numeric course run id, as a string ("224596"). */
  id: z.string().regex(/^\d+$/),
  /** Course reference number ("TGS-2020000703"). */
  referenceNumber: z.string().min(1),
  uen: z.string().min(1),
  title: z.string().default("Simulated course"),
  trainingProviderName: z.string().default("Simulated Training Provider Pte Ltd"),
  startDate: z.string().regex(/^\d{8}$/),
  endDate: z.string().regex(/^\d{8}$/),
  /** The course is past its validity: hidden when includeExpiredCourses=false. */
  expired: z.boolean().default(false),
  sessions: z.array(ssgSessionSchema).default([]),
});

export type SsgVenue = z.infer<typeof ssgVenueSchema>;
export type SsgSession = z.infer<typeof ssgSessionSchema>;
export type SsgSessionInput = z.input<typeof ssgSessionSchema>;
export type SsgRun = z.infer<typeof ssgRunSchema>;
export type SsgRunInput = z.input<typeof ssgRunSchema>;

export const SSG_MODES: Record<string, string> = {
  "1": "Classroom",
  "2": "Asynchronous eLearning",
  "3": "In-house",
  "4": "On-the-Job",
  "5": "Practical / Practicum",
  "6": "Supervised Field",
  "7": "Traineeship",
  "8": "Assessment",
  "9": "Synchronous Learning",
};
