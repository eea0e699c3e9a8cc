// The API-side shape of an SSG session, for the original routes. Clients post what SSG gave them, so
// unknown fields are kept (SSG adds fields between versions), but every field we know is checked and
// sizes are bounded. It accepts at least what the wire schema (shared/systems/ssg) accepts, because
// the cache's read route answers sessions a sync stored from SSG (a test holds the two together).
import { z } from "zod";
import { sessionId } from "../formats.js";

const MAX_FIELDS = 40;
const yesNo = z.union([z.boolean(), z.string().max(20), z.int().min(0).max(1)]);
// SSG documents far shorter limits (block 10 ... room 255); the wire schema allows 1000 and so do we.
const venuePart = (max: number) => z.union([z.string().max(max), z.number()]).nullish();
const date = z.string().regex(/^\d{8}$/, "expected a date as YYYYMMDD").meta({ example: "20260504" });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "expected a time as HH:mm").meta({ example: "09:00" });
const fewFields = (o: object) => Object.keys(o).length <= MAX_FIELDS;

export const ssgVenueApiSchema = z
  .looseObject({
    block: venuePart(1000),
    street: venuePart(1000),
    floor: venuePart(1000),
    unit: venuePart(1000),
    building: venuePart(1000),
    postalCode: venuePart(1000),
    room: venuePart(1000),
    wheelChairAccess: yesNo.nullish(),
  })
  .refine(fewFields, `at most ${MAX_FIELDS} fields`)
  .meta({ id: "SsgVenue" });

export const ssgSessionApiSchema = z
  .looseObject({
    id: sessionId,
    startDate: date,
    endDate: date,
    startTime: time,
    endTime: time,
    modeOfTraining: z.union([z.string().regex(/^[1-9]$/, "expected a mode code 1 to 9"), z.int().min(1).max(9)]).meta({ example: "1" }),
    venue: ssgVenueApiSchema.nullish(),
    attendanceTaken: yesNo.nullish(),
    deleted: yesNo.nullish(),
  })
  .refine(fewFields, `at most ${MAX_FIELDS} fields`)
  .meta({
    id: "SsgSession",
    description: `A session as SSG's sessions endpoint returns it; unknown fields are kept (at most ${MAX_FIELDS} fields)`,
  });

export const ssgSessionExample = {
  id: "TGS-2020000703-224596-S1",
  startDate: "20260504",
  endDate: "20260504",
  startTime: "09:00",
  endTime: "17:00",
  modeOfTraining: "1",
  venue: { block: "112A", street: "Depot Road", floor: "3", unit: "38", building: "Tanjong Tower", postalCode: "109680", room: "Room 3", wheelChairAccess: true },
  attendanceTaken: false,
  deleted: false,
};
