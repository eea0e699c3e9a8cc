// App-wide start-up: read and validate every setting once, so a bad configuration stops the app
// at start with one message naming each problem, instead of failing the first request that needs it.
import { app } from "@azure/functions";
import { loadSettings } from "../shared/config/index.js";
import { currentLogger } from "../shared/logging.js";

app.hook.appStart(() => {
  try {
    loadSettings();
  } catch (error) {
    // The message names settings only; it never holds a secret's value.
    currentLogger().error(error instanceof Error ? error.message : String(error));
    throw error;
  }
});
