// Public surface of the configuration module.
export { settingsSchema, settingInfo } from "./settings-schema.js";
export type { Settings, SettingName, SettingInfo } from "./settings-schema.js";
export { loadSettings, parseSettings, resetSettingsForTests } from "./load-settings.js";
export { requiredSettings, settingsDocs, settingsTableMarkdown } from "./describe-settings.js";
export type { SettingDoc } from "./describe-settings.js";
export { partnerLimits } from "./partner-limits.js";
export type { PartnerLimits, ConfiguredPartner } from "./partner-limits.js";
export { SECRET_SETTINGS, SECRET_NAMES, isSecretName, isSecretSetting } from "./secret-names.js";
export type { SecretName } from "./secret-names.js";
export { ncrontabProblem } from "./ncrontab.js";
