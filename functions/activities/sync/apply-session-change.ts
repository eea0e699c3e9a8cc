// Activity: write one planned session change (create, update or mark deleted) and record its outcome.
import { applySessionChange as applyStep } from "../../../shared/sync-job/session-step.js";
import { planItemRefSchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { defineActivity } from "../define-activity.js";

export const applySessionChange = defineActivity("applySessionChange", planItemRefSchema, (ref) => applyStep(syncJobDeps(), ref));
