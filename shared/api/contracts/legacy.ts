// The original service's routes, kept in their original shapes (`runID`, `{id, session}`) for
// existing clients; now behind a function key like every other operation.
import { z } from "zod";
import { defineRoute } from "../contract.js";
import { courseReferenceNumber, courseRunId, queryFlag, sessionMonth, uen } from "../formats.js";
import { problem, problemSchema } from "../problem.js";
import { partnerFailures, problemResponse, storageUnavailable } from "./common.js";
import { ssgSessionApiSchema, ssgSessionExample } from "./ssg-session.js";

/** Most sessions one course run may carry in one request. */
export const MAX_SESSIONS_PER_REQUEST = 1000;

export const cachedSessionsSchema = z
  .object({
    runID: courseRunId,
    sessions: z.array(z.object({ id: z.string(), session: ssgSessionApiSchema })),
  })
  .meta({ id: "CachedCourseRunSessions", description: "The central session cache's document for one course run" });

export const ssgSessionsSchema = z
  .object({ runID: courseRunId, sessions: z.array(ssgSessionApiSchema) })
  .meta({ id: "SsgCourseRunSessions" });

export const addSessionsRequestSchema = z
  .object({
    runID: courseRunId,
    sessions: z.array(ssgSessionApiSchema).min(1).max(MAX_SESSIONS_PER_REQUEST),
  })
  .meta({ id: "AddCourseRunSessionsRequest" });

const runIdParams = z.object({ runId: courseRunId });
const cachedExample = { runID: "224596", sessions: [{ id: ssgSessionExample.id, session: ssgSessionExample }] };

export const getCachedSessions = defineRoute({
  name: "getCachedCourseRunSessions",
  method: "GET",
  route: "beso/courses/runs/{runId}/sessions",
  auth: "function",
  tags: ["Original routes"],
  summary: "A course run's sessions from the central session cache",
  description: "Every sync refreshes the cache; `sessions/add` upserts into it.",
  params: runIdParams,
  responses: {
    200: { description: "The cached sessions", schema: cachedSessionsSchema, example: cachedExample },
    404: problemResponse(
      "Nothing is cached for this course run",
      problemSchema,
      problem(404, "not-found", "Not found", "Nothing is cached for course run 224596", { instance: "/api/beso/courses/runs/224596/sessions" }),
    ),
    503: storageUnavailable,
  },
});

export const getSsgSessions = defineRoute({
  name: "getSsgCourseRunSessions",
  method: "GET",
  route: "SSG/courses/runs/{runId}/sessions",
  auth: "function",
  tags: ["Original routes"],
  summary: "A course run's sessions straight from SSG",
  params: runIdParams,
  query: z.object({
    courseReferenceNumber,
    uen: uen.optional(),
    sessionMonth: sessionMonth.optional(),
    includeExpiredCourses: queryFlag.optional().meta({ description: "Passed to SSG" }),
  }),
  responses: {
    200: { description: "SSG's sessions", schema: ssgSessionsSchema, example: { runID: "224596", sessions: [ssgSessionExample] } },
    404: problemResponse(
      "SSG knows no such course run",
      problemSchema,
      problem(404, "not-found", "Not found", "SSG has no course run 224596", { instance: "/api/SSG/courses/runs/224596/sessions" }),
    ),
    ...partnerFailures,
  },
});

export const addSessions = defineRoute({
  name: "addCourseRunSessions",
  method: "POST",
  route: "beso/courses/runs/sessions/add",
  auth: "function",
  tags: ["Original routes"],
  summary: "Upsert sessions (by id) into the central session cache",
  description: "Sessions missing from the request stay in the cache. Answers the stored document.",
  body: {
    schema: addSessionsRequestSchema,
    maxBytes: 2 * 1024 * 1024,
    example: { runID: "224596", sessions: [ssgSessionExample] },
  },
  responses: {
    200: { description: "The stored document after the upsert", schema: cachedSessionsSchema, example: cachedExample },
    503: storageUnavailable,
  },
});

export const legacyContracts = [getCachedSessions, getSsgSessions, addSessions] as const;
