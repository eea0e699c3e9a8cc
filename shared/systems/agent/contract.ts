// The BESCognitive Agent event API v1 (docs/agent-api.md) as zod schemas: what we send and what the
// agent answers. Changing anything here changes the contract: update the document with it.
import { z } from "zod";

export const AGENT_API = {
  events: "/v1/events",
  health: "/v1/health",
  timestampHeader: "X-BES-Timestamp",
  signatureHeader: "X-BES-Signature",
  /** Largest body the agent accepts. */
  maxBodyBytes: 256 * 1024,
} as const;

/** At most this many changed session ids travel in one event; the rest are counted only. */
export const MAX_CHANGED_SESSION_IDS = 500;

export const agentEventSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "1–128 characters of [A-Za-z0-9._:-]"),
  type: z
    .string()
    .max(100)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/, "<noun>.<past-tense-verb>, lower case with dashes"),
  occurredAt: z.iso.datetime({ message: "an RFC 3339 date-time in UTC (Z)" }),
  source: z.string().max(100).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type AgentEvent = z.infer<typeof agentEventSchema>;

const count = z.number().int().nonnegative();

export const sessionsSyncedDataSchema = z.object({
  courseRunId: z.string().min(1),
  sessionMonth: z
    .string()
    .regex(/^(0[1-9]|1[0-2])\d{4}$/, "MMYYYY")
    .optional(),
  syncId: z.string().max(200).optional(),
  counts: z.object({ created: count, updated: count, deleted: count, unchanged: count, failed: count }),
  changedSessionIds: z.array(z.string().min(1)).max(MAX_CHANGED_SESSION_IDS),
  changedSessionIdsTruncated: z.boolean(),
});
export type SessionsSyncedData = z.infer<typeof sessionsSyncedDataSchema>;

/** Data schemas of the types we send, checked before sending (the agent checks them too). */
export const EVENT_DATA_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  "course-run.sessions-synced": sessionsSyncedDataSchema,
};

export const eventAnswerSchema = z.object({
  id: z.string(),
  status: z.enum(["accepted", "duplicate"]),
});
export type EventAnswer = z.infer<typeof eventAnswerSchema>;

export const healthAnswerSchema = z.object({ status: z.string(), version: z.string().optional() });

export const agentErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
