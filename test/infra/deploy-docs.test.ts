// docs/deploy.md stays in step with what it documents: the secret names the app reads and the azd
// environment variables the parameters file maps.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SECRET_SETTINGS } from "../../shared/config/index.js";
import { repoRoot } from "./bicep.js";

const doc = readFileSync(join(repoRoot, "docs/deploy.md"), "utf8");

describe("docs/deploy.md", () => {
  it("names every Key Vault secret the app reads, with its local setting", () => {
    for (const [secret, setting] of Object.entries(SECRET_SETTINGS)) {
      assert.match(doc, new RegExp(`\\| \`${secret}\` \\| \`${setting}\` \\|`), `${secret} → ${setting} missing from the secrets table`);
    }
  });

  it("documents every azd environment variable of infra/main.parameters.json", () => {
    const parameters = readFileSync(join(repoRoot, "infra/main.parameters.json"), "utf8");
    const variables = [...parameters.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1] ?? "");
    assert.ok(variables.length > 10);
    const undocumented = variables.filter((name) => !doc.includes(`| \`${name}\` |`));
    assert.deepEqual(undocumented, []);
  });

  it("covers azd, Core Tools publishing, secret rotation and client keys", () => {
    for (const command of [
      "azd up",
      "func azure functionapp publish",
      "npm run build",
      "az keyvault secret set",
      "SECRET_CACHE_TTL_SECONDS",
      "az functionapp keys set",
      "az functionapp function keys set",
      "DURABLE_TASK_SCHEDULER_CONNECTION_STRING=Endpoint=",
      '"type": "azureManaged"',
    ]) {
      assert.ok(doc.includes(command), `mentions ${command}`);
    }
  });
});
