// Public API of @besorchestrator/devhost.
export { startDevhost } from "./devhost.js";
export type { Devhost, DevhostOptions } from "./devhost.js";
export type { DevhostLogger, LogLevel } from "./log.js";
export { AppLoadError, DevhostConfigError } from "./errors.js";
export { loadSettings } from "./settings.js";
export type { Settings } from "./settings.js";
