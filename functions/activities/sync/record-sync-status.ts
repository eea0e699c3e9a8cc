// Activity: record a sync's status in the sync list, freeing the run when the sync has ended.
import { recordSyncStatus as recordStep } from "../../../shared/sync-job/finish-step.js";
import { statusUpdateSchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { defineActivity } from "../define-activity.js";

export const recordSyncStatus = defineActivity("recordSyncStatus", statusUpdateSchema, (update) => recordStep(syncJobDeps(), update));
