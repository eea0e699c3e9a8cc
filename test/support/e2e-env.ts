// The whole system on loopback for end-to-end tests, chaos runs and benchmarks: Azurite, the four
// partner simulators and devhost running the compiled app (`npm run build` first; `npm test` does).
// Devhost runs in this process by default, or as a child process (`mode: "process"`) when a test
// must kill -9 it and start it again.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { startDevhost, type Devhost } from "../../devhost/src/index.js";
import { startSimulators, type Simulators, type StartSimulatorsOptions } from "../../simulators/index.js";
import { startAzurite, type Azurite } from "./azurite.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface E2eOptions {
  mode?: "inprocess" | "process";
  store?: "tables" | "memory";
  requireKeys?: boolean;
  simulators?: StartSimulatorsOptions;
  /** App settings on top of the ones pointing at the simulators and Azurite. */
  settings?: Record<string, string>;
  /** Reuse a running Azurite (a restart test keeps its storage across devhost lives). */
  azurite?: Azurite;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface E2eEnv {
  url: string;
  sims: Simulators;
  azurite: Azurite;
  settings: Record<string, string>;
  /** Lines devhost and the app logged (in-process mode) or printed (process mode). */
  logs: string[];
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** Process mode: SIGKILL devhost (no clean-up of any kind). */
  kill(): Promise<void>;
  /** Process mode: start devhost again on the same port and storage. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const FUNCTION_KEY = "e2e-function-key-0123456789";
export const MASTER_KEY = "e2e-master-key-0123456789";

/** The app's settings for the simulators and an Azurite: partner URLs, dev credentials, storage. */
export function appSettingsFor(sims: Simulators, azurite: Pick<Azurite, "connectionString">): Record<string, string> {
  return {
    AzureWebJobsStorage: azurite.connectionString,
    TASKHUB_NAME: "e2ehub",
    SSG_BASE_URL: sims.ssg.url,
    TADABASE_BASE_URL: `${sims.tadabase.url}/api/v1`,
    AGENT_BASE_URL: sims.agent.url,
    SSG_CLIENT_ID: sims.credentials.ssg.clientId,
    SSG_CLIENT_SECRET: sims.credentials.ssg.clientSecret,
    SSG_ENCRYPTION_KEY: sims.credentials.ssg.encryptionKey,
    TADABASE_APP_ID: sims.credentials.tadabase.appId,
    TADABASE_APP_KEY: sims.credentials.tadabase.appKey,
    TADABASE_APP_SECRET: sims.credentials.tadabase.appSecret,
    AGENT_SIGNING_SECRET: sims.credentials.agentSigningSecret,
  };
}

export async function startE2eEnv(options: E2eOptions = {}): Promise<E2eEnv> {
  const ownAzurite = options.azurite === undefined;
  const azurite = options.azurite ?? (await startAzurite());
  const sims = await startSimulators({ seed: 7, ...options.simulators });
  const port = await freePort();
  const settings: Record<string, string> = {
    FUNCTIONS_WORKER_RUNTIME: "node",
    ...appSettingsFor(sims, azurite),
    DEVHOST_FUNCTION_KEY: FUNCTION_KEY,
    DEVHOST_MASTER_KEY: MASTER_KEY,
    NO_PROXY: "127.0.0.1,localhost,::1",
    LOG_LEVEL: "warn",
    ...options.settings,
  };
  const logs: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  const mode = options.mode ?? "inprocess";
  const store = options.store ?? "tables";

  let inProcess: Devhost | undefined;
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    if (mode === "inprocess") {
      inProcess = await startDevhost({
        appDir: ROOT,
        port,
        store,
        settings,
        requireKeys: options.requireKeys ?? false,
        logger: { log: (level, message) => logs.push(`${level} ${message}`) },
      });
      return;
    }
    const args = ["devhost/bin/devhost.js", "--app", ROOT, "--port", String(port), "--store", store, ...(options.requireKeys ? ["--require-keys"] : [])];
    child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...settings }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => logs.push(chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString("utf8")));
    await waitForHttp(`${url}/api/health`, 30_000);
  };

  const kill = async (): Promise<void> => {
    // A process ended by a signal has exitCode null and signalCode set: it is gone all the same.
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };

  try {
    await launch();
  } catch (error) {
    // A devhost that does not start (bad settings, a broken build) must not leave the rest running.
    await kill();
    await sims.stop();
    if (ownAzurite) await azurite.stop();
    throw error;
  }

  return {
    url,
    sims,
    azurite,
    settings,
    logs,
    async api(method, path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    kill,
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await inProcess?.stop();
      await kill();
      await sims.stop();
      if (ownAzurite) await azurite.stop();
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
