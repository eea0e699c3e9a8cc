// Loads a Functions app the way the worker does: every file matched by package.json `main`, with
// `@azure/functions-core` answered by devhost, then checks what the app registered.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { glob } from "tinyglobby";
import { z } from "zod";
import { AppLoadError } from "../errors.js";
import { errorMessage } from "../log.js";
import { createRegistry, installCoreApi, routeRegistrationsTo } from "./coreApi.js";
import type { AppRegistry } from "./coreApi.js";

const PackageJson = z.object({ main: z.string().min(1) });

// ESM modules run once per process, so a second devhost on the same app reuses the first load.
const loaded = new Map<string, Promise<AppRegistry>>();

export function loadApp(appDir: string): Promise<AppRegistry> {
  const key = resolve(appDir);
  let pending = loaded.get(key);
  if (!pending) {
    pending = importApp(key);
    loaded.set(key, pending);
    pending.catch(() => loaded.delete(key));
  }
  return pending;
}

async function readMain(appDir: string): Promise<string> {
  const path = join(appDir, "package.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new AppLoadError(`No package.json in ${appDir}: devhost needs the app folder (--app).`);
  }
  const parsed = PackageJson.safeParse(JSON.parse(text));
  if (!parsed.success) throw new AppLoadError(`${path} has no "main": it must name the function files (a path or glob).`);
  return parsed.data.main;
}

function checkFunctionsLibrary(appDir: string): void {
  try {
    createRequire(join(appDir, "package.json")).resolve("@azure/functions");
  } catch {
    throw new AppLoadError(`Cannot resolve @azure/functions from ${appDir}: install the app's dependencies first.`);
  }
}

async function importApp(appDir: string): Promise<AppRegistry> {
  const main = await readMain(appDir);
  checkFunctionsLibrary(appDir);
  const files = (await glob(main, { cwd: appDir, absolute: true })).sort();
  if (files.length === 0) {
    throw new AppLoadError(`package.json "main" (${main}) matched no files in ${appDir}: build the app first.`);
  }
  installCoreApi();
  const registry = createRegistry();
  routeRegistrationsTo(registry);
  for (const file of files) {
    try {
      await import(pathToFileURL(file).href);
    } catch (error) {
      throw new AppLoadError(`Failed to load ${file}: ${errorMessage(error)}`);
    }
  }
  if (registry.functions.length === 0 || !registry.model) {
    throw new AppLoadError(`The app in ${appDir} registered no functions (files loaded: ${files.length}).`);
  }
  return registry;
}
