// The scheduled sync: on SYNC_SCHEDULE (NCRONTAB), start a sync for every active course run listed
// in BESTraining (end date today or later), skipping runs a sync is already busy with.
// Registered only when the setting is non-empty: the host refuses to index a timer whose schedule
// resolves to nothing, so "off" must mean "no function", not an empty schedule.
import type { InvocationContext, Timer } from "@azure/functions";
import * as df from "durable-functions";
import type { DurableClient } from "durable-functions";
import { courseReferenceNumber, courseRunId, uen } from "../../shared/api/formats.js";
import { loadSettings } from "../../shared/config/index.js";
import { describeError } from "../../shared/errors.js";
import { currentLogger, withLogger } from "../../shared/logging.js";
import { secretProvider } from "../../shared/secrets/index.js";
import type { CourseRunRecord } from "../../shared/systems/bestraining/records.js";
import { besTrainingFromSettings } from "../../shared/systems/bestraining/from-settings.js";
import { contextLogger } from "../http/route.js";
import { startSync, type SyncParams } from "../http/start-sync.js";

export const SYNC_SCHEDULE_FUNCTION = "syncSchedule";

export interface ScheduleSummary {
  active: number;
  started: number;
  busy: number;
  invalid: number;
  failed: number;
}

/** The sync a course run record asks for, or why it cannot be synced. */
function paramsOf(run: CourseRunRecord): SyncParams | string {
  if (!courseRunId.safeParse(run.courseRunId).success) return `run id "${run.courseRunId}" is not an SSG course run id`;
  if (!courseReferenceNumber.safeParse(run.courseReferenceNumber).success) return `course reference number "${run.courseReferenceNumber}" is not valid`;
  const provider = run.uen.trim();
  if (provider !== "" && !uen.safeParse(provider).success) return `UEN "${provider}" is not valid`;
  return { runId: run.courseRunId, courseReferenceNumber: run.courseReferenceNumber, ...(provider === "" ? {} : { uen: provider }), dryRun: false };
}

/** One scheduled pass; `today` is YYYY-MM-DD of the invocation. Each run is started on its own. */
export async function startScheduledSyncs(client: DurableClient, today: string): Promise<ScheduleSummary> {
  const runs = await besTrainingFromSettings(loadSettings(), secretProvider()).listActiveCourseRuns(today);
  const unique = [...new Map(runs.map((r) => [r.courseRunId, r])).values()];
  const summary: ScheduleSummary = { active: unique.length, started: 0, busy: 0, invalid: 0, failed: 0 };
  // One after another: starting is cheap, and the syncs themselves share the partners' limiters.
  for (const run of unique) {
    const params = paramsOf(run);
    if (typeof params === "string") {
      summary.invalid += 1;
      currentLogger().warn(`scheduled sync: skipped Course Runs record ${run.id}: ${params}`);
      continue;
    }
    try {
      const result = await startSync(client, params);
      if (result.started) summary.started += 1;
      else summary.busy += 1;
    } catch (error) {
      summary.failed += 1;
      currentLogger().warn(`scheduled sync: run ${params.runId} could not be started: ${describeError(error).message}`);
    }
  }
  return summary;
}

async function onSchedule(timer: Timer, client: DurableClient, context: InvocationContext): Promise<void> {
  await withLogger(contextLogger(context), async () => {
    const today = new Date().toISOString().slice(0, 10);
    const s = await startScheduledSyncs(client, today);
    currentLogger().info(
      `scheduled sync ${today}${timer.isPastDue ? " (past due)" : ""}: ${s.active} active course runs, ${s.started} started, ${s.busy} already syncing, ${s.invalid} invalid, ${s.failed} failed to start`,
    );
  });
}

if ((process.env.SYNC_SCHEDULE ?? "").trim() !== "") {
  df.app.client.timer(SYNC_SCHEDULE_FUNCTION, { schedule: "%SYNC_SCHEDULE%", handler: onSchedule });
}
