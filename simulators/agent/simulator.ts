// The BESCognitive Agent's side of docs/agent-api.md (v1): signed, idempotent events and a health
// check. It keeps what it accepted so tests can assert on the events the orchestrator sent.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { adminJson, startSimServer } from "../kit/index.js";
import type { SimRequest, SimResponse, SimServer } from "../kit/index.js";

export const AGENT_ROUTES = { events: "/v1/events", health: "/v1/health" } as const;
export const AGENT_DEFAULT_PORT = 7103;
export const AGENT_DEV_SIGNING_SECRET = "dev-agent-signing-secret";
const MAX_BODY_BYTES = 256 * 1024;

export interface AgentSimulatorOptions {
  port?: number;
  /** Secrets accepted for signatures (several during a rotation); default the dev secret. */
  signingSecrets?: string[];
  /** Largest accepted distance between X-BES-Timestamp and the agent's clock; default 300 s. */
  maxClockSkewSeconds?: number;
}

export interface ReceivedEvent {
  id: string;
  type: string;
  occurredAt: string;
  source?: string;
  data: Record<string, unknown>;
  receivedAt: string;
  /** How many times this id arrived (first included). */
  deliveries: number;
}

export interface AgentSimulator extends SimServer {
  events(): ReceivedEvent[];
  setHealthy(healthy: boolean): void;
  setSigningSecrets(secrets: string[]): void;
  /** The headers a correct sender would put on this exact body (for tests that post by hand). */
  sign(body: string, secret?: string, timestampSeconds?: number): Record<string, string>;
}

const eventSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "1-128 characters of [A-Za-z0-9._:-]"),
  type: z.string().max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/, "<noun>.<past-tense-verb>, lower case with dashes"),
  occurredAt: z.iso.datetime({ message: "RFC 3339 date-time in UTC (Z)" }),
  source: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

const count = z.number().int().nonnegative();
// Known types have their data checked; unknown types are accepted unchecked (see the contract).
const dataSchemas: Record<string, z.ZodType> = {
  "course-run.sessions-synced": z.object({
    courseRunId: z.string().min(1),
    sessionMonth: z.string().regex(/^(0[1-9]|1[0-2])\d{4}$/).optional(),
    syncId: z.string().optional(),
    counts: z.object({ created: count, updated: count, deleted: count, unchanged: count, failed: count }),
    changedSessionIds: z.array(z.string()).max(500),
    changedSessionIdsTruncated: z.boolean(),
  }),
};

function agentError(status: number, code: string, message: string, details?: { field: string; message: string }[]): SimResponse {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}

function hmac(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startAgentSimulator(options: AgentSimulatorOptions = {}): Promise<AgentSimulator> {
  let secrets = options.signingSecrets ?? [AGENT_DEV_SIGNING_SECRET];
  const skew = options.maxClockSkewSeconds ?? 300;
  const events = new Map<string, { event: ReceivedEvent; bodyHash: string }>();
  let healthy = true;

  const verify = (req: SimRequest): SimResponse | undefined => {
    const timestamp = header(req, "x-bes-timestamp");
    if (timestamp === undefined || !/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > skew) {
      return agentError(401, "stale-timestamp", `X-BES-Timestamp is missing or more than ${skew} seconds from the agent's clock`);
    }
    const given = /^sha256=([0-9a-f]{64})$/.exec(header(req, "x-bes-signature") ?? "")?.[1];
    const matches = given !== undefined && secrets.some((s) => timingSafeEqual(Buffer.from(hmac(s, timestamp, req.rawBody), "hex"), Buffer.from(given, "hex")));
    return matches ? undefined : agentError(401, "invalid-signature", "X-BES-Signature is missing or does not match the body");
  };

  const receive = (req: SimRequest): SimResponse => {
    if (req.rawBody.length > MAX_BODY_BYTES) return agentError(413, "too-large", `the body is over ${MAX_BODY_BYTES} bytes`);
    const refused = verify(req);
    if (refused) return refused;
    let json: unknown;
    try {
      json = JSON.parse(req.rawBody.toString("utf8")) as unknown;
    } catch {
      return agentError(400, "invalid-event", "the body is not JSON");
    }
    const parsed = eventSchema.safeParse(json);
    const dataCheck = parsed.success ? dataSchemas[parsed.data.type]?.safeParse(parsed.data.data) : undefined;
    const issues = !parsed.success ? parsed.error.issues : dataCheck?.success === false ? dataCheck.error.issues.map((i) => ({ ...i, path: ["data", ...i.path] })) : [];
    if (!parsed.success || issues.length > 0) {
      return agentError(400, "invalid-event", "not a valid event", issues.map((i) => ({ field: i.path.join("."), message: i.message })));
    }
    const event = parsed.data;
    const bodyHash = createHash("sha256").update(req.rawBody).digest("hex");
    const seen = events.get(event.id);
    if (seen !== undefined) {
      if (seen.bodyHash !== bodyHash) return agentError(409, "event-conflict", "this event id was accepted before with a different body");
      seen.event.deliveries += 1;
      return { status: 200, body: { id: event.id, status: "duplicate" } };
    }
    events.set(event.id, { event: { ...event, receivedAt: new Date().toISOString(), deliveries: 1 }, bodyHash });
    return { status: 202, body: { id: event.id, status: "accepted" } };
  };

  const sim = await startSimServer({
    name: "agent",
    port: options.port ?? 0,
    secretHeaders: ["x-bes-signature"],
    routes: [
      { method: "POST", path: AGENT_ROUTES.events, handler: receive },
      {
        method: "GET",
        path: AGENT_ROUTES.health,
        handler: () => (healthy ? { status: 200, body: { status: "ok", version: "1" } } : { status: 503, body: { status: "unavailable", version: "1" } }),
      },
    ],
    adminRoutes: [
      {
        method: "POST",
        path: "/__admin/health",
        handler: (req) => {
          healthy = z.object({ healthy: z.boolean() }).parse(adminJson(req)).healthy;
          return { status: 200, body: { healthy } };
        },
      },
      {
        method: "POST",
        path: "/__admin/signing-secrets",
        handler: (req) => {
          secrets = z.object({ secrets: z.array(z.string().min(1)).min(1) }).parse(adminJson(req)).secrets;
          return { status: 200, body: { count: secrets.length } };
        },
      },
    ],
    reset: () => {
      events.clear();
      healthy = true;
      secrets = options.signingSecrets ?? [AGENT_DEV_SIGNING_SECRET];
    },
    state: () => ({ events: [...events.values()].map((e) => e.event), healthy }),
    faultAnswer: (rule) => {
      const status = rule.status ?? 500;
      return status === 429 ? agentError(429, "rate-limited", "slow down") : agentError(status, "unavailable", `simulated ${status}`);
    },
    notFound: () => agentError(404, "not-found", "no such route"),
  });

  return Object.assign(sim, {
    events: () => [...events.values()].map((e) => ({ ...e.event })),
    setHealthy: (next: boolean) => {
      healthy = next;
    },
    setSigningSecrets: (next: string[]) => {
      secrets = [...next];
    },
    sign: (body: string, secret = secrets[0] ?? AGENT_DEV_SIGNING_SECRET, timestampSeconds = Math.floor(Date.now() / 1000)) => ({
      "Content-Type": "application/json; charset=utf-8",
      "X-BES-Timestamp": String(timestampSeconds),
      "X-BES-Signature": `sha256=${hmac(secret, String(timestampSeconds), body)}`,
    }),
  });
}
