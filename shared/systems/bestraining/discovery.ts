// Table ids by table NAME and field slugs by field NAME, read from the app itself: slugs differ per
// TadaBase app, so nothing here is configured by slug. Read once per process (one call for the
// tables, one per table used) and again after `ttlMs`: TadaBase drops writes to a slug that no longer
// exists without a word, so a field rebuilt in the app must not stay cached for the life of the host.
// A failed read is forgotten so the next caller tries again.
import { ConfigurationError } from "../../errors.js";
import type { TadaBaseConnection } from "./connection.js";
import { parseAnswer } from "./parse.js";
import type { FieldInfo } from "./values.js";
import { fieldsAnswerSchema, tablesAnswerSchema } from "./wire.js";

export interface TableInfo {
  id: string;
  name: string;
  fields: readonly FieldInfo[];
  /** Field by NAME (names are unique within a table; a duplicated name is left out: ambiguous). */
  byName: ReadonlyMap<string, FieldInfo>;
  /** Field by slug. */
  bySlug: ReadonlyMap<string, FieldInfo>;
}

const TABLES_ROUTE = "/data-tables";
const FIELDS_ROUTE = "/data-tables/{tableId}/fields";

/** How long discovered ids and slugs are trusted by default. */
export const SCHEMA_TTL_MS = 15 * 60_000;

export class TadaBaseDiscovery {
  private tableIds: Promise<Map<string, string>> | undefined;
  private readonly tables = new Map<string, { info: Promise<TableInfo>; loadedAt: number }>();

  constructor(
    private readonly connection: TadaBaseConnection,
    private readonly ttlMs = SCHEMA_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A table's id and fields, by the table's NAME. */
  table(name: string): Promise<TableInfo> {
    const cached = this.tables.get(name);
    if (cached !== undefined && this.now() - cached.loadedAt < this.ttlMs) return cached.info;
    if (cached !== undefined) this.tableIds = undefined; // stale: the table list may have changed too
    const entry = { info: this.load(name), loadedAt: this.now() };
    this.tables.set(name, entry);
    entry.info.catch(() => {
      if (this.tables.get(name) === entry) this.tables.delete(name);
    });
    return entry.info;
  }

  /** Forget everything (e.g. after the app's schema changed). */
  forget(): void {
    this.tableIds = undefined;
    this.tables.clear();
  }

  private tableIdsByName(): Promise<Map<string, string>> {
    if (this.tableIds === undefined) {
      const loading = this.connection.send({ method: "GET", path: TABLES_ROUTE, route: TABLES_ROUTE }).then((res) => {
        const { data_tables } = parseAnswer(tablesAnswerSchema, res.data, TABLES_ROUTE);
        return new Map(data_tables.map((t) => [t.name.trim(), t.id]));
      });
      this.tableIds = loading;
      loading.catch(() => {
        if (this.tableIds === loading) this.tableIds = undefined;
      });
    }
    return this.tableIds;
  }

  private async load(name: string): Promise<TableInfo> {
    const ids = await this.tableIdsByName();
    const id = ids.get(name.trim());
    if (id === undefined) {
      throw new ConfigurationError(`BESTraining has no table named "${name}" (tables: ${[...ids.keys()].sort().join(", ") || "none"})`);
    }
    const res = await this.connection.send({ method: "GET", path: `/data-tables/${encodeURIComponent(id)}/fields`, route: FIELDS_ROUTE });
    const fields = parseAnswer(fieldsAnswerSchema, res.data, FIELDS_ROUTE).fields.map((f) => ({ slug: f.slug, name: f.name.trim(), type: f.type }));
    const counts = new Map<string, number>();
    for (const f of fields) counts.set(f.name, (counts.get(f.name) ?? 0) + 1);
    return {
      id,
      name: name.trim(),
      fields,
      byName: new Map(fields.filter((f) => counts.get(f.name) === 1).map((f) => [f.name, f])),
      bySlug: new Map(fields.map((f) => [f.slug, f])),
    };
  }
}
