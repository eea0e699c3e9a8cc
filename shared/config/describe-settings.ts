// Facts about the schema itself, for the README check and the infra test (every required setting
// must be set by Bicep).
import type { z } from "zod";
import { isSecretSetting } from "./secret-names.js";
import { settingInfo, settingsSchema } from "./settings-schema.js";
import type { SettingName } from "./settings-schema.js";

export interface SettingDoc {
  name: SettingName;
  required: boolean;
  default: string | undefined;
  rule: string;
  description: string;
  secret: boolean;
}

function entries(): Array<[SettingName, z.ZodType]> {
  return Object.entries(settingsSchema.shape) as Array<[SettingName, z.ZodType]>;
}

/** Settings with no default that are not optional: the app refuses to start without them. */
export function requiredSettings(): SettingName[] {
  return entries()
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name]) => name);
}

/** One row per setting, in schema order. */
export function settingsDocs(): SettingDoc[] {
  return entries().map(([name, schema]) => {
    const absent = schema.safeParse(undefined);
    const info = settingInfo.get(schema);
    // Defaults are strings and numbers only; anything else would be a schema mistake.
    const value = absent.success ? (absent.data as string | number | undefined) : undefined;
    return {
      name,
      required: !absent.success,
      default: value === undefined ? undefined : String(value),
      rule: info?.rule ?? "",
      description: info?.description ?? "",
      secret: isSecretSetting(name),
    };
  });
}

/** The README's settings table, generated so it cannot drift from the schema. */
export function settingsTableMarkdown(): string {
  const cell = (text: string): string => text.replaceAll("|", "\\|");
  const rows = settingsDocs().map((d) => {
    const def = d.default === undefined ? "—" : d.default === "" ? "(empty)" : `\`${d.default}\``;
    return `| \`${d.name}\` | ${d.required ? "yes" : "no"} | ${def} | ${cell(d.rule)} | ${cell(d.description)} |`;
  });
  return ["| Setting | Required | Default | Valid values | What it does |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
