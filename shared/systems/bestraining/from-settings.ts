// The app's one BESTraining repository, built from settings on first use: one client per process
// means one rate limiter and one circuit for every caller, and one schema discovery.
import { partnerLimits } from "../../config/index.js";
import { ConfigurationError } from "../../errors.js";
import { httpLimits, perProcess } from "../per-process.js";
import { createTadaBaseClient } from "./client.js";
import { BesTrainingRepository } from "./repository.js";
import type { TadaBaseSecrets } from "./secrets.js";

export const besTrainingFromSettings = perProcess((settings, secrets: TadaBaseSecrets) => {
  const limits = partnerLimits(settings, "tadabase");
  if (!limits.baseUrl) throw new ConfigurationError("TADABASE_BASE_URL is not set");
  const client = createTadaBaseClient({ secrets, http: { baseUrl: limits.baseUrl, ...httpLimits(limits) } });
  return new BesTrainingRepository(client, {
    courseRuns: settings.BESTRAINING_TABLE_COURSE_RUNS,
    courseSessions: settings.BESTRAINING_TABLE_COURSE_SESSIONS,
    venues: settings.BESTRAINING_TABLE_VENUES,
  });
});
