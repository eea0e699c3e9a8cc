// `npm run simulators`: all four simulators on their default ports with a demo dataset, printing
// where they are and the dev settings that point the app at them. Ctrl+C stops them.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_PORTS, demoDataset, secretsFor, startSimulators } from "./index.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "42" },
    runs: { type: "string", default: "5" },
    sessions: { type: "string", default: "6" },
    "ca-out": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("usage: npm run simulators -- [--seed 42] [--runs 5] [--sessions 6] [--ca-out keyvault-ca.pem]");
  process.exit(0);
}

const demo = demoDataset({ seed: Number(values.seed), runs: Number(values.runs), sessionsPerRun: Number(values.sessions) });

const sims = await startSimulators({ ports: DEFAULT_PORTS, ssg: demo.ssg, tadabase: demo.tadabase });

if (values["ca-out"]) writeFileSync(values["ca-out"], sims.keyVault.ca);

const settingNames: Record<string, string> = {
  "ssg-client-id": "SSG_CLIENT_ID",
  "ssg-client-secret": "SSG_CLIENT_SECRET",
  "ssg-encryption-key": "SSG_ENCRYPTION_KEY",
  "tadabase-app-id": "TADABASE_APP_ID",
  "tadabase-app-key": "TADABASE_APP_KEY",
  "tadabase-app-secret": "TADABASE_APP_SECRET",
  "agent-signing-secret": "AGENT_SIGNING_SECRET",
};

console.log(`Simulators running (Ctrl+C to stop):
  SSG        ${sims.ssg.url}   (${sims.ssg.runs().length} course runs; e.g. GET /courses/runs/224596/sessions?uen=T16LL0001A&courseReferenceNumber=TGS-2020000703)
  TadaBase   ${sims.tadabase.url}/api/v1
  Agent      ${sims.agent.url}
  Key Vault  ${sims.keyVault.url}   (self-signed certificate${values["ca-out"] ? `, CA written to ${values["ca-out"]}` : "; --ca-out FILE writes its CA"})
  Admin API  <url>/__admin/{reset,faults,requests,state,seed} on each (see simulators/README.md)

Dev settings (simulator-only values, valid nowhere else):
  SSG_BASE_URL=${sims.ssg.url}
  SSG_AUTH_MODE=oauth
  TADABASE_BASE_URL=${sims.tadabase.url}/api/v1
  AGENT_BASE_URL=${sims.agent.url}
${Object.entries(secretsFor(sims.credentials))
  .map(([name, value]) => `  ${settingNames[name] ?? name}=${value}`)
  .join("\n")}
  (or KEY_VAULT_URI=${sims.keyVault.url}: the vault holds the same values under the secret names)`);

const stop = (): void => {
  void sims.stop().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
