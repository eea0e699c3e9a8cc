// Library entry: start all four partner simulators on loopback (free ports unless told otherwise),
// with the Key Vault simulator holding the other simulators' dev credentials under the app's
// secret names, so an app pointed at KEY_VAULT_URI finds everything it needs.
import { startAgentSimulator, AGENT_DEV_SIGNING_SECRET } from "./agent/simulator.js";
import type { AgentSimulator, AgentSimulatorOptions } from "./agent/simulator.js";
import { startKeyVaultSimulator } from "./keyvault/simulator.js";
import type { KeyVaultSimulator, KeyVaultSimulatorOptions } from "./keyvault/simulator.js";
import type { SsgCredentials } from "./ssg/auth.js";
import { startSsgSimulator, SSG_DEV_CREDENTIALS } from "./ssg/simulator.js";
import type { SsgSimulator, SsgSimulatorOptions } from "./ssg/simulator.js";
import { startTadaBaseSimulator, TADABASE_DEV_CREDENTIALS } from "./tadabase/simulator.js";
import type { TadaBaseCredentials, TadaBaseSimulator, TadaBaseSimulatorOptions } from "./tadabase/simulator.js";

export * from "./agent/simulator.js";
export * from "./keyvault/simulator.js";
export * from "./ssg/simulator.js";
export * from "./tadabase/simulator.js";
export * from "./tadabase/schema.js";
export type { SsgCredentials } from "./ssg/auth.js";
export { SSG_FIXTURE_RUNS, SSG_FIXTURE_UEN } from "./ssg/fixtures.js";
export { generateSsgRuns } from "./ssg/generator.js";
export { demoDataset } from "./demo.js";
export type { DemoOptions } from "./demo.js";
export type { GenerateOptions } from "./ssg/generator.js";
export type { SsgRun, SsgRunInput, SsgSession, SsgSessionInput, SsgVenue } from "./ssg/model.js";
export { ssgDecrypt, ssgEncrypt, SSG_INIT_VECTOR } from "./ssg/crypto.js";
export type { FaultRule, FaultRuleInput, LoggedRequest, RequestLogSnapshot, SimServer } from "./kit/index.js";

export const DEFAULT_PORTS = { ssg: 7101, tadabase: 7102, agent: 7103, keyVault: 7104 } as const;

export interface SimulatorCredentials {
  ssg: SsgCredentials;
  tadabase: TadaBaseCredentials;
  agentSigningSecret: string;
}

/** Simulator-only values, deliberately fake-looking; never valid anywhere else. */
export const DEV_CREDENTIALS: SimulatorCredentials = {
  ssg: SSG_DEV_CREDENTIALS,
  tadabase: TADABASE_DEV_CREDENTIALS,
  agentSigningSecret: AGENT_DEV_SIGNING_SECRET,
};

export interface StartSimulatorsOptions {
  /** Port per simulator; absent = a free port (0). The CLI passes DEFAULT_PORTS. */
  ports?: Partial<Record<keyof typeof DEFAULT_PORTS, number>>;
  /** Seed of the generated SSG dataset; absent = SSG holds only the fixtures. */
  seed?: number;
  /** Size of the generated SSG dataset when `seed` is given; default 5 runs × 6 sessions. */
  dataset?: { runs: number; sessionsPerRun: number };
  credentials?: Partial<SimulatorCredentials>;
  /** Extra options per simulator (ports and credentials above win). */
  ssg?: SsgSimulatorOptions;
  tadabase?: TadaBaseSimulatorOptions;
  agent?: AgentSimulatorOptions;
  keyVault?: KeyVaultSimulatorOptions;
}

export interface Simulators {
  ssg: SsgSimulator;
  tadabase: TadaBaseSimulator;
  agent: AgentSimulator;
  keyVault: KeyVaultSimulator;
  credentials: SimulatorCredentials;
  stop(): Promise<void>;
}

/** Key Vault secret name → value, as the app's secrets module reads them. */
export function secretsFor(credentials: SimulatorCredentials): Record<string, string> {
  return {
    "ssg-client-id": credentials.ssg.clientId,
    "ssg-client-secret": credentials.ssg.clientSecret,
    "ssg-encryption-key": credentials.ssg.encryptionKey,
    "tadabase-app-id": credentials.tadabase.appId,
    "tadabase-app-key": credentials.tadabase.appKey,
    "tadabase-app-secret": credentials.tadabase.appSecret,
    "agent-signing-secret": credentials.agentSigningSecret,
  };
}

export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<Simulators> {
  const credentials: SimulatorCredentials = { ...DEV_CREDENTIALS, ...options.credentials };
  const ports = options.ports ?? {};
  const started: { stop(): Promise<void> }[] = [];
  const track = async <T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> => {
    const sim = await starting;
    started.push(sim);
    return sim;
  };
  try {
    const generate = options.seed === undefined ? undefined : { runs: 5, sessionsPerRun: 6, ...options.dataset, seed: options.seed };
    // One after another: if one fails (a port in use), the ones started so far are all known.
    const ssg = await track(startSsgSimulator({ ...options.ssg, port: ports.ssg ?? 0, credentials: credentials.ssg, ...(generate ? { generate } : {}) }));
    const tadabase = await track(startTadaBaseSimulator({ ...options.tadabase, port: ports.tadabase ?? 0, credentials: credentials.tadabase }));
    const agent = await track(startAgentSimulator({ ...options.agent, port: ports.agent ?? 0, signingSecrets: [credentials.agentSigningSecret] }));
    const keyVault = await track(
      startKeyVaultSimulator({ ...options.keyVault, port: ports.keyVault ?? 0, secrets: { ...secretsFor(credentials), ...options.keyVault?.secrets } }),
    );
    return {
      ssg,
      tadabase,
      agent,
      keyVault,
      credentials,
      stop: async () => {
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    // One failed to start (a port in use): do not leave the others listening.
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}
