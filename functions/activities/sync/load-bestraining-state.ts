// Activity: read what BESTraining holds for the run (sessions and the venues involved) and stage it.
import { loadBesTrainingState as loadStep } from "../../../shared/sync-job/stage.js";
import { syncRefSchema } from "../../../shared/sync-job/types.js";
import { syncJobDeps } from "../../../shared/sync-job/wiring.js";
import { settle } from "../../../shared/sync-job/step-result.js";
import { defineActivity } from "../define-activity.js";

export const loadBesTrainingState = defineActivity("loadBesTrainingState", syncRefSchema, (ref) => settle(() => loadStep(syncJobDeps(), ref)));
