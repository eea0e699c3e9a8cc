// The session cache and id maps on a real Table service (a private Azurite per test file).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TokenCredential } from "@azure/identity";
import { InvalidInput, Unavailable } from "../../shared/errors.js";
import { createStore, storageTargetFromSettings, tableKey, VENUE_SCOPE } from "../../shared/store/index.js";
import type { CachedSession, Store } from "../../shared/store/index.js";
import { freePort, startAzurite } from "../support/azurite.js";
import type { Azurite } from "../support/azurite.js";

function session(id: string, extra: Record<string, unknown> = {}): CachedSession {
  return { id, session: { id, startDate: "20260105", endDate: "20260105", modeOfTraining: "1", deleted: false, ...extra } };
}

void describe("store on Azurite", () => {
  let azurite: Azurite;
  let store: Store;

  before(async () => {
    azurite = await startAzurite();
    store = createStore({ kind: "connectionString", connectionString: azurite.connectionString });
  });
  after(() => azurite.stop());

  void describe("session cache", () => {
    void it("creates its table on first use, and an unknown run is empty", async () => {
      const fresh = createStore({ kind: "connectionString", connectionString: azurite.connectionString });
      const lists = await Promise.all([fresh.sessionCache.list("run-none"), fresh.sessionCache.list("run-none")]);
      assert.deepEqual(lists, [[], []]);
    });

    void it("upserts by id and keeps sessions missing from a later post (the original semantics)", async () => {
      await store.sessionCache.upsert("run-1", [session("S1"), session("S2")]);
      await store.sessionCache.upsert("run-1", [session("S2", { endDate: "20260106" }), session("S3")]);
      const cached = await store.sessionCache.list("run-1");
      assert.deepEqual(
        cached.map((c) => c.id),
        ["S1", "S2", "S3"],
      );
      assert.equal(cached.find((c) => c.id === "S2")?.session.endDate, "20260106");
      assert.deepEqual(await store.sessionCache.list("run-2"), [], "runs are kept apart");
    });

    void it("replace makes the cache equal to a sync's view and says what it removed", async () => {
      await store.sessionCache.upsert("run-3", [session("A"), session("B"), session("C")]);
      const removed = await store.sessionCache.replace("run-3", [session("B", { deleted: true }), session("D")]);
      assert.deepEqual(removed.sort(), ["A", "C"]);
      const cached = await store.sessionCache.list("run-3");
      assert.deepEqual(
        cached.map((c) => [c.id, c.session.deleted]),
        [
          ["B", true],
          ["D", false],
        ],
      );
    });

    void it("writes more sessions than one transaction holds, and the last of repeated ids wins", async () => {
      const many = Array.from({ length: 250 }, (_, i) => session(`TGS-2026-${String(i).padStart(3, "0")}`));
      await store.sessionCache.upsert("run-big", [...many, session("TGS-2026-000", { room: "last" })]);
      const cached = await store.sessionCache.list("run-big");
      assert.equal(cached.length, 250);
      assert.equal(cached[0]?.session.room, "last");
    });

    void it("spreads a session larger than one property over several, and refuses one too large", async () => {
      const notes = "x".repeat(100_000);
      await store.sessionCache.upsert("run-large", [session("L1", { notes })]);
      const [cached] = await store.sessionCache.list("run-large");
      assert.equal(cached?.session.notes, notes);
      await assert.rejects(store.sessionCache.upsert("run-large", [session("L2", { notes: "y".repeat(500_000) })]), InvalidInput);
    });

    void it("stores ids holding characters Table keys refuse, without collisions", async () => {
      const runId = "run/with#odd?chars\\";
      await store.sessionCache.upsert(runId, [session("a/b"), session("a~2fb"), session("tab\there")]);
      const ids = (await store.sessionCache.list(runId)).map((c) => c.id);
      assert.deepEqual(ids.sort(), ["a/b", "a~2fb", "tab\there"].sort());
      assert.notEqual(tableKey("a/b"), tableKey("a~2fb"));
      assert.match(tableKey("v".repeat(600)), /^sha256~[0-9a-f]{64}$/);
    });
  });

  void describe("id maps", () => {
    void it("maps SSG session ids to record ids per course run", async () => {
      await store.sessionRecordIds.set("run-1", [
        ["S1", "rec0000001"],
        ["S2", "rec0000002"],
      ]);
      await store.sessionRecordIds.set("run-2", [["S1", "rec0000009"]]);
      assert.equal(await store.sessionRecordIds.get("run-1", "S1"), "rec0000001");
      assert.equal(await store.sessionRecordIds.get("run-1", "S9"), undefined);
      assert.deepEqual(
        [...(await store.sessionRecordIds.list("run-1"))],
        [
          ["S1", "rec0000001"],
          ["S2", "rec0000002"],
        ],
      );
      await store.sessionRecordIds.delete("run-1", ["S1", "never-there"]);
      assert.deepEqual([...(await store.sessionRecordIds.list("run-1")).keys()], ["S2"]);
      assert.equal(await store.sessionRecordIds.get("run-2", "S1"), "rec0000009");
    });

    void it("maps venue keys, however long, to venue record ids", async () => {
      const longKey = `block 1|street ${"long ".repeat(150)}|floor 2|unit 3|building|123456|room`;
      await store.venueRecordIds.set(VENUE_SCOPE, [
        [longKey, "venue00001"],
        ["1|main st|||||", "venue00002"],
      ]);
      assert.equal(await store.venueRecordIds.get(VENUE_SCOPE, longKey), "venue00001");
      const all = await store.venueRecordIds.list(VENUE_SCOPE);
      assert.equal(all.get(longKey), "venue00001");
      assert.equal(all.size, 2);
    });
  });

  void describe("sync locks", () => {
    void it("lets exactly one of many concurrent starters claim a run, and names the holder to the others", async () => {
      const results = await Promise.all(["s1", "s2", "s3", "s4", "s5"].map((id) => store.syncLocks.claim("run-lock-1", id)));
      const winners = results.filter((r) => r.claimed);
      assert.equal(winners.length, 1);
      const holder = await store.syncLocks.holder("run-lock-1");
      assert.ok(holder);
      for (const r of results) if (!r.claimed) assert.equal(r.holder, holder);
      assert.deepEqual(await store.syncLocks.claim("run-lock-1", holder), { claimed: true }, "the holder may claim again");
      assert.deepEqual(await store.syncLocks.claim("run-lock-2", "s9"), { claimed: true }, "runs are locked apart");
    });

    void it("releases only for the holder, and lets one successor take over a finished holder", async () => {
      await store.syncLocks.claim("run-lock-3", "old");
      await store.syncLocks.release("run-lock-3", "someone-else");
      assert.equal(await store.syncLocks.holder("run-lock-3"), "old");
      const takeovers = await Promise.all([
        store.syncLocks.takeOver("run-lock-3", "old", "new-a"),
        store.syncLocks.takeOver("run-lock-3", "old", "new-b"),
      ]);
      assert.deepEqual(takeovers.filter(Boolean).length, 1);
      const successor = await store.syncLocks.holder("run-lock-3");
      assert.ok(successor === "new-a" || successor === "new-b");
      assert.equal(await store.syncLocks.takeOver("run-lock-3", "old", "new-c"), false, "the stale holder is gone");
      await store.syncLocks.release("run-lock-3", successor);
      await store.syncLocks.release("run-lock-3", successor);
      assert.equal(await store.syncLocks.holder("run-lock-3"), undefined);
      assert.deepEqual(await store.syncLocks.claim("run-lock-3", "next"), { claimed: true });
    });
  });

  void it("a storage service that does not answer is Unavailable", async () => {
    const port = await freePort();
    const down = createStore(
      { kind: "connectionString", connectionString: azurite.connectionString.replace(/TableEndpoint=[^;]+/, `TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1`) },
      { retryOptions: { maxRetries: 0 } },
    );
    await assert.rejects(down.sessionCache.list("run-1"), (e: unknown) => e instanceof Unavailable && e.partner === "storage");
  });
});

void describe("storage target from settings", () => {
  const credential: TokenCredential = { getToken: () => Promise.resolve(null) };

  void it("prefers the connection string", () => {
    const target = storageTargetFromSettings({ AzureWebJobsStorage: "UseDevelopmentStorage=true", AzureWebJobsStorage__tableServiceUri: "https://a.table.core.windows.net" });
    assert.deepEqual(target, { kind: "connectionString", connectionString: "UseDevelopmentStorage=true" });
  });

  void it("uses the identity-based table URI, or the account name", () => {
    const byUri = storageTargetFromSettings({ AzureWebJobsStorage__tableServiceUri: "https://acct.table.core.windows.net" }, credential);
    assert.equal(byUri.kind === "identity" && byUri.tableServiceUri, "https://acct.table.core.windows.net");
    const byName = storageTargetFromSettings({ AzureWebJobsStorage__accountName: "acct" }, credential);
    assert.equal(byName.kind === "identity" && byName.tableServiceUri, "https://acct.table.core.windows.net");
  });
});
