// The demo dataset `npm run simulators` and `npm start` serve: SSG's fixture runs plus generated ones,
// and BESTraining's Course Runs table listing the same runs (BESTraining already knows the runs;
// sessions are what a sync brings over). It goes in as start data, so a reset returns to it.
import { SSG_FIXTURE_RUNS } from "./ssg/fixtures.js";
import { generateSsgRuns } from "./ssg/generator.js";
import { ssgRunSchema, type SsgRun } from "./ssg/model.js";
import { BESTRAINING_TABLES, COURSE_RUN_FIELDS } from "./tadabase/schema.js";
import type { StartSimulatorsOptions } from "./index.js";

export interface DemoOptions {
  seed?: number;
  runs?: number;
  sessionsPerRun?: number;
}

export function demoDataset({ seed = 42, runs = 5, sessionsPerRun = 6 }: DemoOptions = {}): Pick<StartSimulatorsOptions, "ssg" | "tadabase"> & { runs: SsgRun[] } {
  const all = [...SSG_FIXTURE_RUNS.map((r) => ssgRunSchema.parse(r)), ...generateSsgRuns({ runs, sessionsPerRun, seed })];
  const date = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const courseRuns = all.map((run) => ({
    [COURSE_RUN_FIELDS.runId]: run.id,
    [COURSE_RUN_FIELDS.courseReferenceNumber]: run.referenceNumber,
    [COURSE_RUN_FIELDS.startDate]: date(run.startDate),
    [COURSE_RUN_FIELDS.endDate]: date(run.endDate),
    [COURSE_RUN_FIELDS.uen]: run.uen,
  }));
  return { runs: all, ssg: { runs: all }, tadabase: { seed: { [BESTRAINING_TABLES.courseRuns]: courseRuns } } };
}
