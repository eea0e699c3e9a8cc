// Builds the /api/health report: runs every probe at once with a short timeout and reports only
// status, duration and a coarse reason per dependency, never an address or a setting's value.
// Storage and configuration are critical (down → 503); a partner failing only degrades.
import { isAppError } from "../errors.js";
import { currentLogger } from "../logging.js";
import type { HealthCheck, HealthReport } from "./contracts/system.js";
import { appVersion } from "./version.js";

/** Resolves when the dependency answered; rejects otherwise. Must honour the signal. */
export type Probe = (signal: AbortSignal) => Promise<void>;

export interface HealthProbes {
  critical: Readonly<Record<string, Probe>>;
  optional: Readonly<Record<string, Probe>>;
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EAI_AGAIN", "EPIPE"]);

function reasonFor(error: unknown, signal: AbortSignal): NonNullable<HealthCheck["reason"]> {
  if (signal.aborted) return "timeout";
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === "string" && UNREACHABLE.has(code)) return "unreachable";
  if (isAppError(error) && error.kind === "ConfigurationError") return "misconfigured";
  return "error";
}

async function runProbe(name: string, probe: Probe, timeoutMs: number): Promise<HealthCheck> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  // The race keeps a probe that ignores its signal from holding the report up.
  const timedOut = new Promise<never>((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }));
  try {
    await Promise.race([probe(signal), timedOut]);
    return { status: "ok", durationMs: elapsed() };
  } catch (error) {
    const reason = reasonFor(error, signal);
    currentLogger().warn(`health check ${name} failed (${reason})`, { check: name, reason, message: error instanceof Error ? error.message : String(error) });
    return { status: "fail", durationMs: elapsed(), reason };
  }
}

export async function checkHealth(probes: HealthProbes, timeoutMs: number): Promise<HealthReport> {
  const names = [...Object.keys(probes.critical), ...Object.keys(probes.optional)];
  const all = { ...probes.optional, ...probes.critical };
  const results = await Promise.all(names.map((name) => runProbe(name, all[name] as Probe, timeoutMs)));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as HealthCheck]));
  const failed = (group: Readonly<Record<string, Probe>>) => Object.keys(group).some((name) => checks[name]?.status === "fail");
  const status = failed(probes.critical) ? "down" : failed(probes.optional) ? "degraded" : "ok";
  return { status, version: appVersion(), checks };
}

export interface HealthServiceOptions {
  /** Builds the probes (from settings); a throw (e.g. ConfigurationError) reports configuration as failed. */
  probes: () => HealthProbes;
  timeoutMs?: number;
  /** An anonymous endpoint must not let callers hammer our partners: results are reused this long. */
  cacheMs?: number;
}

/** A health checker with a short result cache. */
export function createHealthService(options: HealthServiceOptions): () => Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const cacheMs = options.cacheMs ?? 10_000;
  let last: { at: number; report: Promise<HealthReport> } | undefined;
  return () => {
    const now = Date.now();
    if (last && now - last.at < cacheMs) return last.report;
    last = { at: now, report: run() };
    return last.report;
  };

  async function run(): Promise<HealthReport> {
    let probes: HealthProbes;
    try {
      probes = options.probes();
    } catch (error) {
      // The message names the settings to fix; it goes to the log, not to the anonymous caller.
      currentLogger().error("health check: configuration is invalid", { message: error instanceof Error ? error.message : String(error) });
      return { status: "down", version: appVersion(), checks: { configuration: { status: "fail", durationMs: 0, reason: "misconfigured" } } };
    }
    const report = await checkHealth(probes, timeoutMs);
    return { ...report, checks: { configuration: { status: "ok", durationMs: 0 }, ...report.checks } };
  }
}
