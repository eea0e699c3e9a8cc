// App-wide start-up: read and validate every setting once, so a bad configuration stops the app
// at start with one message naming each problem, instead of failing the first request that needs it.
import { app } from "@azure/functions";
import { loadSettings } from "../shared/config/index.js";
import { currentLogger } from "../shared/logging.js";
import { missingSecretSettings, requiredSecrets } from "../shared/secrets/index.js";

app.hook.appStart(() => {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    // The message names settings only; it never holds a secret's value.
    currentLogger().error(error instanceof Error ? error.message : String(error));
    throw error;
  }
  // Without a vault, secrets are plain settings: say now which are missing (a warning, since a local
  // run may exercise only some partners).
  if (!settings.KEY_VAULT_URI) {
    const missing = missingSecretSettings(process.env, requiredSecrets(settings));
    if (missing.length > 0) {
      currentLogger().warn(`KEY_VAULT_URI is not set and these secret settings are empty: ${missing.join(", ")}; calls that need them will fail`);
    }
  }
});
