// The TadaBase simulator over HTTP: app headers, tables and fields, records, paging, filters, limits.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTadaBaseSimulator } from "../../simulators/tadabase/simulator.js";
import type { TadaBaseSimulator } from "../../simulators/tadabase/simulator.js";
import { BESTRAINING_TABLES, COURSE_SESSION_FIELDS, VENUE_FIELDS } from "../../simulators/tadabase/schema.js";

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

function client(sim: TadaBaseSimulator) {
  return async (path: string, init: { method?: string; body?: string; type?: string; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const res = await fetch(`${sim.url}/api/v1${path}`, {
      method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
      headers: {
        "X-Tadabase-App-id": sim.credentials.appId,
        "X-Tadabase-App-Key": sim.credentials.appKey,
        "X-Tadabase-App-Secret": sim.credentials.appSecret,
        ...(init.body !== undefined ? { "Content-Type": init.type ?? "application/json" } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
}

void describe("TadaBase simulator", () => {
  let sim: TadaBaseSimulator;
  let call: ReturnType<typeof client>;
  let venues: string;
  let sessions: string;
  const slug = (table: string, field: string): string => sim.slug(table, field);

  before(async () => {
    sim = await startTadaBaseSimulator();
    call = client(sim);
    venues = sim.tableId(BESTRAINING_TABLES.venues);
    sessions = sim.tableId(BESTRAINING_TABLES.courseSessions);
  });
  after(() => sim.stop());

  void it("refuses a bad key and a bad app id the way TadaBase does", async () => {
    const badKey = await call("/data-tables", { headers: { "X-Tadabase-App-Key": "nope" } });
    assert.deepEqual([badKey.status, badKey.body.type, badKey.body.msg], [401, "error", "API Not Found"]);
    const badApp = await call("/data-tables", { headers: { "X-Tadabase-App-id": "nope" } });
    assert.deepEqual([badApp.status, badApp.body.msg], [401, "APP Not Found"]);
    assert.equal(sim.requests().requests.at(-1)?.headers["x-tadabase-app-key"], "[redacted]");
  });

  void it("lists tables and fields with per-instance slugs", async () => {
    const tables = await call("/data-tables");
    const names = (tables.body.data_tables as { name: string }[]).map((t) => t.name).sort();
    assert.deepEqual(names, Object.values(BESTRAINING_TABLES).sort());
    const fields = await call(`/data-tables/${sessions}/fields`);
    const venueField = (fields.body.fields as { slug: string; name: string; type: string }[]).find((f) => f.name === COURSE_SESSION_FIELDS.venue);
    assert.equal(venueField?.type, "Connection");
    assert.match(venueField?.slug ?? "", /^field_\d+$/);
    assert.match(venues, /^[0-9A-Za-z]{10}$/);
    const other = await startTadaBaseSimulator();
    try {
      assert.notDeepEqual(other.schema()[BESTRAINING_TABLES.venues]?.fields, sim.schema()[BESTRAINING_TABLES.venues]?.fields);
    } finally {
      await other.stop();
    }
  });

  void it("creates (JSON and form), reads, updates and deletes records; connections read back as arrays", async () => {
    const created = await call(`/data-tables/${venues}/records`, {
      body: JSON.stringify({ [slug(BESTRAINING_TABLES.venues, VENUE_FIELDS.block)]: "112A", [slug(BESTRAINING_TABLES.venues, VENUE_FIELDS.postalCode)]: 560112 }),
    });
    assert.equal(created.body.type, "success");
    const venueId = created.body.recordId as string;
    assert.match(venueId, /^[0-9A-Za-z]{10}$/);

    const form = new URLSearchParams({
      [slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.ssgSessionId)]: "TGS-2020000703-224596-S1",
      [slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.startTime)]: "09:00",
      [slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.venue)]: venueId,
      field_999999: "ignored",
    });
    const session = await call(`/data-tables/${sessions}/records`, { body: form.toString(), type: "application/x-www-form-urlencoded" });
    const sessionId = session.body.recordId as string;
    const read = await call(`/data-tables/${sessions}/records/${sessionId}`);
    const item = read.body.item as Record<string, unknown>;
    assert.deepEqual(item[slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.venue)], [venueId]);
    assert.equal(item[slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.startTime)], "09:00:00");
    assert.equal(item.field_999999, undefined);

    const updated = await call(`/data-tables/${sessions}/records/${sessionId}`, {
      method: "POST",
      body: JSON.stringify({ [slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.deleted)]: "True" }),
    });
    assert.equal(updated.body.type, "success");
    assert.equal(sim.records(BESTRAINING_TABLES.courseSessions)[0]?.[COURSE_SESSION_FIELDS.deleted], "True");

    const invalid = await call(`/data-tables/${sessions}/records`, {
      body: JSON.stringify({ [slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.startDate)]: "31/12/2024" }),
    });
    assert.equal(invalid.status, 422);
    const errors = invalid.body.errors as Record<string, string[]>;
    assert.ok(errors[slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.startDate)]);
    assert.ok(errors[slug(BESTRAINING_TABLES.courseSessions, COURSE_SESSION_FIELDS.ssgSessionId)], "required field reported");

    assert.equal((await call(`/data-tables/${sessions}/records/${sessionId}`, { method: "DELETE" })).body.type, "success");
    const gone = await call(`/data-tables/${sessions}/records/${sessionId}`);
    assert.deepEqual([gone.status, gone.body.type], [404, "error"]);
    assert.equal((await call("/data-tables/NoSuchTabl/records")).status, 404);
  });

  void describe("records list", () => {
    const key = (n: number): string => `venue-${String(n).padStart(2, "0")}`;
    before(() => {
      sim.reset();
      for (let n = 1; n <= 25; n++) {
        sim.insert(BESTRAINING_TABLES.venues, { [VENUE_FIELDS.venueKey]: key(n), [VENUE_FIELDS.floor]: String(n), [VENUE_FIELDS.room]: n % 5 === 0 ? "" : `Room ${n}` });
      }
    });
    const filter = (items: [string, string, string][], condition?: string, prefix = "filters"): string => {
      const q = new URLSearchParams();
      items.forEach(([field, op, val], i) => {
        q.set(`${prefix}[items][${i}][field_id]`, slug(BESTRAINING_TABLES.venues, field));
        q.set(`${prefix}[items][${i}][operator]`, op);
        q.set(`${prefix}[items][${i}][val]`, val);
      });
      if (condition) q.set(`${prefix}[condition]`, condition);
      return q.toString();
    };
    const keys = async (query: string): Promise<string[]> => {
      const page = await call(`/data-tables/${venues}/records?${query}`);
      return (page.body.items as Record<string, string>[]).map((i) => i[slug(BESTRAINING_TABLES.venues, VENUE_FIELDS.venueKey)] ?? "");
    };

    void it("pages with page and limit", async () => {
      const p3 = await call(`/data-tables/${venues}/records?page=3&limit=10`);
      assert.deepEqual([p3.body.total_items, p3.body.total_pages, p3.body.current_page, p3.body.limit], [25, 3, 3, 10]);
      assert.equal((p3.body.items as unknown[]).length, 5);
      const capped = await call(`/data-tables/${venues}/records?limit=500`);
      assert.equal(capped.body.limit, 100);
    });

    void it("filters by is, contains, higher than, is blank, with AND and OR", async () => {
      assert.deepEqual(await keys(filter([[VENUE_FIELDS.venueKey, "is", "VENUE-07"]])), [key(7)]);
      assert.equal((await keys(filter([[VENUE_FIELDS.venueKey, "contains", "-1"]]))).length, 10);
      assert.deepEqual(await keys(filter([[VENUE_FIELDS.floor, "higher than", "23"]])), [key(24), key(25)]);
      assert.deepEqual(await keys(filter([[VENUE_FIELDS.room, "is blank", ""]])), [key(5), key(10), key(15), key(20), key(25)]);
      const both = filter([[VENUE_FIELDS.floor, "lower than", "3"], [VENUE_FIELDS.room, "is not", "Room 1"]]);
      assert.deepEqual(await keys(both), [key(2)]);
      assert.deepEqual(await keys(filter([[VENUE_FIELDS.floor, "is", "1"], [VENUE_FIELDS.floor, "is", "2"]], "OR")), [key(1), key(2)]);
    });

    void it("silently ignores misspelt filter keys and unknown field ids", async () => {
      assert.equal((await keys(filter([[VENUE_FIELDS.venueKey, "is", "venue-07"]], undefined, "filter"))).length, 25);
      const unknownField = "filters[items][0][field_id]=field_1&filters[items][0][operator]=is&filters[items][0][val]=x";
      assert.equal((await keys(unknownField)).length, 25);
    });
  });

  void it("reads compound form keys into a Name field", async () => {
    const people = await startTadaBaseSimulator({ schema: [{ name: "People", fields: [{ name: "Full Name", type: "Name" }] }] });
    try {
      const field = people.slug("People", "Full Name");
      const res = await client(people)(`/data-tables/${people.tableId("People")}/records`, {
        body: `${field}[first_name]=Ada&${field}[last_name]=Lovelace&${field}[shoe_size]=7`,
        type: "application/x-www-form-urlencoded",
      });
      assert.equal(res.body.type, "success");
      assert.deepEqual(people.records("People")[0]?.["Full Name"], { first_name: "Ada", last_name: "Lovelace" });
    } finally {
      await people.stop();
    }
  });

  void it("counts calls per minute and per day, answers 429 past the limit, and reports /status", async () => {
    sim.reset();
    sim.setRateLimit({ perMinute: 2, perDay: 1000 });
    try {
      const first = await call("/data-tables");
      assert.equal(first.headers.get("x-ratelimit-limit"), "2");
      assert.equal(first.headers.get("x-ratelimit-remaining"), "1");
      assert.equal(first.headers.get("x-ratelimit-daily-remaining"), "999");
      assert.match(first.headers.get("x-ratelimit-reset") ?? "", /^\d{10}$/);
      await call("/data-tables");
      const refused = await call("/data-tables");
      assert.deepEqual([refused.status, refused.body.type], [429, "error"]);
      assert.ok(Number(refused.headers.get("x-retry-after")) >= 1);
      assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
      const status = await call("/status");
      assert.deepEqual((status.body.per_minute as { remaining: number }).remaining, 0);
      assert.deepEqual((status.body.per_day as { allowed: number }).allowed, 1000);
    } finally {
      sim.setRateLimit({ perMinute: 120 });
    }
  });
});
