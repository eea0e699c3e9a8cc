// SSG session → BESTraining Venue and Course Session fields.
import { test } from "node:test";
import assert from "node:assert/strict";
import { InvalidInput } from "../../../shared/errors.js";
import { mapSsgSession, modeOfTrainingLabel, toIsoDate, toIsoTime } from "../../../shared/sync/mapping.js";
import { venueKey } from "../../../shared/sync/venue-key.js";
import type { SsgSession } from "../../../shared/systems/ssg/session.js";
import { RUN, ssgSession, venueA } from "./builders.js";

void test("a session maps to tidy Venue fields (case kept) and Course Session fields", () => {
  const venue = { ...venueA, street: "  Street   ABC ", postalCode: 23455, wheelChairAccess: "No", floor: 15 };
  const mapped = mapSsgSession(
    ssgSession(1, { endDate: "20200106", endTime: "17:45", attendanceTaken: "Yes", venue }),
    RUN,
  );
  const key = venueKey({ ...venueA, postalCode: "023455" });
  assert.equal(mapped.ssgSessionId, `TGS-2020000703-${RUN}-S1`);
  assert.equal(mapped.venueKey, key);
  assert.deepEqual(mapped.venue, {
    venueKey: key,
    room: "24",
    unit: "001",
    block: "112A",
    floor: "15",
    street: "Street ABC",
    building: "Building ABC",
    postalCode: "023455",
    wheelchairAccess: false,
  });
  assert.deepEqual(mapped.session, {
    ssgSessionId: `TGS-2020000703-${RUN}-S1`,
    courseRunId: RUN,
    startDate: "2020-01-05",
    endDate: "2020-01-06",
    startTime: "08:30:00",
    endTime: "17:45:00",
    modeOfTraining: "Classroom",
    attendanceTaken: true,
    deleted: false,
  });
});

void test("every mode code has its label, as text or number", () => {
  const labels = [
    "Classroom",
    "Asynchronous eLearning",
    "In-house",
    "On-the-Job",
    "Practical/Practicum",
    "Supervised Field",
    "Traineeship",
    "Assessment",
    "Synchronous Learning",
  ];
  labels.forEach((label, i) => {
    assert.equal(modeOfTrainingLabel(String(i + 1)), label);
    assert.equal(modeOfTrainingLabel(i + 1), label);
    assert.equal(mapSsgSession(ssgSession(1, { modeOfTraining: i + 1 }), RUN).session.modeOfTraining, label);
  });
  for (const bad of ["0", "10", 0, "01", "Classroom"]) assert.throws(() => modeOfTrainingLabel(bad), InvalidInput, String(bad));
});

void test("dates become YYYY-MM-DD and times HH:MM:SS", () => {
  assert.equal(toIsoDate("20201231"), "2020-12-31");
  assert.equal(toIsoDate("20240229"), "2024-02-29");
  assert.equal(toIsoTime("00:00"), "00:00:00");
  assert.equal(toIsoTime("23:59"), "23:59:00");
  assert.equal(toIsoTime("07:05:09"), "07:05:09");
});

void test("malformed dates and times are refused with InvalidInput naming the field", () => {
  for (const bad of ["2020-01-05", "2020015", "20230229", "20201301", ""]) assert.throws(() => toIsoDate(bad, "startDate"), /startDate/, bad);
  for (const bad of ["8:30", "24:00", "12:60", "1230", ""]) assert.throws(() => toIsoTime(bad, "endTime"), /endTime/, bad);
  // Mapping checks again, so a session that skipped the wire schema still cannot slip through.
  const unchecked = { ...ssgSession(1), startDate: "05/01/2020" } as SsgSession;
  assert.throws(() => mapSsgSession(unchecked, RUN), (e: unknown) => e instanceof InvalidInput && /startDate/.test(e.message));
});

void test("a session without a place has no venue", () => {
  for (const venue of [null, undefined, { room: " ", postalCode: null }]) {
    const mapped = mapSsgSession(ssgSession(1, { modeOfTraining: "2", venue }), RUN);
    assert.equal(mapped.venue, null);
    assert.equal(mapped.venueKey, null);
  }
});

void test("a garbage postal code refuses the session rather than inventing a place", () => {
  assert.throws(() => mapSsgSession(ssgSession(1, { venue: { ...venueA, postalCode: "ABC" } }), RUN), InvalidInput);
});

void test("yes/no flags map to booleans, missing is false", () => {
  const mapped = mapSsgSession(ssgSession(1, { attendanceTaken: undefined, deleted: "Yes" }), RUN);
  assert.equal(mapped.session.attendanceTaken, false);
  assert.equal(mapped.session.deleted, true);
  assert.equal(mapSsgSession(ssgSession(1, { venue: { ...venueA, wheelChairAccess: null } }), RUN).venue?.wheelchairAccess, false);
});
