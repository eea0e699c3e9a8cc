// startSimulators: all four on free ports, Key Vault holding the others' dev credentials, one stop.
import { it } from "node:test";
import assert from "node:assert/strict";
import { SecretClient } from "@azure/keyvault-secrets";
import { startSimulators } from "../../simulators/index.js";

void it("starts all four simulators with matching credentials and stops them together", async () => {
  const sims = await startSimulators({ seed: 3, dataset: { runs: 2, sessionsPerRun: 3 } });
  try {
    assert.equal(sims.ssg.runs().length, 4, "two fixture runs and two generated");
    const vault = new SecretClient(
      sims.keyVault.url,
      { getToken: () => Promise.resolve({ token: "t", expiresOnTimestamp: Date.now() + 60_000 }) },
      { disableChallengeResourceVerification: true, tlsOptions: { ca: sims.keyVault.ca } },
    );
    assert.equal((await vault.getSecret("tadabase-app-key")).value, sims.tadabase.credentials.appKey);
    assert.equal((await vault.getSecret("ssg-encryption-key")).value, sims.ssg.credentials.encryptionKey);
    const health = await fetch(`${sims.agent.url}/v1/health`);
    assert.equal(health.status, 200);
  } finally {
    await sims.stop();
  }
  await assert.rejects(fetch(`${sims.agent.url}/v1/health`));
});
