// The list of syncs, for GET /api/syncs: one row per sync (partition = course run), kept current
// by the orchestration's status steps. The Durable instance stays the truth for a single sync.
import { odata, type TableEntity, type TableEntityResult } from "@azure/data-tables";
import { z } from "zod";
import { InvalidInput } from "../errors.js";
import { isNotFound, type LazyTable } from "../store/lazy-table.js";
import { tableKey } from "../store/table-keys.js";
import type { SyncRegistryEntry } from "./ports.js";

export interface SyncPage {
  items: SyncRegistryEntry[];
  continuationToken?: string;
}

export interface ListSyncsQuery {
  runId?: string;
  status?: string;
  limit: number;
  continuationToken?: string;
}

const rowSchema = z.object({
  syncId: z.string(),
  runId: z.string(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  dryRun: z.boolean().default(false),
  counts: z.string().optional(),
  reason: z.string().optional(),
});

export class SyncRegistry {
  constructor(private readonly table: LazyTable) {}

  async create(entry: SyncRegistryEntry): Promise<void> {
    await this.write(entry, "Replace");
  }

  /** Merges a status change into the row (creating it if a start record was lost). */
  async update(entry: Pick<SyncRegistryEntry, "syncId" | "runId" | "status" | "updatedAt"> & Partial<SyncRegistryEntry>): Promise<void> {
    await this.write(entry, "Merge");
  }

  async get(runId: string, syncId: string): Promise<SyncRegistryEntry | undefined> {
    return this.table.run("read sync", async (client) => {
      try {
        return fromRow(await client.getEntity(tableKey(runId), tableKey(syncId)));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async list(query: ListSyncsQuery): Promise<SyncPage> {
    const filters = [query.runId ? odata`PartitionKey eq ${tableKey(query.runId)}` : "", query.status ? odata`status eq ${query.status}` : ""].filter(Boolean);
    // Decoded before the storage call: inside it, a bad token would be reported as storage trouble (503).
    const continuationToken = query.continuationToken ? decodeToken(query.continuationToken) : undefined;
    return this.table.run("list syncs", async (client) => {
      const pages = client
        .listEntities(filters.length > 0 ? { queryOptions: { filter: filters.join(" and ") } } : {})
        .byPage({ maxPageSize: query.limit, ...(continuationToken ? { continuationToken } : {}) });
      const next = await pages.next();
      if (next.done === true) return { items: [] };
      const page = next.value;
      const token = page.continuationToken;
      return { items: page.map(fromRow), ...(token ? { continuationToken: encodeToken(token) } : {}) };
    });
  }

  private async write(entry: Partial<SyncRegistryEntry> & Pick<SyncRegistryEntry, "syncId" | "runId">, mode: "Replace" | "Merge"): Promise<void> {
    const { counts, ...rest } = entry;
    const row: TableEntity<Record<string, unknown>> = {
      partitionKey: tableKey(entry.runId),
      rowKey: tableKey(entry.syncId),
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(counts ? { counts: JSON.stringify(counts) } : {}),
    };
    await this.table.run("write sync", (client) => client.upsertEntity(row, mode));
  }
}

function fromRow(row: TableEntityResult<Record<string, unknown>>): SyncRegistryEntry {
  const parsed = rowSchema.parse(row);
  const { counts, reason, ...rest } = parsed;
  return { ...rest, ...(counts ? { counts: z.record(z.string(), z.number()).parse(JSON.parse(counts)) } : {}), ...(reason ? { reason } : {}) };
}

// The SDK's token is an opaque string; clients get it base64url-wrapped so it survives a query string.
const encodeToken = (token: string): string => Buffer.from(token, "utf8").toString("base64url");
// Inside the wrapper the SDK keeps base64 JSON {nextPartitionKey, nextRowKey?}: anything else would
// make the SDK throw mid-query.
const sdkTokenSchema = z.object({ nextPartitionKey: z.string().min(1), nextRowKey: z.string().optional() });
function decodeToken(token: string): string {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  if (decoded === "" || Buffer.from(decoded, "utf8").toString("base64url") !== token || !isSdkToken(decoded)) {
    throw new InvalidInput("continuationToken is not one this API handed out", [{ path: "continuationToken", message: "unknown token" }]);
  }
  return decoded;
}
function isSdkToken(decoded: string): boolean {
  try {
    return sdkTokenSchema.safeParse(JSON.parse(Buffer.from(decoded, "base64").toString("latin1"))).success;
  } catch {
    return false;
  }
}
