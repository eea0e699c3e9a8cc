// What the SSG contract tests share: an in-memory secrets provider that counts refreshes, a client
// wired like production (from settings), and a log sink that keeps every line.
import { parseSettings } from "../../shared/config/index.js";
import type { Settings } from "../../shared/config/index.js";
import { createLogger, withLogger } from "../../shared/logging.js";
import { SsgClient, ssgClientFromSettings } from "../../shared/systems/ssg/index.js";
import type { SsgClientOptions, SsgSecretName, SsgSecrets } from "../../shared/systems/ssg/index.js";
import type { SsgSimulator } from "../../simulators/ssg/simulator.js";

export const UEN = "T16LL0001A";
export const RUN_ID = "224596";
export const COURSE = "TGS-2020000703";
export const EXPIRED_RUN_ID = "100200";
export const EXPIRED_COURSE = "TGS-2019000111";

export interface MemorySecrets extends SsgSecrets {
  values: Partial<Record<SsgSecretName, string>>;
  refreshed: SsgSecretName[];
}

export function memorySecrets(values: Partial<Record<SsgSecretName, string>>): MemorySecrets {
  const read = (name: SsgSecretName): Promise<string> => {
    const value = secrets.values[name];
    return value === undefined ? Promise.reject(new Error(`no secret ${name}`)) : Promise.resolve(value);
  };
  const secrets: MemorySecrets = {
    values: { ...values },
    refreshed: [],
    get: read,
    refresh: (name) => {
      secrets.refreshed.push(name);
      return read(name);
    },
  };
  return secrets;
}

export function simSecrets(sim: SsgSimulator): MemorySecrets {
  return memorySecrets({
    "ssg-client-id": sim.credentials.clientId,
    "ssg-client-secret": sim.credentials.clientSecret,
    "ssg-encryption-key": sim.credentials.encryptionKey,
  });
}

/** Settings as the app reads them, pointed at the simulator. */
export function ssgSettings(sim: SsgSimulator, extra: Record<string, string> = {}): Settings {
  return parseSettings({
    AzureWebJobsStorage: "UseDevelopmentStorage=true",
    TASKHUB_NAME: "ssgcontract",
    TADABASE_BASE_URL: "http://127.0.0.1:9",
    SSG_BASE_URL: sim.url,
    ...extra,
  });
}

/** A client as production builds it; a fresh secrets object means a fresh client (own token cache). */
export function clientFor(sim: SsgSimulator, extra: Record<string, string> = {}, secrets: SsgSecrets = simSecrets(sim)): SsgClient {
  return ssgClientFromSettings(ssgSettings(sim, extra), secrets);
}

/** A client with fast retries, for fault tests. */
export function fastClient(sim: SsgSimulator, overrides: Partial<SsgClientOptions> = {}): SsgClient {
  return new SsgClient({
    baseUrl: sim.url,
    authMode: "oauth",
    apiVersions: { sessions: "v1.5", courseRun: "v1.0", attendance: "v1.5" },
    limits: { attemptTimeoutMs: 400, deadlineMs: 10_000, maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50, concurrency: 4 },
    secrets: simSecrets(sim),
    ...overrides,
  });
}

/** Every log line written while fn runs (already redacted by the logger, as in production). */
export async function capturingLogs<T>(lines: string[], fn: () => Promise<T>): Promise<T> {
  return withLogger(
    createLogger((_level, line) => lines.push(line)),
    fn,
  );
}

/** "METHOD route status" of every request the simulator logged, in order. */
export function trail(sim: SsgSimulator): string[] {
  return sim.requests().requests.map((r) => `${r.method} ${r.route ?? r.path} ${r.status ?? r.fault?.kind ?? "-"}`);
}
