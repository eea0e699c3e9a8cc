// The API-side shape of an SSG session, for the original `sessions/add` route. Clients post what
// SSG gave them, so unknown fields are kept (SSG adds fields between versions), but every field we
// know is checked and sizes are bounded. The wire schema for SSG itself lives in shared/systems/ssg.
import { z } from "zod";
import { sessionId } from "../formats.js";

const MAX_FIELDS = 40;
const yesNo = z.union([z.boolean(), z.string().max(5), z.int().min(0).max(1)]);
const venuePart = (max: number) => z.union([z.string().max(max), z.number()]).nullish();
const date = z.string().regex(/^\d{8}$/, "expected a date as YYYYMMDD").meta({ example: "20260504" });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "expected a time as HH:mm").meta({ example: "09:00" });
const fewFields = (o: object) => Object.keys(o).length <= MAX_FIELDS;

export const ssgVenueApiSchema = z
  .looseObject({
    block: venuePart(10),
    street: venuePart(100),
    floor: venuePart(10),
    unit: venuePart(10),
    building: venuePart(100),
    postalCode: venuePart(10),
    room: venuePart(255),
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
