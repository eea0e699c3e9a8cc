// The Key Vault simulator as the real @azure/keyvault-secrets client sees it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SecretClient } from "@azure/keyvault-secrets";
import type { TokenCredential } from "@azure/identity";
import { startKeyVaultSimulator } from "../../simulators/keyvault/simulator.js";
import type { KeyVaultSimulator } from "../../simulators/keyvault/simulator.js";

function credential(token: string): TokenCredential {
  return { getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

void describe("Key Vault simulator", () => {
  let kv: KeyVaultSimulator;
  const client = (token = "good-token"): SecretClient =>
    new SecretClient(kv.url, credential(token), {
      disableChallengeResourceVerification: true,
      tlsOptions: { ca: kv.ca },
      retryOptions: { maxRetries: 0 },
    });

  before(async () => {
    kv = await startKeyVaultSimulator({ secrets: { "ssg-client-id": "dev-ssg-client-id" } });
  });
  after(() => kv.stop());

  void it("answers the first request with the bearer challenge, then serves the secret", async () => {
    kv.clearRequests();
    const secret = await client().getSecret("ssg-client-id");
    assert.equal(secret.value, "dev-ssg-client-id");
    assert.match(secret.properties.version ?? "", /^[0-9a-f]{32}$/);
    const statuses = kv.requests().requests.map((r) => r.status);
    assert.deepEqual(statuses, [401, 200]);
    assert.equal(kv.requests().requests[1]?.headers.authorization, "Bearer [redacted]");
  });

  void it("keeps every set as a new version, readable by version", async () => {
    const first = await client().setSecret("agent-signing-secret", "one");
    const second = await client().setSecret("agent-signing-secret", "two");
    assert.notEqual(first.properties.version, second.properties.version);
    assert.equal((await client().getSecret("agent-signing-secret")).value, "two");
    const old = await client().getSecret("agent-signing-secret", { version: first.properties.version ?? "" });
    assert.equal(old.value, "one");
    const names: string[] = [];
    for await (const p of client().listPropertiesOfSecrets()) names.push(p.name);
    assert.ok(names.includes("agent-signing-secret") && names.includes("ssg-client-id"));
  });

  void it("answers 404 SecretNotFound for a missing secret", async () => {
    await assert.rejects(client().getSecret("no-such-secret"), (e: unknown) => {
      const err = e as { statusCode?: number; code?: string };
      return err.statusCode === 404 && err.code === "SecretNotFound";
    });
  });

  void it("answers 403 Forbidden for a denied token and 401 for an unaccepted one", async () => {
    kv.setAccessPolicy({ deniedTokens: ["denied-token"] });
    await assert.rejects(client("denied-token").getSecret("ssg-client-id"), (e: unknown) => {
      const err = e as { statusCode?: number; code?: string };
      return err.statusCode === 403 && err.code === "Forbidden";
    });
    kv.setAccessPolicy({ acceptedTokens: ["only-this"] });
    await assert.rejects(client("other").getSecret("ssg-client-id"), (e: unknown) => (e as { statusCode?: number }).statusCode === 401);
    assert.equal((await client("only-this").getSecret("ssg-client-id")).value, "dev-ssg-client-id");
    kv.setAccessPolicy({});
  });

  void it("reset restores the start secrets", async () => {
    kv.setSecret("temporary", "x");
    kv.reset();
    await assert.rejects(client().getSecret("temporary"));
    assert.equal((await client().getSecret("ssg-client-id")).value, "dev-ssg-client-id");
  });
});
