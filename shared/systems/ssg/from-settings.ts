// One SSG client per configuration and secrets provider for the whole process: activity invocations
// share its token cache, circuit breaker and rate limiter instead of each starting afresh.
import { partnerLimits, type Settings } from "../../config/index.js";
import { ConfigurationError } from "../../errors.js";
import { SsgClient } from "./client.js";
import type { SsgSecrets } from "./secrets.js";

const clients = new WeakMap<SsgSecrets, Map<string, SsgClient>>();

export function ssgClientFromSettings(settings: Settings, secrets: SsgSecrets): SsgClient {
  const limits = partnerLimits(settings, "ssg");
  if (!limits.baseUrl) throw new ConfigurationError("SSG_BASE_URL is not set");
  const options = {
    baseUrl: limits.baseUrl,
    authMode: settings.SSG_AUTH_MODE,
    apiVersions: {
      sessions: settings.SSG_API_VERSION_SESSIONS,
      courseRun: settings.SSG_API_VERSION_COURSE_RUN,
      attendance: settings.SSG_API_VERSION_ATTENDANCE,
    },
    limits: {
      attemptTimeoutMs: limits.timeoutMs,
      deadlineMs: limits.deadlineMs,
      maxAttempts: limits.maxAttempts,
      concurrency: limits.concurrency,
      requestsPerMinute: limits.requestsPerMinute,
    },
  };
  const key = JSON.stringify(options);
  let bySettings = clients.get(secrets);
  if (!bySettings) {
    bySettings = new Map();
    clients.set(secrets, bySettings);
  }
  let client = bySettings.get(key);
  if (!client) {
    client = new SsgClient({ ...options, secrets });
    bySettings.set(key, client);
  }
  return client;
}
