// Local runs without a vault: each secret comes from its plain setting (local.settings.json).
import { SECRET_SETTINGS } from "../config/index.js";
import type { SecretName } from "../config/index.js";
import { ConfigurationError } from "../errors.js";

export type Env = Readonly<Record<string, string | undefined>>;

// The sample settings file's placeholders ("<set-locally>") mean "not set": never send one to a partner.
const PLACEHOLDER = /^<set-locally[^>]*>$/;

function settingValue(env: Env, setting: string): string | undefined {
  const value = env[setting]?.trim();
  return value && !PLACEHOLDER.test(value) ? value : undefined;
}

export function readSecretSetting(env: Env, name: SecretName): string {
  const setting = SECRET_SETTINGS[name];
  const value = settingValue(env, setting);
  if (!value) {
    throw new ConfigurationError(`secret "${name}" is not available: KEY_VAULT_URI is not set, so set ${setting} (e.g. in local.settings.json)`);
  }
  return value;
}

/** Names of the local secret settings that are not set (reported at start, not fatal). */
export function missingSecretSettings(env: Env, names: readonly SecretName[] = Object.keys(SECRET_SETTINGS) as SecretName[]): string[] {
  return names.map((n) => SECRET_SETTINGS[n]).filter((setting) => !settingValue(env, setting));
}
