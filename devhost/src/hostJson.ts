// The parts of host.json devhost honours: the HTTP route prefix and Durable Task options.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DevhostConfigError } from "./errors.js";
import { resolveSettingRefs } from "./settings.js";
import type { Settings } from "./settings.js";

const HostJson = z.object({
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).loose().optional(),
      durableTask: z
        .object({
          hubName: z.string().optional(),
          maxConcurrentActivityFunctions: z.number().int().positive().optional(),
          maxConcurrentOrchestratorFunctions: z.number().int().positive().optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
}).loose();

export interface HostOptions {
  routePrefix: string;
  hubName: string;
  maxConcurrentActivityFunctions: number;
  maxConcurrentOrchestratorFunctions: number;
}

export function readHostJson(appDir: string, settings: Settings): HostOptions {
  const path = join(appDir, "host.json");
  let raw: unknown = {};
  if (existsSync(path)) {
    try {
      raw = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new DevhostConfigError(`Cannot parse ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const parsed = HostJson.safeParse(raw);
  if (!parsed.success) throw new DevhostConfigError(`${path} is invalid: ${parsed.error.message}`);
  const http = parsed.data.extensions?.http;
  const durable = parsed.data.extensions?.durableTask;
  // Defaults are the Functions host's own (routePrefix "api", hub "TestHubName", 10 × cores for concurrency).
  return {
    routePrefix: (http?.routePrefix ?? "api").replace(/^\/+|\/+$/g, ""),
    hubName: resolveSettingRefs(durable?.hubName ?? "TestHubName", settings, "host.json durableTask.hubName"),
    maxConcurrentActivityFunctions: durable?.maxConcurrentActivityFunctions ?? 10,
    maxConcurrentOrchestratorFunctions: durable?.maxConcurrentOrchestratorFunctions ?? 10,
  };
}
