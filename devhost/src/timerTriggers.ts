// Timer triggers: six-field NCRONTAB schedules (second first, like the host) run by croner, with
// runOnStartup and isPastDue. Times are UTC unless WEBSITE_TIME_ZONE names a zone.
import { Cron } from "croner";
import type { RegisteredFunction } from "./app/coreApi.js";
import type { RpcTypedData } from "./app/coreTypes.js";
import type { Invoker } from "./app/invoke.js";
import { DevhostConfigError } from "./errors.js";
import { resolveSettingRefs } from "./settings.js";
import type { Settings } from "./settings.js";

export interface TimerFunction {
  fn: RegisteredFunction;
  triggerName: string;
  schedule: string;
  runOnStartup: boolean;
}

const PAST_DUE_MS = 1000;

export function timerFunction(fn: RegisteredFunction, settings: Settings): TimerFunction {
  const entry = Object.entries(fn.metadata.bindings).find(([, b]) => b.type.toLowerCase() === "timertrigger");
  if (!entry) throw new DevhostConfigError(`Function '${fn.metadata.name}' has no timerTrigger binding`);
  const [triggerName, binding] = entry;
  const where = `Function '${fn.metadata.name}' schedule`;
  const schedule = resolveSettingRefs((typeof binding.schedule === "string" ? binding.schedule : ""), settings, where).trim();
  if (schedule.split(/\s+/).length !== 6) {
    throw new DevhostConfigError(`${where} "${schedule}" is not a six-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week})`);
  }
  try {
    new Cron(schedule, { paused: true }).stop();
  } catch (error) {
    throw new DevhostConfigError(`${where} "${schedule}" is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { fn, triggerName, schedule, runOnStartup: binding.runOnStartup === true };
}

/** `extraInputs` supplies non-trigger inputs, e.g. the durable client of `df.app.client.timer`. */
export function startTimers(
  timers: TimerFunction[],
  invoker: Invoker,
  settings: Settings,
  extraInputs: (fn: RegisteredFunction) => { name: string; data: RpcTypedData }[],
): { stop(): void } {
  const timezone = settings.WEBSITE_TIME_ZONE ?? process.env.WEBSITE_TIME_ZONE ?? "UTC";
  const jobs: Cron[] = [];
  for (const timer of timers) {
    const fire = async (isPastDue: boolean, last: Date | null, next: Date | null): Promise<void> => {
      const info = {
        Schedule: { AdjustForDST: true },
        ScheduleStatus: { Last: (last ?? new Date(0)).toISOString(), Next: next?.toISOString() ?? null, LastUpdated: new Date().toISOString() },
        IsPastDue: isPastDue,
      };
      await invoker.invoke(timer.fn, { inputData: [{ name: timer.triggerName, data: { json: JSON.stringify(info) } }, ...extraInputs(timer.fn)] });
    };
    let expected: Date | null = null;
    const job = new Cron(timer.schedule, { timezone, protect: true, unref: true, catch: true }, async (self: Cron) => {
      const pastDue = expected !== null && Date.now() - expected.getTime() > PAST_DUE_MS;
      const last = expected;
      expected = self.nextRun();
      await fire(pastDue, last, expected);
    });
    expected = job.nextRun();
    jobs.push(job);
    if (timer.runOnStartup) void fire(false, null, expected);
  }
  return {
    stop() {
      for (const job of jobs) job.stop();
    },
  };
}
