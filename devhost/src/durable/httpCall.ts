// callHttp: the host makes the request (the "BuiltIn::HttpActivity") and, for a 202 with Location
// when polling is on, polls Location with GET after Retry-After (default 30 s) like the extension.
import type { DurableEngine } from "./engine.js";
import { events, failureFromError } from "./events.js";
import { isTerminal } from "./model.js";
import type { EventMessage, HttpMessage } from "./model.js";

export const HTTP_ACTIVITY = "BuiltIn::HttpActivity";
const DEFAULT_POLL_MS = 30_000;

export interface DurableHttpRequestJson {
  method?: string;
  uri?: string;
  content?: string;
  headers?: Record<string, string>;
  tokenSource?: unknown;
  asynchronousPatternEnabled?: boolean;
}

/** What to do next after a 202: poll Location after this many milliseconds. */
export function pollAfter(result: unknown): { location: string; delayMs: number } | undefined {
  if (typeof result !== "string") return undefined;
  const response = JSON.parse(result) as { statusCode?: number; headers?: Record<string, string> };
  const header = (name: string): string | undefined => Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  const location = header("location");
  if (response.statusCode !== 202 || !location) return undefined;
  const retryAfter = Number(header("retry-after"));
  return { location, delayMs: Number.isFinite(retryAfter) && header("retry-after") !== undefined ? retryAfter * 1000 : DEFAULT_POLL_MS };
}

export async function runHttpCall(engine: DurableEngine, item: HttpMessage): Promise<EventMessage | undefined> {
  const instance = engine.instances.get(item.instanceId);
  if (!instance || isTerminal(instance.state.runtimeStatus) || instance.state.generation !== item.generation || instance.completedIds.has(item.taskId)) {
    await engine.store.putMessages([], { instanceId: item.instanceId, ids: [item.id] });
    return undefined;
  }
  let event;
  try {
    const response = await fetch(item.request.uri, {
      method: item.request.method,
      headers: item.request.headers,
      body: ["GET", "HEAD"].includes(item.request.method.toUpperCase()) ? undefined : item.request.content,
    });
    const content = await response.text();
    const headers = Object.fromEntries(response.headers.entries());
    event = { ...events.taskCompleted(item.taskId, JSON.stringify({ statusCode: response.status, content, headers })), Poll: item.request.poll && response.status === 202 && response.headers.has("location") };
  } catch (error) {
    event = events.taskFailed(item.taskId, failureFromError(error));
  }
  engine.options.logger.log("information", `Durable: callHttp ${item.request.method} ${item.request.uri} for '${item.instanceId}' → ${event.EventType === 5 ? "done" : "failed"}`);
  return { kind: "event", id: `${item.instanceId}|${item.generation}|res|${item.taskId}`, instanceId: item.instanceId, generation: item.generation, event };
}
