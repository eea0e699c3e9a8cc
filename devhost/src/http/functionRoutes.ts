// HTTP-triggered functions: their routes, keys, and the round trip through the programming model.
import type { RegisteredFunction } from "../app/coreApi.js";
import type { RpcHttp, RpcHttpCookie, RpcTypedData } from "../app/coreTypes.js";
import type { Invoker } from "../app/invoke.js";
import { DevhostConfigError } from "../errors.js";
import { resolveSettingRefs } from "../settings.js";
import type { Settings } from "../settings.js";
import type { Exchange, Reply } from "./exchange.js";
import { compileRoute, matchRoute } from "./routeTemplate.js";
import type { CompiledRoute } from "./routeTemplate.js";

export interface HttpFunction {
  fn: RegisteredFunction;
  triggerName: string;
  route: CompiledRoute;
  methods: string[] | undefined;
  authLevel: "anonymous" | "function" | "admin";
}

export interface Keys {
  functionKey: string;
  masterKey: string;
}

export function httpFunction(fn: RegisteredFunction, settings: Settings): HttpFunction {
  const entry = Object.entries(fn.metadata.bindings).find(([, b]) => b.type.toLowerCase() === "httptrigger");
  if (!entry) throw new DevhostConfigError(`Function '${fn.metadata.name}' has no httpTrigger binding`);
  const [triggerName, binding] = entry;
  const where = `Function '${fn.metadata.name}'`;
  const template = resolveSettingRefs(typeof binding.route === "string" ? binding.route : fn.metadata.name, settings, `${where} route`);
  const methods = Array.isArray(binding.methods) ? binding.methods.map((m) => String(m).toUpperCase()) : undefined;
  const level = (typeof binding.authLevel === "string" ? binding.authLevel : "function").toLowerCase();
  if (level !== "anonymous" && level !== "function" && level !== "admin") {
    throw new DevhostConfigError(`${where} has an invalid authLevel '${level}'`);
  }
  return { fn, triggerName, route: compileRoute(template, where), methods, authLevel: level };
}

export type RouteMatch =
  | { kind: "match"; target: HttpFunction; params: Record<string, string> }
  | { kind: "method"; allow: string[] }
  | { kind: "none" };

/** Most specific route first; a path that matches only with another method is a 405. */
export function findRoute(functions: HttpFunction[], path: string, method: string): RouteMatch {
  const allow = new Set<string>();
  for (const target of functions) {
    const params = matchRoute(target.route, path);
    if (!params) continue;
    if (!target.methods || target.methods.includes(method)) return { kind: "match", target, params };
    target.methods.forEach((m) => allow.add(m));
  }
  return allow.size > 0 ? { kind: "method", allow: [...allow] } : { kind: "none" };
}

export function sortRoutes(functions: HttpFunction[]): HttpFunction[] {
  return [...functions].sort((a, b) => b.route.rank - a.route.rank);
}

function providedKey(exchange: Exchange): string | undefined {
  const header = exchange.headers["x-functions-key"];
  return exchange.url.searchParams.get("code") ?? (Array.isArray(header) ? header[0] : header);
}

/** Keys as the host checks them: admin needs the master key, function accepts either. */
export function authorized(level: HttpFunction["authLevel"], exchange: Exchange, keys: Keys | undefined): boolean {
  if (!keys || level === "anonymous") return true;
  const key = providedKey(exchange);
  if (key === undefined) return false;
  return key === keys.masterKey || (level === "function" && key === keys.functionKey);
}

export function toRpcHttp(exchange: Exchange, params: Record<string, string>): RpcHttp {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const query: Record<string, string> = {};
  for (const key of new Set(exchange.url.searchParams.keys())) query[key] = exchange.url.searchParams.getAll(key).join(",");
  return { method: exchange.method, url: exchange.url.href, headers, query, params, body: { bytes: exchange.body } };
}

function cookieHeader(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  const expires = cookie.expires?.value;
  if (expires !== undefined && expires !== null) {
    const ms = typeof expires === "number" ? expires : expires.seconds * 1000 + Math.round((expires.nanos ?? 0) / 1e6);
    parts.push(`Expires=${new Date(ms).toUTCString()}`);
  }
  if (cookie.maxAge?.value !== undefined) parts.push(`Max-Age=${cookie.maxAge.value}`);
  if (cookie.secure?.value) parts.push("Secure");
  if (cookie.httpOnly?.value) parts.push("HttpOnly");
  const sameSite = { lax: "Lax", strict: "Strict", explicitNone: "None" }[cookie.sameSite ?? ""];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  return parts.join("; ");
}

export function fromRpcHttp(http: RpcHttp | undefined): Reply {
  if (!http) return { status: 204 };
  const headers: Record<string, string | string[]> = { ...(http.headers ?? {}) };
  const cookies = (http.cookies ?? []).map(cookieHeader);
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const body = http.body?.bytes ? Buffer.from(http.body.bytes) : typeof http.body?.string === "string" ? Buffer.from(http.body.string) : Buffer.alloc(0);
  return { status: Number.parseInt(http.statusCode ?? "200", 10) || 200, headers, body };
}

export async function invokeHttpFunction(
  invoker: Invoker,
  target: HttpFunction,
  exchange: Exchange,
  params: Record<string, string>,
  extraInputs: { name: string; data: RpcTypedData }[],
): Promise<Reply> {
  const outcome = await invoker.invoke(target.fn, { inputData: [{ name: target.triggerName, data: { http: toRpcHttp(exchange, params) } }, ...extraInputs] });
  if (!outcome.ok) return { status: 500 };
  const fromReturn = outcome.response.returnValue?.http;
  const fromOutput = outcome.response.outputData?.find((o) => o.data.http)?.data.http;
  return fromRpcHttp(fromReturn ?? fromOutput);
}
