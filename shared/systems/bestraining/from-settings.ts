// The app's one BESTraining repository, built from settings on first use and reused after: one
// client per process means one rate limiter and one circuit for every caller, and one schema read.
import type { Settings } from "../../config/index.js";
import { partnerLimits } from "../../config/index.js";
import { ConfigurationError } from "../../errors.js";
import type { TadaBaseSecrets } from "./secrets.js";
import { createTadaBaseClient } from "./client.js";
import { BesTrainingRepository } from "./repository.js";

const built = new WeakMap<Settings, WeakMap<TadaBaseSecrets, BesTrainingRepository>>();

export function besTrainingFromSettings(settings: Settings, secrets: TadaBaseSecrets): BesTrainingRepository {
  const forSettings = built.get(settings) ?? new WeakMap<TadaBaseSecrets, BesTrainingRepository>();
  built.set(settings, forSettings);
  let repository = forSettings.get(secrets);
  if (repository === undefined) {
    const limits = partnerLimits(settings, "tadabase");
    if (!limits.baseUrl) throw new ConfigurationError("TADABASE_BASE_URL is not set");
    const client = createTadaBaseClient({
      secrets,
      http: {
        baseUrl: limits.baseUrl,
        attemptTimeoutMs: limits.timeoutMs,
        deadlineMs: limits.deadlineMs,
        maxAttempts: limits.maxAttempts,
        concurrency: limits.concurrency,
        requestsPerMinute: limits.requestsPerMinute,
      },
    });
    repository = new BesTrainingRepository(client, {
      courseRuns: settings.BESTRAINING_TABLE_COURSE_RUNS,
      courseSessions: settings.BESTRAINING_TABLE_COURSE_SESSIONS,
      venues: settings.BESTRAINING_TABLE_VENUES,
    });
    forSettings.set(secrets, repository);
  }
  return repository;
}
