// TadaBase's answers as they arrive (api/v1). Parsed with zod at the edge; unknown keys are kept
// where records carry them (field slugs), ignored elsewhere.
import { z } from "zod";

export const tablesAnswerSchema = z.object({
  data_tables: z.array(z.object({ id: z.string().min(1), name: z.string() })),
});

export const fieldsAnswerSchema = z.object({
  fields: z.array(z.object({ slug: z.string().min(1), name: z.string(), type: z.string().default("") })),
});

/** A record: its id, then every field by slug (connection fields may add `<slug>_val` companions). */
export const wireRecordSchema = z.object({ id: z.string().min(1) }).catchall(z.unknown());
export type WireRecord = z.infer<typeof wireRecordSchema>;

// Numbers arrive as numbers or numeric strings depending on the endpoint's mood.
const count = z.coerce.number().int().nonnegative();

export const pageAnswerSchema = z.object({
  items: z.array(wireRecordSchema),
  total_items: count,
  total_pages: count,
  current_page: count.optional(),
  limit: count.optional(),
});
export type PageAnswer = z.infer<typeof pageAnswerSchema>;

export const itemAnswerSchema = z.object({ item: wireRecordSchema });

export const createdAnswerSchema = z.object({ recordId: z.string().min(1) });

/** TadaBase's error body: `{type:"error", msg, status?, errors?: {slug: [message]}}`. */
export const errorAnswerSchema = z.object({
  type: z.literal("error"),
  msg: z.string().optional(),
  status: z.coerce.number().int().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
});
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

const budgetSchema = z.object({ allowed: count, remaining: count, resets_in_seconds: count });
export type WireBudget = z.infer<typeof budgetSchema>;

/** GET /status: the plan's per-minute and per-day budgets. */
export const statusAnswerSchema = z.object({ per_minute: budgetSchema, per_day: budgetSchema });
