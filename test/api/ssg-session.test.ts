// The API's SSG session schema must accept every session the SSG wire schema accepts: the cache's
// read route answers sessions a sync stored from SSG, and its answers are checked against the API
// schema before they leave.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ssgSessionApiSchema } from "../../shared/api/contracts/index.js";
import { ssgSessionSchema } from "../../shared/systems/ssg/session.js";

const venuePart = fc.option(fc.oneof(fc.string({ maxLength: 1000 }), fc.integer({ min: 0, max: 999999 })), { nil: null });
const yesNo = fc.oneof(fc.boolean(), fc.constantFrom("Yes", "no", " Y ", "N", "true", "FALSE", "  yes  "), fc.constantFrom(0, 1));
const session = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/),
    startDate: fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replaceAll("-", "")),
    endDate: fc.constant("20260504"),
    startTime: fc.constantFrom("09:00", "23:59", "00:00:00"),
    endTime: fc.constantFrom("17:00", "18:30:15"),
    modeOfTraining: fc.oneof(fc.constantFrom("1", "5", "9"), fc.integer({ min: 1, max: 9 })),
    venue: fc.option(
      fc.record({ block: venuePart, street: venuePart, floor: venuePart, unit: venuePart, building: venuePart, postalCode: venuePart, room: venuePart, wheelChairAccess: fc.option(yesNo, { nil: null }) }, { requiredKeys: [] }),
      { nil: null },
    ),
    attendanceTaken: fc.option(yesNo, { nil: undefined }),
    deleted: fc.option(yesNo, { nil: undefined }),
    extraField: fc.option(fc.string({ maxLength: 50 }), { nil: undefined }),
  },
  { requiredKeys: ["id", "startDate", "endDate", "startTime", "endTime", "modeOfTraining"] },
);

describe("SSG session schemas", () => {
  it("the API schema accepts whatever the wire schema accepts", () => {
    fc.assert(
      fc.property(session, (s) => {
        fc.pre(ssgSessionSchema.safeParse(s).success);
        const api = ssgSessionApiSchema.safeParse(s);
        assert.ok(api.success, api.error?.message);
      }),
      { numRuns: 300 },
    );
  });

  it("still refuses what is not a session", () => {
    assert.equal(ssgSessionApiSchema.safeParse({ id: "S1" }).success, false);
    assert.equal(ssgSessionApiSchema.safeParse({ id: "S1", startDate: "2026-05-04", endDate: "20260504", startTime: "9", endTime: "17:00", modeOfTraining: "0" }).success, false);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, i]));
    assert.equal(ssgSessionApiSchema.safeParse({ id: "S1", startDate: "20260504", endDate: "20260504", startTime: "09:00", endTime: "17:00", modeOfTraining: "1", ...many }).success, false);
  });
});
