// Activity: make sure one planned venue exists in BESTraining (find by key, else create).
import { planItemRefSchema } from "../../../shared/sync-job/types.js";
import { ensureVenue as ensureStep } from "../../../shared/sync-job/venue-step.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { defineActivity } from "../define-activity.js";

export const ensureVenue = defineActivity("ensureVenue", planItemRefSchema, (ref) => ensureStep(syncJobDeps(), ref));
