// The sync API (issue 5): start a sync of a course run's sessions, follow it, list, cancel, retry.
// Starting answers 202 with our own status URL; the Durable system key never reaches a client.
import { z } from "zod";
import { defineRoute } from "../contract.js";
import { courseReferenceNumber, courseRunId, queryFlag, sessionMonth, syncId, timestamp, uen } from "../formats.js";
import { PROBLEM_TYPE_BASE, problem, problemSchema } from "../problem.js";
import { locationHeaders, notFound, problemResponse, storageUnavailable } from "./common.js";

export const syncStatusSchema = z
  .enum(["pending", "running", "completed", "failed", "canceled"])
  .meta({ id: "SyncStatus", description: "completed = every item has an outcome (some may be `failed`); failed = the sync itself failed" });

export const startSyncRequestSchema = z
  .strictObject({
    courseReferenceNumber,
    uen: uen.optional(),
    sessionMonth: sessionMonth.optional(),
    includeExpiredCourses: z.boolean().optional().meta({ description: "Passed to SSG" }),
    dryRun: z.boolean().default(false).meta({ description: "Compute the plan (outcomes) without writing anything" }),
  })
  .meta({ id: "StartSyncRequest" });
export type StartSyncRequest = z.output<typeof startSyncRequestSchema>;

export const syncAcceptedSchema = z
  .object({
    id: syncId,
    runId: courseRunId,
    status: syncStatusSchema,
    statusUrl: z.url().meta({ description: "Poll this (GET) for progress and the result" }),
  })
  .meta({ id: "SyncAccepted" });

export const syncProgressSchema = z
  .object({
    total: z.int().min(0),
    created: z.int().min(0),
    updated: z.int().min(0),
    unchanged: z.int().min(0),
    deleted: z.int().min(0),
    failed: z.int().min(0),
  })
  .meta({ id: "SyncProgress", description: "Counts of items with an outcome so far; total = sessions in the plan" });

export const syncItemSchema = z
  .object({
    // As SSG sent it: a malformed session is reported too, under "#<index in SSG's list>" when it had no id.
    sessionId: z.string().min(1).max(200).meta({ description: "SSG session id (\"#n\" = the n-th session SSG sent without a usable id)", example: "TGS-2020000703-224596-S1" }),
    outcome: z.enum(["created", "updated", "unchanged", "deleted", "failed"]),
    recordId: z.string().max(100).optional().meta({ description: "BESTraining record id", example: "3GDN1mNeqP" }),
    error: z
      .object({ kind: z.string().meta({ example: "Unavailable" }), message: z.string() })
      .optional()
      .meta({ description: "Why the item failed (failed items only)" }),
  })
  .meta({ id: "SyncItem" });

const syncFields = {
  id: syncId,
  runId: courseRunId,
  status: syncStatusSchema,
  dryRun: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
  progress: syncProgressSchema,
  reason: z.string().max(1000).optional().meta({ description: "Why the sync failed (status `failed` only)", example: "ssg /courses/runs/{runId}/sessions: unavailable (status 503)" }),
};

export const syncSummarySchema = z.object(syncFields).meta({ id: "SyncSummary" });
export const syncSchema = z
  .object({ ...syncFields, items: z.array(syncItemSchema).optional().meta({ description: "Per-session outcomes (with ?details=true)" }) })
  .meta({ id: "Sync" });

export const syncPageSchema = z
  .object({
    items: z.array(syncSummarySchema),
    continuationToken: z.string().optional().meta({ description: "Pass back to get the next page; absent on the last page" }),
  })
  .meta({ id: "SyncPage" });

export const syncConflictProblemSchema = problemSchema
  .extend({ syncId, statusUrl: z.url() })
  .meta({ id: "SyncConflictProblem", description: "Problem details naming the sync that is in the way" });

const runIdParams = z.object({ runId: courseRunId });
const idParams = z.object({ id: syncId });

const acceptedExample = {
  id: "sync-224596-6f1c2a7e",
  runId: "224596",
  status: "pending",
  statusUrl: "https://example.org/api/syncs/sync-224596-6f1c2a7e",
};
const progressExample = { total: 12, created: 3, updated: 1, unchanged: 7, deleted: 0, failed: 1 };
const summaryExample = {
  id: "sync-224596-6f1c2a7e",
  runId: "224596",
  status: "completed",
  dryRun: false,
  createdAt: "2026-05-04T09:30:00.000Z",
  updatedAt: "2026-05-04T09:31:12.000Z",
  progress: progressExample,
};
const conflictExample = {
  type: `${PROBLEM_TYPE_BASE}sync-running`,
  title: "A sync is already running",
  status: 409,
  detail: "Course run 224596 is being synced by sync-224596-6f1c2a7e",
  instance: "/api/course-runs/224596/sessions/sync",
  syncId: "sync-224596-6f1c2a7e",
  statusUrl: "https://example.org/api/syncs/sync-224596-6f1c2a7e",
};

export const startSessionSync = defineRoute({
  name: "startSessionSync",
  method: "POST",
  route: "course-runs/{runId}/sessions/sync",
  auth: "function",
  tags: ["Syncs"],
  summary: "Sync a course run's sessions from SSG into BESTraining",
  description:
    "Starts a durable sync and answers at once with its status URL. One sync per course run at a time: while one runs, " +
    "another request answers 409 naming it. With `dryRun` the plan is computed and reported, and nothing is written.",
  params: runIdParams,
  body: {
    schema: startSyncRequestSchema,
    maxBytes: 4 * 1024,
    example: { courseReferenceNumber: "TGS-2020000703", uen: "201000372W", sessionMonth: "052026", dryRun: false },
  },
  responses: {
    202: { description: "Sync started; poll Location", schema: syncAcceptedSchema, headers: locationHeaders, example: acceptedExample },
    409: problemResponse("A sync of this course run is already running", syncConflictProblemSchema, conflictExample),
    503: storageUnavailable,
  },
});

export const getSync = defineRoute({
  name: "getSync",
  method: "GET",
  route: "syncs/{id}",
  auth: "function",
  tags: ["Syncs"],
  summary: "A sync's status, progress and (with details) per-session outcomes",
  params: idParams,
  query: z.object({ details: queryFlag.optional().meta({ description: "Include per-session outcomes (`items`)" }) }),
  responses: {
    200: {
      description: "The sync",
      schema: syncSchema,
      example: {
        ...summaryExample,
        items: [
          { sessionId: "TGS-2020000703-224596-S1", outcome: "created", recordId: "3GDN1mNeqP" },
          { sessionId: "TGS-2020000703-224596-S2", outcome: "failed", error: { kind: "Unavailable", message: "BESTraining is unavailable (status 503)" } },
        ],
      },
    },
    404: notFound("sync"),
    503: storageUnavailable,
  },
});

export const listSyncs = defineRoute({
  name: "listSyncs",
  method: "GET",
  route: "syncs",
  auth: "function",
  tags: ["Syncs"],
  summary: "A page of syncs, grouped by course run",
  query: z.object({
    runId: courseRunId.optional().meta({ description: "Only syncs of this course run" }),
    status: syncStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Page size" }),
    continuationToken: z.string().min(1).max(4096).optional().meta({ description: "From the previous page" }),
  }),
  responses: {
    200: { description: "A page of syncs", schema: syncPageSchema, example: { items: [summaryExample], continuationToken: "eyJwIjoyfQ" } },
    503: storageUnavailable,
  },
});

export const cancelSync = defineRoute({
  name: "cancelSync",
  method: "POST",
  route: "syncs/{id}/cancel",
  auth: "function",
  tags: ["Syncs"],
  summary: "Stop a running sync",
  description: "Items already written stay written; their outcomes remain in the status.",
  params: idParams,
  responses: {
    202: { description: "Cancellation requested; poll Location", schema: syncAcceptedSchema, headers: locationHeaders, example: { ...acceptedExample, status: "running" } },
    404: notFound("sync"),
    409: problemResponse(
      "The sync has already finished",
      problemSchema,
      problem(409, "sync-finished", "The sync has already finished", "Sync sync-224596-6f1c2a7e ended completed; there is nothing to cancel", {
        instance: "/api/syncs/sync-224596-6f1c2a7e/cancel",
      }),
    ),
    503: storageUnavailable,
  },
});

export const retrySync = defineRoute({
  name: "retrySync",
  method: "POST",
  route: "syncs/{id}/retry",
  auth: "function",
  tags: ["Syncs"],
  summary: "Start a new sync that redoes only the failed items of this one",
  params: idParams,
  responses: {
    202: { description: "Retry started; poll Location (a new sync id)", schema: syncAcceptedSchema, headers: locationHeaders, example: { ...acceptedExample, id: "sync-224596-9b0d4411" } },
    404: notFound("sync"),
    409: problemResponse("The sync is still running, another sync of its course run is, or it has no failed items", syncConflictProblemSchema, conflictExample),
    503: storageUnavailable,
  },
});

export const syncContracts = [startSessionSync, getSync, listSyncs, cancelSync, retrySync] as const;
