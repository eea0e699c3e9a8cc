// Reads the settings once, failing fast with ONE ConfigurationError that names every missing or
// invalid setting. Values are quoted only for settings that cannot hold a secret.
import type { z } from "zod";
import { ConfigurationError } from "../errors.js";
import { registerSecret } from "../redact.js";
import { isSecretSetting } from "./secret-names.js";
import { settingInfo, settingsSchema } from "./settings-schema.js";
import type { Settings } from "./settings-schema.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Trimmed values; empty ones count as absent (an app setting left blank means "not set"). */
function normalise(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(settingsSchema.shape)) {
    const value = env[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, string>): string {
  const name = String(issue.path[0] ?? "(settings)");
  const value = raw[name];
  if (issue.code === "custom") return `${name}: ${issue.message}`;
  if (value === undefined) return `${name}: missing (required)`;
  const field = settingsSchema.shape[name as keyof typeof settingsSchema.shape] as z.ZodType | undefined;
  const rule = field ? settingInfo.get(field)?.rule : undefined;
  const expected = rule ? `expected ${rule}` : issue.message;
  const shown = isSecretSetting(name) ? "value hidden" : `got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
  return `${name}: ${expected} (${shown})`;
}

/** Parses settings without caching; throws ConfigurationError. */
export function parseSettings(env: Env = process.env): Settings {
  const raw = normalise(env);
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = [...new Set(result.error.issues.map((issue) => describeIssue(issue, raw)))];
    throw new ConfigurationError(
      `Invalid configuration: ${lines.length} setting${lines.length === 1 ? "" : "s"} to fix:\n  - ${lines.join("\n  - ")}`,
    );
  }
  // A connection string carries an account key: keep it out of every log line and error.
  registerSecret(result.data.AzureWebJobsStorage);
  for (const part of result.data.AzureWebJobsStorage?.split(";") ?? []) {
    if (/^(AccountKey|SharedAccessSignature)=/i.test(part)) registerSecret(part.slice(part.indexOf("=") + 1));
  }
  return result.data;
}

let cached: Settings | undefined;

/** The app's settings, parsed on first call (at appStart) and reused after. */
export function loadSettings(env: Env = process.env): Settings {
  cached ??= parseSettings(env);
  return cached;
}

/** For tests only: forget the cached settings so the next loadSettings() parses again. */
export function resetSettingsForTests(): void {
  cached = undefined;
}
