// The TadaBase client against the TadaBase simulator over HTTP: discovery by name, records, paging,
// filters and their guard, value encoding, and every error mapping.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { ConfigurationError, InvalidInput, NotFound, RateLimited, Rejected, Unavailable } from "../../shared/errors.js";
import { allOf, anyOf, field } from "../../shared/systems/bestraining/index.js";
import type { Filter, TadaBaseClient } from "../../shared/systems/bestraining/index.js";
import type { TadaBaseSimulator } from "../../simulators/tadabase/simulator.js";
import { RECORDS_ROUTE, RECORD_ROUTE, captureLogs, client, memorySecrets, seen, startSim, venueRows } from "./tadabase-harness.js";

let sim: TadaBaseSimulator;
let tb: TadaBaseClient;

before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim.stop();
});
beforeEach(() => {
  sim.reset();
  tb = client(sim);
});

describe("discovery", () => {
  it("finds the table by name and the slugs by field name, once per client", async () => {
    const venues = tb.records("Venues");
    const info = await venues.info();
    assert.equal(info.id, sim.tableId("Venues"));
    assert.equal(info.byName.get("Venue Key")?.slug, sim.slug("Venues", "Venue Key"));
    await venues.list();
    await tb.records("Venues").list();
    assert.equal(sim.requests().counts["GET /api/v1/data-tables"], 1);
    assert.equal(sim.requests().counts["GET /api/v1/data-tables/{tableId}/fields"], 1);
  });

  it("reads the schema again once its time to live has passed", async () => {
    const fresh = client(sim, undefined, {}, { schemaTtlMs: 0 });
    await fresh.records("Venues").list();
    await fresh.records("Venues").list();
    assert.equal(sim.requests().counts["GET /api/v1/data-tables/{tableId}/fields"], 2);
  });

  it("reports the plan's budgets from /status", async () => {
    sim.setRateLimit({ perMinute: 50, perDay: 900 });
    await tb.records("Venues").list(); // tables, fields, records
    const status = await tb.rateLimitStatus();
    assert.deepEqual([status.perMinute.allowed, status.perMinute.remaining], [50, 47]);
    assert.deepEqual([status.perDay.allowed, status.perDay.remaining], [900, 897]);
    assert.ok(status.perMinute.resetsInSeconds > 0);
  });

  it("works against another app whose slugs differ", async () => {
    const other = await startSim({ fieldNumberStart: 7000 });
    try {
      other.load({ Venues: venueRows(2) });
      const rows = await client(other).records("Venues").list({ filter: allOf(field("Venue Key").is("v:0001")) });
      assert.deepEqual(rows.map((r) => r.values["Room"]), ["Room 1"]);
      assert.notEqual(other.slug("Venues", "Room"), sim.slug("Venues", "Room"));
    } finally {
      await other.stop();
    }
  });

  it("says which tables exist when a table name is wrong", async () => {
    await assert.rejects(tb.records("Venue").list(), (e: unknown) => e instanceof ConfigurationError && /Venues/.test(e.message));
  });
});

describe("records", () => {
  it("creates, reads, updates and deletes by field name", async () => {
    const venues = tb.records("Venues");
    const id = await venues.create({ "Venue Key": "k1", Room: "  Lab 2 ", "Wheelchair Access": true, "Postal Code": "018956" });
    assert.match(id, /^[0-9A-Za-z]{10}$/);
    const read = await venues.get(id);
    assert.equal(read?.values["Room"], "Lab 2");
    assert.equal(read?.values["Wheelchair Access"], "True"); // a Text field: booleans as the original service wrote them
    await venues.update(id, { Room: "Lab 3" });
    assert.equal((await venues.get(id))?.values["Room"], "Lab 3");
    assert.equal((await venues.get(id))?.values["Postal Code"], "018956");
    await venues.delete(id);
    assert.equal(await venues.get(id), undefined);
    assert.equal(seen(sim, RECORD_ROUTE, "POST").length, 1, "an update is a POST to the record");
  });

  it("encodes dates, times and connections, and reads a connection back as a list", async () => {
    const venueId = await tb.records("Venues").create({ "Venue Key": "k2" });
    const sessions = tb.records("Course Sessions");
    const id = await sessions.create({
      "SSG Session ID": "TGS-1-S1",
      "Start Date": new Date(Date.UTC(2026, 0, 5, 9, 30)),
      "End Date": "2026-01-06",
      "Start Time": "09:30",
      "End Time": new Date(Date.UTC(2026, 0, 5, 17, 45, 10)),
      Venue: venueId,
      Deleted: false,
    });
    const stored = sim.records("Course Sessions").find((r) => r.id === id);
    assert.equal(stored?.["Start Date"], "2026-01-05");
    assert.equal(stored?.["Start Time"], "09:30:00");
    assert.equal(stored?.["End Time"], "17:45:10");
    assert.equal(stored?.["Deleted"], "False");
    assert.deepEqual((await sessions.get(id))?.values["Venue"], [venueId]);
    await sessions.update(id, { Venue: null });
    assert.deepEqual((await sessions.get(id))?.values["Venue"], []);
  });

  it("refuses a malformed date before sending it", async () => {
    await assert.rejects(tb.records("Course Sessions").create({ "SSG Session ID": "x", "Start Date": "05/01/2026" }), InvalidInput);
    assert.equal(seen(sim, RECORDS_ROUTE, "POST").length, 0);
  });

  it("refuses to write a field the table does not have (TadaBase would drop it silently)", async () => {
    await assert.rejects(tb.records("Venues").create({ "Venue Key": "k", Rooom: "x" }), (e: unknown) => e instanceof InvalidInput && /Rooom/.test(e.message));
    assert.equal(seen(sim, RECORDS_ROUTE, "POST").length, 0);
  });
});

describe("paging", () => {
  it("reads 450 records in 5 calls of 100 and stops at total_pages", async () => {
    sim.load({ Venues: venueRows(450) });
    const pages: number[] = [];
    for await (const page of tb.records("Venues").pages()) pages.push(page.length);
    assert.deepEqual(pages, [100, 100, 100, 100, 50]);
    const calls = seen(sim, RECORDS_ROUTE, "GET");
    assert.equal(calls.length, 5);
    assert.deepEqual(calls.map((c) => c.query["page"]), ["1", "2", "3", "4", "5"]);
    assert.ok(calls.every((c) => c.query["limit"] === "100"));
  });

  it("makes one call for an empty table", async () => {
    assert.deepEqual(await tb.records("Venues").list(), []);
    assert.equal(seen(sim, RECORDS_ROUTE, "GET").length, 1);
  });
});

describe("filters", () => {
  beforeEach(() => {
    sim.load({
      "Course Sessions": [
        { "SSG Session ID": "S1", "Course Run ID": "R1", "Start Date": "2026-01-05", Deleted: "False" },
        { "SSG Session ID": "S2", "Course Run ID": "R1", "Start Date": "2026-03-01", Deleted: "True" },
        { "SSG Session ID": "S3", "Course Run ID": "R2", "Start Date": "2026-02-01", Deleted: "False" },
        { "SSG Session ID": "S4", "Course Run ID": "R2", Deleted: "" },
      ],
    });
  });
  const ids = async (filter: Filter) =>
    (await tb.records("Course Sessions").list({ filter })).map((r) => r.values["SSG Session ID"]).sort();

  it("sends slugs and operators as TadaBase expects", async () => {
    await tb.records("Course Sessions").list({ filter: allOf(field("Course Run ID").is("R1")) });
    const [call] = seen(sim, RECORDS_ROUTE, "GET");
    assert.equal(call?.query["filters[items][0][field_id]"], sim.slug("Course Sessions", "Course Run ID"));
    assert.equal(call?.query["filters[items][0][operator]"], "is");
    assert.equal(call?.query["filters[items][0][val]"], "R1");
    assert.equal(call?.query["filters[condition]"], "AND");
  });

  it("applies every operator, with AND and OR", async () => {
    assert.deepEqual(await ids(allOf(field("Course Run ID").is("R1"))), ["S1", "S2"]);
    assert.deepEqual(await ids(allOf(field("Course Run ID").isNot("R1"))), ["S3", "S4"]);
    assert.deepEqual(await ids(allOf(field("SSG Session ID").contains("s"))), ["S1", "S2", "S3", "S4"]);
    assert.deepEqual(await ids(allOf(field("Start Date").isAfter("2026-01-31"))), ["S2", "S3"]);
    assert.deepEqual(await ids(allOf(field("Start Date").isBefore(new Date(Date.UTC(2026, 1, 1))))), ["S1"]);
    assert.deepEqual(await ids(allOf(field("Start Date").isBlank())), ["S4"]);
    assert.deepEqual(await ids(allOf(field("Start Date").isNotBlank(), field("Deleted").is(false))), ["S1", "S3"]);
    assert.deepEqual(await ids(anyOf(field("Deleted").is(true), field("Course Run ID").is("R2"))), ["S2", "S3", "S4"]);
  });

  it("compares numbers with higher than and lower than", async () => {
    sim.load({ Venues: venueRows(5) });
    const rows = await tb.records("Venues").list({ filter: allOf(field("Floor").higherThan(1), field("Floor").lowerThan(4)) });
    assert.deepEqual(rows.map((r) => r.values["Floor"]).sort(), ["2", "3"]);
  });

  it("throws InvalidInput for a misspelt field instead of sending a filter TadaBase would ignore", async () => {
    const filter = allOf(field("Course Run Id").is("R1"));
    await assert.rejects(tb.records("Course Sessions").list({ filter }), (e: unknown) => e instanceof InvalidInput && /Course Run Id/.test(e.message));
    assert.equal(seen(sim, RECORDS_ROUTE).length, 0, "nothing was sent");
  });

  it("refuses an empty filter, a value-less comparison and an unknown operator", async () => {
    await assert.rejects(tb.records("Course Sessions").list({ filter: anyOf() }), InvalidInput);
    const bad = { condition: "AND" as const, items: [{ field: "Deleted", operator: "is" as const }] };
    await assert.rejects(tb.records("Course Sessions").list({ filter: bad }), InvalidInput);
    const unknownOperator = { condition: "AND" as const, items: [{ field: "Deleted", operator: "equals", value: "x" }] } as unknown as Filter;
    await assert.rejects(tb.records("Course Sessions").list({ filter: unknownOperator }), InvalidInput);
    assert.equal(seen(sim, RECORDS_ROUTE).length, 0);
  });
});

describe("error mapping", () => {
  const rejectedWith = (status: number, code?: RegExp) => (e: unknown) =>
    e instanceof Rejected && e.status === status && (code === undefined || code.test(`${e.code ?? ""} ${e.detail}`));

  it('401 "API Not Found" for a bad key, after one refresh of the secrets and one retry', async () => {
    const secrets = memorySecrets({ ...sim.credentials, appKey: "wrong-key-1234567" });
    await assert.rejects(client(sim, secrets).records("Venues").list(), rejectedWith(401, /API Not Found/));
    assert.equal(sim.requests().counts["GET /api/v1/data-tables"], 2);
    assert.deepEqual([...secrets.refreshed].sort(), ["tadabase-app-id", "tadabase-app-key", "tadabase-app-secret"]);
  });

  it('401 "APP Not Found" for a bad app id', async () => {
    const secrets = memorySecrets({ ...sim.credentials, appId: "no-such-app-123" });
    await assert.rejects(client(sim, secrets).records("Venues").list(), rejectedWith(401, /APP Not Found/));
  });

  it("a rotated key: the 401 makes the client read the secrets again and succeed", async () => {
    const secrets = memorySecrets({ ...sim.credentials, appKey: "old-key-before-rotation" });
    secrets.next["tadabase-app-key"] = sim.credentials.appKey;
    assert.deepEqual(await client(sim, secrets).records("Venues").list(), []);
  });

  it('403 "Permission Denied" when the key may only read', async () => {
    const readOnly = await startSim({ readOnly: true });
    try {
      await assert.rejects(client(readOnly).records("Venues").create({ Room: "x" }), rejectedWith(403, /Permission Denied/));
    } finally {
      await readOnly.stop();
    }
  });

  it("404: get gives undefined, update and delete give NotFound", async () => {
    const venues = tb.records("Venues");
    assert.equal(await venues.get("NoSuchRec1"), undefined);
    await assert.rejects(venues.update("NoSuchRec1", { Room: "x" }), NotFound);
    await assert.rejects(venues.delete("NoSuchRec1"), NotFound);
  });

  it("412 (plan limit) is a refusal, not retried", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 412, body: { type: "error", msg: "Plan limit reached", status: 412 } });
    await assert.rejects(tb.records("Venues").list(), rejectedWith(412, /Plan limit reached/));
    assert.equal(seen(sim, RECORDS_ROUTE).length, 1);
  });

  it("422 names the fields TadaBase refused, by name", async () => {
    await assert.rejects(tb.records("Course Sessions").create({ Venue: "NoSuchVen1" }), (e: unknown) => {
      assert.ok(e instanceof Rejected && e.status === 422);
      assert.match(e.detail, /"SSG Session ID" \(field_\d+\): SSG Session ID is required/);
      assert.match(e.detail, /"Venue" \(field_\d+\): Connected record not found/);
      return true;
    });
  });

  it("a 2xx carrying type:error is the failure it reports", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 200, body: { type: "error", msg: "Validation failed", status: 422 }, count: 1 });
    await assert.rejects(tb.records("Venues").list(), rejectedWith(422, /Validation failed/));
  });

  it("429 past the retry budget is RateLimited", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 429, retryAfterSeconds: 0 });
    await assert.rejects(tb.records("Venues").list(), RateLimited);
    assert.equal(seen(sim, RECORDS_ROUTE).length, 3, "three attempts");
  });

  it("500 past the retry budget is Unavailable with the status", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 500 });
    await assert.rejects(tb.records("Venues").list(), (e: unknown) => e instanceof Unavailable && e.status === 500);
    assert.equal(seen(sim, RECORDS_ROUTE).length, 3);
  });

  it("an answer of the wrong shape is InvalidResponse", async () => {
    sim.faults.add({ route: RECORDS_ROUTE, status: 200, body: { type: "success", rows: [] }, count: 1 });
    await assert.rejects(tb.records("Venues").list(), { name: "InvalidResponse" });
  });
});

describe("secrets stay secret", () => {
  it("no app id, key or secret in any log line or error message", async () => {
    const { appId, appKey, appSecret } = sim.credentials;
    const messages: string[] = [];
    const { lines } = await captureLogs(async () => {
      const good = client(sim);
      await good.records("Venues").create({ Room: "x" });
      for (const creds of [{ ...sim.credentials, appKey: "bad-key-abcdefg" }, { ...sim.credentials, appId: "bad-app-abcdefg" }]) {
        await client(sim, memorySecrets(creds))
          .records("Venues")
          .list()
          .catch((e: unknown) => messages.push(e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e)));
      }
      sim.faults.add({ route: RECORDS_ROUTE, status: 500 });
      await good.records("Venues").list().catch((e: unknown) => messages.push(String(e)));
    });
    assert.ok(lines.length >= 8, "attempts were logged");
    assert.equal(messages.length, 3);
    for (const text of [...lines, ...messages]) {
      for (const secret of [appId, appKey, appSecret]) assert.ok(!text.includes(secret), `secret leaked: ${text}`);
    }
  });
});
