// The BESTraining (TadaBase) client: tables by name through one resilient, rate-limited line.
import { createPartnerHttp } from "../../http/index.js";
import type { PartnerHttpOptions } from "../../http/index.js";
import type { TadaBaseSecrets } from "./secrets.js";
import { TadaBaseConnection } from "./connection.js";
import { TadaBaseDiscovery } from "./discovery.js";
import { describeTadaBaseRejection, tadaBaseEffectiveStatus } from "./rejection.js";
import { parseAnswer } from "./parse.js";
import { TadaBaseTable } from "./table.js";
import { statusAnswerSchema } from "./wire.js";
import type { WireBudget } from "./wire.js";

const STATUS_ROUTE = "/status";

export interface RateLimitBudget {
  allowed: number;
  remaining: number;
  resetsInSeconds: number;
}

export interface RateLimitStatus {
  perMinute: RateLimitBudget;
  perDay: RateLimitBudget;
}

function budget(wire: WireBudget): RateLimitBudget {
  return { allowed: wire.allowed, remaining: wire.remaining, resetsInSeconds: wire.resets_in_seconds };
}

export type TadaBaseHttpOptions = Omit<PartnerHttpOptions, "partner" | "describeRejection">;

export interface TadaBaseClientOptions {
  /** e.g. https://api.tadabase.io/api/v1 (routes are appended: /data-tables…). */
  http: TadaBaseHttpOptions;
  secrets: TadaBaseSecrets;
  /** How long discovered table ids and field slugs are reused (default 15 minutes). */
  schemaTtlMs?: number;
}

export interface TadaBaseClient {
  /** A table by NAME; `F` names its fields (checked against the app at run time too). */
  records<F extends string = string>(tableName: string): TadaBaseTable<F>;
  /** Forget discovered table ids and slugs (after the app's schema changed). */
  forgetSchema(): void;
  /** "closed" | "open" | "half-open": the circuit, for health checks. */
  circuitState(): string;
  /** The plan's budgets as TadaBase counts them (GET /status; the call itself is not counted). */
  rateLimitStatus(): Promise<RateLimitStatus>;
}

export function createTadaBaseClient(options: TadaBaseClientOptions): TadaBaseClient {
  const http = createPartnerHttp({ ...options.http, partner: "tadabase", describeRejection: describeTadaBaseRejection });
  const connection = new TadaBaseConnection(
    {
      partner: http.partner,
      circuitState: () => http.circuitState(),
      // Every TadaBase call checks for `type:"error"` inside a 2xx.
      send: (request) => http.send({ effectiveStatus: tadaBaseEffectiveStatus, ...request }),
    },
    options.secrets,
  );
  const discovery = new TadaBaseDiscovery(connection, options.schemaTtlMs);
  const tables = new Map<string, TadaBaseTable>();
  return {
    records: <F extends string = string>(tableName: string): TadaBaseTable<F> => {
      let table = tables.get(tableName);
      if (table === undefined) {
        table = new TadaBaseTable(tableName, connection, discovery);
        tables.set(tableName, table);
      }
      return table;
    },
    forgetSchema: () => discovery.forget(),
    circuitState: () => http.circuitState(),
    rateLimitStatus: async () => {
      const res = await connection.send({ method: "GET", path: STATUS_ROUTE, route: STATUS_ROUTE });
      const { per_minute, per_day } = parseAnswer(statusAnswerSchema, res.data, STATUS_ROUTE);
      return { perMinute: budget(per_minute), perDay: budget(per_day) };
    },
  };
}
