// One partner's resilience settings as a plain object, so shared/http needs no knowledge of the
// setting names.
import type { Settings } from "./settings-schema.js";

export type ConfiguredPartner = "ssg" | "tadabase" | "agent";

export interface PartnerLimits {
  /** Absent only for the agent, when agent events are off. */
  baseUrl: string | undefined;
  timeoutMs: number;
  deadlineMs: number;
  maxAttempts: number;
  concurrency: number;
  requestsPerMinute: number;
  /** TadaBase plans also cap requests per day. */
  requestsPerDay: number | undefined;
}

export function partnerLimits(settings: Settings, partner: ConfiguredPartner): PartnerLimits {
  const p = partner.toUpperCase() as "SSG" | "TADABASE" | "AGENT";
  return {
    baseUrl: settings[`${p}_BASE_URL`],
    timeoutMs: settings[`${p}_TIMEOUT_MS`],
    deadlineMs: settings[`${p}_DEADLINE_MS`],
    maxAttempts: settings[`${p}_MAX_ATTEMPTS`],
    concurrency: settings[`${p}_CONCURRENCY`],
    requestsPerMinute: settings[`${p}_REQUESTS_PER_MINUTE`],
    requestsPerDay: partner === "tadabase" ? settings.TADABASE_REQUESTS_PER_DAY : undefined,
  };
}
