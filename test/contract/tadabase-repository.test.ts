// The sync job's BESTraining repository, built from settings as production builds it, against the
// TadaBase simulator: logical records in and out, and the fewest calls for each question.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { parseSettings } from "../../shared/config/index.js";
import type { Settings } from "../../shared/config/index.js";
import { besTrainingFromSettings } from "../../shared/systems/bestraining/index.js";
import type { BesTrainingRepository, CourseSessionFields, VenueFields } from "../../shared/systems/bestraining/index.js";
import type { TadaBaseSimulator } from "../../simulators/tadabase/simulator.js";
import { RECORDS_ROUTE, memorySecrets, seen, startSim, venueRows } from "./tadabase-harness.js";

let sim: TadaBaseSimulator;
let repo: BesTrainingRepository;

function settingsFor(target: TadaBaseSimulator): Settings {
  return parseSettings({
    AzureWebJobsStorage: "UseDevelopmentStorage=true",
    TASKHUB_NAME: "tbcontract",
    SSG_BASE_URL: "http://127.0.0.1:9",
    TADABASE_BASE_URL: `${target.url}/api/v1`,
    TADABASE_REQUESTS_PER_MINUTE: "100000",
  });
}

const venue = (key: string, overrides: Partial<VenueFields> = {}): VenueFields => ({
  venueKey: key,
  room: "Lab 1",
  unit: "#01-02",
  block: "10",
  floor: "1",
  street: "Jurong West St 91",
  building: "Training Hub",
  postalCode: "640010",
  wheelchairAccess: true,
  ...overrides,
});

const session = (ssgSessionId: string, overrides: Partial<CourseSessionFields> = {}): CourseSessionFields => ({
  ssgSessionId,
  courseRunId: "224596",
  startDate: "2026-12-01",
  endDate: "2026-12-01",
  startTime: "09:00:00",
  endTime: "17:00:00",
  modeOfTraining: "Classroom",
  attendanceTaken: false,
  deleted: false,
  venueId: null,
  ...overrides,
});

before(async () => {
  sim = await startSim();
});
after(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  repo = besTrainingFromSettings(settingsFor(sim), memorySecrets(sim.credentials));
  await Promise.all([repo.client.records("Venues").info(), repo.client.records("Course Sessions").info()]);
  sim.clearRequests();
});

describe("factory", () => {
  it("one repository (one limiter, one schema cache) per settings and secrets", () => {
    const settings = settingsFor(sim);
    const secrets = memorySecrets(sim.credentials);
    assert.equal(besTrainingFromSettings(settings, secrets), besTrainingFromSettings(settings, secrets));
    assert.notEqual(besTrainingFromSettings(settings, secrets), besTrainingFromSettings(settings, memorySecrets(sim.credentials)));
  });
});

describe("course sessions", () => {
  it("writes a session with its venue and reads it back as a logical record", async () => {
    const venueId = await repo.createVenue(venue("v1:a"));
    const id = await repo.createSession(session("TGS-1-S1", { venueId, attendanceTaken: true }));
    const found = await repo.findSessionBySsgId("TGS-1-S1");
    assert.deepEqual(found, {
      id,
      ssgSessionId: "TGS-1-S1",
      courseRunId: "224596",
      startDate: "2026-12-01",
      endDate: "2026-12-01",
      startTime: "09:00:00",
      endTime: "17:00:00",
      modeOfTraining: "Classroom",
      attendanceTaken: true,
      deleted: false,
      venueIds: [venueId],
    });
    assert.equal(await repo.findSessionBySsgId("TGS-1-S9"), undefined);
  });

  it("updates only the fields given, and marks deleted without removing", async () => {
    const id = await repo.createSession(session("TGS-1-S2"));
    await repo.updateSession(id, { endTime: "18:30:00" });
    await repo.markSessionDeleted(id);
    const [stored] = await repo.findSessionsBySsgId("TGS-1-S2");
    assert.equal(stored?.endTime, "18:30:00");
    assert.equal(stored?.startTime, "09:00:00");
    assert.equal(stored?.deleted, true);
    const bodies = seen(sim, "/api/v1/data-tables/{tableId}/records/{recordId}", "POST").length;
    assert.equal(bodies, 2);
  });

  it("prefers a live record among duplicates", async () => {
    const a = await repo.createSession(session("TGS-1-S3", { deleted: true }));
    const b = await repo.createSession(session("TGS-1-S3"));
    assert.equal((await repo.findSessionsBySsgId("TGS-1-S3")).length, 2);
    assert.equal((await repo.findSessionBySsgId("TGS-1-S3"))?.id, b);
    assert.notEqual(a, b);
  });

  it("lists a course run's sessions with one filtered query per page", async () => {
    const rows = (run: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ "SSG Session ID": `${run}-S${i}`, "Course Run ID": run, Deleted: i % 10 === 0 ? "True" : "False" }));
    sim.load({ "Course Sessions": [...rows("R1", 150), ...rows("R2", 40)] });
    const sessions = await repo.listCourseRunSessions("R1");
    assert.equal(sessions.length, 150);
    assert.ok(sessions.every((s) => s.courseRunId === "R1"));
    assert.equal(sessions.filter((s) => s.deleted).length, 15);
    assert.equal(seen(sim, RECORDS_ROUTE, "GET").length, 2);
  });
});

describe("venues", () => {
  it("finds a venue by key and updates it", async () => {
    const id = await repo.createVenue(venue("v1:b"));
    await repo.updateVenue(id, { wheelchairAccess: false });
    const found = await repo.findVenueByKey("v1:b");
    assert.deepEqual(found, { ...venue("v1:b"), wheelchairAccess: false, id });
    assert.deepEqual(await repo.getVenue(id), found);
  });

  it("up to 25 keys: one OR query", async () => {
    sim.load({ Venues: venueRows(300) });
    const keys = ["v:0003", "v:0150", "v:0299", "v:missing"];
    const found = await repo.listVenuesByKeys(keys);
    assert.deepEqual(found.map((v) => v.venueKey).sort(), ["v:0003", "v:0150", "v:0299"]);
    const calls = seen(sim, RECORDS_ROUTE, "GET");
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.query["filters[condition]"], "OR");
  });

  it("many keys, small table: the table is read whole (2 pages) instead of 3 OR queries", async () => {
    sim.load({ Venues: venueRows(120) });
    const keys = Array.from({ length: 60 }, (_, i) => `v:${String(i * 2).padStart(4, "0")}`);
    const found = await repo.listVenuesByKeys(keys);
    assert.equal(found.length, 60);
    assert.equal(seen(sim, RECORDS_ROUTE, "GET").length, 2);
  });

  it("many keys, large table: the probe page, then 3 OR queries of at most 25 keys", async () => {
    sim.load({ Venues: venueRows(450) });
    const keys = Array.from({ length: 60 }, (_, i) => `v:${String(i * 7).padStart(4, "0")}`);
    const found = await repo.listVenuesByKeys(keys);
    assert.equal(found.length, 60);
    const calls = seen(sim, RECORDS_ROUTE, "GET");
    assert.equal(calls.length, 4);
    assert.ok(calls.slice(1).every((c) => c.query["filters[condition]"] === "OR"));
  });

  it("by ids, small table: the first page holds them all (1 call)", async () => {
    const ids = sim.load({ Venues: venueRows(60) });
    const found = await repo.listVenuesByIds([ids[3] ?? "", ids[40] ?? "", "NoSuchRec1"]);
    assert.deepEqual(found.map((v) => v.id).sort(), [ids[3], ids[40]].sort());
    assert.equal(seen(sim, RECORDS_ROUTE, "GET").length, 1);
  });

  it("by ids, large table: the rest fetched one by one when that is cheaper", async () => {
    const ids = sim.load({ Venues: venueRows(450) });
    const wanted = [ids[5], ids[200], ids[420]].map((id) => id ?? "");
    const found = await repo.listVenuesByIds(wanted);
    assert.deepEqual(found.map((v) => v.id).sort(), [...wanted].sort());
    assert.equal(seen(sim, RECORDS_ROUTE, "GET").length, 1);
    assert.equal(seen(sim, "/api/v1/data-tables/{tableId}/records/{recordId}", "GET").length, 2);
  });

  it("by ids, many ids: the table read whole when that is cheaper", async () => {
    const ids = sim.load({ Venues: venueRows(250) });
    const wanted = ids.filter((_, i) => i % 25 === 0);
    const found = await repo.listVenuesByIds(wanted);
    assert.equal(found.length, wanted.length);
    assert.equal(seen(sim, RECORDS_ROUTE, "GET").length, 3);
    assert.equal(seen(sim, "/api/v1/data-tables/{tableId}/records/{recordId}").length, 0);
  });

  it("no keys: no call", async () => {
    assert.deepEqual(await repo.listVenuesByKeys([]), []);
    assert.equal(seen(sim, RECORDS_ROUTE).length, 0);
  });
});

describe("course runs", () => {
  it("lists runs ending today or later, and runs without an end date", async () => {
    sim.load({
      "Course Runs": [
        { "Run ID": "R-old", "End Date": "2026-11-30" },
        { "Run ID": "R-today", "End Date": "2026-12-04" },
        { "Run ID": "R-later", "End Date": "2027-01-10", "Course Reference Number": "TGS-1", UEN: "T16LL0001A" },
        { "Run ID": "R-open" },
      ],
    });
    const runs = await repo.listActiveCourseRuns("2026-12-04");
    assert.deepEqual(runs.map((r) => r.courseRunId).sort(), ["R-later", "R-open", "R-today"]);
    const later = runs.find((r) => r.courseRunId === "R-later");
    assert.equal(later?.courseReferenceNumber, "TGS-1");
    assert.equal(later?.uen, "T16LL0001A");
  });
});
