// Activity: plan the sync from the staged snapshots and stage the writes by index.
import { z } from "zod";
import { planAndStage } from "../../../shared/sync-job/plan-step.js";
import { syncRefSchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { settle } from "../../../shared/sync-job/step-result.js";
import { defineActivity } from "../define-activity.js";

const input = syncRefSchema.extend({ sessionMonth: z.string().optional(), retryOf: z.string().optional(), dryRun: z.boolean().default(false) });

export const planSessionSync = defineActivity("planSessionSync", input, ({ syncId, runId, ...options }) =>
  settle(() => planAndStage(syncJobDeps(), { syncId, runId }, options)),
);
