// The typed SSG client: authentication (OAuth token or client certificate), the API version of each
// endpoint, envelope checks, payload encryption, and zod on every answer. Transport resilience
// (timeouts, retries, breaker, limiter) is the shared HTTP layer's job.
import type { Agent } from "node:https";
import type { z } from "zod";
import { InvalidInput, InvalidResponse, Rejected } from "../../errors.js";
import { createPartnerHttp, type PartnerHttp, type PartnerHttpOptions, type PartnerRequest } from "../../http/index.js";
import { registerSecret } from "../../redact.js";
import { decryptFromSsg, encryptForSsg, ssgKeyFromBase64 } from "./encryption.js";
import { describeSsgRejection, parseSsgAnswer, ssgEffectiveStatus } from "./envelope.js";
import { createMtlsAgent } from "./mtls.js";
import { describeIssues } from "./parse.js";
import { ROUTES } from "./routes.js";
import type { SsgSecrets } from "./secrets.js";
import type { SsgSession } from "./session.js";
import { SsgTokenSource } from "./token.js";
import {
  attendanceQuerySchema,
  attendanceUploadDataSchema,
  attendanceUploadSchema,
  courseRunDataSchema,
  runIdInputSchema,
  sessionAttendanceDataSchema,
  sessionItemsDataSchema,
  sessionsDataSchema,
  sessionsQuerySchema,
  type SsgAttendanceQuery,
  type SsgAttendanceUpload,
  type SsgAttendanceUploadResult,
  type SsgCourseRun,
  type SsgSessionAttendance,
  type SsgSessionsQuery,
} from "./wire.js";

export interface SsgApiVersions {
  sessions: string;
  courseRun: string;
  attendance: string;
}

/** The HTTP layer's limits (from settings); partner, base URL, agent and error reading are ours. */
export type SsgHttpLimits = Omit<PartnerHttpOptions, "partner" | "baseUrl" | "httpsAgent" | "describeRejection">;

export interface SsgClientOptions {
  baseUrl: string;
  authMode: "oauth" | "mtls";
  apiVersions: SsgApiVersions;
  limits: SsgHttpLimits;
  secrets: SsgSecrets;
  /** mTLS only: a CA to trust besides the system's (a loopback simulator's own certificate). */
  ca?: string;
  /** Test seam for the token cache's clock. */
  now?: () => number;
}

interface Transport {
  http: PartnerHttp;
  tokens: SsgTokenSource | undefined;
  agent: Agent | undefined;
}

const AGENT_RETIREMENT_MS = 120_000;

interface SsgCall<T extends z.ZodType> {
  method: "GET" | "POST";
  path: string;
  route: string;
  version: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** The endpoint takes and gives AES-encrypted payloads. */
  encrypted?: boolean;
  retrySafe?: boolean;
  data: T;
}

// The ciphertext is sent as the raw body (base64 text).
const ENCRYPTED_CONTENT_TYPE = "text/plain";

export class SsgClient {
  private transport: { certificate: string | undefined; value: Transport } | undefined;
  /** The last encryption key read, to make sense of encrypted refusals. */
  private cipherKey: Buffer | undefined;

  constructor(private readonly options: SsgClientOptions) {}

  /** A course run's sessions (`data.sessions`), every one checked against the session schema. */
  async getCourseRunSessions(runId: string | number, query: SsgSessionsQuery): Promise<SsgSession[]> {
    return (await this.fetchSessions(runId, query, sessionsDataSchema)).sessions;
  }

  /**
   * The same list with each session left unchecked, for callers that judge sessions one by one
   * (the sync reports a malformed session as that item's failure instead of failing the run).
   */
  async getCourseRunSessionItems(runId: string | number, query: SsgSessionsQuery): Promise<unknown[]> {
    return (await this.fetchSessions(runId, query, sessionItemsDataSchema)).sessions;
  }

  private async fetchSessions<T extends z.ZodType>(runId: string | number, query: SsgSessionsQuery, data: T): Promise<z.output<T>> {
    const id = input(runIdInputSchema, runId, "runId");
    const q = input(sessionsQuerySchema, query, "query");
    return this.call({
      method: "GET",
      path: `/courses/runs/${id}/sessions`,
      route: ROUTES.sessions,
      version: this.options.apiVersions.sessions,
      query: {
        uen: q.uen,
        courseReferenceNumber: q.courseReferenceNumber,
        sessionMonth: q.sessionMonth,
        includeExpiredCourses: q.includeExpiredCourses === undefined ? undefined : String(q.includeExpiredCourses),
      },
      data,
    });
  }

  /** One course run with its course (`data.course`, the run under `course.run`). */
  async getCourseRun(runId: string | number): Promise<SsgCourseRun> {
    const id = input(runIdInputSchema, runId, "runId");
    const data = await this.call({
      method: "GET",
      path: `/courses/courseRuns/id/${id}`,
      route: ROUTES.courseRun,
      version: this.options.apiVersions.courseRun,
      data: courseRunDataSchema,
    });
    return data.course;
  }

  /** Attendance recorded for one session of a run. */
  async getSessionAttendance(runId: string | number, query: SsgAttendanceQuery): Promise<SsgSessionAttendance> {
    const id = input(runIdInputSchema, runId, "runId");
    const q = input(attendanceQuerySchema, query, "query");
    return this.call({
      method: "GET",
      path: `/courses/runs/${id}/sessions/attendance`,
      route: ROUTES.attendance,
      version: this.options.apiVersions.attendance,
      query: { uen: q.uen, courseReferenceNumber: q.courseReferenceNumber, sessionId: q.sessionId },
      encrypted: true,
      data: sessionAttendanceDataSchema,
    });
  }

  /** Uploads one trainee's attendance for a session (encrypted both ways); returns SSG's `data`. */
  async uploadAttendance(runId: string | number, payload: SsgAttendanceUpload): Promise<SsgAttendanceUploadResult> {
    const id = input(runIdInputSchema, runId, "runId");
    const body = input(attendanceUploadSchema, payload, "payload");
    return this.call({
      method: "POST",
      path: `/courses/runs/${id}/sessions/attendance`,
      route: ROUTES.attendance,
      version: this.options.apiVersions.attendance,
      body,
      encrypted: true,
      // Setting a trainee's attendance twice to the same status leaves the same record.
      retrySafe: true,
      data: attendanceUploadDataSchema,
    });
  }

  /** The breaker's state, for health checks ("closed" until calls fail). */
  async circuitState(): Promise<string> {
    return (await this.connect()).http.circuitState();
  }

  private async call<T extends z.ZodType>(call: SsgCall<T>): Promise<z.output<T>> {
    const { http, tokens } = await this.connect();
    const key = call.encrypted ? await this.encryptionKey() : undefined;
    const request: PartnerRequest = {
      method: call.method,
      path: call.path,
      route: call.route,
      ...(call.query ? { query: call.query } : {}),
      ...(call.retrySafe ? { retrySafe: true } : {}),
      ...(call.body === undefined ? {} : { body: key ? encryptForSsg(JSON.stringify(call.body), key) : call.body }),
      // Encrypted answers are base64 text; refusals on those routes are still JSON (read as text).
      ...(key ? { responseType: "text" as const } : {}),
      effectiveStatus: (status, data) => ssgEffectiveStatus(status, key ? tryDecode(data, key) : data),
    };
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-api-version": call.version,
      ...(call.body === undefined ? {} : { "content-type": key ? ENCRYPTED_CONTENT_TYPE : "application/json" }),
    };
    const send = (token: string | undefined) =>
      http.send({ ...request, headers: token === undefined ? headers : { ...headers, authorization: `Bearer ${token}` } });

    const token = await tokens?.token();
    let response;
    try {
      response = await send(token);
    } catch (error) {
      // A token SSG no longer accepts (revoked, clock skew): one new token, one more try.
      if (!(tokens && token !== undefined && error instanceof Rejected && error.status === 401)) throw error;
      response = await send(await tokens.renew(token));
    }
    const body = key ? decode(response.data, key, call.route) : response.data;
    return parseSsgAnswer(call.route, body, call.data);
  }

  /**
   * The transport, built once. With mutual TLS it is rebuilt when the certificate secret changes
   * (renewed in Key Vault; seen within the secrets cache's TTL): the breaker and limiter restart then.
   */
  private async connect(): Promise<Transport> {
    const certificate = this.options.authMode === "mtls" ? await this.options.secrets.get("ssg-client-certificate") : undefined;
    // From here on synchronous: concurrent callers cannot build two transports for one certificate.
    if (this.transport === undefined || this.transport.certificate !== certificate) {
      const previous = this.transport?.value.agent;
      this.transport = { certificate, value: this.createTransport(certificate) };
      // Let calls still using the old certificate finish before its sockets go.
      if (previous) setTimeout(() => previous.destroy(), AGENT_RETIREMENT_MS).unref();
    }
    return this.transport.value;
  }

  /** Throws ConfigurationError for an unusable certificate (nothing is kept: the next call tries again). */
  private createTransport(certificate: string | undefined): Transport {
    const { options } = this;
    let agent: Agent | undefined;
    if (certificate !== undefined) {
      registerSecret(certificate);
      agent = createMtlsAgent(certificate, options.ca);
    }
    const http = createPartnerHttp({
      ...options.limits,
      partner: "ssg",
      baseUrl: options.baseUrl,
      // A failure inside an encrypted 200 answer is ciphertext until decrypted.
      describeRejection: (status, data) => describeSsgRejection(status, this.cipherKey ? tryDecode(data, this.cipherKey) : data),
      ...(agent ? { httpsAgent: agent } : {}),
    });
    const tokens = options.authMode === "oauth" ? new SsgTokenSource(http, options.secrets, options.now) : undefined;
    return { http, tokens, agent };
  }

  private async encryptionKey(): Promise<Buffer> {
    const encoded = await this.options.secrets.get("ssg-encryption-key");
    registerSecret(encoded);
    this.cipherKey = ssgKeyFromBase64(encoded);
    return this.cipherKey;
  }
}

function input<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInput(
      `SSG ${what}: ${describeIssues(parsed.error)}`,
      parsed.error.issues.map((i) => ({ path: [what, ...i.path].join("."), message: i.message })),
    );
  }
  return parsed.data;
}

/** An encrypted endpoint's answer as JSON: plain JSON (refusals are not encrypted) or decrypted. */
function decode(data: unknown, key: Buffer, route: string): unknown {
  if (typeof data !== "string") return data;
  const text = data.trim();
  try {
    return JSON.parse(text.startsWith("{") ? text : decryptFromSsg(text, key)) as unknown;
  } catch {
    throw new InvalidResponse("ssg", route, "the answer is neither JSON nor decryptable with the configured key");
  }
}

function tryDecode(data: unknown, key: Buffer): unknown {
  try {
    return decode(data, key, "");
  } catch {
    return data;
  }
}
