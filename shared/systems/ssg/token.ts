// OAuth2 client credentials for SSG: one cached access token per client, renewed shortly before it
// expires or when an API route says it is no longer valid. Concurrent callers share one request.
import { z } from "zod";
import { Rejected } from "../../errors.js";
import type { PartnerHttp } from "../../http/index.js";
import { registerSecret } from "../../redact.js";
import { parseWith } from "./parse.js";
import { ROUTES } from "./routes.js";
import type { SsgSecrets } from "./secrets.js";

const TOKEN_ROUTE = ROUTES.token;

const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  /** Seconds; SSG gives 3600. */
  expires_in: z.coerce.number().positive().default(3600),
});

interface CachedToken {
  value: string;
  /** When to stop using it: a little before SSG's expiry, so a call in flight never carries a dead token. */
  renewAt: number;
}

export class SsgTokenSource {
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly http: PartnerHttp,
    private readonly secrets: SsgSecrets,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token: the cached one, or a new one shared by everyone asking meanwhile. */
  token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.value);
    this.inFlight ??= this.request().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** SSG refused `stale`: drop it (unless someone already replaced it) and get another. */
  renew(stale: string): Promise<string> {
    if (this.cached?.value === stale) this.cached = undefined;
    return this.token();
  }

  private async request(): Promise<string> {
    try {
      return await this.requestWith(false);
    } catch (error) {
      // Refused credentials may just have been rotated in Key Vault: read them again, try once more.
      if (!(error instanceof Rejected && error.status === 401)) throw error;
      return this.requestWith(true);
    }
  }

  private async requestWith(freshCredentials: boolean): Promise<string> {
    const read = (name: "ssg-client-id" | "ssg-client-secret") => (freshCredentials ? this.secrets.refresh(name) : this.secrets.get(name));
    const [id, secret] = await Promise.all([read("ssg-client-id"), read("ssg-client-secret")]);
    const basic = Buffer.from(`${id}:${secret}`, "utf8").toString("base64");
    for (const value of [id, secret, basic]) registerSecret(value);
    const requestedAt = this.now();
    const response = await this.http.send({
      method: "POST",
      path: TOKEN_ROUTE,
      route: TOKEN_ROUTE,
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: "grant_type=client_credentials",
      // Asking twice for a token does no harm.
      retrySafe: true,
    });
    const answer = parseWith(tokenAnswerSchema, TOKEN_ROUTE, response.data);
    registerSecret(answer.access_token);
    const lifetimeMs = answer.expires_in * 1000;
    // Renew a minute early (a tenth of the lifetime for short-lived tokens), counted from the request.
    this.cached = { value: answer.access_token, renewAt: requestedAt + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return answer.access_token;
  }
}
