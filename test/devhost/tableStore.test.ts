// The Table Storage store on Azurite: what it writes comes back after a restart, large episodes
// span several transactions, and rows a crash left half-written are ignored.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { TableClient } from "@azure/data-tables";
import { createTableStore, tableNameForHub } from "../../devhost/src/durable/tableStore.js";
import type { HistoryEvent, InstanceState, Message } from "../../devhost/src/durable/model.js";
import { startAzurite } from "../support/azurite.js";
import type { Azurite } from "../support/azurite.js";

const event = (i: number): HistoryEvent => ({ EventType: 5, EventId: -1, IsPlayed: true, Timestamp: new Date(i).toISOString(), TaskScheduledId: i, Result: JSON.stringify("r".repeat(i % 7)) });

const state = (historyLength: number, generation = 0): InstanceState => ({
  instanceId: "inst/with?odd#chars",
  name: "orch",
  input: JSON.stringify({ big: "y".repeat(70_000) }),
  output: null,
  customStatus: null,
  runtimeStatus: "Running",
  createdTime: new Date(0).toISOString(),
  lastUpdatedTime: new Date(0).toISOString(),
  generation,
  nextId: historyLength,
  leafIds: [],
  retries: {},
  historyLength,
});

const activity = (i: number): Message => ({ kind: "activity", id: `a|0|act|${i}`, instanceId: "inst/with?odd#chars", generation: 0, taskId: i, name: "act", input: String(i) });

void describe("devhost table store", () => {
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(() => azurite.stop());

  void it("restores state, history and messages written across many transactions", async () => {
    const store = createTableStore(azurite.connectionString, "storeA");
    assert.deepEqual(await store.open(), []);
    const history = Array.from({ length: 250 }, (_, i) => event(i));
    const messages = Array.from({ length: 150 }, (_, i) => activity(i));
    await store.commitEpisode({ state: state(250), newHistory: history, addMessages: messages, removeMessageIds: [] });
    await store.putMessages([], { instanceId: "inst/with?odd#chars", ids: ["a|0|act|0", "a|0|act|1"] });

    const [loaded, ...rest] = await createTableStore(azurite.connectionString, "storeA").open();
    assert.equal(rest.length, 0);
    assert.equal(loaded?.state.instanceId, "inst/with?odd#chars");
    assert.equal(loaded?.state.input, state(0).input, "a 70K-character property is split and joined");
    assert.deepEqual(loaded?.history, history);
    assert.equal(loaded?.messages.length, 148);
  });

  void it("ignores history written after the last recorded state (a crash mid-commit)", async () => {
    const store = createTableStore(azurite.connectionString, "storeB");
    await store.open();
    await store.commitEpisode({ state: state(3), newHistory: [event(0), event(1), event(2)], addMessages: [], removeMessageIds: [] });
    // The next episode's history rows landed, its state row did not.
    const client = TableClient.fromConnectionString(azurite.connectionString, tableNameForHub("storeB"), { allowInsecureConnection: true });
    await client.upsertEntity({ partitionKey: encodeURIComponent("inst/with?odd#chars"), rowKey: "h00000000000003", chunks: 1, d0: JSON.stringify([event(3)]) });
    const [loaded] = await createTableStore(azurite.connectionString, "storeB").open();
    assert.deepEqual(loaded?.history.map((e) => e.TaskScheduledId), [0, 1, 2]);
  });

  void it("leaves a finished instance's history in the store until asked for", async () => {
    const store = createTableStore(azurite.connectionString, "storeD");
    await store.open();
    await store.commitEpisode({ state: { ...state(2), runtimeStatus: "Completed" }, newHistory: [event(0), event(1)], addMessages: [], removeMessageIds: [] });
    const reopened = createTableStore(azurite.connectionString, "storeD");
    const [loaded] = await reopened.open();
    assert.equal(loaded?.historyLoaded, false);
    assert.deepEqual(loaded?.history, []);
    assert.deepEqual(await reopened.loadHistory(loaded.state), [event(0), event(1)]);
  });

  void it("starts a new execution's history on continueAsNew and deletes an instance", async () => {
    const store = createTableStore(azurite.connectionString, "storeC");
    await store.open();
    await store.commitEpisode({ state: state(2), newHistory: [event(0), event(1)], addMessages: [], removeMessageIds: [] });
    await store.commitEpisode({ state: state(0, 1), newHistory: [], resetHistory: true, addMessages: [], removeMessageIds: [] });
    const [loaded] = await createTableStore(azurite.connectionString, "storeC").open();
    assert.equal(loaded?.state.generation, 1);
    assert.deepEqual(loaded?.history, []);
    await store.deleteInstance("inst/with?odd#chars");
    assert.deepEqual(await createTableStore(azurite.connectionString, "storeC").open(), []);
  });
});
