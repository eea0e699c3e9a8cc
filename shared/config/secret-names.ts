// The secrets the app uses: Key Vault secret name → the plain setting read instead when no vault is
// configured (local runs). Kept apart from the settings schema: these are never required at start-up
// and their values are never printed.

export const SECRET_SETTINGS = {
  "ssg-client-id": "SSG_CLIENT_ID",
  "ssg-client-secret": "SSG_CLIENT_SECRET",
  "ssg-encryption-key": "SSG_ENCRYPTION_KEY",
  "ssg-client-certificate": "SSG_CLIENT_CERTIFICATE",
  "tadabase-app-id": "TADABASE_APP_ID",
  "tadabase-app-key": "TADABASE_APP_KEY",
  "tadabase-app-secret": "TADABASE_APP_SECRET",
  "agent-signing-secret": "AGENT_SIGNING_SECRET",
} as const;

export type SecretName = keyof typeof SECRET_SETTINGS;

export const SECRET_NAMES = Object.keys(SECRET_SETTINGS) as SecretName[];

export function isSecretName(name: string): name is SecretName {
  return Object.hasOwn(SECRET_SETTINGS, name);
}

const SECRET_SETTING_NAMES: ReadonlySet<string> = new Set(Object.values(SECRET_SETTINGS));
// Anything named like a credential is treated as one, even if it is not in the list above.
const SECRET_LOOKING = /SECRET|PASSWORD|TOKEN|CERTIFICATE|CONNECTION|ACCOUNT_?KEY|_KEY$|^AzureWebJobsStorage$/i;

/** True for settings whose values must never appear in a message or log line. */
export function isSecretSetting(settingName: string): boolean {
  return SECRET_SETTING_NAMES.has(settingName) || SECRET_LOOKING.test(settingName);
}
