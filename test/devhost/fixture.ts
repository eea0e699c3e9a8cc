// Shared helpers for devhost tests: the fixture app, starting devhost on it, and Durable polling.
import { fileURLToPath } from "node:url";
import { startDevhost } from "../../devhost/src/index.js";
import type { Devhost, DevhostOptions } from "../../devhost/src/index.js";

export const FIXTURE_APP = fileURLToPath(new URL("../fixtures/devhost-app/", import.meta.url));

export interface CapturedLogs {
  lines: string[];
  logger: NonNullable<DevhostOptions["logger"]>;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return { lines, logger: { log: (_level, message) => lines.push(message) } };
}

export function startFixture(options: Partial<DevhostOptions> & { settings?: Record<string, string> } = {}): Promise<Devhost> {
  return startDevhost({
    appDir: FIXTURE_APP,
    port: 0,
    logger: captureLogs().logger,
    ...options,
    settings: { TASKHUB_NAME: "devhosttests", TICK_SCHEDULE: "0 0 0 1 1 *", ...options.settings },
  });
}

export interface Status {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  output: unknown;
  customStatus: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: { EventType: string; FunctionName?: string; Result?: unknown }[];
}

export async function startOrchestration(host: Devhost, name: string, input?: unknown, instanceId?: string): Promise<Response> {
  const query = instanceId ? `?id=${encodeURIComponent(instanceId)}` : "";
  return fetch(`${host.url}/api/orchestrators/${name}${query}`, { method: "POST", body: input === undefined ? "" : JSON.stringify(input) });
}

export async function start(host: Devhost, name: string, input?: unknown, instanceId?: string): Promise<string> {
  const response = await startOrchestration(host, name, input, instanceId);
  if (response.status !== 202) throw new Error(`start ${name}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function status(host: Devhost, instanceId: string, query = ""): Promise<Status> {
  const response = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}${query}`);
  if (response.status === 404) throw new Error(`instance ${instanceId} not found`);
  return (await response.json()) as Status;
}

const FINAL = ["Completed", "Failed", "Terminated"];

export async function waitFor(host: Devhost, instanceId: string, until: (s: Status) => boolean = (s) => FINAL.includes(s.runtimeStatus), timeoutMs = 20000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await status(host, instanceId, "?showHistory=true&showHistoryOutput=true");
    if (until(current)) return current;
    if (Date.now() > deadline) throw new Error(`instance ${instanceId} still ${current.runtimeStatus} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function run(host: Devhost, name: string, input?: unknown): Promise<Status> {
  return waitFor(host, await start(host, name, input));
}

/** Calls a durable client method inside the app (the fixture's clientOp function). */
export async function clientOp(host: Devhost, op: string, ...args: unknown[]): Promise<{ status: number; result?: unknown; error?: string }> {
  const response = await fetch(`${host.url}/api/client`, { method: "POST", body: JSON.stringify({ op, args }) });
  const body = (await response.json()) as { result?: unknown; error?: string };
  return { status: response.status, ...body };
}
