// The SSG session wire schema: lenient on what we do not use, strict on what we do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ssgSessionSchema, ssgYesNoToBoolean } from "../../../shared/systems/ssg/session.js";
import { ssgSession } from "./builders.js";

void test("a documented session parses, and unknown fields pass through untouched", () => {
  const wire = { ...ssgSession(1), trainer: { name: "x" }, sessionNote: null };
  const parsed = ssgSessionSchema.parse(wire);
  assert.deepEqual(parsed, wire);
});

void test("variants SSG is known to send are accepted", () => {
  const variants = [
    { modeOfTraining: 9 },
    { venue: null },
    { venue: undefined, attendanceTaken: undefined, deleted: undefined },
    { venue: { postalCode: 18956, floor: 3, block: null, wheelChairAccess: "Yes" } },
    { venue: { room: "1", wheelChairAccess: "no" } },
    { attendanceTaken: "true", deleted: 0 },
    { startTime: "08:30:00" },
  ];
  for (const overrides of variants) {
    const result = ssgSessionSchema.safeParse({ ...ssgSession(1), ...overrides });
    assert.ok(result.success, `${JSON.stringify(overrides)}: ${result.error?.message}`);
  }
});

void test("what we use is checked strictly", () => {
  const bad: Array<[string, Record<string, unknown>]> = [
    ["id missing", { id: undefined }],
    ["id with spaces", { id: "TGS 1" }],
    ["date with dashes", { startDate: "2020-01-05" }],
    ["impossible date", { endDate: "20200230" }],
    ["one-digit hour", { startTime: "8:30" }],
    ["hour 24", { endTime: "24:00" }],
    ["mode 0", { modeOfTraining: "0" }],
    ["mode 10", { modeOfTraining: 10 }],
    ["mode text", { modeOfTraining: "Classroom" }],
    ["deleted maybe", { deleted: "maybe" }],
    ["postal code object", { venue: { postalCode: { code: 1 } } }],
    ["wheelchair 2", { venue: { wheelChairAccess: 2 } }],
  ];
  for (const [name, overrides] of bad) {
    assert.equal(ssgSessionSchema.safeParse({ ...ssgSession(1), ...overrides }).success, false, name);
  }
});

void test("yes/no values read as booleans; missing is no", () => {
  for (const yes of [true, 1, "Yes", "y", "TRUE", " yes "] as const) assert.equal(ssgYesNoToBoolean(yes), true, String(yes));
  for (const no of [false, 0, "No", "n", "false", null, undefined] as const) assert.equal(ssgYesNoToBoolean(no), false, String(no));
});
