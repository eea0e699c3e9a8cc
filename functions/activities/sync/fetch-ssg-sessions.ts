// Activity: read the run's sessions from SSG once and stage them for planning.
import { z } from "zod";
import { fetchSsgSessions as fetchStep } from "../../../shared/sync-job/stage.js";
import { syncRefSchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { settle } from "../../../shared/sync-job/step-result.js";
import { defineActivity } from "../define-activity.js";

const input = syncRefSchema.extend({
  courseReferenceNumber: z.string(),
  uen: z.string().optional(),
  sessionMonth: z.string().optional(),
  includeExpiredCourses: z.boolean().optional(),
});

export const fetchSsgSessions = defineActivity("fetchSsgSessions", input, ({ syncId, runId, ...query }) =>
  settle(() => fetchStep(syncJobDeps(), { syncId, runId }, query)),
);
