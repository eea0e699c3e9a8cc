// One HTTP(S) server shape for every simulator: partner routes, fault injection before them, a
// request log, and the shared admin API under /__admin (never logged, never faulted).
import { createServer as createHttpServer } from "node:http";
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { TLSSocket } from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { ZodError } from "zod";
import { parseBody, parseQuery, readBody } from "./body.js";
import type { ParsedBody } from "./body.js";
import { FaultStore } from "./faults.js";
import type { FaultRule } from "./faults.js";
import { RequestLog } from "./request-log.js";
import type { LoggedRequest, RequestLogSnapshot } from "./request-log.js";
import { Router } from "./router.js";
import { adminRoutes } from "./admin.js";

export interface SimRequest {
  method: string;
  path: string;
  /** Route template that matched. */
  route: string;
  params: Record<string, string>;
  /** Query with bracket keys expanded by qs. */
  query: Record<string, unknown>;
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: ParsedBody;
  /** "scheme://host:port" as the client addressed us (Key Vault ids echo it). */
  origin: string;
  /** Over TLS with `requestCert`: whether the client presented a certificate signed by `tls.ca`. */
  clientCertificateAuthorized: boolean;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Object → JSON; string → text/plain unless a content-type header is given; Buffer → as is. */
  body?: unknown;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  method: string;
  path: string;
  handler: SimHandler;
}

export interface SimServerOptions {
  name: string;
  port?: number;
  host?: string;
  /** HTTPS; `ca` + `requestCert` ask clients for a certificate (mutual TLS), checked per request. */
  tls?: { key: string; cert: string; ca?: string; requestCert?: boolean };
  routes: SimRoute[];
  /** Simulator-specific admin endpoints; their paths start with /__admin/. */
  adminRoutes?: SimRoute[];
  /** Restore the data to what it was at start (faults and the log are cleared by the kit). */
  reset(): void;
  /** Everything the simulator holds, for GET /__admin/state. */
  state(): unknown;
  /** The partner's own answer for a fault status (error body shape, extra headers). */
  faultAnswer?(rule: FaultRule, req: SimRequest): SimResponse;
  /** The partner's answer for an unknown route. */
  notFound?(req: SimRequest): SimResponse;
  /** Headers to redact in the log beyond the usual credential headers. */
  secretHeaders?: string[];
  random?: () => number;
}

export interface SimServer {
  name: string;
  url: string;
  port: number;
  faults: FaultStore;
  requests(): RequestLogSnapshot;
  clearRequests(): void;
  /** Data back to its start, faults cleared, log cleared. */
  reset(): void;
  state(): unknown;
  stop(): Promise<void>;
}

function defaultFaultAnswer(rule: FaultRule): SimResponse {
  const status = rule.status ?? 500;
  return { status, body: rule.body ?? { error: `simulated ${status}` } };
}

function withRetryAfter(answer: SimResponse, rule: FaultRule): SimResponse {
  const seconds = rule.retryAfterSeconds ?? (rule.status === 429 ? 1 : undefined);
  const headers = { ...answer.headers, ...rule.headers };
  if (seconds !== undefined) {
    headers["Retry-After"] = String(seconds);
    headers["X-Retry-After"] = String(seconds);
  }
  return { ...answer, headers };
}

function send(res: ServerResponse, answer: SimResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
  let payload: Buffer | string | undefined;
  if (answer.body === undefined) payload = undefined;
  else if (Buffer.isBuffer(answer.body)) payload = answer.body;
  else if (typeof answer.body === "string") {
    payload = answer.body;
    if (!hasType) headers["Content-Type"] = "text/plain; charset=utf-8";
  } else {
    payload = JSON.stringify(answer.body);
    if (!hasType) headers["Content-Type"] = "application/json; charset=utf-8";
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function flatQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? "") : all;
  }
  return out;
}

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const host = options.host ?? "127.0.0.1";
  const scheme = options.tls ? "https" : "http";
  const router = new Router<SimHandler>();
  for (const r of options.routes) router.add(r.method, r.path, r.handler);
  const admin = new Router<SimHandler>();
  const faults = new FaultStore(options.random);
  const log = new RequestLog(options.secretHeaders);
  const stopping = new AbortController();

  const sim: SimServer = {
    name: options.name,
    url: "",
    port: 0,
    faults,
    requests: () => log.snapshot(),
    clearRequests: () => log.clear(),
    reset: () => {
      options.reset();
      faults.clear();
      log.clear();
    },
    state: () => options.state(),
    stop: async () => {
      stopping.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests and idle keep-alive sockets would otherwise hold the server open.
        server.closeAllConnections();
      });
    },
  };
  for (const r of [...adminRoutes(sim), ...(options.adminRoutes ?? [])]) admin.add(r.method, r.path, r.handler);

  async function buildRequest(req: IncomingMessage, url: URL, route: string, params: Record<string, string>): Promise<SimRequest> {
    const rawBody = await readBody(req);
    return {
      method: req.method ?? "GET",
      path: url.pathname,
      route,
      params,
      query: parseQuery(url.search),
      searchParams: url.searchParams,
      headers: req.headers,
      rawBody,
      body: parseBody(rawBody, req.headers["content-type"]),
      origin: `${scheme}://${req.headers.host ?? `${host}:${sim.port}`}`,
      clientCertificateAuthorized: req.socket instanceof TLSSocket && req.socket.authorized,
    };
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const found = admin.match(method, url.pathname);
    if (!("route" in found)) {
      send(res, { status: found.methodMismatch ? 405 : 404, body: { error: `no admin route ${method} ${url.pathname}` } });
      return;
    }
    try {
      send(res, await found.route(await buildRequest(req, url, found.template, found.params)));
    } catch (error) {
      if (error instanceof ZodError) send(res, { status: 400, body: { error: "invalid admin request", issues: error.issues } });
      else send(res, { status: 500, body: { error: error instanceof Error ? error.message : String(error) } });
    }
  }

  async function handlePartner(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const started = Date.now();
    const found = router.match(method, url.pathname);
    const template = "route" in found ? found.template : undefined;
    const entry: LoggedRequest = log.start({
      method,
      path: url.pathname,
      route: template ?? null,
      query: flatQuery(url.searchParams),
      headers: req.headers,
    });
    res.on("finish", () => {
      entry.status = res.statusCode;
      entry.durationMs = Date.now() - started;
    });

    const rule = faults.pick(method, template);
    if (rule?.latencyMs !== undefined) {
      entry.fault = { id: rule.id, kind: "latency" };
      await sleep(rule.latencyMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) return;
    }
    if (rule?.hang === true) {
      entry.fault = { id: rule.id, kind: "hang" };
      req.resume(); // drain the body, then say nothing until the client or stop() closes the socket
      return;
    }
    if (rule?.reset === true) {
      entry.fault = { id: rule.id, kind: "reset" };
      req.socket.destroy();
      return;
    }

    const request = await buildRequest(req, url, template ?? url.pathname, "route" in found ? found.params : {});
    if (rule !== undefined && (rule.status !== undefined || rule.envelopeStatus !== undefined)) {
      entry.fault = { id: rule.id, kind: rule.envelopeStatus !== undefined ? "envelope" : "status" };
      const answer = options.faultAnswer?.(rule, request) ?? defaultFaultAnswer(rule);
      send(res, withRetryAfter(rule.body !== undefined ? { ...answer, body: rule.body } : answer, rule));
      return;
    }
    if (!("route" in found)) {
      send(res, options.notFound?.(request) ?? { status: found.methodMismatch ? 405 : 404, body: { error: "not found" } });
      return;
    }
    send(res, await found.route(request));
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const work = url.pathname.startsWith("/__admin/") ? handleAdmin(req, res, url) : handlePartner(req, res, url);
    work.catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: error instanceof Error ? error.message : String(error) } });
      else res.destroy();
    });
  };

  const server: Server = options.tls
    ? createHttpsServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.requestCert ? { ca: options.tls.ca, requestCert: true, rejectUnauthorized: false } : {}),
        },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  sim.port = (server.address() as AddressInfo).port;
  sim.url = `${scheme}://${host}:${sim.port}`;
  return sim;
}
