// The README's settings and secrets tables and the sample settings file must match the schema.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseSettings, SECRET_SETTINGS, settingsSchema, settingsTableMarkdown } from "../../shared/config/index.js";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const sample = z
  .object({ IsEncrypted: z.literal(false), Values: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(new URL("local.settings.sample.json", root), "utf8")));

void describe("README", () => {
  void it("holds the settings table generated from the schema", () => {
    const block = /<!-- settings-table[^>]*-->\n([\s\S]*?)\n<!-- \/settings-table -->/.exec(readme)?.[1];
    assert.ok(block, "README has no settings-table block");
    const expected = settingsTableMarkdown();
    assert.equal(block, expected, `README settings table is out of date; replace it with:\n${expected}`);
    for (const name of Object.keys(settingsSchema.shape)) assert.ok(block.includes(`| \`${name}\` |`), name);
  });

  void it("names every secret and its local setting", () => {
    for (const [secret, setting] of Object.entries(SECRET_SETTINGS)) {
      assert.match(readme, new RegExp(`\\| \`${secret}\` \\| \`${setting}\` \\|`), secret);
    }
  });

  void it("gives the newcomer's two commands", () => {
    assert.ok(readme.includes("npm ci && npm start"));
    assert.ok(readme.includes("npm ci && npm test"));
  });
});

void describe("local.settings.sample.json", () => {
  // Identity-based storage is for Azure; locally the connection string stands in for it.
  const azureOnly = (name: string): boolean => name.startsWith("AzureWebJobsStorage__");

  void it("lists every setting and every local secret", () => {
    for (const name of Object.keys(settingsSchema.shape).filter((n) => !azureOnly(n))) {
      assert.ok(name in sample.Values, `${name} missing from the sample`);
    }
    for (const setting of Object.values(SECRET_SETTINGS)) assert.ok(setting in sample.Values, setting);
  });

  void it("is a valid configuration as it stands", () => {
    const settings = parseSettings(sample.Values);
    assert.equal(settings.AzureWebJobsStorage, "UseDevelopmentStorage=true");
    assert.equal(settings.KEY_VAULT_URI, undefined, "locally, secrets come from settings");
  });

  void it("holds placeholders, never a credential", () => {
    for (const setting of Object.values(SECRET_SETTINGS)) assert.match(sample.Values[setting] ?? "", /^<set-locally/, setting);
    const text = JSON.stringify(sample);
    assert.doesNotMatch(text, /AccountKey=|SharedAccessSignature=|BEGIN [A-Z ]*PRIVATE KEY/i);
  });
});
