// SSG (Training Partners Gateway) as BESOrchestrator uses it: OAuth2 client credentials, bearer
// check, x-api-version, the {status,data,meta,error} envelope, course run sessions with their
// filters, a course run by id, and session attendance (AES-256-CBC encrypted payloads).
import { z } from "zod";
import { adminJson, createLoopbackCertificate, startSimServer } from "../kit/index.js";
import type { FaultRule, SimRequest, SimResponse, SimRoute, SimServer } from "../kit/index.js";
import { TokenIssuer } from "./auth.js";
import type { SsgCredentials } from "./auth.js";
import { ssgDecrypt, ssgEncrypt } from "./crypto.js";
import { errorEnvelope, fail, failInside, ok } from "./envelope.js";
import type { ErrorDetail } from "./envelope.js";
import { SSG_FIXTURE_RUNS } from "./fixtures.js";
import { generateSsgRuns } from "./generator.js";
import type { GenerateOptions } from "./generator.js";
import { ssgRunSchema, ssgSessionSchema } from "./model.js";
import type { SsgRun, SsgRunInput, SsgSession, SsgSessionInput } from "./model.js";

export const SSG_ROUTES = {
  token: "/dp-oauth/oauth/token",
  sessions: "/courses/runs/{runId}/sessions",
  courseRun: "/courses/courseRuns/id/{runId}",
  attendance: "/courses/runs/{runId}/sessions/attendance",
} as const;

export interface SsgSimulatorOptions {
  port?: number;
  credentials?: SsgCredentials;
  /** Lifetime of issued tokens (expires_in); default 3600. */
  tokenTtlSeconds?: number;
  /** Runs at start and after reset; default the fixtures (SSG_FIXTURE_RUNS). */
  runs?: SsgRunInput[];
  /** Generated runs added to `runs`. */
  generate?: GenerateOptions;
  /** x-api-version values answered with 403 "API version has expired". */
  retiredApiVersions?: string[];
  /** Route templates the app is not subscribed to: 403 "Access to this API has been disallowed". */
  unsubscribedRoutes?: string[];
  /** Whether GET …/sessions/attendance answers encrypted (unverified; default true). */
  encryptAttendanceRead?: boolean;
  /**
   * Certificate apps: serve HTTPS and authenticate API calls by client certificate (signed by, or equal
   * to, `clientCa`) instead of bearer tokens. Absent = OAuth over HTTP.
   */
  mtls?: { clientCa: string };
  /** A run with no matching sessions: an empty list (default) or HTTP 200 with status 404 inside. */
  noSessionsAnswer?: "empty-list" | "status-404-inside";
}

export interface AttendanceRecord {
  runId: string;
  sessionId: string;
  traineeId: string;
  statusCode: string;
  /** The decrypted upload, as received. */
  upload: unknown;
  receivedAt: string;
}

export interface SsgSimulator extends SimServer {
  credentials: SsgCredentials;
  /** In mTLS mode, the PEM of the server's self-signed certificate (trust it as `ca`). */
  ca?: string;
  runs(): SsgRun[];
  run(runId: string): SsgRun | undefined;
  /** Adds runs (replacing any with the same id); returns their ids. */
  load(runs: SsgRunInput[]): string[];
  addSession(runId: string, session: SsgSessionInput): SsgSession;
  editSession(runId: string, sessionId: string, patch: Partial<SsgSessionInput>): SsgSession;
  /** Removes a session outright (SSG's soft delete is editSession(…, {deleted: true})). */
  removeSession(runId: string, sessionId: string): void;
  attendance(): AttendanceRecord[];
  /** Invalidates every issued token (the next API call gets 401). */
  revokeTokens(): void;
  setTokenTtl(seconds: number): void;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

export const SSG_DEFAULT_PORT = 7101;
export const SSG_DEV_CREDENTIALS: SsgCredentials = {
  clientId: "dev-ssg-client-id",
  clientSecret: "dev-ssg-client-secret",
  // 32 ASCII bytes, obviously not a real key.
  encryptionKey: Buffer.from("dev-ssg-encryption-key-32-bytes!", "ascii").toString("base64"),
};

const attendanceUploadSchema = z.object({
  uen: z.string().min(1),
  course: z.object({
    sessionID: z.string().min(1),
    referenceNumber: z.string().min(1),
    attendance: z.object({
      status: z.object({ code: z.string().regex(/^[1-4]$/, "status code is 1 to 4") }),
      trainee: z.looseObject({
        id: z.string().min(1),
        name: z.string().min(1),
        idType: z.object({ code: z.string().min(1) }),
        email: z.string().optional(),
        numberOfHours: z.number().optional(),
      }),
    }),
  }),
  corppassId: z.string().min(1),
});

const seedSchema = z.object({
  runs: z.array(ssgRunSchema).optional(),
  generate: z
    .object({ runs: z.number().int().min(0).max(10_000), sessionsPerRun: z.number().int().min(0).max(500), seed: z.number().int().optional(), startFrom: z.string().regex(/^\d{8}$/).optional() })
    .optional(),
  /** Drop everything first. */
  replace: z.boolean().default(false),
});

function details(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
}

function requiredQuery(req: SimRequest, names: string[]): ErrorDetail[] {
  return names.filter((n) => !req.searchParams.get(n)).map((n) => ({ field: n, message: `${n} is required` }));
}

export async function startSsgSimulator(options: SsgSimulatorOptions = {}): Promise<SsgSimulator> {
  const credentials = options.credentials ?? SSG_DEV_CREDENTIALS;
  const tokens = new TokenIssuer(credentials, options.tokenTtlSeconds ?? 3600);
  const runs = new Map<string, SsgRun>();
  let attendance: AttendanceRecord[] = [];
  const encryptAttendanceRead = options.encryptAttendanceRead ?? true;
  const encrypted = (envelope: SimResponse): SimResponse => ({
    status: envelope.status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    body: ssgEncrypt(JSON.stringify(envelope.body), credentials.encryptionKey),
  });

  const load = (input: SsgRunInput[]): string[] =>
    input.map((raw) => {
      const run = ssgRunSchema.parse(raw);
      runs.set(run.id, run);
      return run.id;
    });
  const reset = (): void => {
    runs.clear();
    attendance = [];
    load(options.runs ?? SSG_FIXTURE_RUNS);
    if (options.generate) load(generateSsgRuns(options.generate));
  };
  reset();

  const runOr404 = (runId: string): SsgRun => {
    const run = runs.get(runId);
    if (run === undefined) throw new Error(`no course run ${runId}`);
    return run;
  };
  const sessionIndex = (run: SsgRun, sessionId: string): number => {
    const i = run.sessions.findIndex((s) => s.id === sessionId);
    if (i < 0) throw new Error(`no session ${sessionId} in run ${run.id}`);
    return i;
  };
  const addSession = (runId: string, session: SsgSessionInput): SsgSession => {
    const run = runOr404(runId);
    const parsed = ssgSessionSchema.parse(session);
    if (run.sessions.some((s) => s.id === parsed.id)) throw new Error(`session ${parsed.id} already exists`);
    run.sessions.push(parsed);
    return parsed;
  };
  const editSession = (runId: string, sessionId: string, patch: Partial<SsgSessionInput>): SsgSession => {
    const run = runOr404(runId);
    const i = sessionIndex(run, sessionId);
    const current = run.sessions[i] as SsgSession;
    const venue = patch.venue === undefined ? current.venue : { ...current.venue, ...patch.venue };
    const next = ssgSessionSchema.parse({ ...current, ...patch, ...(venue ? { venue } : {}), id: current.id });
    run.sessions[i] = next;
    return next;
  };
  const removeSession = (runId: string, sessionId: string): void => {
    const run = runOr404(runId);
    run.sessions.splice(sessionIndex(run, sessionId), 1);
  };

  // Bearer, subscription, then API version: the order a gateway checks them in.
  const api =
    (template: string, handler: (req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      if (options.mtls !== undefined) {
        if (!req.clientCertificateAuthorized) return fail(401, "Unauthorized: a valid client certificate is required");
      } else if (!tokens.valid(req)) {
        return { ...fail(401, "Unauthorized: the access token is missing, invalid or expired"), headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } };
      }
      if (options.unsubscribedRoutes?.includes(template)) return fail(403, "Access to this API has been disallowed");
      const version = req.headers["x-api-version"];
      if (typeof version === "string" && options.retiredApiVersions?.includes(version)) return fail(403, "API version has expired");
      return handler(req);
    };

  const matchingRun = (req: SimRequest): SsgRun | SimResponse => {
    const missing = requiredQuery(req, ["uen", "courseReferenceNumber"]);
    if (missing.length > 0) return fail(400, "Invalid request parameters", missing);
    const run = runs.get(req.params.runId ?? "");
    if (run === undefined || run.uen !== req.searchParams.get("uen") || run.referenceNumber !== req.searchParams.get("courseReferenceNumber")) {
      return fail(404, "Course run not found");
    }
    return run;
  };

  const routes: SimRoute[] = [
    { method: "POST", path: SSG_ROUTES.token, handler: (req) => tokens.issue(req) },
    {
      method: "GET",
      path: SSG_ROUTES.sessions,
      handler: api(SSG_ROUTES.sessions, (req) => {
        const run = matchingRun(req);
        if (!("sessions" in run)) return run;
        const month = req.searchParams.get("sessionMonth");
        if (month !== null && month !== "" && !/^(0[1-9]|1[0-2])\d{4}$/.test(month)) {
          return fail(400, "Invalid request parameters", [{ field: "sessionMonth", message: "sessionMonth must be MMYYYY" }]);
        }
        const includeExpired = req.searchParams.get("includeExpiredCourses")?.toLowerCase() !== "false";
        let sessions = run.expired && !includeExpired ? [] : run.sessions;
        if (month) sessions = sessions.filter((s) => s.startDate.slice(0, 6) === `${month.slice(2)}${month.slice(0, 2)}`);
        if (sessions.length === 0 && options.noSessionsAnswer === "status-404-inside") return failInside(404, "No sessions found");
        return ok({ sessions });
      }),
    },
    {
      method: "GET",
      path: SSG_ROUTES.courseRun,
      handler: api(SSG_ROUTES.courseRun, (req) => {
        const run = runs.get(req.params.runId ?? "");
        if (run === undefined) return fail(404, "Course run not found");
        return ok({
          course: {
            referenceNumber: run.referenceNumber,
            title: run.title,
            trainingProvider: { uen: run.uen, name: run.trainingProviderName },
            run: {
              id: Number(run.id),
              courseStartDate: run.startDate,
              courseEndDate: run.endDate,
              sessionsCount: run.sessions.filter((s) => !s.deleted).length,
            },
          },
        });
      }),
    },
    {
      method: "GET",
      path: SSG_ROUTES.attendance,
      handler: api(SSG_ROUTES.attendance, (req) => {
        const run = matchingRun(req);
        if (!("sessions" in run)) return run;
        const sessionId = req.searchParams.get("sessionId");
        if (!sessionId) return fail(400, "Invalid request parameters", [{ field: "sessionId", message: "sessionId is required" }]);
        if (!run.sessions.some((s) => s.id === sessionId)) return fail(404, "Session not found");
        const rows = attendance
          .filter((a) => a.runId === run.id && a.sessionId === sessionId)
          .map((a) => ({ status: { code: a.statusCode }, trainee: { id: a.traineeId } }));
        const answer = ok({ courseReferenceNumber: run.referenceNumber, courseRunId: run.id, sessionId, attendance: rows });
        return encryptAttendanceRead ? encrypted(answer) : answer;
      }),
    },
    {
      method: "POST",
      path: SSG_ROUTES.attendance,
      handler: api(SSG_ROUTES.attendance, (req) => {
        const run = runs.get(req.params.runId ?? "");
        if (run === undefined) return fail(404, "Course run not found");
        let upload: unknown;
        try {
          upload = JSON.parse(ssgDecrypt(req.rawBody.toString("utf8"), credentials.encryptionKey)) as unknown;
        } catch {
          return fail(400, "Request payload could not be decrypted");
        }
        const parsed = attendanceUploadSchema.safeParse(upload);
        if (!parsed.success) return fail(400, "Invalid request payload", details(parsed.error));
        const { course, uen } = parsed.data;
        if (uen !== run.uen || course.referenceNumber !== run.referenceNumber) return fail(400, "Course run does not belong to this UEN and course");
        const session = run.sessions.find((s) => s.id === course.sessionID);
        if (session === undefined) return fail(400, "Invalid request payload", [{ field: "course.sessionID", message: "Session not found in this course run" }]);
        const traineeId = course.attendance.trainee.id;
        attendance = attendance.filter((a) => !(a.sessionId === session.id && a.traineeId === traineeId));
        attendance.push({ runId: run.id, sessionId: session.id, traineeId, statusCode: course.attendance.status.code, upload, receivedAt: new Date().toISOString() });
        session.attendanceTaken = true;
        return encrypted(ok({ courseRunId: run.id, sessionId: session.id, trainee: { id: traineeId }, status: { code: course.attendance.status.code } }));
      }),
    },
  ];

  const adminSession = (handler: (req: SimRequest, runId: string, sessionId: string) => SimResponse) => (req: SimRequest) => {
    try {
      return handler(req, req.params.runId ?? "", req.params.sessionId ?? "");
    } catch (error) {
      if (error instanceof z.ZodError) throw error;
      return { status: 404, body: { error: error instanceof Error ? error.message : String(error) } };
    }
  };

  const tls = options.mtls === undefined ? undefined : { ...(await createLoopbackCertificate()), ca: options.mtls.clientCa, requestCert: true };
  const sim = await startSimServer({
    name: "ssg",
    port: options.port ?? 0,
    ...(tls ? { tls } : {}),
    routes,
    adminRoutes: [
      {
        method: "POST",
        path: "/__admin/seed",
        handler: (req) => {
          const body = seedSchema.parse(adminJson(req));
          if (body.replace) runs.clear();
          const ids = [...load(body.runs ?? []), ...(body.generate ? load(generateSsgRuns(body.generate)) : [])];
          return { status: 200, body: { runs: ids } };
        },
      },
      {
        method: "POST",
        path: "/__admin/runs/{runId}/sessions",
        handler: adminSession((req, runId) => ({ status: 201, body: addSession(runId, ssgSessionSchema.parse(adminJson(req))) })),
      },
      {
        method: "PATCH",
        path: "/__admin/runs/{runId}/sessions/{sessionId}",
        handler: adminSession((req, runId, sessionId) => ({
          status: 200,
          body: editSession(runId, sessionId, ssgSessionSchema.partial().parse(adminJson(req))),
        })),
      },
      {
        method: "DELETE",
        path: "/__admin/runs/{runId}/sessions/{sessionId}",
        handler: adminSession((_req, runId, sessionId) => {
          removeSession(runId, sessionId);
          return { status: 204 };
        }),
      },
      {
        method: "POST",
        path: "/__admin/tokens/revoke",
        handler: () => {
          tokens.revokeAll();
          return { status: 200, body: { revoked: true } };
        },
      },
    ],
    reset,
    state: () => ({ runs: [...runs.values()], attendance, liveTokens: tokens.count(), tokenTtlSeconds: tokens.ttlSeconds }),
    faultAnswer: (rule: FaultRule, req: SimRequest) => {
      if (rule.envelopeStatus !== undefined) {
        const inside = failInside(rule.envelopeStatus, "Simulated failure inside a 200 answer");
        const encryptedRoute = req.route === SSG_ROUTES.attendance && (req.method === "POST" || encryptAttendanceRead);
        return encryptedRoute ? encrypted(inside) : inside;
      }
      const status = rule.status ?? 500;
      return { status, body: errorEnvelope(status, status === 429 ? "Too many requests" : "Simulated upstream failure") };
    },
    notFound: () => fail(404, "Resource not found"),
  });

  return Object.assign(sim, {
    credentials,
    ...(tls ? { ca: tls.cert } : {}),
    runs: () => [...runs.values()],
    run: (runId: string) => runs.get(runId),
    load,
    addSession,
    editSession,
    removeSession,
    attendance: () => [...attendance],
    revokeTokens: () => tokens.revokeAll(),
    setTokenTtl: (seconds: number) => {
      tokens.ttlSeconds = seconds;
    },
    encrypt: (plaintext: string) => ssgEncrypt(plaintext, credentials.encryptionKey),
    decrypt: (ciphertext: string) => ssgDecrypt(ciphertext, credentials.encryptionKey),
  });
}
