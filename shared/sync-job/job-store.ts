// Where one sync keeps what must not travel through orchestration history: the staged snapshots
// (SSG's list, BESTraining's records), the plan items by index, and each item's outcome. One table
// partition per sync, so a sync's rows are read and written in transactions and purged together.
import { odata, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { isNotFound, type LazyTable } from "../store/lazy-table.js";
import { tableKey } from "../store/table-keys.js";
import { batchActions } from "../store/transactions.js";
import type { SessionPlanItem, VenuePlanItem } from "../sync/plan.js";
import type { SessionOutcome } from "../sync/outcomes.js";

// A string property holds at most 32K UTF-16 characters; a document larger than that is spread over
// several rows (any size: a run with thousands of sessions included).
const CHUNK = 30_000;

type PlanKind = "venue" | "session";

export interface VenueResolution {
  key: string;
  recordId?: string;
  error?: { kind: string; message: string; transient: boolean };
}

export class SyncJobStore {
  constructor(private readonly table: LazyTable) {}

  /** Stores a JSON document (any size) under a name, replacing an earlier one. */
  async putDocument(syncId: string, name: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    const parts = Math.max(1, Math.ceil(text.length / CHUNK));
    const rows = Array.from({ length: parts }, (_, i) => ({
      partitionKey: syncId,
      rowKey: `doc:${name}:${String(i).padStart(5, "0")}`,
      text: text.slice(i * CHUNK, (i + 1) * CHUNK),
      parts,
    }));
    await this.upsertAll(rows);
  }

  async getDocument<T>(syncId: string, name: string): Promise<T | undefined> {
    const prefix = `doc:${name}:`;
    const pieces = await this.listRows<{ text: string; parts: number }>(syncId, prefix);
    if (pieces.length === 0) return undefined;
    // A document is whole only if every part of the latest write is there.
    const parts = pieces[0]?.parts ?? 0;
    return JSON.parse(pieces.slice(0, parts).map((p) => p.text).join("")) as T;
  }

  async putPlanItems(syncId: string, kind: PlanKind, items: ReadonlyArray<VenuePlanItem | SessionPlanItem>): Promise<void> {
    await this.upsertAll(
      items.map((item, index) => ({ partitionKey: syncId, rowKey: `plan:${kind}:${String(index).padStart(6, "0")}`, json: JSON.stringify(item) })),
    );
  }

  async getPlanItem<T extends VenuePlanItem | SessionPlanItem>(syncId: string, kind: PlanKind, index: number): Promise<T | undefined> {
    const row = await this.getRow(syncId, `plan:${kind}:${String(index).padStart(6, "0")}`);
    return row === undefined ? undefined : (JSON.parse(row.json) as T);
  }

  /**
   * Records outcomes, one row per plan item: an SSG id with duplicate records in BESTraining has one
   * item per record, so the row is keyed by the record the plan named (`plannedRecordId`, absent for
   * a create) as well as the SSG id.
   */
  async recordOutcomes(syncId: string, outcomes: ReadonlyArray<SessionOutcome & { plannedRecordId?: string }>): Promise<void> {
    await this.upsertAll(
      outcomes.map(({ plannedRecordId, ...outcome }) => ({
        partitionKey: syncId,
        rowKey: `outcome:${tableKey(outcome.ssgSessionId)}:${tableKey(plannedRecordId ?? "new")}`,
        json: JSON.stringify(outcome),
      })),
    );
  }

  async listOutcomes(syncId: string): Promise<SessionOutcome[]> {
    const rows = await this.listRows<{ json: string }>(syncId, "outcome:");
    return rows.map((row) => JSON.parse(row.json) as SessionOutcome);
  }

  async recordVenue(syncId: string, resolution: VenueResolution): Promise<void> {
    await this.upsertAll([{ partitionKey: syncId, rowKey: `venue:${tableKey(resolution.key)}`, json: JSON.stringify(resolution) }]);
  }

  async getVenue(syncId: string, key: string): Promise<VenueResolution | undefined> {
    const row = await this.getRow(syncId, `venue:${tableKey(key)}`);
    return row === undefined ? undefined : (JSON.parse(row.json) as VenueResolution);
  }

  private async getRow(syncId: string, rowKey: string): Promise<{ json: string } | undefined> {
    return this.table.run("read sync row", async (client) => {
      try {
        return await client.getEntity<{ json: string }>(tableKey(syncId), rowKey);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** Rows of the sync whose key starts with prefix, in key order. */
  private async listRows<T extends object>(syncId: string, prefix: string): Promise<Array<T & { rowKey: string }>> {
    // Every prefix ends in ":"; ";" is the next character, so the range holds exactly the prefix.
    const upper = `${prefix.slice(0, -1)};`;
    const filter = odata`PartitionKey eq ${tableKey(syncId)} and RowKey ge ${prefix} and RowKey lt ${upper}`;
    return this.table.run("list sync rows", async (client) => {
      const rows: Array<T & { rowKey: string }> = [];
      for await (const row of client.listEntities<T>({ queryOptions: { filter } })) rows.push({ ...row, rowKey: row.rowKey ?? "" });
      return rows.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0));
    });
  }

  private async upsertAll(rows: ReadonlyArray<TableEntity<Record<string, unknown>>>): Promise<void> {
    const actions: TransactionAction[] = rows.map((row) => ["upsert", { ...row, partitionKey: tableKey(row.partitionKey) }, "Replace"]);
    for (const batch of batchActions(actions)) {
      await this.table.run("write sync rows", (client) => client.submitTransaction(batch));
    }
  }
}
