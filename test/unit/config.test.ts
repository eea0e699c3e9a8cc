import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  loadSettings,
  isSecretSetting,
  ncrontabProblem,
  parseSettings,
  partnerLimits,
  requiredSettings,
  resetSettingsForTests,
  settingsDocs,
  settingsSchema,
} from "../../shared/config/index.js";
import { ConfigurationError } from "../../shared/errors.js";
import { clearRegisteredSecrets, redact } from "../../shared/redact.js";

const minimal = {
  AzureWebJobsStorage: "UseDevelopmentStorage=true",
  TASKHUB_NAME: "besorchestratortest",
  SSG_BASE_URL: "http://127.0.0.1:7101",
  TADABASE_BASE_URL: "http://127.0.0.1:7102/",
};

function configError(env: Record<string, string>): ConfigurationError {
  try {
    parseSettings(env);
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, `expected ConfigurationError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the settings to be refused");
}

afterEach(() => {
  resetSettingsForTests();
  clearRegisteredSecrets();
});

void describe("settings", () => {
  void it("applies the documented defaults and trims base URLs", () => {
    const s = parseSettings(minimal);
    assert.equal(s.TADABASE_BASE_URL, "http://127.0.0.1:7102");
    assert.equal(s.SSG_AUTH_MODE, "oauth");
    assert.equal(s.SSG_API_VERSION_SESSIONS, "v1.5");
    assert.equal(s.SSG_API_VERSION_COURSE_RUN, "v1.0");
    assert.equal(s.SECRET_CACHE_TTL_SECONDS, 300);
    assert.equal(s.SYNC_WINDOW_SIZE, 20);
    assert.equal(s.SYNC_MAX_SESSIONS, 5000);
    assert.equal(s.SYNC_SCHEDULE, "");
    assert.equal(s.BESTRAINING_TABLE_COURSE_SESSIONS, "Course Sessions");
    assert.equal(s.AGENT_BASE_URL, undefined);
    assert.equal(s.KEY_VAULT_URI, undefined);
  });

  void it("reads numbers from strings and treats blank values as absent", () => {
    const s = parseSettings({ ...minimal, TADABASE_REQUESTS_PER_MINUTE: " 240 ", AGENT_BASE_URL: "  ", SYNC_SCHEDULE: "" });
    assert.equal(s.TADABASE_REQUESTS_PER_MINUTE, 240);
    assert.equal(s.AGENT_BASE_URL, undefined);
  });

  void it("accepts identity-based storage instead of a connection string", () => {
    const { AzureWebJobsStorage: _omit, ...rest } = minimal;
    const s = parseSettings({
      ...rest,
      AzureWebJobsStorage__tableServiceUri: "https://acct.table.core.windows.net",
      AzureWebJobsStorage__clientId: "00000000-0000-0000-0000-000000000001",
    });
    assert.equal(s.AzureWebJobsStorage__tableServiceUri, "https://acct.table.core.windows.net");
  });

  void it("names every missing and invalid setting in one error", () => {
    const error = configError({
      SSG_BASE_URL: "not a url",
      SSG_TIMEOUT_MS: "1.5",
      TADABASE_REQUESTS_PER_MINUTE: "0",
      SSG_AUTH_MODE: "basic",
      KEY_VAULT_URI: "http://vault.example",
      SYNC_SCHEDULE: "0 */5 * * *",
      AGENT_TIMEOUT_MS: "5000",
      AGENT_DEADLINE_MS: "1000",
    });
    const expected: Array<[string, RegExp]> = [
      ["AzureWebJobsStorage", /missing/],
      ["TASKHUB_NAME", /missing \(required\)/],
      ["TADABASE_BASE_URL", /missing \(required\)/],
      ["SSG_BASE_URL", /http\(s\) URL \(got "not a url"\)/],
      ["SSG_TIMEOUT_MS", /integer 100–300000 \(got "1.5"\)/],
      ["TADABASE_REQUESTS_PER_MINUTE", /integer 1–100000/],
      ["SSG_AUTH_MODE", /`oauth` or `mtls`/],
      ["KEY_VAULT_URI", /https URL/],
      ["SYNC_SCHEDULE", /6 fields/],
      ["AGENT_DEADLINE_MS", /at least AGENT_TIMEOUT_MS/],
    ];
    for (const [name, why] of expected) {
      const line = error.message.split("\n").find((l) => l.includes(`- ${name}:`));
      assert.ok(line, `${name} not named in:\n${error.message}`);
      assert.match(line, why);
    }
    assert.match(error.message, /10 settings to fix/);
  });

  void it("never prints the value of a secret-looking setting", () => {
    const secret = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==";
    const error = configError({ ...minimal, AzureWebJobsStorage: secret, AzureWebJobsStorage__clientId: "nope" });
    assert.match(error.message, /AzureWebJobsStorage__clientId: expected GUID/);
    assert.doesNotMatch(error.message, /AccountKey|c2VjcmV0/);
    // And a valid connection string is registered, so logs mask its key.
    parseSettings({ ...minimal, AzureWebJobsStorage: secret });
    assert.equal(redact(`key c2VjcmV0LWtleS12YWx1ZQ== here`), "key [REDACTED] here");
  });

  void it("shows the value of an invalid setting only when it cannot be a secret", () => {
    for (const name of ["AzureWebJobsStorage", "SSG_CLIENT_SECRET", "TADABASE_APP_KEY", "SSG_CLIENT_CERTIFICATE", "SOME_API_TOKEN"]) {
      assert.ok(isSecretSetting(name), name);
    }
    for (const name of ["KEY_VAULT_URI", "SSG_BASE_URL", "AzureWebJobsStorage__accountName"]) assert.ok(!isSecretSetting(name), name);
    const error = configError({ ...minimal, AzureWebJobsStorage: "", AzureWebJobsStorage__accountName: "Not-Valid-Account" });
    assert.match(error.message, /AzureWebJobsStorage__accountName: expected/);
    assert.match(error.message, /got "Not-Valid-Account"/, "non-secret values may be shown");
  });

  void it("loadSettings parses once and caches until reset", () => {
    const env: Record<string, string> = { ...minimal };
    const first = loadSettings(env);
    env.TASKHUB_NAME = "changedhub";
    assert.equal(loadSettings(env), first);
    resetSettingsForTests();
    assert.equal(loadSettings(env).TASKHUB_NAME, "changedhub");
  });

  void it("lists the required settings and documents every field", () => {
    assert.deepEqual(requiredSettings().sort(), ["SSG_BASE_URL", "TADABASE_BASE_URL", "TASKHUB_NAME"]);
    const docs = settingsDocs();
    assert.equal(docs.length, Object.keys(settingsSchema.shape).length);
    for (const doc of docs) {
      assert.ok(doc.description.length > 10, `${doc.name} lacks a description`);
      assert.ok(doc.rule.length > 0, `${doc.name} lacks a rule`);
    }
    assert.equal(docs.find((d) => d.name === "SYNC_WINDOW_SIZE")?.default, "20");
  });

  void it("exposes one partner's limits as a plain object", () => {
    const s = parseSettings({ ...minimal, TADABASE_REQUESTS_PER_DAY: "20000" });
    assert.deepEqual(partnerLimits(s, "tadabase"), {
      baseUrl: "http://127.0.0.1:7102",
      timeoutMs: 15000,
      deadlineMs: 120000,
      maxAttempts: 5,
      concurrency: 4,
      requestsPerMinute: 60,
      requestsPerDay: 20000,
    });
    assert.equal(partnerLimits(s, "agent").baseUrl, undefined);
  });
});

void describe("NCRONTAB shape", () => {
  for (const ok of ["0 */5 * * * *", "0 30 2 * * MON-FRI", "0 0 0 1 JAN,JUL *", "15,45 0-10/2 8-18 * * 1-5"]) {
    void it(`accepts ${ok}`, () => assert.equal(ncrontabProblem(ok), undefined));
  }
  for (const bad of ["*/5 * * * *", "0 60 * * * *", "0 0 24 * * *", "0 0 0 0 * *", "0 0 0 * 13 *", "0 0 0 * * 7", "0 0 0 * * FUN", "0 */0 * * * *", "0 1-2-3 * * * *", "x * * * * *"]) {
    void it(`refuses ${bad}`, () => assert.ok(ncrontabProblem(bad)));
  }
});
