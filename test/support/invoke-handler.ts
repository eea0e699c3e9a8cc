// Calls an HTTP function handler directly with a constructed HttpRequest and InvocationContext (the
// SDK makes both constructible), capturing the invocation's log lines.
import azureFunctions from "@azure/functions";
import type { HttpHandler, HttpResponseInit } from "@azure/functions";

// The bundle's named exports are invisible to Node's CommonJS export detection: use the default.
const { HttpRequest, InvocationContext } = azureFunctions;

export interface InvokeInit {
  url: string;
  method?: string;
  /** Route values, as the host fills them in. */
  params?: Record<string, string>;
  body?: string;
  /** Default: JSON content type when there is a body. */
  headers?: Record<string, string>;
}

export interface Invocation {
  response: HttpResponseInit;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body for JSON answers, else undefined. */
  json: Record<string, unknown>;
  logs: string[];
}

export async function invokeHandler(handler: HttpHandler, init: InvokeInit): Promise<Invocation> {
  const logs: string[] = [];
  const context = new InvocationContext({
    invocationId: "test-invocation",
    functionName: "test",
    logHandler: (level, ...args) => logs.push(`${level} ${args.map(String).join(" ")}`),
  });
  const request = new HttpRequest({
    url: init.url,
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    params: init.params ?? {},
    headers: init.headers ?? (init.body === undefined ? {} : { "content-type": "application/json" }),
    ...(init.body === undefined ? {} : { body: { string: init.body } }),
  });
  const response = await handler(request, context);
  const body = response.body;
  const text = typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : "";
  const headers = Object.fromEntries(Object.entries((response.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
  const json = /json/.test(headers["content-type"] ?? "") && text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { response, status: response.status ?? 200, headers, text, json, logs };
}
