// Key Vault secrets API as @azure/keyvault-secrets 4.x speaks it: challenge-based bearer auth over
// HTTPS, versioned secrets, Key Vault's error bodies. Tokens are not validated as JWTs: any bearer
// is accepted unless the access policy says otherwise.
import { z } from "zod";
import { adminJson, createLoopbackCertificate, startSimServer } from "../kit/index.js";
import type { SimRequest, SimResponse, SimServer } from "../kit/index.js";
import { SecretStore } from "./store.js";
import type { SecretVersion, SetSecretOptions } from "./store.js";

export interface AccessPolicy {
  /** Tokens refused with 403 Forbidden (an identity without the "Key Vault Secrets User" role). */
  deniedTokens?: string[];
  /** If set, only these tokens authenticate; any other gets 401 (an invalid or foreign token). */
  acceptedTokens?: string[];
}

export interface KeyVaultSimulatorOptions {
  port?: number;
  /** Secrets present at start and after reset. */
  secrets?: Record<string, string>;
  tenantId?: string;
  accessPolicy?: AccessPolicy;
}

export interface KeyVaultSimulator extends SimServer {
  /** PEM of the self-signed certificate: pass as `tlsOptions: { ca }` to SecretClient. */
  ca: string;
  setSecret(name: string, value: string, options?: SetSecretOptions): SecretVersion;
  deleteSecret(name: string): boolean;
  setAccessPolicy(policy: AccessPolicy): void;
}

export const KEY_VAULT_DEFAULT_PORT = 7104;
const DEV_TENANT = "00000000-0000-0000-0000-00000000dev0";
const NAME = /^[0-9a-zA-Z-]{1,127}$/;

const setSecretBodySchema = z.object({
  value: z.string(),
  contentType: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  attributes: z.object({ enabled: z.boolean().optional() }).passthrough().optional(),
});

const seedSchema = z.object({ secrets: z.record(z.string(), z.string()) });
const policySchema = z.object({
  deniedTokens: z.array(z.string()).optional(),
  acceptedTokens: z.array(z.string()).optional(),
});

function kvError(status: number, code: string, message: string, inner?: string): SimResponse {
  return { status, body: { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } } };
}

function bundle(origin: string, s: SecretVersion, withValue: boolean): Record<string, unknown> {
  return {
    ...(withValue ? { value: s.value } : {}),
    id: `${origin}/secrets/${s.name}/${s.version}`,
    ...(s.contentType !== undefined ? { contentType: s.contentType } : {}),
    ...(s.tags !== undefined ? { tags: s.tags } : {}),
    attributes: {
      enabled: s.enabled,
      created: s.created,
      updated: s.updated,
      recoveryLevel: "Recoverable+Purgeable",
      recoverableDays: 90,
    },
  };
}

export async function startKeyVaultSimulator(options: KeyVaultSimulatorOptions = {}): Promise<KeyVaultSimulator> {
  const tls = await createLoopbackCertificate();
  const store = new SecretStore();
  const seed = (): void => {
    store.clear();
    for (const [name, value] of Object.entries(options.secrets ?? {})) store.set(name, value);
  };
  seed();
  let policy: AccessPolicy = { ...options.accessPolicy };
  const tenant = options.tenantId ?? DEV_TENANT;
  const challenge = `Bearer authorization="https://login.microsoftonline.com/${tenant}", resource="https://vault.azure.net"`;

  // Every partner route goes through here: api-version, then the bearer challenge, then the policy.
  const guarded =
    (handler: (req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      if (!req.searchParams.get("api-version")) {
        return kvError(400, "BadParameter", "The request URI contains an invalid or missing api-version");
      }
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
      if (token === undefined) {
        const answer = kvError(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
        return { ...answer, headers: { "WWW-Authenticate": challenge } };
      }
      if (policy.acceptedTokens !== undefined && !policy.acceptedTokens.includes(token)) {
        const answer = kvError(401, "Unauthorized", "AKV10022: Invalid audience or token.");
        return { ...answer, headers: { "WWW-Authenticate": challenge } };
      }
      if (policy.deniedTokens?.includes(token)) {
        return kvError(403, "Forbidden", "Caller is not authorized to perform action on resource.", "ForbiddenByRbac");
      }
      if (req.params.name !== undefined && !NAME.test(req.params.name)) {
        return kvError(400, "BadParameter", "The request URI contains an invalid name");
      }
      return handler(req);
    };

  const readSecret = (req: SimRequest): SimResponse => {
    const name = req.params.name ?? "";
    const found = store.get(name, req.params.version);
    if (found === undefined) {
      const which = req.params.version === undefined ? "" : ` with version (${req.params.version})`;
      return kvError(404, "SecretNotFound", `A secret with (name/id) ${name}${which} was not found in this key vault.`);
    }
    if (!found.enabled) {
      return kvError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
    }
    return { status: 200, body: bundle(req.origin, found, true) };
  };

  const sim = await startSimServer({
    name: "keyvault",
    port: options.port ?? 0,
    tls,
    routes: [
      {
        method: "GET",
        path: "/secrets",
        handler: guarded((req) => ({
          status: 200,
          body: { value: store.latest().map((s) => ({ ...bundle(req.origin, s, false), id: `${req.origin}/secrets/${s.name}` })), nextLink: null },
        })),
      },
      {
        method: "GET",
        path: "/secrets/{name}/versions",
        handler: guarded((req) => {
          const versions = store.versions(req.params.name ?? "");
          if (versions.length === 0) return readSecret(req);
          return { status: 200, body: { value: versions.map((s) => bundle(req.origin, s, false)), nextLink: null } };
        }),
      },
      { method: "GET", path: "/secrets/{name}", handler: guarded(readSecret) },
      { method: "GET", path: "/secrets/{name}/{version}", handler: guarded(readSecret) },
      {
        method: "PUT",
        path: "/secrets/{name}",
        handler: guarded((req) => {
          const parsed = setSecretBodySchema.safeParse(req.body.kind === "json" ? req.body.value : undefined);
          if (!parsed.success) return kvError(400, "BadParameter", "The request body is not a valid secret (needs a string value).");
          const { value, contentType, tags, attributes } = parsed.data;
          const saved = store.set(req.params.name ?? "", value, {
            ...(contentType !== undefined ? { contentType } : {}),
            ...(tags !== undefined ? { tags } : {}),
            ...(attributes?.enabled !== undefined ? { enabled: attributes.enabled } : {}),
          });
          return { status: 200, body: bundle(req.origin, saved, true) };
        }),
      },
    ],
    adminRoutes: [
      {
        method: "POST",
        path: "/__admin/seed",
        handler: (req) => {
          const { secrets } = seedSchema.parse(adminJson(req));
          const saved = Object.entries(secrets).map(([name, value]) => store.set(name, value).name);
          return { status: 200, body: { secrets: saved } };
        },
      },
      {
        method: "POST",
        path: "/__admin/access-policy",
        handler: (req) => {
          policy = policySchema.parse(adminJson(req));
          return { status: 200, body: { accessPolicy: policy } };
        },
      },
    ],
    reset: () => {
      seed();
      policy = { ...options.accessPolicy };
    },
    state: () => ({ secrets: store.dump(), accessPolicy: policy }),
    faultAnswer: (rule) => {
      const status = rule.status ?? 500;
      return status === 429
        ? kvError(429, "Throttled", "Request was not processed because too many requests were received.")
        : kvError(status, status === 503 ? "ServiceUnavailable" : "InternalServerError", `Simulated ${status}.`);
    },
    notFound: () => kvError(404, "NotFound", "The requested resource was not found."),
  });

  return Object.assign(sim, {
    ca: tls.cert,
    setSecret: (name: string, value: string, opts?: SetSecretOptions) => store.set(name, value, opts),
    deleteSecret: (name: string) => store.delete(name),
    setAccessPolicy: (next: AccessPolicy) => {
      policy = { ...next };
    },
  });
}
