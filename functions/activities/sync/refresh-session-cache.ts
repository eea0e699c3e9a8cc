// Activity: upsert the sessions SSG listed into the central session cache (the legacy read route's source).
import { refreshSessionCache as refreshStep } from "../../../shared/sync-job/finish-step.js";
import { syncRefSchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { settle } from "../../../shared/sync-job/step-result.js";
import { defineActivity } from "../define-activity.js";

export const refreshSessionCache = defineActivity("refreshSessionCache", syncRefSchema, (ref) => settle(() => refreshStep(syncJobDeps(), ref)));
