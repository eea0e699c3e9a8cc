// startDevhost: load the app, serve its HTTP functions and Durable endpoints, run its orchestrations,
// activities and timers, until stop().
import { resolve } from "node:path";
import type { RegisteredFunction } from "./app/coreApi.js";
import { createInvoker } from "./app/invoke.js";
import { loadApp } from "./app/loadApp.js";
import { clientBindingJson, WEBHOOK_PATH } from "./durable/clientBinding.js";
import type { ClientUrls } from "./durable/clientBinding.js";
import { DurableEngine } from "./durable/engine.js";
import { handleManagement } from "./durable/managementApi.js";
import type { ManagementContext } from "./durable/managementApi.js";
import { createMemoryStore } from "./durable/memoryStore.js";
import type { DurableStore } from "./durable/model.js";
import { createTableStore } from "./durable/tableStore.js";
import { AppLoadError, DevhostConfigError } from "./errors.js";
import { readHostJson } from "./hostJson.js";
import type { Exchange, Reply } from "./http/exchange.js";
import { authorized, findRoute, httpFunction, invokeHttpFunction, sortRoutes } from "./http/functionRoutes.js";
import type { HttpFunction, Keys } from "./http/functionRoutes.js";
import { listen } from "./http/server.js";
import { consoleLogger, errorMessage } from "./log.js";
import type { DevhostLogger } from "./log.js";
import { applySettingsToEnv, loadSettings } from "./settings.js";
import type { Settings } from "./settings.js";
import { storageConnectionString } from "./storage.js";
import { startTimers, timerFunction } from "./timerTriggers.js";
import type { TimerFunction } from "./timerTriggers.js";

export interface DevhostOptions {
  /** The app folder (its package.json `main` names the function files). */
  appDir: string;
  /** 0 = any free port. Default 7071. */
  port?: number;
  /** "memory" (default for the library) or "tables" (Azure Table Storage via AzureWebJobsStorage). */
  store?: "memory" | "tables";
  /** App settings; default: local.settings.json Values (else the sample) overridden by the environment. */
  settings?: Settings;
  /** Enforce function/admin keys (DEVHOST_FUNCTION_KEY / DEVHOST_MASTER_KEY); default: setting DEVHOST_REQUIRE_KEYS. */
  requireKeys?: boolean;
  logger?: DevhostLogger;
  /** Request bodies above this size get 413 (the host's limit is 100 MB). */
  maxRequestBodyBytes?: number;
  /** Page size of instance queries before a continuation token (default 100). */
  statusPageSize?: number;
  /** Skip timer triggers (tests that do not want background invocations). */
  disableTimers?: boolean;
  /**
   * Durable timers and retry delays wait this fraction of their time (default 1; setting
   * DEVHOST_TIMER_SCALE). Orchestrations still see their full duration pass in currentUtcDateTime.
   */
  timerScale?: number;
}

export interface Devhost {
  /** Base URL, e.g. http://127.0.0.1:7071 */
  url: string;
  port: number;
  taskHub: string;
  stop(): Promise<void>;
}

interface Catalogue {
  http: HttpFunction[];
  timers: TimerFunction[];
  orchestrators: Map<string, RegisteredFunction>;
  activities: Map<string, RegisteredFunction>;
  durableClients: Map<RegisteredFunction, string[]>;
}

function triggerOf(fn: RegisteredFunction): string {
  const triggers = Object.values(fn.metadata.bindings).filter((b) => typeof b.type === "string" && /trigger$/i.test(b.type));
  if (triggers.length !== 1) {
    throw new AppLoadError(`Function '${fn.metadata.name}' must have exactly one trigger binding (found ${triggers.length}).`);
  }
  return (triggers[0]?.type ?? "").toLowerCase();
}

function catalogue(functions: RegisteredFunction[], settings: Settings, logger: DevhostLogger): Catalogue {
  const result: Catalogue = { http: [], timers: [], orchestrators: new Map(), activities: new Map(), durableClients: new Map() };
  const names = new Set<string>();
  for (const fn of functions) {
    const name = fn.metadata.name;
    if (names.has(name.toLowerCase())) throw new AppLoadError(`Two functions are named '${name}'.`);
    names.add(name.toLowerCase());
    const clients = Object.entries(fn.metadata.bindings).filter(([, b]) => b.type === "durableClient" || b.type === "orchestrationClient");
    if (clients.length > 0) result.durableClients.set(fn, clients.map(([n]) => n));
    const trigger = triggerOf(fn);
    try {
      if (trigger === "httptrigger") result.http.push(httpFunction(fn, settings));
      else if (trigger === "timertrigger") result.timers.push(timerFunction(fn, settings));
      else if (trigger === "orchestrationtrigger") result.orchestrators.set(name, fn);
      else if (trigger === "activitytrigger") result.activities.set(name, fn);
      else logger.log("warning", `devhost: function '${name}' has a ${trigger} trigger, which devhost does not run; it is skipped.`);
    } catch (error) {
      if (error instanceof DevhostConfigError) throw new AppLoadError(error.message);
      throw error;
    }
  }
  result.http = sortRoutes(result.http);
  return result;
}

function keysFrom(settings: Settings, requireKeys: boolean): Keys | undefined {
  if (!requireKeys) return undefined;
  const functionKey = settings.DEVHOST_FUNCTION_KEY ?? process.env.DEVHOST_FUNCTION_KEY;
  const masterKey = settings.DEVHOST_MASTER_KEY ?? process.env.DEVHOST_MASTER_KEY;
  if (!functionKey || !masterKey) throw new DevhostConfigError("--require-keys needs the settings DEVHOST_FUNCTION_KEY and DEVHOST_MASTER_KEY.");
  return { functionKey, masterKey };
}

function timerScaleFrom(option: number | undefined, settings: Settings): number {
  const raw = option ?? (settings.DEVHOST_TIMER_SCALE !== undefined ? Number(settings.DEVHOST_TIMER_SCALE) : 1);
  if (!Number.isFinite(raw) || raw <= 0 || raw > 1) throw new DevhostConfigError(`timerScale must be in (0, 1], got ${String(raw)}`);
  return raw;
}

function createStore(kind: "memory" | "tables", settings: Settings, hubName: string): DurableStore {
  if (kind === "memory") return createMemoryStore();
  return createTableStore(storageConnectionString(settings), hubName);
}

export async function startDevhost(options: DevhostOptions): Promise<Devhost> {
  const appDir = resolve(options.appDir);
  const logger = options.logger ?? consoleLogger;
  const settings = options.settings ?? loadSettings(appDir);
  const restoreEnv = applySettingsToEnv(settings);
  const cleanups: (() => Promise<void> | void)[] = [restoreEnv];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step();
  };
  try {
    const host = readHostJson(appDir, settings);
    const keys = keysFrom(settings, options.requireKeys ?? settings.DEVHOST_REQUIRE_KEYS === "true");
    const registry = await loadApp(appDir);
    registry.systemLog = (level, message) => logger.log(level, `[worker] ${message}`);
    const app = catalogue(registry.functions, settings, logger);
    const appHookData: Record<string, unknown> = {};
    const invoker = createInvoker(registry, logger, appHookData);

    const engine = new DurableEngine({
      store: createStore(options.store ?? "memory", settings, host.hubName),
      invoker,
      logger,
      orchestrators: app.orchestrators,
      activities: app.activities,
      maxConcurrentActivityFunctions: host.maxConcurrentActivityFunctions,
      maxConcurrentOrchestratorFunctions: host.maxConcurrentOrchestratorFunctions,
      timerScale: timerScaleFrom(options.timerScale, settings),
    });

    const maxBody = options.maxRequestBodyBytes ?? 100 * 1024 * 1024;
    const management: ManagementContext = { engine, urls: { publicOrigin: "", rpcBaseUrl: "", hubName: host.hubName }, pageSize: options.statusPageSize ?? 100 };
    const rpc = await listen(0, maxBody, (exchange) => handleManagement(management, exchange, exchange.url.pathname.replace(/^\/durabletask\/?/, "")), logger);
    cleanups.push(() => rpc.close());

    for (const hook of registry.hooks.appStart) await hook({ hookData: appHookData, appHookData, functionAppDirectory: appDir });
    cleanups.push(async () => {
      for (const hook of registry.hooks.appTerminate) await hook({ hookData: appHookData, appHookData });
    });
    // Stored instances are loaded before the public port opens, so a client never sees them missing.
    try {
      await engine.start();
    } catch (error) {
      await engine.stop().catch(() => undefined);
      throw new DevhostConfigError(
        `Cannot open the ${options.store ?? "memory"} store for task hub '${host.hubName}': ${errorMessage(error)}. ` +
          "Is Azurite (or the storage account in AzureWebJobsStorage) running? Or use --store memory.",
      );
    }
    cleanups.push(() => engine.stop());

    const prefix = host.routePrefix === "" ? "" : `/${host.routePrefix}`;
    // Durable client inputs (df.app.client.*) get the binding JSON, built once the port is known.
    const clientInputs = (fn: RegisteredFunction): { name: string; data: { string: string } }[] =>
      (app.durableClients.get(fn) ?? []).map((name) => ({ name, data: { string: clientBindingJson(urls) } }));
    const handle = async (exchange: Exchange): Promise<Reply> => {
      const path = exchange.url.pathname;
      if (path.toLowerCase().startsWith(`${WEBHOOK_PATH}/`)) {
        if (!authorized("admin", exchange, keys)) return { status: 401 };
        return handleManagement(management, exchange, path.slice(WEBHOOK_PATH.length + 1));
      }
      if (path.toLowerCase() === "/admin/host/status") {
        // The host's readiness probe, as Core Tools serves it.
        if (!authorized("admin", exchange, keys)) return { status: 401 };
        return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ state: "Running", version: "devhost" }) };
      }
      if (prefix && !(path.toLowerCase() === prefix.toLowerCase() || path.toLowerCase().startsWith(`${prefix.toLowerCase()}/`))) return { status: 404 };
      const match = findRoute(app.http, path.slice(prefix.length).replace(/^\/+/, ""), exchange.method);
      if (match.kind === "none") return { status: 404 };
      if (match.kind === "method") return { status: 405, headers: { allow: match.allow.join(", ") } };
      if (!authorized(match.target.authLevel, exchange, keys)) return { status: 401 };
      return invokeHttpFunction(invoker, match.target, exchange, match.params, clientInputs(match.target.fn));
    };
    const server = await listen(options.port ?? 7071, maxBody, handle, logger);
    cleanups.push(() => server.close());
    const url = `http://127.0.0.1:${server.port}`;
    const urls: ClientUrls = { publicOrigin: url, rpcBaseUrl: `http://127.0.0.1:${rpc.port}/durabletask/`, hubName: host.hubName, systemKey: keys?.masterKey };
    management.urls = urls;
    // The SDK rewrites client URLs to localhost:7071 unless WEBSITE_HOSTNAME is set.
    const previousHostname = process.env.WEBSITE_HOSTNAME;
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${server.port}`;
    cleanups.push(() => {
      if (previousHostname === undefined) delete process.env.WEBSITE_HOSTNAME;
      else process.env.WEBSITE_HOSTNAME = previousHostname;
    });

    const timers = options.disableTimers ? { stop: () => undefined } : startTimers(app.timers, invoker, settings, clientInputs);
    cleanups.push(() => timers.stop());

    for (const target of app.http) {
      logger.log("information", `  ${target.fn.metadata.name}: [${(target.methods ?? ["ALL"]).join(",")}] ${url}${prefix}/${target.route.template}`);
    }
    logger.log("information", `devhost: ${registry.functions.length} function(s) from ${appDir}, task hub '${host.hubName}' (${options.store ?? "memory"} store), listening on ${url}`);

    let stopped = false;
    return {
      url,
      port: server.port,
      taskHub: host.hubName,
      async stop() {
        if (stopped) return;
        stopped = true;
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
