// Field formats shared by the API contracts. Each carries a message a client can act on and an
// example that appears in the OpenAPI document, so the docs and the validation say the same thing.
import { z } from "zod";

/** SSG course run ids are numeric strings ("224596"). */
export const courseRunId = z
  .string()
  .regex(/^\d{1,12}$/, "expected a course run id of 1 to 12 digits, e.g. 224596")
  .meta({ description: "SSG course run id (digits)", example: "224596" });

/** "TGS-2020000703", "CRS-N-0041374": upper-case letter/digit groups joined by hyphens. */
export const courseReferenceNumber = z
  .string()
  .max(50, "expected at most 50 characters")
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)+$/, "expected a course reference number such as TGS-2020000703")
  .meta({ description: "SSG course reference number", example: "TGS-2020000703" });

/** Singapore Unique Entity Number: 9 or 10 letters and digits ("201000372W"). */
export const uen = z
  .string()
  .regex(/^[0-9A-Z]{9,10}$/, "expected a UEN of 9 or 10 upper-case letters and digits, e.g. 201000372W")
  .meta({ description: "Training provider's UEN (absent = the app's configured UEN)", example: "201000372W" });

/** MMYYYY, as SSG's sessions endpoint takes it. */
export const sessionMonth = z
  .string()
  .regex(/^(0[1-9]|1[0-2])\d{4}$/, "expected a month as MMYYYY, e.g. 052026")
  .meta({ description: "Only sessions of this month (MMYYYY)", example: "052026" });

/** Our sync ids double as Durable instance ids: no '/', '\\', '#', '?' or control characters. */
export const syncId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, "expected a sync id (letters, digits, '-' and '_')")
  .meta({ description: "Sync id, as returned when the sync was started", example: "sync-224596-6f1c2a7e" });

/** SSG session ids ("TGS-2020000703-224596-S1"). */
export const sessionId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "expected an SSG session id such as TGS-2020000703-224596-S1")
  .meta({ example: "TGS-2020000703-224596-S1" });

/** Query-string yes/no: only the two spellings a client is likely to mean. */
export const queryFlag = z
  .enum(["true", "false"], { error: "expected true or false" })
  .transform((value) => value === "true");

/** ISO 8601 timestamps as we emit them. */
export const timestamp = z.iso.datetime({ offset: true }).meta({ example: "2026-05-04T09:30:00.000Z" });
