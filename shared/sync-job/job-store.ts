// Where one sync keeps what must not travel through orchestration history: the staged snapshots
// (SSG's list, BESTraining's records), the plan items by index, and each item's outcome. One table
// partition per sync, so a sync's rows are read and written in transactions and purged together.
import type { TableClient, TableEntity, TransactionAction } from "@azure/data-tables";
import type { SessionPlanItem, VenuePlanItem } from "../sync/plan.js";
import type { SessionOutcome } from "../sync/outcomes.js";

export type TableProvider = (name: string) => Promise<TableClient>;

// A string property holds at most 32K UTF-16 characters; stay under it.
const CHUNK = 30_000;
// Table transactions take at most 100 actions.
const BATCH = 100;

type PlanKind = "venue" | "session";

export interface VenueResolution {
  key: string;
  recordId?: string;
  error?: { kind: string; message: string; transient: boolean };
}

export class SyncJobStore {
  constructor(private readonly tables: TableProvider) {}

  private table(): Promise<TableClient> {
    return this.tables("syncjobs");
  }

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
    const table = await this.table();
    const prefix = `doc:${name}:`;
    const pieces: Array<{ rowKey: string; text: string; parts: number }> = [];
    const filter = `PartitionKey eq '${escape(syncId)}' and RowKey ge '${escape(prefix)}' and RowKey lt '${escape(prefix)}~'`;
    for await (const row of table.listEntities<{ text: string; parts: number }>({ queryOptions: { filter } })) {
      pieces.push({ rowKey: row.rowKey ?? "", text: row.text, parts: row.parts });
    }
    if (pieces.length === 0) return undefined;
    pieces.sort((a, b) => a.rowKey.localeCompare(b.rowKey));
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
    const table = await this.table();
    try {
      const row = await table.getEntity<{ json: string }>(syncId, `plan:${kind}:${String(index).padStart(6, "0")}`);
      return JSON.parse(row.json) as T;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async recordOutcomes(syncId: string, outcomes: readonly SessionOutcome[]): Promise<void> {
    await this.upsertAll(outcomes.map((o) => ({ partitionKey: syncId, rowKey: `outcome:${rowSafe(o.ssgSessionId)}`, json: JSON.stringify(o) })));
  }

  async listOutcomes(syncId: string): Promise<SessionOutcome[]> {
    const table = await this.table();
    const out: SessionOutcome[] = [];
    const filter = `PartitionKey eq '${escape(syncId)}' and RowKey ge 'outcome:' and RowKey lt 'outcome;'`;
    for await (const row of table.listEntities<{ json: string }>({ queryOptions: { filter } })) out.push(JSON.parse(row.json) as SessionOutcome);
    return out.sort((a, b) => a.ssgSessionId.localeCompare(b.ssgSessionId));
  }

  async recordVenue(syncId: string, resolution: VenueResolution): Promise<void> {
    await this.upsertAll([{ partitionKey: syncId, rowKey: `venue:${rowSafe(resolution.key)}`, json: JSON.stringify(resolution) }]);
  }

  async getVenue(syncId: string, key: string): Promise<VenueResolution | undefined> {
    const table = await this.table();
    try {
      const row = await table.getEntity<{ json: string }>(syncId, `venue:${rowSafe(key)}`);
      return JSON.parse(row.json) as VenueResolution;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async upsertAll(rows: ReadonlyArray<TableEntity<Record<string, unknown>>>): Promise<void> {
    if (rows.length === 0) return;
    const table = await this.table();
    const byPartition = new Map<string, Array<TableEntity<Record<string, unknown>>>>();
    for (const row of rows) byPartition.set(row.partitionKey, [...(byPartition.get(row.partitionKey) ?? []), row]);
    for (const partitionRows of byPartition.values()) {
      for (let i = 0; i < partitionRows.length; i += BATCH) {
        const actions: TransactionAction[] = partitionRows.slice(i, i + BATCH).map((row) => ["upsert", row, "Replace"]);
        await table.submitTransaction(actions);
      }
    }
  }
}

/** Table keys may not hold / \ # ? or control characters. */
export function rowSafe(value: string): string {
  return [...value].map((c) => (UNSAFE_KEY_CHARS.has(c) || c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? `%${c.charCodeAt(0).toString(16).padStart(2, "0")}` : c)).join("");
}
const UNSAFE_KEY_CHARS = new Set(["/", "\\", "#", "?", "%"]);

/** OData string literal escaping. */
export function escape(value: string): string {
  return value.replace(/'/g, "''");
}

export function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { statusCode?: unknown }).statusCode === 404;
}
