// Durable state in Azure Table Storage (Azurite locally): one table per task hub, one partition per
// instance holding its status row, its history rows and its pending messages, so an episode's
// writes go out as entity-group transactions. Writes are ordered so a crash at any point leaves a
// state that resumes: messages and history first, the status row next, consumed messages last.
import { TableClient } from "@azure/data-tables";
import type { TableEntityResult, TransactionAction } from "@azure/data-tables";
import { z } from "zod";
import { isTerminal } from "./model.js";
import type { DurableStore, EpisodeCommit, HistoryEvent, InstanceState, Message, StoredInstance } from "./model.js";

const CHUNK = 30_000; // a string property holds at most 32K UTF-16 characters
const BATCH = 100; // the entity-group transaction limit
const ROW_CHARS = 400_000; // an entity holds at most 1 MB, i.e. ~500K UTF-16 characters

/** Splits events into groups whose JSON stays under one entity's size. */
function groupBySize(history: HistoryEvent[]): HistoryEvent[][] {
  const groups: HistoryEvent[][] = [];
  let current: HistoryEvent[] = [];
  let size = 0;
  for (const event of history) {
    const length = JSON.stringify(event).length + 1;
    if (current.length > 0 && size + length > ROW_CHARS) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(event);
    size += length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

type Row = { partitionKey: string; rowKey: string } & Record<string, string | number>;

const STATE_ROW = "state";
const historyRow = (generation: number, index: number): string =>
  `h${String(generation).padStart(6, "0")}${String(index).padStart(8, "0")}`;
const messageRow = (id: string): string => `m${encodeURIComponent(id)}`;
const partitionOf = (instanceId: string): string => encodeURIComponent(instanceId);

function toRow(partitionKey: string, rowKey: string, value: unknown): Row {
  const json = JSON.stringify(value);
  const row: Row = { partitionKey, rowKey, chunks: Math.max(1, Math.ceil(json.length / CHUNK)) };
  for (let i = 0; i * CHUNK < json.length || i === 0; i++) row[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return row;
}

function fromRow(entity: Record<string, unknown>): unknown {
  const count = typeof entity.chunks === "number" ? entity.chunks : 1;
  let json = "";
  for (let i = 0; i < count; i++) {
    const part = entity[`d${i}`];
    json += typeof part === "string" ? part : "";
  }
  return JSON.parse(json) as unknown;
}

// Rows are devhost's own writes, so a light shape check is enough to catch a foreign table.
const StateShape = z.object({ instanceId: z.string(), name: z.string(), generation: z.number(), historyLength: z.number() }).loose();
const MessageShape = z.object({ kind: z.enum(["event", "activity", "http"]), id: z.string(), instanceId: z.string() }).loose();
const EventShape = z.object({ EventType: z.number() }).loose();

const generationPrefix = (state: InstanceState): string => historyRow(state.generation, 0).slice(0, 7);

/** The current execution's events: its rows in order, cut at the recorded length (later rows are crash leftovers). */
function historyOf(state: InstanceState, rows: TableEntityResult<Record<string, unknown>>[]): HistoryEvent[] {
  const prefix = generationPrefix(state);
  return rows
    .filter((r) => (r.rowKey ?? "").startsWith(prefix))
    .sort((a, b) => ((a.rowKey ?? "") < (b.rowKey ?? "") ? -1 : 1))
    .flatMap((r) => z.array(EventShape).parse(fromRow(r)) as unknown as HistoryEvent[])
    .slice(0, state.historyLength);
}

export function tableNameForHub(hubName: string): string {
  return `devhost${hubName.replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 63);
}

export function createTableStore(connectionString: string, hubName: string): DurableStore {
  const client = TableClient.fromConnectionString(connectionString, tableNameForHub(hubName), { allowInsecureConnection: true });

  async function submit(actions: TransactionAction[]): Promise<void> {
    for (let i = 0; i < actions.length; i += BATCH) await client.submitTransaction(actions.slice(i, i + BATCH));
  }

  async function deleteRows(partitionKey: string, rowKeys: string[]): Promise<void> {
    const actions: TransactionAction[] = rowKeys.map((rowKey) => ["delete", { partitionKey, rowKey }]);
    try {
      await submit(actions);
    } catch {
      // A row already gone fails the whole batch; fall back to one tolerant delete per row.
      for (const rowKey of rowKeys) await client.deleteEntity(partitionKey, rowKey).catch(() => undefined);
    }
  }

  async function partitionRows(pk: string): Promise<TableEntityResult<Record<string, unknown>>[]> {
    const rows: TableEntityResult<Record<string, unknown>>[] = [];
    for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${pk.replace(/'/g, "''")}'` } })) {
      rows.push(row);
    }
    return rows;
  }

  function groupMessages(messages: Message[]): Map<string, TransactionAction[]> {
    const byPartition = new Map<string, TransactionAction[]>();
    for (const message of messages) {
      const pk = partitionOf(message.instanceId);
      const list = byPartition.get(pk) ?? [];
      list.push(["upsert", toRow(pk, messageRow(message.id), message), "Replace"]);
      byPartition.set(pk, list);
    }
    return byPartition;
  }

  return {
    async open() {
      await client.createTable();
      // Finished instances are loaded without their history (fetched when a status asks for it),
      // so a long-lived task hub does not slow every start.
      const instances: StoredInstance[] = [];
      for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter: `RowKey eq '${STATE_ROW}'` } })) {
        const state = StateShape.parse(fromRow(row)) as unknown as InstanceState;
        if (isTerminal(state.runtimeStatus)) {
          instances.push({ state, history: [], messages: [], historyLoaded: false });
          continue;
        }
        const rows = await partitionRows(partitionOf(state.instanceId));
        const messages = rows.filter((r) => (r.rowKey ?? "").startsWith("m")).map((r) => MessageShape.parse(fromRow(r)) as unknown as Message);
        const stale = rows.filter((r) => (r.rowKey ?? "").startsWith("h") && !(r.rowKey ?? "").startsWith(generationPrefix(state))).map((r) => r.rowKey ?? "");
        if (stale.length > 0) await deleteRows(partitionOf(state.instanceId), stale);
        instances.push({ state, history: historyOf(state, rows), messages });
      }
      return instances;
    },

    async loadHistory(state: InstanceState) {
      return historyOf(state, await partitionRows(partitionOf(state.instanceId)));
    },

    async saveState(state: InstanceState) {
      const pk = partitionOf(state.instanceId);
      await client.upsertEntity(toRow(pk, STATE_ROW, state), "Replace");
    },

    async putMessages(add, remove) {
      const groups = groupMessages(add);
      if (remove) {
        const pk = partitionOf(remove.instanceId);
        const list = groups.get(pk) ?? [];
        for (const id of remove.ids) list.push(["delete", { partitionKey: pk, rowKey: messageRow(id) }]);
        groups.set(pk, list);
      }
      for (const actions of groups.values()) {
        try {
          await submit(actions);
        } catch (error) {
          // Only a vanished row to delete can fail the batch: write the rest one by one.
          const upserts = actions.filter((a) => a[0] === "upsert");
          if (upserts.length === actions.length) throw error;
          await submit(upserts);
          const deletes = actions.filter((a) => a[0] === "delete").map((a) => (a[1] as { rowKey: string }).rowKey);
          await deleteRows((actions[0]?.[1] as { partitionKey: string }).partitionKey, deletes);
        }
      }
    },

    async commitEpisode(commit: EpisodeCommit) {
      const { state } = commit;
      const pk = partitionOf(state.instanceId);
      const groups = groupMessages(commit.addMessages);
      const own = groups.get(pk) ?? [];
      groups.delete(pk);
      for (const actions of groups.values()) await submit(actions);
      // One row per episode, split when large; a row is keyed by the index of its first event.
      let index = state.historyLength - commit.newHistory.length;
      for (const group of groupBySize(commit.newHistory)) {
        own.push(["upsert", toRow(pk, historyRow(state.generation, index), group), "Replace"]);
        index += group.length;
      }
      own.push(["upsert", toRow(pk, STATE_ROW, state), "Replace"]);
      await submit(own);
      if (commit.removeMessageIds.length > 0) await deleteRows(pk, commit.removeMessageIds.map(messageRow));
      if (commit.resetHistory) {
        // The previous execution's rows are ignored from now on; removing them is housekeeping.
        const prefix = generationPrefix(state);
        const stale: string[] = [];
        for await (const entity of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk.replace(/'/g, "''")}'`, select: ["RowKey"] } })) {
          const rk = entity.rowKey ?? "";
          if (rk.startsWith("h") && !rk.startsWith(prefix)) stale.push(rk);
        }
        if (stale.length > 0) await deleteRows(pk, stale);
      }
    },

    async deleteInstance(instanceId: string) {
      const pk = partitionOf(instanceId);
      const rows: string[] = [];
      for await (const entity of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk.replace(/'/g, "''")}'`, select: ["RowKey"] } })) {
        rows.push(entity.rowKey ?? "");
      }
      await deleteRows(pk, rows);
    },

    close: () => Promise.resolve(),
  };
}
