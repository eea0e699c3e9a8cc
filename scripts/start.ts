// `npm start`: the local sandbox. Azurite (data kept in .azurite/), the partner simulators, and the
// app under devhost on http://localhost:7071, wired together with simulator-only settings.
// Ctrl-C stops everything this script started.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startDevhost, loadSettings } from "../devhost/src/index.js";
import type { Devhost } from "../devhost/src/index.js";
import { DEFAULT_PORTS, demoDataset, secretsFor, startSimulators } from "../simulators/index.js";
import { startAzurite } from "../test/support/azurite.js";
import { isSecretName, SECRET_SETTINGS } from "../shared/config/secret-names.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const AZURITE_DATA = fileURLToPath(new URL("../.azurite/", import.meta.url));
const DEVHOST_PORT = 7071;

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

const started: Stoppable[] = [];

async function stopAll(): Promise<void> {
  for (const part of started.reverse()) {
    try {
      await part.stop();
    } catch (error) {
      console.error(`stopping ${part.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function main(): Promise<void> {
  mkdirSync(AZURITE_DATA, { recursive: true });
  const azurite = await startAzurite({ location: AZURITE_DATA, blobPort: 10000, queuePort: 10001, tablePort: 10002 });
  started.push({ name: "Azurite", stop: () => azurite.stop() });

  const settings: Record<string, string> = { ...loadSettings(ROOT), AzureWebJobsStorage: azurite.connectionString };
  const lines = [`  Azurite     ${azurite.tableEndpoint.replace(/\/devstoreaccount1$/, "")} (tables; blob ${azurite.blobEndpoint}, data in .azurite/)`];

  // The demo dataset `npm run simulators` serves: SSG runs, and BESTraining's Course Runs listing them
  // (what the scheduled sync reads).
  const demo = demoDataset();
  const sims = await startSimulators({ ports: { ...DEFAULT_PORTS }, ssg: demo.ssg, tadabase: demo.tadabase });
  started.push({ name: "simulators", stop: () => sims.stop() });
  Object.assign(settings, {
    SSG_BASE_URL: sims.ssg.url,
    SSG_AUTH_MODE: "oauth",
    TADABASE_BASE_URL: `${sims.tadabase.url}/api/v1`,
    AGENT_BASE_URL: sims.agent.url,
  });
  // Secrets come from settings locally (simulator-only values), so no vault is involved.
  delete settings.KEY_VAULT_URI;
  for (const [secret, value] of Object.entries(secretsFor(sims.credentials))) {
    if (isSecretName(secret)) settings[SECRET_SETTINGS[secret]] = value;
  }
  lines.push(
    `  SSG         ${sims.ssg.url}`,
    `  TadaBase    ${sims.tadabase.url}/api/v1`,
    `  Agent       ${sims.agent.url}`,
    `  Key Vault   ${sims.keyVault.url} (not used by the app here: secrets are local settings)`,
  );

  const host: Devhost = await startDevhost({ appDir: ROOT, port: DEVHOST_PORT, store: "tables", settings });
  started.push({ name: "devhost", stop: () => host.stop() });
  console.log(`
BESOrchestrator sandbox is running (Ctrl-C stops everything):
  Functions   http://localhost:${host.port}/api/  (task hub ${host.taskHub}, Durable state in Azurite tables)
${lines.join("\n")}

Try:
  curl http://localhost:${host.port}/api/health
`);
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  void stopAll().then(() => process.exit(code));
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  shutdown(1);
});
