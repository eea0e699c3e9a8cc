// Key Vault mode with the real @azure/keyvault-secrets client against the local Key Vault simulator
// (HTTPS, self-signed certificate, bearer challenge), with a test token credential.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import { ConfigurationError, NotFound, Unavailable } from "../../shared/errors.js";
import { clearRegisteredSecrets, redact } from "../../shared/redact.js";
import { createSecretProvider } from "../../shared/secrets/index.js";
import type { SecretProvider } from "../../shared/secrets/index.js";
import { startKeyVaultSimulator } from "../../simulators/keyvault/simulator.js";
import type { KeyVaultSimulator } from "../../simulators/keyvault/simulator.js";

const VALUES = {
  "ssg-client-id": "kv-ssg-client-id-1",
  "ssg-client-secret": "kv-ssg-client-secret-1",
  "tadabase-app-key": "kv-tadabase-key-1",
};
const TTL_SECONDS = 300;

function credential(token: string): TokenCredential {
  return { getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

void describe("secrets from Key Vault", () => {
  let kv: KeyVaultSimulator;
  let now = 0;
  const seen: string[] = [];

  function provider(token = "app-token"): SecretProvider {
    return createSecretProvider({
      settings: { KEY_VAULT_URI: kv.url, AZURE_CLIENT_ID: undefined, SECRET_CACHE_TTL_SECONDS: TTL_SECONDS },
      credential: credential(token),
      clientOptions: { disableChallengeResourceVerification: true, tlsOptions: { ca: kv.ca }, retryOptions: { maxRetries: 0 } },
      now: () => now,
    });
  }

  /** Successful reads of one secret, as the simulator saw them. */
  function reads(name: string): number {
    return kv.requests().requests.filter((r) => r.path.startsWith(`/secrets/${name}`) && r.status === 200).length;
  }

  /** Every error message a test saw must be free of every value the vault ever held. */
  async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof Error);
      seen.push(error.message);
      return error;
    }
    assert.fail("expected a failure");
  }

  before(async () => {
    kv = await startKeyVaultSimulator({ secrets: VALUES });
  });
  after(() => kv.stop());
  afterEach(() => {
    kv.reset();
    now = 0;
    clearRegisteredSecrets();
  });

  void it("answers the bearer challenge, then reads by name and registers the value", async () => {
    const secrets = provider();
    assert.equal(secrets.source, "keyvault");
    assert.equal(await secrets.get("ssg-client-id"), "kv-ssg-client-id-1");
    assert.deepEqual(
      kv.requests().requests.map((r) => r.status),
      [401, 200],
    );
    assert.equal(redact("id=kv-ssg-client-id-1"), "id=[REDACTED]");
  });

  void it("reads a given version", async () => {
    const first = kv.setSecret("agent-signing-secret", "signing-secret-v1");
    kv.setSecret("agent-signing-secret", "signing-secret-v2");
    const secrets = provider();
    assert.equal(await secrets.get("agent-signing-secret"), "signing-secret-v2");
    assert.equal(await secrets.get("agent-signing-secret", first.version), "signing-secret-v1");
  });

  void it("keeps a value for the time to live, then reads the vault again", async () => {
    const secrets = provider();
    assert.equal(await secrets.get("ssg-client-secret"), "kv-ssg-client-secret-1");
    kv.setSecret("ssg-client-secret", "kv-ssg-client-secret-2");
    now += TTL_SECONDS * 1000 - 1;
    assert.equal(await secrets.get("ssg-client-secret"), "kv-ssg-client-secret-1");
    assert.equal(reads("ssg-client-secret"), 1);
    now += 1;
    assert.equal(await secrets.get("ssg-client-secret"), "kv-ssg-client-secret-2");
    assert.equal(reads("ssg-client-secret"), 2);
  });

  void it("refresh reads the rotated value at once and caches it", async () => {
    const secrets = provider();
    assert.equal(await secrets.get("tadabase-app-key"), "kv-tadabase-key-1");
    kv.setSecret("tadabase-app-key", "kv-tadabase-key-2");
    assert.equal(await secrets.refresh("tadabase-app-key"), "kv-tadabase-key-2");
    assert.equal(await secrets.get("tadabase-app-key"), "kv-tadabase-key-2");
    assert.equal(reads("tadabase-app-key"), 2);
  });

  void it("makes one request for many concurrent readers", async () => {
    const secrets = provider();
    const values = await Promise.all(Array.from({ length: 8 }, () => secrets.get("ssg-client-secret")));
    assert.deepEqual(new Set(values), new Set(["kv-ssg-client-secret-1"]));
    assert.equal(reads("ssg-client-secret"), 1);
  });

  void it("a missing secret is NotFound, naming the secret", async () => {
    const error = await failure(provider().get("ssg-encryption-key"));
    assert.ok(error instanceof NotFound);
    assert.match(error.message, /secret "ssg-encryption-key" not found/);
  });

  void it("a refused identity is a ConfigurationError telling which role to grant", async () => {
    kv.setAccessPolicy({ deniedTokens: ["denied-token"] });
    const error = await failure(provider("denied-token").get("ssg-client-id"));
    assert.ok(error instanceof ConfigurationError);
    assert.match(error.message, /"ssg-client-id" \(403 Forbidden\).*Key Vault Secrets User/);
  });

  void it("a vault that fails is Unavailable, and the failure is not cached", async () => {
    const secrets = provider();
    kv.faults.add({ route: "/secrets/{name}", status: 503, count: 1 });
    const error = await failure(secrets.get("ssg-client-id"));
    assert.ok(error instanceof Unavailable);
    assert.equal(error.partner, "keyvault");
    assert.equal(await secrets.get("ssg-client-id"), "kv-ssg-client-id-1");
  });

  void it("no error message ever carried a secret value", () => {
    assert.ok(seen.length >= 3, "the failure tests above ran first");
    const values = [...Object.values(VALUES), "signing-secret-v1", "signing-secret-v2", "kv-ssg-client-secret-2", "kv-tadabase-key-2"];
    for (const message of seen) for (const value of values) assert.ok(!message.includes(value), message);
  });
});
