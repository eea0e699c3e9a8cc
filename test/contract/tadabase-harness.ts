// What the TadaBase contract tests share: a simulator with its own credentials, secrets held in a
// map that counts refreshes, a client wired with short test timings, and a log sink.
import { randomBytes } from "node:crypto";
import { createLogger, withLogger } from "../../shared/logging.js";
import { createTadaBaseClient } from "../../shared/systems/bestraining/index.js";
import type { TadaBaseClient, TadaBaseClientOptions, TadaBaseHttpOptions, TadaBaseSecretName, TadaBaseSecrets } from "../../shared/systems/bestraining/index.js";
import type { LoggedRequest } from "../../simulators/kit/index.js";
import { startTadaBaseSimulator } from "../../simulators/tadabase/simulator.js";
import type { TadaBaseCredentials, TadaBaseSimulator, TadaBaseSimulatorOptions } from "../../simulators/tadabase/simulator.js";

export const RECORDS_ROUTE = "/api/v1/data-tables/{tableId}/records";
export const RECORD_ROUTE = "/api/v1/data-tables/{tableId}/records/{recordId}";

export function testCredentials(): TadaBaseCredentials {
  const token = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;
  return { appId: token("app"), appKey: token("key"), appSecret: token("secret") };
}

export interface MemorySecrets extends TadaBaseSecrets {
  values: Record<TadaBaseSecretName, string>;
  refreshed: TadaBaseSecretName[];
  /** Values `refresh` moves to (a rotation happening at the vault). */
  next: Partial<Record<TadaBaseSecretName, string>>;
}

export function memorySecrets(credentials: TadaBaseCredentials): MemorySecrets {
  const secrets: MemorySecrets = {
    values: { "tadabase-app-id": credentials.appId, "tadabase-app-key": credentials.appKey, "tadabase-app-secret": credentials.appSecret },
    refreshed: [],
    next: {},
    get: (name) => Promise.resolve(secrets.values[name]),
    refresh: (name) => {
      secrets.refreshed.push(name);
      secrets.values[name] = secrets.next[name] ?? secrets.values[name];
      return Promise.resolve(secrets.values[name]);
    },
  };
  return secrets;
}

export async function startSim(options: TadaBaseSimulatorOptions = {}): Promise<TadaBaseSimulator> {
  return startTadaBaseSimulator({ credentials: testCredentials(), rateLimit: { perMinute: 10_000, perDay: 1_000_000 }, ...options });
}

export function client(
  sim: TadaBaseSimulator,
  secrets: TadaBaseSecrets = memorySecrets(sim.credentials),
  http: Partial<TadaBaseHttpOptions> = {},
  extra: Pick<TadaBaseClientOptions, "schemaTtlMs"> = {},
): TadaBaseClient {
  return createTadaBaseClient({
    ...extra,
    secrets,
    http: {
      baseUrl: `${sim.url}/api/v1`,
      attemptTimeoutMs: 2_000,
      deadlineMs: 15_000,
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 50,
      concurrency: 4,
      ...http,
    },
  });
}

/** Requests the simulator saw for one route template (optionally one method). */
export function seen(sim: TadaBaseSimulator, route: string, method?: string): LoggedRequest[] {
  return sim.requests().requests.filter((r) => r.route === route && (method === undefined || r.method === method));
}

/** Runs fn with a logger that keeps every line. */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; lines: string[] }> {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`));
  try {
    return { result: await withLogger(logger, fn), error: undefined, lines };
  } catch (error) {
    return { result: undefined, error, lines };
  }
}

/** Venue rows by field NAME, n of them. */
export function venueRows(n: number, prefix = "v"): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    "Venue Key": `${prefix}:${String(i).padStart(4, "0")}`,
    Room: `Room ${i}`,
    Unit: `#0${i % 9}-0${i % 7}`,
    Block: String(100 + (i % 20)),
    Floor: String(i % 9),
    Street: "Ang Mo Kio Ave 1",
    Building: "Training Centre",
    "Postal Code": String(560000 + i).padStart(6, "0"),
    "Wheelchair Access": i % 2 === 0 ? "True" : "False",
  }));
}
