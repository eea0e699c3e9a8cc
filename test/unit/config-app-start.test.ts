// The built app refuses to start on a bad configuration, with the one message naming each problem;
// with the sample settings it starts. Runs the real app (package.json main, dist/) under devhost.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { startDevhost } from "../../devhost/src/index.js";

const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));
const sample = z
  .object({ Values: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(new URL("local.settings.sample.json", `file://${APP_DIR}`), "utf8"))).Values;
const quiet = { log: () => undefined };

void describe("app start", () => {
  void it("stops on a bad configuration, naming every bad setting and no secret", async () => {
    const { SSG_BASE_URL: _missing, ...rest } = sample;
    const settings = { ...rest, TADABASE_REQUESTS_PER_MINUTE: "lots", AzureWebJobsStorage: "", AzureWebJobsStorage__clientId: "x" };
    await assert.rejects(
      startDevhost({ appDir: APP_DIR, port: 0, logger: quiet, settings, disableTimers: true }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /Invalid configuration/);
        assert.match(error.message, /SSG_BASE_URL: missing \(required\)/);
        assert.match(error.message, /TADABASE_REQUESTS_PER_MINUTE: expected integer/);
        assert.match(error.message, /AzureWebJobsStorage: missing/);
        return true;
      },
    );
  });

  void it("starts with the sample settings, warning which local secrets are still placeholders", async (t) => {
    const warnings: string[] = [];
    t.mock.method(console, "warn", (line: string) => warnings.push(line));
    const host = await startDevhost({ appDir: APP_DIR, port: 0, logger: quiet, settings: sample, disableTimers: true });
    await host.stop();
    const warning = warnings.find((w) => w.includes("KEY_VAULT_URI is not set"));
    assert.ok(warning, `no warning among: ${warnings.join(" / ")}`);
    assert.match(warning, /SSG_CLIENT_SECRET/);
    assert.match(warning, /TADABASE_APP_KEY/);
  });
});
