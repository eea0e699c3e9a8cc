// The list of syncs (for GET /api/syncs) and the one-sync-per-run lock. The lock is a conditional
// insert: of two concurrent starts for a run exactly one creates the row; the other reads who holds
// it. A lock whose holder has finished (or vanished) is taken over with an ETag-guarded replace.
import type { TableClient, TableEntity } from "@azure/data-tables";
import type { SyncRegistryEntry, SyncRegistryPort } from "./ports.js";
import { escape, isNotFound, type TableProvider } from "./job-store.js";

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

type ClaimResult = { claimed: true } | { claimed: false; holder: string };

const LOCKS = "runlocks";
const SYNCS = "syncs";

interface SyncRow {
  partitionKey: string;
  rowKey: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  dryRun: boolean;
  counts?: string;
  reason?: string;
}

export class SyncRegistry implements SyncRegistryPort {
  constructor(private readonly tables: TableProvider) {}

  /**
   * Claims the run for a new sync. `isFinished(holder)` decides whether an existing holder still
   * runs (the Durable status is the truth; a crashed starter may have left a stale lock).
   */
  async claimRun(runId: string, syncId: string, isFinished: (holder: string) => Promise<boolean>): Promise<ClaimResult> {
    const locks = await this.tables(LOCKS);
    for (let round = 0; round < 3; round++) {
      try {
        await locks.createEntity({ partitionKey: "run", rowKey: runId, syncId });
        return { claimed: true };
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      const current = await readLock(locks, runId);
      if (current === undefined) continue; // released meanwhile: try again
      if (!(await isFinished(current.syncId))) return { claimed: false, holder: current.syncId };
      try {
        await locks.updateEntity({ partitionKey: "run", rowKey: runId, syncId }, "Replace", { etag: current.etag });
        return { claimed: true };
      } catch (error) {
        if (!isPreconditionFailed(error)) throw error; // someone else took it over first: look again
      }
    }
    const holder = (await readLock(locks, runId))?.syncId ?? "unknown";
    return { claimed: false, holder };
  }

  async releaseRun(runId: string, syncId: string): Promise<void> {
    const locks = await this.tables(LOCKS);
    const current = await readLock(locks, runId);
    if (current === undefined || current.syncId !== syncId) return;
    try {
      await locks.deleteEntity("run", runId, { etag: current.etag });
    } catch (error) {
      if (!isNotFound(error) && !isPreconditionFailed(error)) throw error;
    }
  }

  async create(entry: SyncRegistryEntry): Promise<void> {
    const table = await this.tables(SYNCS);
    await table.upsertEntity(toRow(entry), "Replace");
  }

  async update(entry: Pick<SyncRegistryEntry, "syncId" | "runId" | "status" | "updatedAt"> & Partial<SyncRegistryEntry>): Promise<void> {
    const table = await this.tables(SYNCS);
    const { syncId, runId, ...rest } = entry;
    const patch: TableEntity<Record<string, unknown>> = { partitionKey: runId, rowKey: syncId, status: rest.status, updatedAt: rest.updatedAt };
    if (rest.counts) patch.counts = JSON.stringify(rest.counts);
    if (rest.reason) patch.reason = rest.reason;
    await table.upsertEntity(patch, "Merge");
  }

  async get(runId: string, syncId: string): Promise<SyncRegistryEntry | undefined> {
    const table = await this.tables(SYNCS);
    try {
      return fromRow(await table.getEntity<Omit<SyncRow, "partitionKey" | "rowKey">>(runId, syncId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(query: ListSyncsQuery): Promise<SyncPage> {
    const table = await this.tables(SYNCS);
    const filters = [query.runId ? `PartitionKey eq '${escape(query.runId)}'` : "", query.status ? `status eq '${escape(query.status)}'` : ""].filter(Boolean);
    const pages = table
      .listEntities<Omit<SyncRow, "partitionKey" | "rowKey">>(filters.length > 0 ? { queryOptions: { filter: filters.join(" and ") } } : {})
      .byPage({ maxPageSize: query.limit, ...(query.continuationToken ? { continuationToken: decodeToken(query.continuationToken) } : {}) });
    const next = await pages.next();
    if (next.done === true) return { items: [] };
    const page = next.value;
    const token = page.continuationToken;
    return { items: page.map(fromRow), ...(token ? { continuationToken: encodeToken(token) } : {}) };
  }
}

async function readLock(locks: TableClient, runId: string): Promise<{ syncId: string; etag: string } | undefined> {
  try {
    const row = await locks.getEntity<{ syncId: string }>("run", runId);
    return { syncId: row.syncId, etag: row.etag };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function toRow(entry: SyncRegistryEntry): SyncRow {
  return {
    partitionKey: entry.runId,
    rowKey: entry.syncId,
    status: entry.status,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    dryRun: entry.dryRun,
    ...(entry.counts ? { counts: JSON.stringify(entry.counts) } : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
  };
}

function fromRow(row: Omit<SyncRow, "partitionKey" | "rowKey"> & { partitionKey?: string; rowKey?: string }): SyncRegistryEntry {
  return {
    syncId: row.rowKey ?? "",
    runId: row.partitionKey ?? "",
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    dryRun: Boolean(row.dryRun),
    ...(row.counts ? { counts: JSON.parse(row.counts) as Record<string, number> } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

// The SDK's token is an opaque string; clients get it base64url-wrapped so it survives a query string.
const encodeToken = (token: string): string => Buffer.from(token, "utf8").toString("base64url");
const decodeToken = (token: string): string => Buffer.from(token, "base64url").toString("utf8");

const statusOf = (error: unknown): unknown => (typeof error === "object" && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined);
const isConflict = (error: unknown): boolean => statusOf(error) === 409;
const isPreconditionFailed = (error: unknown): boolean => statusOf(error) === 412;
