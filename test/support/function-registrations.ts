// Loads the function app's modules the way the Functions worker does and records what they
// register, so tests can compare the real registrations (not just our helper's bookkeeping) with
// the OpenAPI document. @azure/functions asks for "@azure/functions-core" (which the real worker
// injects) to register; we hand it a recorder. Call captureRegistrations() before anything in the
// process imports @azure/functions, then import the modules with importFunctionModules().
import { readdirSync, statSync } from "node:fs";
import Module from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

export interface CapturedBinding {
  type: string;
  direction: string;
  route?: string;
  methods?: string[];
  authLevel?: string;
}

export interface CapturedFunction {
  name: string;
  bindings: Record<string, CapturedBinding>;
}

export interface HttpRegistration {
  name: string;
  route: string;
  methods: string[];
  authLevel: string;
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Load };

let captured: CapturedFunction[] | undefined;

export function captureRegistrations(): CapturedFunction[] {
  if (captured) return captured;
  const list: CapturedFunction[] = [];
  const disposable = { dispose: () => undefined };
  let model: unknown;
  const core = {
    registerFunction: (metadata: CapturedFunction) => {
      list.push(metadata);
      return disposable;
    },
    setProgrammingModel: (m: unknown) => {
      model = m;
    },
    getProgrammingModel: () => model,
    registerHook: () => disposable,
    log: () => undefined,
  };
  const original = moduleInternals._load;
  moduleInternals._load = function (request, parent, isMain) {
    return request === "@azure/functions-core" ? core : original.call(this, request, parent, isMain);
  };
  captured = list;
  return list;
}

const ROOT = new URL("../../", import.meta.url).pathname;

/** Every TypeScript module under functions/ (the sources of package.json `main`). */
export function functionModules(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
    });
  return walk(join(ROOT, "functions")).sort();
}

export async function importFunctionModules(): Promise<string[]> {
  const files = functionModules();
  for (const file of files) await import(pathToFileURL(file).href);
  return files.map((f) => relative(ROOT, f));
}

export function httpRegistrations(functions: readonly CapturedFunction[]): HttpRegistration[] {
  return functions.flatMap((fn) => {
    const trigger = Object.values(fn.bindings).find((b) => b.type.toLowerCase() === "httptrigger");
    if (!trigger) return [];
    return [{ name: fn.name, route: trigger.route ?? fn.name, methods: (trigger.methods ?? []).map((m) => m.toUpperCase()), authLevel: trigger.authLevel ?? "function" }];
  });
}
