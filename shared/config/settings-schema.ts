// Every setting the app reads (app settings in Azure, local.settings.json Values locally), as one
// zod object. Each field carries a SettingInfo (what it is, what a valid value looks like) that
// feeds both the start-up error message and the README's settings table.
// Secret values (partner credentials) are not here: shared/secrets reads them by name.
import { z } from "zod";
import { ncrontabProblem } from "./ncrontab.js";

export interface SettingInfo {
  /** What the setting does, for the README. */
  description: string;
  /** What a valid value looks like, for error messages and the README. */
  rule: string;
}

export const settingInfo = z.registry<SettingInfo>();

function documented<T extends z.ZodType>(schema: T, info: SettingInfo): T {
  settingInfo.add(schema, info);
  return schema;
}

// multipleOf(1), not int(): zod's int() aborts the whole object on failure, which would hide the
// cross-field issues below from the one error message.
const int = (def: number, min: number, max: number, description: string) =>
  documented(z.coerce.number().multipleOf(1).min(min).max(max).default(def), { description, rule: `integer ${min}–${max}` });

const httpUrl = () => z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));
const guid = () => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const apiVersion = (def: string, what: string) =>
  documented(z.string().regex(/^v\d+\.\d+$/).default(def), { description: `SSG \`x-api-version\` for ${what}`, rule: "vN.N" });
const tableName = (def: string, what: string) =>
  documented(z.string().min(1).max(100).default(def), { description: `BESTraining (TadaBase) table holding ${what}, by name`, rule: "table name" });

type Partner = "SSG" | "TADABASE" | "AGENT";
interface PartnerDefaults {
  timeoutMs: number;
  deadlineMs: number;
  maxAttempts: number;
  concurrency: number;
  requestsPerMinute: number;
}

/** The resilience limits every partner has; shared/http builds its policies from them. */
function partnerLimits<P extends Partner>(p: P, label: string, d: PartnerDefaults) {
  return {
    [`${p}_TIMEOUT_MS`]: int(d.timeoutMs, 100, 300_000, `${label}: timeout of one attempt, in ms`),
    [`${p}_DEADLINE_MS`]: int(d.deadlineMs, 100, 3_600_000, `${label}: overall deadline of a call including retries, in ms`),
    [`${p}_MAX_ATTEMPTS`]: int(d.maxAttempts, 1, 10, `${label}: attempts per call (1 = no retry)`),
    [`${p}_CONCURRENCY`]: int(d.concurrency, 1, 100, `${label}: requests in flight at once from one instance`),
    [`${p}_REQUESTS_PER_MINUTE`]: int(d.requestsPerMinute, 1, 100_000, `${label}: requests per minute from one instance`),
  } as Record<`${P}_${"TIMEOUT_MS" | "DEADLINE_MS" | "MAX_ATTEMPTS" | "CONCURRENCY" | "REQUESTS_PER_MINUTE"}`, ReturnType<typeof int>>;
}

const STORAGE_CONNECTION = "AzureWebJobsStorage";
const STORAGE_TABLE_URI = "AzureWebJobsStorage__tableServiceUri";
const STORAGE_ACCOUNT = "AzureWebJobsStorage__accountName";

const fields = {
  // Storage: a connection string (Azurite locally), or identity-based access in Azure.
  [STORAGE_CONNECTION]: documented(z.string().min(1).optional(), {
    description: "Storage connection string (Durable task hub and our tables). Locally `UseDevelopmentStorage=true` (Azurite). Set this or the identity-based settings below",
    rule: "connection string",
  }),
  [STORAGE_TABLE_URI]: documented(httpUrl().optional(), {
    description: "Identity-based storage: Table service URI (with the blob and queue URIs the Functions host needs)",
    rule: "http(s) URL",
  }),
  [STORAGE_ACCOUNT]: documented(z.string().regex(/^[a-z0-9]{3,24}$/).optional(), {
    description: "Identity-based storage: account name, when no table service URI is given",
    rule: "3–24 lowercase letters and digits",
  }),
  AzureWebJobsStorage__clientId: documented(guid().optional(), {
    description: "Identity-based storage: client id of the user-assigned managed identity (absent = system-assigned)",
    rule: "GUID",
  }),
  TASKHUB_NAME: documented(z.string().regex(/^[A-Za-z][A-Za-z0-9]{2,44}$/), {
    description: "Durable Functions task hub name (host.json `%TASKHUB_NAME%`); one per environment",
    rule: "3–45 letters and digits, starting with a letter",
  }),

  KEY_VAULT_URI: documented(z.url({ protocol: /^https$/ }).optional(), {
    description: "Key Vault holding the partner secrets; absent = secrets come from plain settings (local runs)",
    rule: "https URL",
  }),
  AZURE_CLIENT_ID: documented(guid().optional(), {
    description: "Client id of the user-assigned managed identity used for Key Vault (absent = DefaultAzureCredential's choice)",
    rule: "GUID",
  }),
  SECRET_CACHE_TTL_SECONDS: int(300, 0, 86_400, "How long a secret read from Key Vault is reused before it is read again"),

  SSG_BASE_URL: documented(httpUrl(), { description: "SkillsFuture Singapore API base URL", rule: "http(s) URL" }),
  SSG_AUTH_MODE: documented(z.enum(["oauth", "mtls"]).default("oauth"), {
    description: "SSG authentication: OAuth client credentials, or mutual TLS with the client certificate",
    rule: "`oauth` or `mtls`",
  }),
  SSG_UEN: documented(
    z
      .string()
      .regex(/^[0-9A-Z]{9,10}$/)
      .optional(),
    { description: "The training provider's UEN, used when a sync request names none (SSG answers only for a provider)", rule: "9 or 10 upper-case letters and digits" },
  ),
  SSG_API_VERSION_SESSIONS: apiVersion("v1.5", "course run sessions"),
  SSG_API_VERSION_COURSE_RUN: apiVersion("v1.0", "course runs"),
  SSG_API_VERSION_ATTENDANCE: apiVersion("v1.5", "session attendance"),
  ...partnerLimits("SSG", "SSG", { timeoutMs: 15_000, deadlineMs: 60_000, maxAttempts: 4, concurrency: 4, requestsPerMinute: 300 }),

  TADABASE_BASE_URL: documented(httpUrl(), { description: "BESTraining (TadaBase) API base URL, e.g. `https://api.tadabase.io/api/v1`", rule: "http(s) URL" }),
  ...partnerLimits("TADABASE", "BESTraining", { timeoutMs: 15_000, deadlineMs: 120_000, maxAttempts: 5, concurrency: 4, requestsPerMinute: 60 }),
  TADABASE_REQUESTS_PER_DAY: int(1_000, 1, 10_000_000, "BESTraining: requests per day (the TadaBase plan's daily limit)"),
  BESTRAINING_TABLE_COURSE_RUNS: tableName("Course Runs", "course runs"),
  BESTRAINING_TABLE_COURSE_SESSIONS: tableName("Course Sessions", "course sessions"),
  BESTRAINING_TABLE_VENUES: tableName("Venues", "venues"),

  AGENT_BASE_URL: documented(httpUrl().optional(), {
    description: "BESCognitive Agent base URL; absent = agent events are not sent",
    rule: "http(s) URL",
  }),
  ...partnerLimits("AGENT", "Agent", { timeoutMs: 10_000, deadlineMs: 30_000, maxAttempts: 3, concurrency: 2, requestsPerMinute: 60 }),

  SYNC_SCHEDULE: documented(
    z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        const problem = value === "" ? undefined : ncrontabProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    { description: "When the timer syncs every active course run; empty = timer off", rule: "NCRONTAB `s m h d M dow` or empty" },
  ),
  SYNC_WINDOW_SIZE: int(20, 1, 500, "Sessions written in one fan-out window of a sync"),
  SYNC_MAX_SESSIONS: int(5_000, 1, 100_000, "Guard: a course run with more sessions than this is refused"),
};

export const settingsSchema = z.object(fields).superRefine(
  (s, ctx) => {
    if (!s[STORAGE_CONNECTION] && !s[STORAGE_TABLE_URI] && !s[STORAGE_ACCOUNT]) {
      ctx.addIssue({
        code: "custom",
        path: [STORAGE_CONNECTION],
        message: `missing (required): set ${STORAGE_CONNECTION} (a connection string) or ${STORAGE_TABLE_URI} / ${STORAGE_ACCOUNT} (managed identity)`,
      });
    }
    for (const p of ["SSG", "TADABASE", "AGENT"] as const) {
      const timeout = s[`${p}_TIMEOUT_MS`];
      const deadline = s[`${p}_DEADLINE_MS`];
      if (typeof timeout === "number" && typeof deadline === "number" && deadline < timeout) {
        ctx.addIssue({ code: "custom", path: [`${p}_DEADLINE_MS`], message: `must be at least ${p}_TIMEOUT_MS (${timeout})` });
      }
    }
  },
  // Run even when some fields failed, so one message names every problem.
  { when: () => true },
);

export type Settings = z.output<typeof settingsSchema>;
export type SettingName = keyof Settings;
