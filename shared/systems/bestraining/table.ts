// One BESTraining table, addressed by NAME with fields by NAME: the slug translation, the guard
// against TadaBase's silently ignored filters, paging, and the record operations.
import { InvalidInput, NotFound, Rejected } from "../../errors.js";
import type { TadaBaseConnection } from "./connection.js";
import type { TableInfo, TadaBaseDiscovery } from "./discovery.js";
import { FILTER_OPERATORS } from "./filter.js";
import type { Filter } from "./filter.js";
import { parseAnswer } from "./parse.js";
import type { FieldInfo, WriteValue } from "./values.js";
import { encodeFilterValue, encodeValue } from "./values.js";
import type { WireRecord } from "./wire.js";
import { createdAnswerSchema, itemAnswerSchema, pageAnswerSchema } from "./wire.js";

/** A record with its values keyed by field NAME, as TadaBase stores them (text, lists, parts). */
export interface TableRecord<F extends string = string> {
  id: string;
  values: Partial<Record<F, unknown>>;
}

export interface ListOptions<F extends string = string> {
  filter?: Filter<F>;
  /** Records per page (TadaBase's maximum is 100; the default). */
  limit?: number;
}

export interface RecordPage<F extends string = string> {
  records: TableRecord<F>[];
  totalItems: number;
  totalPages: number;
}

export type RecordValues<F extends string = string> = Partial<Record<F, WriteValue>>;

const RECORDS = "/data-tables/{tableId}/records";
const RECORD = "/data-tables/{tableId}/records/{recordId}";
export const MAX_PAGE_SIZE = 100;

export class TadaBaseTable<F extends string = string> {
  constructor(
    readonly name: string,
    private readonly connection: TadaBaseConnection,
    private readonly discovery: TadaBaseDiscovery,
  ) {}

  info(): Promise<TableInfo> {
    return this.discovery.table(this.name);
  }

  /** One page of records (from 1) with TadaBase's totals. */
  async page(page: number, options: ListOptions<F> = {}): Promise<RecordPage<F>> {
    const info = await this.info();
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.limit ?? MAX_PAGE_SIZE)));
    // Built before the request: a bad filter must fail before anything is sent.
    const filterParams = options.filter ? filterQuery(info, options.filter) : [];
    const query = new URLSearchParams([["page", String(page)], ["limit", String(limit)], ...filterParams]);
    const res = await this.connection.send({ method: "GET", path: recordsPath(info), route: RECORDS, query });
    const answer = parseAnswer(pageAnswerSchema, res.data, RECORDS);
    return { records: answer.items.map((item) => fromWire<F>(info, item)), totalItems: answer.total_items, totalPages: answer.total_pages };
  }

  /**
   * Pages of records from `from`, one request each, until TadaBase's `total_pages` says there are no
   * more. TadaBase pages by offset: collect first, then change records the filter selects.
   */
  async *pages(options: ListOptions<F> & { from?: number } = {}): AsyncGenerator<TableRecord<F>[], void, undefined> {
    for (let n = options.from ?? 1; ; n += 1) {
      const { records, totalPages } = await this.page(n, options);
      if (records.length > 0) yield records;
      if (records.length === 0 || n >= totalPages) return;
    }
  }

  /** Every record matching, all pages. */
  async list(options: ListOptions<F> = {}): Promise<TableRecord<F>[]> {
    const all: TableRecord<F>[] = [];
    for await (const page of this.pages(options)) all.push(...page);
    return all;
  }

  /** One record, or undefined when TadaBase has no record with that id. */
  async get(recordId: string): Promise<TableRecord<F> | undefined> {
    const info = await this.info();
    const res = await this.connection.send({ method: "GET", path: recordPath(info, recordId), route: RECORD, acceptStatuses: [404] });
    if (res.status === 404) return undefined;
    return fromWire<F>(info, parseAnswer(itemAnswerSchema, res.data, RECORD).item);
  }

  /** Creates a record; returns its id. Not repeated after an unanswered attempt (it might exist). */
  async create(values: RecordValues<F>): Promise<string> {
    const info = await this.info();
    const body = toWire(info, values);
    const res = await this.explained(info, () => this.connection.send({ method: "POST", path: recordsPath(info), route: RECORDS, body }));
    return parseAnswer(createdAnswerSchema, res.data, RECORDS).recordId;
  }

  /** Writes the given fields (TadaBase updates by POST to the record); others stay as they are. */
  async update(recordId: string, values: RecordValues<F>): Promise<void> {
    const info = await this.info();
    const body = toWire(info, values);
    // Writing the same values twice leaves the same record: safe to repeat.
    await this.explained(info, () => this.connection.send({ method: "POST", path: recordPath(info, recordId), route: RECORD, body, retrySafe: true }), recordId);
  }

  /** Repeated after a lost answer (DELETE is idempotent), a delete may find the record gone: NotFound. */
  async delete(recordId: string): Promise<void> {
    const info = await this.info();
    await this.explained(info, () => this.connection.send({ method: "DELETE", path: recordPath(info, recordId), route: RECORD }), recordId);
  }

  /** Refusals told in field NAMES (TadaBase reports slugs); a missing record is NotFound. */
  private async explained<T>(info: TableInfo, call: () => Promise<T>, recordId?: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      if (error.status === 404 && recordId !== undefined) throw new NotFound(`BESTraining ${info.name} record ${recordId} not found`);
      const detail = error.detail.replace(/\bfield_\d+\b/g, (slug) => {
        const field = info.bySlug.get(slug);
        return field ? `"${field.name}" (${slug})` : slug;
      });
      throw new Rejected(error.partner, error.route, error.status, detail, error.code);
    }
  }
}

function recordsPath(info: TableInfo): string {
  return `/data-tables/${encodeURIComponent(info.id)}/records`;
}

function recordPath(info: TableInfo, recordId: string): string {
  if (recordId.trim() === "") throw new InvalidInput("a BESTraining record id is required");
  return `${recordsPath(info)}/${encodeURIComponent(recordId)}`;
}

/** The field for a NAME, or InvalidInput naming the fields the table has. */
function fieldNamed(info: TableInfo, name: string, use: string): FieldInfo {
  const field = info.byName.get(name.trim());
  if (field !== undefined) return field;
  const ambiguous = info.fields.some((f) => f.name === name.trim());
  const why = ambiguous ? "names more than one field" : "is not a field";
  throw new InvalidInput(`${use}: "${name}" ${why} of BESTraining table "${info.name}" (fields: ${info.fields.map((f) => f.name).join(", ")})`, [
    { path: name, message: why },
  ]);
}

/**
 * TadaBase drops a filter item it does not understand and answers with EVERY record, so each item is
 * checked here against the table's real fields before anything is sent.
 */
export function filterQuery(info: TableInfo, filter: Filter): Array<[string, string]> {
  if (filter.condition !== "AND" && filter.condition !== "OR") throw new InvalidInput(`filter condition "${String(filter.condition)}" is neither AND nor OR`);
  if (filter.items.length === 0) throw new InvalidInput(`filter on BESTraining table "${info.name}" has no conditions`);
  const params: Array<[string, string]> = [];
  filter.items.forEach((item, i) => {
    const field = fieldNamed(info, item.field, "filter");
    // An operator TadaBase does not know is dropped as silently as a misspelt field.
    if (!(FILTER_OPERATORS as readonly string[]).includes(item.operator)) throw new InvalidInput(`filter operator "${item.operator}" is not one TadaBase knows`);
    const prefix = `filters[items][${i}]`;
    params.push([`${prefix}[field_id]`, field.slug], [`${prefix}[operator]`, item.operator]);
    const blankTest = item.operator === "is blank" || item.operator === "is not blank";
    if (!blankTest && item.value === undefined) throw new InvalidInput(`filter "${item.field} ${item.operator}" needs a value`);
    params.push([`${prefix}[val]`, item.value === undefined ? "" : encodeFilterValue(field, item.value)]);
  });
  params.push(["filters[condition]", filter.condition]);
  return params;
}

function toWire(info: TableInfo, values: Readonly<Record<string, WriteValue | undefined>>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const field = fieldNamed(info, name, "write");
    body[field.slug] = encodeValue(field, value);
  }
  if (Object.keys(body).length === 0) throw new InvalidInput(`nothing to write to BESTraining table "${info.name}"`);
  return body;
}

function fromWire<F extends string>(info: TableInfo, item: WireRecord): TableRecord<F> {
  const values: Record<string, unknown> = {};
  for (const field of info.fields) {
    if (field.slug in item && info.byName.has(field.name)) values[field.name] = item[field.slug];
  }
  return { id: item.id, values: values as Partial<Record<F, unknown>> };
}
