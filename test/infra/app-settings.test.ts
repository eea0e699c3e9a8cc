// The deployed app starts: every setting the config schema requires is set by the Bicep, every value
// known before deployment passes the schema, and no secret is ever an app setting.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { z } from "zod";
import { SECRET_SETTINGS, requiredSettings, settingsSchema } from "../../shared/config/index.js";
import { alwaysSet, appSettings, describe as where, possibleValues, settingsOf } from "./app-settings.js";
import type { Setting } from "./app-settings.js";
import { loadInfra, parseBicep } from "./bicep.js";

let settings: Setting[];

before(async () => {
  settings = appSettings(await loadInfra());
});

const schemaFields = settingsSchema.shape as Record<string, z.ZodType>;

// Settings read by the Functions host and platform, not by our config schema.
const HOST_SETTING = /^(AzureWebJobsStorage__(blobServiceUri|queueServiceUri|credential)|APPLICATIONINSIGHTS_|AzureFunctionsJobHost__|DURABLE_TASK_SCHEDULER_CONNECTION_STRING$)/;

describe("function app settings vs the config schema (shared/config)", () => {
  it("sets every required setting in every deployment", () => {
    const required = requiredSettings();
    assert.ok(required.length > 0, "the schema has required settings");
    const set = alwaysSet(settings);
    const missing = required.filter((name) => !set.has(name));
    assert.deepEqual(missing, [], "required by the schema but not set by infra/");
  });

  it("uses identity-based storage, which satisfies the schema's storage rule", () => {
    const set = alwaysSet(settings);
    assert.ok(!set.has("AzureWebJobsStorage"), "no storage connection string: shared keys are off");
    for (const name of ["blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId"]) {
      assert.ok(set.has(`AzureWebJobsStorage__${name}`), `AzureWebJobsStorage__${name} is set`);
    }
    const credential = settings.find((setting) => setting.name === "AzureWebJobsStorage__credential");
    assert.deepEqual(credential && possibleValues(credential.value, credential.scope), ["managedidentity"]);
  });

  it("names only settings the schema or the Functions host knows (no typos)", () => {
    const unknown = settings
      .filter((setting) => !(setting.name in schemaFields) && !HOST_SETTING.test(setting.name))
      .map(where);
    assert.deepEqual(unknown, []);
  });

  it("gives values the schema accepts wherever they are known before deployment", () => {
    let checked = 0;
    for (const setting of settings) {
      const field = schemaFields[setting.name];
      const values = possibleValues(setting.value, setting.scope);
      if (!field || !values) continue;
      for (const value of values) {
        checked += 1;
        // The app treats an empty setting as absent (load-settings.ts normalise()).
        const result = field.safeParse(value === "" ? undefined : value);
        assert.ok(result.success, `${where(setting)} = ${JSON.stringify(value)} is rejected by the schema`);
      }
    }
    assert.ok(checked >= 6, `only ${checked} values could be checked`);
  });

  it("never sets a secret (secrets come from KEY_VAULT_URI at run time)", () => {
    const names = new Set(settings.map((setting) => setting.name));
    const secrets = Object.values(SECRET_SETTINGS).filter((name) => names.has(name));
    assert.deepEqual(secrets, []);
    assert.ok(alwaysSet(settings).has("KEY_VAULT_URI"));
  });

  it("notices a required setting that infra/ leaves out (the check can fail)", async () => {
    const bicep = await parseBicep("var base = { A: 'x' }\nvar extra = flag ? { B: 'y' } : {}\nvar all = union(base, extra)\n");
    const variableValue = bicep.root.descendantsOfType("call_expression")[0];
    assert.ok(variableValue);
    const partial = settingsOf(variableValue, { file: bicep });
    assert.deepEqual([...alwaysSet(partial)], ["A"], "B is set only when flag is true");
  });
});
