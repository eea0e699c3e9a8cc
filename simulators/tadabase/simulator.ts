// BESTraining's TadaBase REST API (v1): app-header auth, tables, fields, records with paging and
// filters, per-minute and per-day rate limits, TadaBase's {type:"error"} answers.
import { z } from "zod";
import { adminJson, startSimServer } from "../kit/index.js";
import type { SimRequest, SimResponse, SimRoute, SimServer } from "../kit/index.js";
import { applyFilter, parseFilter } from "./filters.js";
import { RateLimiter } from "./rate-limit.js";
import type { RateLimitOptions } from "./rate-limit.js";
import { BESTRAINING_SCHEMA } from "./schema.js";
import type { TableDefinition } from "./schema.js";
import { TadaBaseStore } from "./store.js";
import type { Table } from "./store.js";

export interface TadaBaseCredentials {
  appId: string;
  appKey: string;
  appSecret: string;
}

/** Records to load, by table NAME; each record's keys are field NAMES (plus an optional fixed `id`). */
export type TadaBaseSeed = Record<string, Record<string, unknown>[]>;

export interface TadaBaseSimulatorOptions {
  port?: number;
  credentials?: TadaBaseCredentials;
  rateLimit?: Partial<RateLimitOptions>;
  /** Largest `limit` honoured on a records list (larger asks are cut to it); default 100. */
  maxPageSize?: number;
  /** Fixes the field numbering (tests of slug resolution leave it random). */
  fieldNumberStart?: number;
  schema?: TableDefinition[];
  /** Records present at start and after reset. */
  seed?: TadaBaseSeed;
  /** The API key may only read: writes answer 403 "Permission Denied". */
  readOnly?: boolean;
}

export interface TadaBaseSimulator extends SimServer {
  credentials: TadaBaseCredentials;
  /** Table name → {id, fields: field name → slug}. */
  schema(): Record<string, { id: string; fields: Record<string, string> }>;
  tableId(table: string): string;
  slug(table: string, field: string): string;
  /** Adds a record given by field names; returns its id (throws on invalid values). */
  insert(table: string, values: Record<string, unknown>, id?: string): string;
  /** A table's records with values keyed by field NAME (and `id`). */
  records(table: string): Record<string, unknown>[];
  load(seed: TadaBaseSeed): string[];
  setRateLimit(options: Partial<RateLimitOptions>): void;
}

export const TADABASE_DEFAULT_PORT = 7102;
export const TADABASE_DEV_CREDENTIALS: TadaBaseCredentials = {
  appId: "dev-tadabase-app-id",
  appKey: "dev-tadabase-app-key",
  appSecret: "dev-tadabase-app-secret",
};
const DEFAULT_LIMITS: RateLimitOptions = { perMinute: 120, perDay: 20_000 };
const BASE = "/api/v1";

function tbError(status: number, msg: string, errors?: Record<string, string[]>): SimResponse {
  return { status, body: { type: "error", msg, status, ...(errors ? { errors } : {}) } };
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bodyObject(req: SimRequest): Record<string, unknown> {
  if ((req.body.kind === "json" || req.body.kind === "form") && typeof req.body.value === "object" && req.body.value !== null) {
    return req.body.value as Record<string, unknown>;
  }
  return {};
}

const rateLimitSchema = z.object({
  perMinute: z.number().int().positive().optional(),
  perDay: z.number().int().positive().optional(),
  minuteWindowMs: z.number().int().positive().optional(),
  dayWindowMs: z.number().int().positive().optional(),
});
const seedSchema = z.record(z.string(), z.array(z.record(z.string(), z.unknown())));

export async function startTadaBaseSimulator(options: TadaBaseSimulatorOptions = {}): Promise<TadaBaseSimulator> {
  const credentials = options.credentials ?? TADABASE_DEV_CREDENTIALS;
  const store = new TadaBaseStore(options.schema ?? BESTRAINING_SCHEMA, options.fieldNumberStart);
  let limits: RateLimitOptions = { ...DEFAULT_LIMITS, ...options.rateLimit };
  const limiter = new RateLimiter(limits);
  const maxPageSize = options.maxPageSize ?? 100;

  const tableNamed = (name: string): Table => {
    const t = store.tableByName(name);
    if (t === undefined) throw new Error(`no table named ${name}`);
    return t;
  };
  const insert = (tableName: string, values: Record<string, unknown>, id?: string): string => {
    const table = tableNamed(tableName);
    const bySlug: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      const field = table.fields.find((f) => f.name === name);
      if (field === undefined) throw new Error(`no field named ${name} in ${tableName}`);
      bySlug[field.slug] = value;
    }
    const result = store.create(table, bySlug, id);
    if (!result.ok) throw new Error(`invalid ${tableName} record: ${JSON.stringify(result.errors)}`);
    return result.id;
  };
  const load = (seed: TadaBaseSeed): string[] =>
    Object.entries(seed).flatMap(([table, rows]) =>
      rows.map((row) => {
        const { id, ...values } = row;
        return insert(table, values, typeof id === "string" ? id : undefined);
      }),
    );
  const reset = (): void => {
    store.clearRecords();
    limiter.reset();
    load(options.seed ?? {});
  };
  load(options.seed ?? {});

  // Auth, then the rate budget, then the route; every authenticated answer carries the budget headers.
  const api =
    (handler: (req: SimRequest) => SimResponse, counted = true) =>
    (req: SimRequest): SimResponse => {
      if (header(req, "x-tadabase-app-key") !== credentials.appKey || header(req, "x-tadabase-app-secret") !== credentials.appSecret) {
        return tbError(401, "API Not Found");
      }
      if (header(req, "x-tadabase-app-id") !== credentials.appId) return tbError(401, "APP Not Found");
      if (!counted) return handler(req);
      const budget = limiter.take();
      const answer = budget.allowed ? handler(req) : tbError(429, "Too Many Requests");
      return { ...answer, headers: { ...answer.headers, ...budget.headers } };
    };
  const withTable =
    (handler: (req: SimRequest, table: Table) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      const table = store.table(req.params.tableId ?? "");
      return table === undefined ? tbError(404, "Table Not Found") : handler(req, table);
    };
  const writable =
    (handler: (req: SimRequest, table: Table) => SimResponse) =>
    (req: SimRequest, table: Table): SimResponse =>
      options.readOnly === true ? tbError(403, "Permission Denied") : handler(req, table);

  const routes: SimRoute[] = [
    {
      method: "GET",
      path: `${BASE}/data-tables`,
      handler: api(() => {
        const tables = store.tables().map((t) => ({ id: t.id, name: t.name }));
        return { status: 200, body: { type: "success", data_tables: tables, total_items: tables.length } };
      }),
    },
    {
      method: "GET",
      path: `${BASE}/data-tables/{tableId}/fields`,
      handler: api(
        withTable((_req, table) => {
          const fields = table.fields.map((f) => ({ slug: f.slug, name: f.name, type: f.type }));
          return { status: 200, body: { type: "success", fields, total_items: fields.length } };
        }),
      ),
    },
    {
      method: "GET",
      path: `${BASE}/data-tables/{tableId}/records`,
      handler: api(
        withTable((req, table) => {
          const filter = parseFilter(req.query, new Set(table.fields.map((f) => f.slug)));
          const all = [...table.records].filter(([, values]) => applyFilter(filter, values));
          const asked = Number.parseInt(req.searchParams.get("limit") ?? "", 10);
          const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, maxPageSize) : Math.min(100, maxPageSize);
          const askedPage = Number.parseInt(req.searchParams.get("page") ?? "", 10);
          const page = Number.isFinite(askedPage) && askedPage > 0 ? askedPage : 1;
          const items = all.slice((page - 1) * limit, page * limit).map(([id, values]) => store.item(id, values));
          const body = { type: "success", items, total_items: all.length, total_pages: Math.ceil(all.length / limit), current_page: page, limit };
          return { status: 200, body };
        }),
      ),
    },
    {
      method: "GET",
      path: `${BASE}/data-tables/{tableId}/records/{recordId}`,
      handler: api(
        withTable((req, table) => {
          const values = table.records.get(req.params.recordId ?? "");
          if (values === undefined) return tbError(404, "Record Not Found");
          return { status: 200, body: { type: "success", item: store.item(req.params.recordId ?? "", values) } };
        }),
      ),
    },
    {
      method: "POST",
      path: `${BASE}/data-tables/{tableId}/records`,
      handler: api(
        withTable(
          writable((req, table) => {
            const result = store.create(table, bodyObject(req));
            if (!result.ok) return tbError(422, "Validation failed", result.errors);
            return { status: 200, body: { type: "success", msg: "Record Created Successfully", recordId: result.id } };
          }),
        ),
      ),
    },
    {
      method: "POST",
      path: `${BASE}/data-tables/{tableId}/records/{recordId}`,
      handler: api(
        withTable(
          writable((req, table) => {
            const id = req.params.recordId ?? "";
            if (!table.records.has(id)) return tbError(404, "Record Not Found");
            const result = store.update(table, id, bodyObject(req));
            if (!result.ok) return tbError(422, "Validation failed", result.errors);
            return { status: 200, body: { type: "success", msg: "Record Updated Successfully", recordId: id } };
          }),
        ),
      ),
    },
    {
      method: "DELETE",
      path: `${BASE}/data-tables/{tableId}/records/{recordId}`,
      handler: api(
        withTable(
          writable((req, table) => {
            if (!table.records.delete(req.params.recordId ?? "")) return tbError(404, "Record Not Found");
            return { status: 200, body: { type: "success", msg: "Record Deleted Successfully" } };
          }),
        ),
      ),
    },
    {
      method: "GET",
      path: `${BASE}/status`,
      handler: api(() => ({ status: 200, body: { type: "success", ...limiter.snapshot() } }), false),
    },
  ];

  const sim = await startSimServer({
    name: "tadabase",
    port: options.port ?? 0,
    routes,
    adminRoutes: [
      {
        method: "POST",
        path: "/__admin/seed",
        handler: (req) => ({ status: 200, body: { ids: load(seedSchema.parse(adminJson(req))) } }),
      },
      { method: "GET", path: "/__admin/schema", handler: () => ({ status: 200, body: store.schema() }) },
      {
        method: "POST",
        path: "/__admin/rate-limit",
        handler: (req) => {
          setRateLimit(rateLimitSchema.parse(adminJson(req)));
          return { status: 200, body: { rateLimit: limits } };
        },
      },
    ],
    reset,
    state: () => ({ tables: store.dump(), rateLimit: { ...limits, ...limiter.snapshot() } }),
    faultAnswer: (rule) => tbError(rule.status ?? 500, rule.status === 429 ? "Too Many Requests" : "Internal Server Error"),
    notFound: () => tbError(404, "Not Found"),
  });

  function setRateLimit(next: Partial<RateLimitOptions>): void {
    limits = { ...limits, ...next };
    limiter.configure(limits);
  }

  return Object.assign(sim, {
    credentials,
    schema: () => store.schema(),
    tableId: (table: string) => tableNamed(table).id,
    slug: (table: string, field: string) => {
      const slug = store.schema()[table]?.fields[field];
      if (slug === undefined) throw new Error(`no field ${table}.${field}`);
      return slug;
    },
    insert,
    records: (tableName: string) => {
      const table = tableNamed(tableName);
      return [...table.records].map(([id, values]) => ({
        id,
        ...Object.fromEntries(table.fields.map((f) => [f.name, values[f.slug]])),
      }));
    },
    load,
    setRateLimit,
  });
}
