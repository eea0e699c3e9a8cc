// The Durable management HTTP API, served twice: at /durabletask/ on the private listener the SDK
// client calls (rpcBaseUrl), and at /runtime/webhooks/durabletask/ for the URLs users are given.
import { z } from "zod";
import type { Exchange, Reply } from "../http/exchange.js";
import { jsonReply } from "../http/exchange.js";
import type { ClientUrls } from "./clientBinding.js";
import { managementPayload } from "./clientBinding.js";
import type { DurableEngine, EngineError } from "./engine.js";
import type { Instance } from "./instance.js";
import { isTerminal } from "./model.js";
import type { RuntimeStatus } from "./model.js";
import { matchesFilter, statusJson } from "./status.js";
import type { InstanceFilter } from "./status.js";

export interface ManagementContext {
  engine: DurableEngine;
  urls: ClientUrls;
  /** Default page size of instance queries (the SDK follows x-ms-continuation-token). */
  pageSize: number;
}

const STATUSES = ["Pending", "Running", "Completed", "ContinuedAsNew", "Failed", "Canceled", "Terminated", "Suspended"] as const;

const QueryFilter = z.object({
  runtimeStatus: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []))
    .pipe(z.array(z.enum(STATUSES))),
  createdTimeFrom: z.coerce.date().optional(),
  createdTimeTo: z.coerce.date().optional(),
  instanceIdPrefix: z.string().optional(),
  top: z.coerce.number().int().positive().optional(),
});

const flag = (value: string | null): boolean => value === "true";

function errorReply(error: EngineError): Reply {
  const status = { NotFound: 404, Conflict: 409, Gone: 410, BadRequest: 400 }[error.code];
  return jsonReply(status, { message: error.message });
}

/** The SDK's axios turns "no input" into the JSON text `""`; both mean none. */
function bodyText(exchange: Exchange): string | null {
  const text = exchange.body.toString("utf8").trim();
  return text === "" || text === '""' ? null : text;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Status code of a status query, as the extension answers it. */
function statusCode(status: RuntimeStatus): number {
  if (status === "Completed") return 200;
  if (status === "Failed" || status === "Terminated" || status === "Canceled") return 400;
  return 202;
}

export async function handleManagement(ctx: ManagementContext, exchange: Exchange, path: string): Promise<Reply> {
  const { engine } = ctx;
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [resource, first, action, extra] = segments;
  const query = exchange.url.searchParams;
  const method = exchange.method;

  if (resource === "orchestrators" && first && method === "POST") {
    const input = bodyText(exchange);
    if (input !== null && !isJson(input)) return jsonReply(400, { message: "The request body must be JSON (the orchestration input)." });
    const started = await engine.startNew(first, action, input);
    if ("code" in started) return errorReply(started);
    const payload = managementPayload(ctx.urls, started.instanceId);
    const timeout = Number(query.get("timeout"));
    if (timeout > 0) {
      // createAndWaitOnNewInstance: the output if the orchestration ends in time, else the usual 202.
      const finished = await waitUntilFinished(engine, started.instanceId, timeout * 1000, Number(query.get("pollingInterval")) * 1000 || 1000);
      if (finished) return finished.state.runtimeStatus === "Completed" ? jsonReply(200, statusJson(finished).output) : jsonReply(200, statusJson(finished));
    }
    return jsonReply(202, payload, { location: payload.statusQueryGetUri ?? "" });
  }

  if (resource === "entities") return jsonReply(501, { message: "Durable entities are not supported by devhost." });
  if (resource !== "instances") return jsonReply(404, { message: `Unknown management path '${path}'.` });

  if (!first) {
    const parsed = QueryFilter.safeParse(Object.fromEntries(query));
    if (!parsed.success) return jsonReply(400, { message: `Invalid instance filter: ${parsed.error.message}` });
    const filter: InstanceFilter = parsed.data;
    const matching = [...engine.instances.values()]
      .filter((i) => matchesFilter(i, filter))
      .sort((a, b) => a.state.createdTime.localeCompare(b.state.createdTime) || a.state.instanceId.localeCompare(b.state.instanceId));
    if (method === "DELETE") {
      let deleted = 0;
      for (const instance of matching) if (await engine.purge(instance.state.instanceId)) deleted++;
      return deleted === 0 ? jsonReply(404, { instancesDeleted: 0 }) : jsonReply(200, { instancesDeleted: deleted });
    }
    if (method !== "GET") return jsonReply(405, { message: `${method} is not allowed here.` });
    return listPage(ctx, exchange, matching, parsed.data.top);
  }

  const instance = engine.instances.get(first);
  if (!action) {
    if (method === "DELETE") {
      const deleted = await engine.purge(first);
      return deleted ? jsonReply(200, { instancesDeleted: 1 }) : jsonReply(404, { instancesDeleted: 0 });
    }
    if (method !== "GET") return jsonReply(405, { message: `${method} is not allowed here.` });
    if (!instance) return jsonReply(404, { message: `No instance with ID '${first}' found.` });
    const showHistory = flag(query.get("showHistory"));
    if (showHistory) await engine.ensureHistory(instance);
    return statusReply(ctx, instance, { showInput: query.get("showInput") !== "false", showHistory, showHistoryOutput: flag(query.get("showHistoryOutput")) });
  }

  if (method !== "POST") return jsonReply(405, { message: `${method} is not allowed here.` });
  const reason = query.get("reason") ?? "";
  let error: EngineError | undefined;
  switch (action) {
    case "raiseEvent":
      if (!extra) return jsonReply(400, { message: "An event name is required." });
      error = await engine.raiseEvent(first, extra, bodyText(exchange));
      break;
    case "terminate":
      error = await engine.terminate(first, reason);
      break;
    case "suspend":
      error = await engine.setSuspended(first, true);
      break;
    case "resume":
      error = await engine.setSuspended(first, false);
      break;
    case "restart": {
      // A finished instance starts over with the same input, under its id or a new one.
      if (!instance) return jsonReply(404, { message: `No instance with ID '${first}' found.` });
      if (!isTerminal(instance.state.runtimeStatus)) return jsonReply(409, { message: `Instance '${first}' is ${instance.state.runtimeStatus}; only a finished instance can be restarted.` });
      const restarted = await engine.startNew(instance.state.name, flag(query.get("restartWithNewInstanceId")) ? undefined : first, instance.state.input);
      if ("code" in restarted) return errorReply(restarted);
      const payload = managementPayload(ctx.urls, restarted.instanceId);
      return jsonReply(202, payload, { location: payload.statusQueryGetUri ?? "" });
    }
    case "rewind":
      return jsonReply(501, { message: "rewind is not supported by devhost." });
    default:
      return jsonReply(404, { message: `Unknown instance operation '${action}'.` });
  }
  return error ? errorReply(error) : { status: 202 };
}

async function waitUntilFinished(engine: DurableEngine, instanceId: string, timeoutMs: number, intervalMs: number): Promise<Instance | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const instance = engine.instances.get(instanceId);
    if (instance && isTerminal(instance.state.runtimeStatus)) return instance;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(1, deadline - Date.now()))));
  }
}

function statusReply(ctx: ManagementContext, instance: Instance, options: Parameters<typeof statusJson>[1]): Reply {
  const code = statusCode(instance.state.runtimeStatus);
  const headers: Record<string, string> = {};
  if (code === 202) {
    headers.location = managementPayload(ctx.urls, instance.state.instanceId).statusQueryGetUri ?? "";
    headers["retry-after"] = "10";
  }
  return jsonReply(code, statusJson(instance, options), headers);
}

function listPage(ctx: ManagementContext, exchange: Exchange, matching: Instance[], top: number | undefined): Reply {
  const size = top ?? ctx.pageSize;
  const tokenHeader = exchange.headers["x-ms-continuation-token"];
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const offset = token ? Number.parseInt(Buffer.from(token, "base64").toString("utf8"), 10) || 0 : 0;
  const page = matching.slice(offset, offset + size);
  const showInput = exchange.url.searchParams.get("showInput") !== "false";
  const headers: Record<string, string> = {};
  if (offset + size < matching.length) headers["x-ms-continuation-token"] = Buffer.from(String(offset + size)).toString("base64");
  return jsonReply(200, page.map((i) => statusJson(i, { showInput })), headers);
}

