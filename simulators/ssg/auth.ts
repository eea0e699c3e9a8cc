// SSG's OAuth2 client-credentials endpoint and the bearer check on the API routes.
import { randomBytes } from "node:crypto";
import type { SimRequest, SimResponse } from "../kit/index.js";

export interface SsgCredentials {
  clientId: string;
  clientSecret: string;
  /** The app's payload encryption key: 32 bytes, base64. */
  encryptionKey: string;
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, headers: { "Cache-Control": "no-store" }, body: { error, error_description: description } };
}

export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly credentials: SsgCredentials,
    public ttlSeconds: number,
  ) {}

  /** POST /dp-oauth/oauth/token: Basic client auth, form grant_type=client_credentials. */
  issue(req: SimRequest): SimResponse {
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const decoded = basic === undefined ? "" : Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const id = colon < 0 ? "" : decoded.slice(0, colon);
    const secret = colon < 0 ? "" : decoded.slice(colon + 1);
    if (id !== this.credentials.clientId || secret !== this.credentials.clientSecret) {
      return { ...oauthError(401, "invalid_client", "Client authentication failed"), headers: { "WWW-Authenticate": 'Basic realm="oauth"' } };
    }
    const grant = req.body.kind === "form" ? req.body.value.grant_type : undefined;
    if (grant !== "client_credentials") return oauthError(400, "unsupported_grant_type", "Only client_credentials is supported");
    const token = randomBytes(24).toString("hex");
    this.tokens.set(token, Date.now() + this.ttlSeconds * 1000);
    return { status: 200, headers: { "Cache-Control": "no-store" }, body: { access_token: token, token_type: "Bearer", expires_in: this.ttlSeconds, scope: "default" } };
  }

  /** True when the request carries a live token we issued. */
  valid(req: SimRequest): boolean {
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  count(): number {
    return this.tokens.size;
  }
}
