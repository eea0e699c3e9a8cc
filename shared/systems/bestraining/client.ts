// The BESTraining (TadaBase) client: tables by name through one resilient, rate-limited line.
import { createPartnerHttp } from "../../http/index.js";
import type { PartnerHttpOptions } from "../../http/index.js";
import type { TadaBaseSecrets } from "./secrets.js";
import { TadaBaseConnection } from "./connection.js";
import { TadaBaseDiscovery } from "./discovery.js";
import { describeTadaBaseRejection, tadaBaseEffectiveStatus } from "./rejection.js";
import { TadaBaseTable } from "./table.js";

export type TadaBaseHttpOptions = Omit<PartnerHttpOptions, "partner" | "describeRejection">;

export interface TadaBaseClientOptions {
  /** e.g. https://api.tadabase.io/api/v1 (routes are appended: /data-tables…). */
  http: TadaBaseHttpOptions;
  secrets: TadaBaseSecrets;
}

export interface TadaBaseClient {
  /** A table by NAME; `F` names its fields (checked against the app at run time too). */
  records<F extends string = string>(tableName: string): TadaBaseTable<F>;
  /** Forget discovered table ids and slugs (after the app's schema changed). */
  forgetSchema(): void;
  /** "closed" | "open" | "half-open": the circuit, for health checks. */
  circuitState(): string;
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
  const discovery = new TadaBaseDiscovery(connection);
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
  };
}
