// App settings the way Core Tools gathers them: local.settings.json `Values` (else the committed
// sample), with the environment taking precedence, and `%NAME%` references resolved in bindings.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DevhostConfigError } from "./errors.js";

export type Settings = Record<string, string>;

const LocalSettings = z.object({ Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

export function readSettingsFile(path: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new DevhostConfigError(`Cannot read settings file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = LocalSettings.safeParse(raw);
  if (!parsed.success) throw new DevhostConfigError(`${path}: "Values" must map names to strings`);
  return Object.fromEntries(Object.entries(parsed.data.Values ?? {}).map(([k, v]) => [k, String(v)]));
}

/** The app's settings file: the given one, else local.settings.json, else local.settings.sample.json. */
export function findSettingsFile(appDir: string, explicit?: string): string | undefined {
  if (explicit) return explicit;
  return ["local.settings.json", "local.settings.sample.json"].map((f) => join(appDir, f)).find((f) => existsSync(f));
}

/** Settings for the CLI: the file's values, overridden by the environment (like Core Tools). */
export function loadSettings(appDir: string, explicitFile?: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const file = findSettingsFile(appDir, explicitFile);
  const fromFile = file ? readSettingsFile(file) : {};
  const merged: Settings = { ...fromFile };
  for (const key of Object.keys(fromFile)) {
    const value = env[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Replaces every `%NAME%` with the setting's value; a missing setting is a configuration error. */
export function resolveSettingRefs(text: string, settings: Settings, where: string): string {
  return text.replace(/%([^%]+)%/g, (_match, name: string) => {
    const value = settings[name] ?? process.env[name];
    if (value === undefined) throw new DevhostConfigError(`${where} refers to %${name}%, which is not set`);
    return value;
  });
}

/** Puts the settings into process.env for the app, returning a function that restores the old values. */
export function applySettingsToEnv(settings: Settings): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(settings)) {
    previous.set(key, process.env[key]);
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
