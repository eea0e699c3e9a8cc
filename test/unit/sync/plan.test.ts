// planSync: what a sync writes, given SSG's sessions and what BESTraining already holds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { planSync, type PlanInput, type SessionPlanItem, type SyncPlan } from "../../../shared/sync/plan.js";
import { venueKey } from "../../../shared/sync/venue-key.js";
import type { CourseSessionRecord, VenueRecord } from "../../../shared/systems/bestraining/records.js";
import { RUN, ssgSession, storedSession, storedVenue, venueA } from "./builders.js";

const venueB = { ...venueA, block: "1", street: "23 Main St", postalCode: 18956 };
const venueC = { ...venueA, block: "12", street: "3 Main St", postalCode: "018956" }; // collides with B if concatenated
const KEY_A = venueKey(venueA);
const KEY_B = venueKey(venueB);

function plan(input: Partial<PlanInput>): SyncPlan {
  return planSync({ ssgSessions: [], existingSessions: [], existingVenues: [], scope: { courseRunId: RUN }, ...input });
}

function item(p: SyncPlan, n: number): SessionPlanItem {
  const found = p.sessions.filter((s) => s.ssgSessionId.endsWith(`-S${n}`));
  assert.equal(found.length, 1, `one item for S${n}`);
  return found[0] as SessionPlanItem;
}

function actions(p: SyncPlan): string[] {
  return p.sessions.map((s) => `${s.ssgSessionId.replace(/^.*-/, "")}:${s.action}${s.recordId ? `@${s.recordId}` : ""}`);
}

/** What BESTraining holds after a first sync of sessions 1 (venue A), 2 (venue A respelled), 3 (venue B). */
const firstSyncSessions = [
  ssgSession(1),
  ssgSession(2, { venue: { ...venueA, street: " STREET  abc", building: "building abc " } }),
  ssgSession(3, { venue: venueB }),
];
const storedVenues: VenueRecord[] = [
  storedVenue("VenA000001", KEY_A),
  storedVenue("VenB000001", KEY_B, { block: "1", street: "23 Main St", postalCode: "018956" }),
];
const storedSessions: CourseSessionRecord[] = [
  storedSession("Ses0000001", 1, "VenA000001"),
  storedSession("Ses0000002", 2, "VenA000001"),
  storedSession("Ses0000003", 3, "VenB000001"),
];

void test("first sync: one venue per place, a create per session", () => {
  const p = plan({ ssgSessions: [...firstSyncSessions, ssgSession(4, { venue: venueC })] });
  assert.deepEqual(
    p.venues.map((v) => [v.key, v.action, v.existingId]),
    [KEY_A, KEY_B, venueKey(venueC)].sort().map((key) => [key, "create", undefined]),
  );
  assert.deepEqual(actions(p), ["S1:create", "S2:create", "S3:create", "S4:create"]);
  assert.deepEqual([1, 2, 3, 4].map((n) => item(p, n).venueKey), [KEY_A, KEY_A, KEY_B, venueKey(venueC)]);
  assert.equal(item(p, 3).fields.startTime, "08:30:00");
  assert.deepEqual(p.rejected, []);
});

void test("the display text of a shared venue comes from the session with the smallest id", () => {
  const p = plan({ ssgSessions: [firstSyncSessions[1], firstSyncSessions[0]] });
  assert.equal(p.venues.length, 1);
  assert.equal(p.venues[0]?.fields.street, "Street ABC");
});

void test("second sync of the same data: everything unchanged, venues reused", () => {
  const p = plan({ ssgSessions: firstSyncSessions, existingSessions: storedSessions, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses0000001", "S2:unchanged@Ses0000002", "S3:unchanged@Ses0000003"]);
  assert.deepEqual(p.venues.map((v) => [v.action, v.existingId]), [KEY_A, KEY_B].sort().map((k) => ["unchanged", k === KEY_A ? "VenA000001" : "VenB000001"]));
});

void test("stored values TadaBase spells differently still count as unchanged", () => {
  const existing = [
    storedSession("Ses0000001", 1, "VenA000001", { startTime: "8:30", endTime: "17:30", modeOfTraining: "classroom ", venueIds: ["VenA000001", "VenA000001"] }),
  ];
  const p = plan({ ssgSessions: [ssgSession(1)], existingSessions: existing, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses0000001"]);
});

void test("changed sessions are updated, naming exactly the changed fields", () => {
  const ssg = [
    ssgSession(1, { endTime: "18:00", modeOfTraining: "9" }),
    ssgSession(2, { venue: venueB }), // moved to another existing venue
    ssgSession(3, { venue: { ...venueB, room: "25" } }), // moved to a venue not stored yet
  ];
  const p = plan({ ssgSessions: ssg, existingSessions: storedSessions, existingVenues: storedVenues });
  assert.deepEqual(item(p, 1).changedFields, ["endTime", "modeOfTraining"]);
  assert.equal(item(p, 1).fields.modeOfTraining, "Synchronous Learning");
  assert.deepEqual(item(p, 2).changedFields, ["venueId"]);
  assert.equal(item(p, 2).venueKey, KEY_B);
  assert.deepEqual(item(p, 3).changedFields, ["venueId"]);
  assert.deepEqual(actions(p), ["S1:update@Ses0000001", "S2:update@Ses0000002", "S3:update@Ses0000003"]);
  assert.deepEqual(p.venues.map((v) => v.action).sort(), ["create", "unchanged", "unchanged"]);
});

void test("a session SSG marks deleted is marked deleted once, never created", () => {
  const existing = [storedSession("Ses0000001", 1, "VenA000001"), storedSession("Ses0000002", 2, "VenA000001", { deleted: true })];
  const ssg = [ssgSession(1, { deleted: true }), ssgSession(2, { deleted: true }), ssgSession(3, { deleted: "Yes" })];
  const p = plan({ ssgSessions: ssg, existingSessions: existing, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:delete@Ses0000001", "S2:unchanged@Ses0000002", "S3:unchanged"]);
  assert.deepEqual(item(p, 1).changedFields, ["deleted"]);
  assert.equal(item(p, 1).fields.deleted, true);
  assert.deepEqual(p.venues, []); // deleted sessions need no venue
});

void test("a stored session marked deleted that SSG lists again is restored", () => {
  const existing = [storedSession("Ses0000001", 1, "VenA000001", { deleted: true })];
  const p = plan({ ssgSessions: [ssgSession(1)], existingSessions: existing, existingVenues: storedVenues });
  assert.deepEqual(item(p, 1).changedFields, ["deleted"]);
  assert.equal(item(p, 1).action, "update");
});

void test("sessions gone from SSG's list are marked deleted for a whole-run sync", () => {
  const p = plan({ ssgSessions: [ssgSession(1)], existingSessions: storedSessions, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses0000001", "S2:delete@Ses0000002", "S3:delete@Ses0000003"]);
  assert.equal(item(p, 2).reason, "no longer in SSG's list");
  assert.deepEqual(item(p, 2).changedFields, ["deleted"]);
});

void test("with a session month, only vanished sessions starting in that month are marked deleted", () => {
  const existing = [
    storedSession("Ses0000001", 1, null, { startDate: "2020-01-31" }),
    storedSession("Ses0000002", 2, null, { startDate: "2020-02-01" }),
    storedSession("Ses0000003", 3, null, { startDate: "2019-12-31" }),
    storedSession("Ses0000004", 4, null, { startDate: "" }),
    storedSession("Ses0000005", 5, null, { startDate: "2021-01-05" }),
  ];
  const p = plan({ existingSessions: existing, scope: { courseRunId: RUN, sessionMonth: "012020" } });
  assert.deepEqual(actions(p), ["S1:delete@Ses0000001"]);
  assert.equal(plan({ existingSessions: existing }).sessions.filter((s) => s.action === "delete").length, 5);
});

void test("records of other runs, or of no known run, are never marked vanished", () => {
  const existing = [
    storedSession("Ses0000001", 1, null, { courseRunId: "999999" }),
    storedSession("Ses0000002", 2, null, { courseRunId: "" }),
  ];
  assert.deepEqual(plan({ existingSessions: existing }).sessions, []);
  // …but a record SSG does list is updated whatever run it claims (the SSG id is the truth).
  const p = plan({ ssgSessions: [ssgSession(2, { venue: null })], existingSessions: existing });
  assert.deepEqual(item(p, 2).changedFields, ["courseRunId"]);
});

void test("duplicate records of one SSG id: one kept, the others marked deleted with a reason", () => {
  const existing = [
    storedSession("Ses000000C", 1, "VenA000001"),
    storedSession("Ses000000A", 1, "VenA000001", { deleted: true }),
    storedSession("Ses000000B", 1, "VenA000001"),
  ];
  const p = plan({ ssgSessions: [ssgSession(1)], existingSessions: existing, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses000000A", "S1:unchanged@Ses000000B", "S1:delete@Ses000000C"]);
  const dropped = p.sessions.find((s) => s.recordId === "Ses000000C");
  assert.equal(dropped?.reason, "duplicate of record Ses000000B");
  assert.match(p.sessions[0]?.reason ?? "", /duplicate of record Ses000000B; already marked deleted/);
  // Vanished duplicates are all marked deleted.
  const vanished = plan({ existingSessions: existing.filter((r) => !r.deleted) });
  assert.deepEqual(actions(vanished), ["S1:delete@Ses000000B", "S1:delete@Ses000000C"]);
});

void test("the plan is the same whatever order the inputs come in", () => {
  const ssg = [...firstSyncSessions, ssgSession(4, { venue: venueC }), ssgSession(5, { deleted: true })];
  const existing = [...storedSessions, storedSession("Ses0000009", 9, null), storedSession("Ses000000X", 1, "VenA000001")];
  const a = plan({ ssgSessions: ssg, existingSessions: existing, existingVenues: storedVenues });
  const b = plan({ ssgSessions: [...ssg].reverse(), existingSessions: [...existing].reverse(), existingVenues: [...storedVenues].reverse() });
  assert.deepEqual(b, a);
  const ids = a.sessions.map((s) => `${s.ssgSessionId} ${s.recordId ?? ""}`);
  assert.deepEqual(ids, [...ids].sort());
  assert.deepEqual(a.venues.map((v) => v.key), a.venues.map((v) => v.key).sort());
});

void test("legacy venues without a key are matched by their texts and get the key written back", () => {
  const legacy = [
    storedVenue("VenL000002", "", { street: "street abc" }),
    storedVenue("VenL000001", "", { wheelchairAccess: false }),
  ];
  const p = plan({ ssgSessions: [ssgSession(1)], existingVenues: legacy });
  assert.deepEqual(p.venues.map((v) => [v.action, v.existingId, v.changedFields]), [["update", "VenL000001", ["venueKey", "wheelchairAccess"]]]);
  // A record already carrying the current key wins over a legacy twin.
  const mixed = plan({ ssgSessions: [ssgSession(1)], existingVenues: [...legacy, storedVenue("VenZ000001", KEY_A)] });
  assert.deepEqual(mixed.venues.map((v) => [v.action, v.existingId]), [["unchanged", "VenZ000001"]]);
});

void test("sessions SSG sends that cannot be read are rejected alone, and are not treated as vanished", () => {
  const ssg: unknown[] = [
    ssgSession(1),
    { ...ssgSession(2), startDate: "2020-01-05" },
    ssgSession(3, { venue: { ...venueA, postalCode: "S123455" } }),
  ];
  const p = plan({ ssgSessions: ssg, existingSessions: storedSessions, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses0000001"]);
  assert.deepEqual(p.rejected.map((r) => r.ssgSessionId.replace(/^.*-/, "")), ["S2", "S3"]);
  assert.match(p.rejected[0]?.reason ?? "", /startDate/);
  assert.match(p.rejected[1]?.reason ?? "", /postal code/);
});

void test("a session SSG deleted is marked deleted even when its venue cannot be read", () => {
  const ssg = [ssgSession(2, { deleted: true, venue: { ...venueA, postalCode: "garbage" } })];
  const p = plan({ ssgSessions: ssg, existingSessions: storedSessions.slice(1, 2), existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S2:delete@Ses0000002"]);
  assert.deepEqual(p.rejected, []);
});

void test("an SSG session without a readable id stops vanished sessions from being deleted", () => {
  const p = plan({ ssgSessions: [ssgSession(1), { ...ssgSession(2), id: 42 }], existingSessions: storedSessions, existingVenues: storedVenues });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses0000001", "S2:unchanged@Ses0000002", "S3:unchanged@Ses0000003"]);
  assert.deepEqual(p.rejected.map((r) => r.ssgSessionId), ["#1"]);
});

void test("SSG listing one id twice: identical copies count once, conflicting copies are rejected", () => {
  assert.deepEqual(actions(plan({ ssgSessions: [ssgSession(1), ssgSession(1)] })), ["S1:create"]);
  const p = plan({ ssgSessions: [ssgSession(1), ssgSession(1, { endTime: "18:00" })] });
  assert.deepEqual(p.sessions, []);
  assert.match(p.rejected[0]?.reason ?? "", /2 times/);
});

void test("a session without a venue needs no venue and matches a record without one", () => {
  const ssg = [ssgSession(1, { modeOfTraining: "2", venue: null })];
  const p = plan({ ssgSessions: ssg, existingSessions: [storedSession("Ses0000001", 1, null, { modeOfTraining: "Asynchronous eLearning" })] });
  assert.deepEqual(actions(p), ["S1:unchanged@Ses0000001"]);
  assert.equal(item(p, 1).venueKey, null);
  assert.deepEqual(p.venues, []);
});

void test("a month scope that is not MMYYYY is refused", () => {
  assert.throws(() => plan({ scope: { courseRunId: RUN, sessionMonth: "132020" } }), /MMYYYY/);
});
