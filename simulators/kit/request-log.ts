// What each simulator received: tests assert retries and call counts from here, never from timing.
import type { IncomingHttpHeaders } from "node:http";

export interface LoggedRequest {
  seq: number;
  time: string;
  method: string;
  path: string;
  /** Route template that matched ("/secrets/{name}"), or null for an unknown route. */
  route: string | null;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** Status sent; null while pending or when the fault was a hang or a reset. */
  status: number | null;
  /** Id of the fault rule applied, if any, and what kind it was. */
  fault?: { id: string; kind: "status" | "envelope" | "latency" | "hang" | "reset" };
  durationMs?: number;
}

export interface RequestLogSnapshot {
  requests: LoggedRequest[];
  /** Count per "METHOD routeTemplate" (unknown routes counted under "METHOD path"). */
  counts: Record<string, number>;
}

// Headers whose values are credentials in at least one partner's protocol.
const DEFAULT_SECRET_HEADERS = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "x-tadabase-app-id",
  "x-tadabase-app-key",
  "x-tadabase-app-secret",
];

export const REDACTED = "[redacted]";

export function redactHeaders(headers: IncomingHttpHeaders, secretHeaders: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (secretHeaders.includes(lower)) {
      // Keep the scheme ("Bearer", "Basic") so tests can see which kind of credential arrived.
      const text = Array.isArray(value) ? value.join(", ") : value;
      const scheme = lower.endsWith("authorization") ? /^(\w+)\s/.exec(text)?.[1] : undefined;
      out[lower] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    } else {
      out[lower] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return out;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  readonly secretHeaders: string[];

  constructor(extraSecretHeaders: readonly string[] = [], private readonly max = 10_000) {
    this.secretHeaders = [...DEFAULT_SECRET_HEADERS, ...extraSecretHeaders.map((h) => h.toLowerCase())];
  }

  start(entry: Omit<LoggedRequest, "seq" | "time" | "status" | "headers"> & { headers: IncomingHttpHeaders }): LoggedRequest {
    const logged: LoggedRequest = {
      ...entry,
      seq: ++this.seq,
      time: new Date().toISOString(),
      headers: redactHeaders(entry.headers, this.secretHeaders),
      status: null,
    };
    this.entries.push(logged);
    if (this.entries.length > this.max) this.entries.shift();
    return logged;
  }

  snapshot(): RequestLogSnapshot {
    const counts: Record<string, number> = {};
    for (const e of this.entries) {
      const key = `${e.method} ${e.route ?? e.path}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return { requests: this.entries.map((e) => ({ ...e })), counts };
  }

  clear(): void {
    this.entries = [];
  }
}
