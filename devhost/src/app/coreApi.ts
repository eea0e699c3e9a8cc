// The stand-in for `@azure/functions-core`, the module the real Node worker injects. `@azure/functions`
// requires it once and caches the answer; if it is missing the library drops every registration
// ("test mode"), so devhost must answer that require before the app's first import.
import Module from "node:module";
import type { LogLevel } from "../log.js";
import type { FunctionHandler, FunctionMetadata, HookCallback, HookName, ProgrammingModel } from "./coreTypes.js";

export interface RegisteredFunction {
  metadata: FunctionMetadata;
  handler: FunctionHandler;
}

/** Everything one app registered while it loaded. */
export interface AppRegistry {
  functions: RegisteredFunction[];
  hooks: Record<HookName, HookCallback[]>;
  model: ProgrammingModel | undefined;
  /** Where worker-level logs go; the running devhost points it at its logger. */
  systemLog: (level: LogLevel, message: string) => void;
}

const HOOK_NAMES: readonly HookName[] = ["appStart", "appTerminate", "preInvocation", "postInvocation", "log"];

// @azure/functions sets its programming model once per process; a second app loaded later reuses it.
let lastModel: ProgrammingModel | undefined;

export function createRegistry(): AppRegistry {
  return {
    functions: [],
    hooks: { appStart: [], appTerminate: [], preInvocation: [], postInvocation: [], log: [] },
    model: lastModel,
    systemLog: () => undefined,
  };
}

class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}

let target: AppRegistry | undefined;

/** Registrations made from now on (by any copy of @azure/functions) land in `registry`. */
export function routeRegistrationsTo(registry: AppRegistry): void {
  target = registry;
}

function current(): AppRegistry {
  if (!target) throw new Error("devhost: @azure/functions-core used before devhost started loading an app");
  return target;
}

const coreApi = {
  version: "devhost",
  Disposable,
  registerFunction(metadata: FunctionMetadata, handler: FunctionHandler): Disposable {
    const registry = current();
    const entry = { metadata, handler };
    registry.functions.push(entry);
    return new Disposable(() => {
      registry.functions = registry.functions.filter((f) => f !== entry);
    });
  },
  setProgrammingModel(model: ProgrammingModel): void {
    current().model = model;
    lastModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return current().model;
  },
  registerHook(name: string, callback: HookCallback): Disposable {
    if (!HOOK_NAMES.includes(name as HookName)) {
      const error = new RangeError(`Unrecognized hook "${name}"`) as RangeError & { isAzureFunctionsSystemError: boolean };
      error.isAzureFunctionsSystemError = true;
      throw error;
    }
    const list = current().hooks[name as HookName];
    list.push(callback);
    return new Disposable(() => {
      const index = list.indexOf(callback);
      if (index >= 0) list.splice(index, 1);
    });
  },
  log(level: LogLevel, _category: string, message: string): void {
    current().systemLog(level, message);
  },
};

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;
let installed = false;

/** Answers `require("@azure/functions-core")` from anywhere in this process with devhost's stand-in. */
export function installCoreApi(): void {
  if (installed) return;
  installed = true;
  const moduleInternals = Module as unknown as { _load: ModuleLoad };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function load(this: unknown, request, parent, isMain) {
    if (request === "@azure/functions-core") return coreApi;
    return originalLoad.call(this, request, parent, isMain);
  };
}
