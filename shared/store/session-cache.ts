// The central session cache: per course run, SSG sessions kept by session id (the original
// service's Redis document `courserun:{runId}:coursesessions`). `upsert` keeps sessions missing
// from a later post, as the original did; `replace` makes the cache equal to what a sync saw.
import { odata } from "@azure/data-tables";
import type { TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { fromChunkedProperties, toChunkedProperties } from "./chunked-json.js";
import type { LazyTable } from "./lazy-table.js";
import { tableKey } from "./table-keys.js";
import { batchActions } from "./transactions.js";

export interface CachedSession {
  id: string;
  session: Record<string, unknown>;
}

const storedSchema = z.looseObject({ id: z.string() });
const sessionSchema = z.record(z.string(), z.unknown());

/** Last one wins when a post repeats a session id (a transaction may touch an entity once). */
function byId(sessions: readonly CachedSession[]): CachedSession[] {
  return [...new Map(sessions.map((s) => [s.id, s])).values()];
}

export class SessionCache {
  constructor(private readonly table: LazyTable) {}

  /** Inserts or replaces each session by id; sessions not in the list stay. */
  async upsert(runId: string, sessions: readonly CachedSession[]): Promise<void> {
    const partitionKey = tableKey(runId);
    const actions: TransactionAction[] = byId(sessions).map((s) => [
      "upsert",
      { partitionKey, rowKey: tableKey(s.id), id: s.id, ...toChunkedProperties("session", JSON.stringify(s.session)) },
      "Replace",
    ]);
    for (const batch of batchActions(actions)) {
      await this.table.run("upsert sessions", (client) => client.submitTransaction(batch));
    }
  }

  /** Makes the run's cache hold exactly these sessions; returns the ids removed. */
  async replace(runId: string, sessions: readonly CachedSession[]): Promise<string[]> {
    const before = await this.storedIds(runId);
    await this.upsert(runId, sessions);
    const keep = new Set(sessions.map((s) => s.id));
    const stale = [...before.entries()].filter(([id]) => !keep.has(id));
    const actions: TransactionAction[] = stale.map(([, rowKey]) => ["delete", { partitionKey: tableKey(runId), rowKey }]);
    for (const batch of batchActions(actions)) {
      await this.table.run("delete sessions", (client) => client.submitTransaction(batch));
    }
    return stale.map(([id]) => id);
  }

  /** Every cached session of the run, ordered by session id. */
  async list(runId: string): Promise<CachedSession[]> {
    return this.table.run("list sessions", async (client) => {
      const out: CachedSession[] = [];
      for await (const entity of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${tableKey(runId)}` } })) {
        const stored = storedSchema.parse(entity);
        out.push({ id: stored.id, session: sessionSchema.parse(JSON.parse(fromChunkedProperties("session", stored))) });
      }
      return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
  }

  /** Session id → row key of what the run holds now. */
  private storedIds(runId: string): Promise<Map<string, string>> {
    return this.table.run("list session ids", async (client) => {
      const ids = new Map<string, string>();
      const filter = odata`PartitionKey eq ${tableKey(runId)}`;
      for await (const entity of client.listEntities({ queryOptions: { filter, select: ["RowKey", "id"] } })) {
        const row = z.object({ rowKey: z.string(), id: z.string() }).parse(entity);
        ids.set(row.id, row.rowKey);
      }
      return ids;
    });
  }
}
