// Activity: tell BESCognitive Agent what a sync changed (idempotent by event id; never fails the sync).
import { notifyAgent as notifyStep } from "../../../shared/sync-job/finish-step.js";
import { notifySchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { defineActivity } from "../define-activity.js";

export const notifyAgent = defineActivity("notifyAgent", notifySchema, (request) => notifyStep(syncJobDeps(), request));
