// Windows for bounded fan-out, outcomes and the counts reported as progress.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addCounts, outcomesWithoutWrites, previewOutcomes, summarize, type SessionOutcome } from "../../../shared/sync/outcomes.js";
import { planSync } from "../../../shared/sync/plan.js";
import { chunk } from "../../../shared/sync/windows.js";
import { venueKey } from "../../../shared/sync/venue-key.js";
import { RUN, ssgSession, storedSession, storedVenue, venueA } from "./builders.js";

const outcome = (n: number, kind: SessionOutcome["outcome"]): SessionOutcome => ({ ssgSessionId: `S${n}`, outcome: kind });

void test("summarize counts each outcome and the total", () => {
  const outcomes = [outcome(1, "created"), outcome(2, "created"), outcome(3, "updated"), outcome(4, "unchanged"), outcome(5, "deleted"), outcome(6, "failed")];
  assert.deepEqual(summarize(outcomes), { total: 6, created: 2, updated: 1, unchanged: 1, deleted: 1, failed: 1 });
  assert.deepEqual(summarize([]), { total: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0 });
  assert.deepEqual(addCounts(summarize(outcomes.slice(0, 3)), summarize(outcomes.slice(3))), summarize(outcomes));
});

void test("chunk makes consecutive windows of at most the given size", () => {
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunk([], 3), []);
  assert.throws(() => chunk([1], 0), RangeError);
  assert.throws(() => chunk([1], 1.5), RangeError);
});

// S1 unchanged at a stored venue, S2 new at a new venue, S3 vanished, S4 unreadable.
const KEY_A = venueKey(venueA);
const newVenue = { ...venueA, room: "99" };
const plan = planSync({
  ssgSessions: [ssgSession(1), ssgSession(2, { venue: newVenue }), { ...ssgSession(4), endDate: "x" }],
  existingSessions: [storedSession("Ses0000001", 1, "VenA000001"), storedSession("Ses0000003", 3, null)],
  existingVenues: [storedVenue("VenA000001", KEY_A)],
  scope: { courseRunId: RUN },
});

void test("outcomes known without writes, and a dry run's preview", () => {
  const tag = (o: SessionOutcome) => `${o.ssgSessionId.replace(/^.*-/, "")}:${o.outcome}`;
  assert.deepEqual(outcomesWithoutWrites(plan).map(tag), ["S1:unchanged", "S4:failed"]);
  assert.match(outcomesWithoutWrites(plan)[1]?.error?.message ?? "", /endDate/);
  assert.deepEqual(previewOutcomes(plan).map(tag), ["S1:unchanged", "S2:created", "S3:deleted", "S4:failed"]);
  assert.deepEqual(summarize(previewOutcomes(plan)), { total: 4, created: 1, updated: 0, unchanged: 1, deleted: 1, failed: 1 });
});
