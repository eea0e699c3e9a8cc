// Secrets without a vault (local runs) and the cache behind the Key Vault mode.
import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SECRET_NAMES } from "../../shared/config/index.js";
import type { SecretName } from "../../shared/config/index.js";
import { ConfigurationError } from "../../shared/errors.js";
import { clearRegisteredSecrets, redact } from "../../shared/redact.js";
import { createSecretProvider, missingSecretSettings, requiredSecrets, TtlCache } from "../../shared/secrets/index.js";

const noVault = { KEY_VAULT_URI: undefined, AZURE_CLIENT_ID: undefined, SECRET_CACHE_TTL_SECONDS: 300 };

afterEach(() => clearRegisteredSecrets());

void describe("secrets from settings (no KEY_VAULT_URI)", () => {
  void it("reads each secret from its local setting and registers it for redaction", async () => {
    const env = { SSG_CLIENT_SECRET: "local-ssg-secret-value", TADABASE_APP_KEY: " local-tadabase-key " };
    const secrets = createSecretProvider({ settings: noVault, env });
    assert.equal(secrets.source, "settings");
    assert.equal(await secrets.get("ssg-client-secret"), "local-ssg-secret-value");
    assert.equal(await secrets.get("tadabase-app-key"), "local-tadabase-key");
    assert.equal(redact("sent local-ssg-secret-value"), "sent [REDACTED]");
  });

  void it("refresh reads the setting again", async () => {
    const env: Record<string, string> = { AGENT_SIGNING_SECRET: "first-signing-secret" };
    const secrets = createSecretProvider({ settings: noVault, env });
    assert.equal(await secrets.get("agent-signing-secret"), "first-signing-secret");
    env.AGENT_SIGNING_SECRET = "second-signing-secret";
    assert.equal(await secrets.refresh("agent-signing-secret"), "second-signing-secret");
  });

  void it("names the missing setting, and only its name", async () => {
    const secrets = createSecretProvider({ settings: noVault, env: { SSG_CLIENT_ID: "present-client-id" } });
    await assert.rejects(secrets.get("ssg-client-secret"), (e: unknown) => {
      assert.ok(e instanceof ConfigurationError);
      assert.match(e.message, /"ssg-client-secret".*set SSG_CLIENT_SECRET/);
      assert.doesNotMatch(e.message, /present-client-id/);
      return true;
    });
  });

  void it("treats the sample file's placeholder as not set", async () => {
    const secrets = createSecretProvider({ settings: noVault, env: { TADABASE_APP_ID: "<set-locally>" } });
    await assert.rejects(secrets.get("tadabase-app-id"), /set TADABASE_APP_ID/);
  });

  void it("refuses a name that is not one of ours", async () => {
    const secrets = createSecretProvider({ settings: noVault, env: {} });
    await assert.rejects(secrets.get("not-a-secret" as SecretName), /unknown secret "not-a-secret"/);
  });

  void it("registers each PEM block of a certificate bundle", async () => {
    const cert = "-----BEGIN CERTIFICATE-----\nAAAABBBBCCCC\n-----END CERTIFICATE-----";
    const key = "-----BEGIN PRIVATE KEY-----\nDDDDEEEEFFFF\n-----END PRIVATE KEY-----";
    const secrets = createSecretProvider({ settings: noVault, env: { SSG_CLIENT_CERTIFICATE: `${cert}\n${key}` } });
    await secrets.get("ssg-client-certificate");
    assert.equal(redact(`key: ${key}`), "key: [REDACTED]");
  });

  void it("knows which secrets the configured partners need", () => {
    assert.deepEqual(requiredSecrets({ SSG_AUTH_MODE: "oauth", AGENT_BASE_URL: undefined }), [
      "ssg-client-id",
      "ssg-client-secret",
      "tadabase-app-id",
      "tadabase-app-key",
      "tadabase-app-secret",
    ]);
    const mtls = requiredSecrets({ SSG_AUTH_MODE: "mtls", AGENT_BASE_URL: "http://127.0.0.1:7103" });
    assert.ok(mtls.includes("ssg-client-certificate") && mtls.includes("agent-signing-secret") && !mtls.includes("ssg-client-secret"));
  });

  void it("lists the local secret settings still unset", () => {
    assert.equal(SECRET_NAMES.length, 8);
    assert.deepEqual(missingSecretSettings({ SSG_CLIENT_ID: "x" }, ["ssg-client-id", "ssg-client-secret"]), ["SSG_CLIENT_SECRET"]);
    assert.deepEqual(missingSecretSettings({ SSG_CLIENT_ID: "<set-locally>" }, ["ssg-client-id"]), ["SSG_CLIENT_ID"], "a placeholder is not a value");
  });
});

void describe("TtlCache", () => {
  function counter(values: string[]): { load: () => Promise<string>; calls: () => number } {
    let calls = 0;
    return {
      load: () => Promise.resolve(values[Math.min(calls++, values.length - 1)] ?? ""),
      calls: () => calls,
    };
  }

  void it("reuses a value until its time to live has passed", async () => {
    let now = 1_000;
    const cache = new TtlCache<string>(60_000, () => now);
    const source = counter(["v1", "v2"]);
    assert.equal(await cache.get("k", source.load), "v1");
    now += 59_999;
    assert.equal(await cache.get("k", source.load), "v1");
    now += 1;
    assert.equal(await cache.get("k", source.load), "v2");
    assert.equal(source.calls(), 2);
  });

  /** Loads that stay pending until released in order; `pending` counts those started and unreleased. */
  function gated(): { load: () => Promise<string>; release: (value: string) => void; pending: () => number } {
    const pending: Array<(v: string) => void> = [];
    return {
      load: () => new Promise<string>((resolve) => pending.push(resolve)),
      release: (value) => pending.shift()?.(value),
      pending: () => pending.length,
    };
  }

  void it("shares one load among concurrent readers, and one among concurrent refreshes", async () => {
    const cache = new TtlCache<string>(60_000);
    const source = gated();
    const readers = Promise.all([cache.get("k", source.load), cache.get("k", source.load)]);
    assert.equal(source.pending(), 1);
    source.release("shared");
    assert.deepEqual(await readers, ["shared", "shared"]);

    const refreshes = Promise.all([cache.refresh("k", source.load), cache.refresh("k", source.load), cache.get("k", source.load)]);
    assert.equal(source.pending(), 1);
    source.release("refreshed");
    assert.deepEqual(await refreshes, ["refreshed", "refreshed", "refreshed"]);
  });

  void it("a refresh does not trust a read that started before it, and its value wins", async () => {
    const cache = new TtlCache<string>(60_000);
    const source = gated();
    const early = cache.get("k", source.load);
    const forced = cache.refresh("k", source.load);
    assert.equal(source.pending(), 2);
    source.release("before-rotation");
    source.release("after-rotation");
    assert.equal(await early, "before-rotation");
    assert.equal(await forced, "after-rotation");
    assert.equal(await cache.get("k", () => Promise.resolve("unused")), "after-rotation");
  });

  void it("never caches a failure", async () => {
    const failing = new TtlCache<string>(60_000);
    await assert.rejects(failing.get("k", () => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await failing.get("k", () => Promise.resolve("ok")), "ok");
  });

  void it("with a zero time to live, loads every time", async () => {
    const cache = new TtlCache<string>(0);
    const source = counter(["a", "b"]);
    await cache.get("k", source.load);
    assert.equal(await cache.get("k", source.load), "b");
  });
});
