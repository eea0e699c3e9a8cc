// Pushes business events to the BESCognitive Agent (docs/agent-api.md): validated, signed, and sent
// with retries, which are safe because the agent keeps each event id once.
import { Conflict, InvalidInput, InvalidResponse, Rejected, isAppError } from "../../errors.js";
import { createPartnerHttp } from "../../http/index.js";
import type { PartnerHttp, PartnerHttpOptions } from "../../http/index.js";
import { currentLogger } from "../../logging.js";
import { registerSecret } from "../../redact.js";
import { AGENT_API, EVENT_DATA_SCHEMAS, agentErrorSchema, agentEventSchema, eventAnswerSchema, healthAnswerSchema } from "./contract.js";
import type { AgentEvent } from "./contract.js";
import type { AgentSecrets } from "./secrets.js";
import { signatureHeaders } from "./signature.js";

export interface SendResult {
  id: string;
  /** "disabled": agent events are off (no AGENT_BASE_URL), nothing was sent. */
  status: "accepted" | "duplicate" | "disabled";
}

export interface AgentHealth {
  ok: boolean;
  status: string;
  detail?: string;
}

export interface AgentClient {
  readonly enabled: boolean;
  sendEvent(event: AgentEvent): Promise<SendResult>;
  health(): Promise<AgentHealth>;
}

export type AgentHttpOptions = Omit<PartnerHttpOptions, "partner" | "describeRejection">;

export interface AgentClientOptions {
  http: AgentHttpOptions;
  secrets: AgentSecrets;
  /** Test seam: the signing clock, in ms. */
  now?: () => number;
}

function describeAgentRejection(status: number, data: unknown): { detail: string; code?: string } {
  const parsed = agentErrorSchema.safeParse(data);
  if (!parsed.success) return { detail: `HTTP ${status}` };
  const { code, message, details } = parsed.data.error;
  const parts = [message ?? code, ...(details ?? []).map((d) => `${d.field}: ${d.message}`)];
  return { detail: parts.join("; "), code };
}

/** Checks an event against the contract before it leaves: a bad event is our bug, not a retry. */
function checkedBody(event: AgentEvent): Buffer {
  const envelope = agentEventSchema.safeParse(event);
  const dataSchema = envelope.success ? EVENT_DATA_SCHEMAS[envelope.data.type] : undefined;
  const data = dataSchema?.safeParse(envelope.data?.data);
  const issues = [
    ...(envelope.success ? [] : envelope.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))),
    ...(data === undefined || data.success ? [] : data.error.issues.map((i) => ({ path: ["data", ...i.path].join("."), message: i.message }))),
  ];
  if (issues.length > 0) throw new InvalidInput(`agent event ${event.type} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  const body = Buffer.from(JSON.stringify(envelope.data), "utf8");
  if (body.length > AGENT_API.maxBodyBytes) throw new InvalidInput(`agent event ${event.type} is ${body.length} bytes; the agent accepts ${AGENT_API.maxBodyBytes}`);
  return body;
}

class HttpAgentClient implements AgentClient {
  readonly enabled = true;
  private readonly http: PartnerHttp;
  private readonly now: () => number;

  constructor(private readonly options: AgentClientOptions) {
    this.http = createPartnerHttp({ ...options.http, partner: "agent", describeRejection: describeAgentRejection });
    this.now = options.now ?? Date.now;
  }

  async sendEvent(event: AgentEvent): Promise<SendResult> {
    const body = checkedBody(event);
    try {
      return await this.post(body, await this.secret(false));
    } catch (error) {
      if (error instanceof Rejected && error.status === 401 && error.code === "invalid-signature") {
        // The secret may have been rotated: read it again once and sign anew.
        return this.post(body, await this.secret(true));
      }
      if (error instanceof Rejected && error.status === 409) {
        throw new Conflict(`agent event ${event.id} was accepted before with a different body`);
      }
      throw error;
    }
  }

  async health(): Promise<AgentHealth> {
    try {
      const res = await this.http.send({ method: "GET", path: AGENT_API.health, route: AGENT_API.health, acceptStatuses: [503] });
      const parsed = healthAnswerSchema.safeParse(res.data);
      const status = parsed.success ? parsed.data.status : `HTTP ${res.status}`;
      return { ok: res.status === 200 && status === "ok", status };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { ok: false, status: "unreachable", detail: error.message };
    }
  }

  private async secret(fresh: boolean): Promise<string> {
    const value = fresh ? await this.options.secrets.refresh("agent-signing-secret") : await this.options.secrets.get("agent-signing-secret");
    registerSecret(value);
    return value;
  }

  private async post(body: Buffer, secret: string): Promise<SendResult> {
    const res = await this.http.send({
      method: "POST",
      path: AGENT_API.events,
      route: AGENT_API.events,
      body,
      headers: { "Content-Type": "application/json; charset=utf-8", ...signatureHeaders(secret, body, this.now() / 1000) },
      // Idempotent by event id: a repeat after a lost answer is answered "duplicate".
      retrySafe: true,
    });
    const parsed = eventAnswerSchema.safeParse(res.data);
    if (!parsed.success) throw new InvalidResponse("agent", AGENT_API.events, parsed.error.issues.map((i) => i.message).join("; "));
    return parsed.data;
  }
}

/** Agent events are off: every send is logged and dropped. */
class DisabledAgentClient implements AgentClient {
  readonly enabled = false;

  sendEvent(event: AgentEvent): Promise<SendResult> {
    currentLogger().info(`agent events are off (AGENT_BASE_URL not set): ${event.type} ${event.id} not sent`, { eventType: event.type, eventId: event.id });
    return Promise.resolve({ id: event.id, status: "disabled" });
  }

  health(): Promise<AgentHealth> {
    return Promise.resolve({ ok: true, status: "disabled" });
  }
}

export function createAgentClient(options: AgentClientOptions): AgentClient {
  return new HttpAgentClient(options);
}

export function disabledAgentClient(): AgentClient {
  return new DisabledAgentClient();
}
