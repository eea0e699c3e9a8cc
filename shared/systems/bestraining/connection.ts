// One authenticated line to a TadaBase app: the three app headers on every request, read from
// secrets; a 401 makes it read them again once and repeat the request once (the key was rotated).
import { Rejected } from "../../errors.js";
import type { PartnerHttp, PartnerRequest, PartnerResponse } from "../../http/index.js";
import { registerSecret } from "../../redact.js";
import type { TadaBaseSecretName, TadaBaseSecrets } from "./secrets.js";

const HEADERS: ReadonlyArray<[header: string, secret: TadaBaseSecretName]> = [
  ["X-Tadabase-App-id", "tadabase-app-id"],
  ["X-Tadabase-App-Key", "tadabase-app-key"],
  ["X-Tadabase-App-Secret", "tadabase-app-secret"],
];

export class TadaBaseConnection {
  constructor(
    readonly http: PartnerHttp,
    private readonly secrets: TadaBaseSecrets,
  ) {}

  private async headers(fresh: boolean): Promise<Record<string, string>> {
    const values = await Promise.all(HEADERS.map(([, name]) => (fresh ? this.secrets.refresh(name) : this.secrets.get(name))));
    // Whatever the source, these values must never be printed.
    values.forEach((v) => registerSecret(v));
    return Object.fromEntries(HEADERS.map(([header], i) => [header, values[i] ?? ""]));
  }

  async send(request: Omit<PartnerRequest, "headers">): Promise<PartnerResponse> {
    try {
      return await this.http.send({ ...request, headers: await this.headers(false) });
    } catch (error) {
      if (!(error instanceof Rejected && error.status === 401)) throw error;
      // Rotated credentials: one fresh read, one more try; a second 401 is the real answer.
      return this.http.send({ ...request, headers: await this.headers(true) });
    }
  }
}
