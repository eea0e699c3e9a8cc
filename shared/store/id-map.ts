// Maps a partner's id (or a venue key) to the BESTraining record id it became, grouped by scope
// (a course run, or all venues). Only a cache: the target system stays the truth, so a missing or
// stale entry costs a lookup, never a duplicate.
import { odata } from "@azure/data-tables";
import type { TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { isNotFound } from "./lazy-table.js";
import type { LazyTable } from "./lazy-table.js";
import { tableKey } from "./table-keys.js";
import { batchActions } from "./transactions.js";

const entrySchema = z.object({ key: z.string(), recordId: z.string() });

export class IdMap {
  constructor(private readonly table: LazyTable) {}

  async get(scope: string, key: string): Promise<string | undefined> {
    return this.table.run("get id", async (client) => {
      try {
        return entrySchema.parse(await client.getEntity(tableKey(scope), tableKey(key))).recordId;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** Every entry of the scope, in one paged query. */
  async list(scope: string): Promise<Map<string, string>> {
    return this.table.run("list ids", async (client) => {
      const out = new Map<string, string>();
      const queryOptions = { filter: odata`PartitionKey eq ${tableKey(scope)}`, select: ["key", "recordId"] };
      for await (const entity of client.listEntities({ queryOptions })) {
        const entry = entrySchema.parse(entity);
        out.set(entry.key, entry.recordId);
      }
      return out;
    });
  }

  async set(scope: string, entries: Iterable<readonly [key: string, recordId: string]>): Promise<void> {
    const partitionKey = tableKey(scope);
    const unique = new Map(entries);
    const actions: TransactionAction[] = [...unique].map(([key, recordId]) => [
      "upsert",
      { partitionKey, rowKey: tableKey(key), key, recordId },
      "Replace",
    ]);
    for (const batch of batchActions(actions)) {
      await this.table.run("set ids", (client) => client.submitTransaction(batch));
    }
  }

  /** Forgets entries (e.g. when the record they point at is gone); absent ones are ignored. */
  async delete(scope: string, keys: Iterable<string>): Promise<void> {
    await this.table.run("delete ids", async (client) => {
      for (const key of new Set(keys)) {
        try {
          await client.deleteEntity(tableKey(scope), tableKey(key));
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    });
  }
}
