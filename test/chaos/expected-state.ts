// What BESTraining must hold after a correct sync of one course run, derived from the SSG
// simulator's data through the app's own planner (shared/sync) as if BESTraining were empty, and a
// comparison with what the TadaBase simulator actually holds: duplicates, missing records and wrong
// fields, each named. Records are read back through the app's own record mapping.
import { isDeepStrictEqual } from "node:util";
import type { CourseSessionRecord, VenueFields, VenueRecord } from "../../shared/systems/bestraining/records.js";
import { BESTRAINING_TABLES } from "../../shared/systems/bestraining/records.js";
import { sessionFromRecord, venueFromRecord } from "../../shared/systems/bestraining/record-mapping.js";
import type { SessionFieldsWithoutVenue } from "../../shared/sync/mapping.js";
import { planSync } from "../../shared/sync/plan.js";
import type { Simulators } from "../../simulators/index.js";

export interface ExpectedSession {
  fields: SessionFieldsWithoutVenue;
  venueKey: string | null;
}

export interface ExpectedState {
  runId: string;
  /** Live sessions by SSG id (sessions SSG lists as deleted and were never stored are absent). */
  sessions: Map<string, ExpectedSession>;
  /** Venues the run's sessions use, by canonical key. */
  venues: Map<string, VenueFields>;
}

export interface StateDiff {
  duplicates: number;
  missing: number;
  wrongFields: number;
  /** Records of this run that should not exist at all. */
  unexpected: number;
  /** Up to 20 readable lines naming what differs. */
  details: string[];
}

export const diffIsClean = (diff: StateDiff): boolean => diff.duplicates + diff.missing + diff.wrongFields + diff.unexpected === 0;

export function expectedState(sims: Simulators, runId: string): ExpectedState {
  const run = sims.ssg.run(runId);
  if (run === undefined) throw new Error(`the SSG simulator has no run ${runId}`);
  // JSON round trip: exactly what the sessions endpoint sends.
  const ssgSessions = JSON.parse(JSON.stringify(run.sessions)) as unknown[];
  const plan = planSync({ ssgSessions, existingSessions: [], existingVenues: [], scope: { courseRunId: runId } });
  if (plan.rejected.length > 0) throw new Error(`the planner rejects ${plan.rejected.length} simulated sessions: ${plan.rejected[0]?.reason ?? ""}`);
  const sessions = new Map<string, ExpectedSession>();
  for (const item of plan.sessions) {
    if (item.action === "create") sessions.set(item.ssgSessionId, { fields: item.fields, venueKey: item.venueKey });
  }
  const venues = new Map<string, VenueFields>();
  for (const venue of plan.venues) venues.set(venue.key, venue.fields);
  return { runId, sessions, venues };
}

function tableRecords(sims: Simulators, table: string): Array<{ id: string; values: Record<string, unknown> }> {
  return sims.tadabase.records(table).map((record) => {
    const { id, ...values } = record;
    return { id: String(id), values };
  });
}

export function readBesTraining(sims: Simulators): { sessions: CourseSessionRecord[]; venues: VenueRecord[] } {
  return {
    sessions: tableRecords(sims, BESTRAINING_TABLES.courseSessions).map((r) => sessionFromRecord(r)),
    venues: tableRecords(sims, BESTRAINING_TABLES.venues).map((r) => venueFromRecord(r)),
  };
}

/** Compares the simulator's BESTraining with the expectation for one run (other runs' records are ignored). */
export function compareState(sims: Simulators, expected: ExpectedState): StateDiff {
  const diff: StateDiff = { duplicates: 0, missing: 0, wrongFields: 0, unexpected: 0, details: [] };
  const note = (line: string): void => {
    if (diff.details.length < 20) diff.details.push(line);
  };
  const { sessions, venues } = readBesTraining(sims);

  // Venues are shared by runs: the whole table must hold one record per key.
  const venuesByKey = new Map<string, VenueRecord[]>();
  for (const venue of venues) venuesByKey.set(venue.venueKey, [...(venuesByKey.get(venue.venueKey) ?? []), venue]);
  for (const [key, records] of venuesByKey) {
    if (records.length > 1) {
      diff.duplicates += records.length - 1;
      note(`venue key ${key.slice(0, 16)}… has ${records.length} records (${records.map((r) => r.id).join(", ")})`);
    }
  }
  for (const [key, fields] of expected.venues) {
    const record = venuesByKey.get(key)?.[0];
    if (record === undefined) {
      diff.missing += 1;
      note(`venue ${key.slice(0, 16)}… is missing`);
      continue;
    }
    const { id: _id, ...stored } = record;
    // Display texts are one spelling of the place (an earlier run's may have been written first);
    // identity (the key), the postal code and the wheelchair flag must match.
    if (stored.venueKey !== fields.venueKey || stored.postalCode !== fields.postalCode || stored.wheelchairAccess !== fields.wheelchairAccess) {
      diff.wrongFields += 1;
      note(`venue ${record.id}: ${JSON.stringify(stored)} ≠ ${JSON.stringify(fields)}`);
    }
  }

  const ofRun = sessions.filter((s) => s.courseRunId.trim() === expected.runId && !s.deleted);
  const bySsgId = new Map<string, CourseSessionRecord[]>();
  for (const record of ofRun) bySsgId.set(record.ssgSessionId, [...(bySsgId.get(record.ssgSessionId) ?? []), record]);
  for (const [ssgId, records] of bySsgId) {
    if (!expected.sessions.has(ssgId)) {
      diff.unexpected += records.length;
      note(`session ${ssgId} should not be live (records ${records.map((r) => r.id).join(", ")})`);
    } else if (records.length > 1) {
      diff.duplicates += records.length - 1;
      note(`session ${ssgId} has ${records.length} live records (${records.map((r) => r.id).join(", ")})`);
    }
  }
  // A deleted-marked copy of a live session is a duplicate too (one SSG id, one record).
  const allOfRun = sessions.filter((s) => s.courseRunId.trim() === expected.runId);
  for (const [ssgId] of expected.sessions) {
    const copies = allOfRun.filter((s) => s.ssgSessionId === ssgId).length;
    if (copies > 1 && (bySsgId.get(ssgId)?.length ?? 0) <= 1) {
      diff.duplicates += copies - 1;
      note(`session ${ssgId} has ${copies} records, some marked deleted`);
    }
  }

  for (const [ssgId, want] of expected.sessions) {
    const record = bySsgId.get(ssgId)?.[0];
    if (record === undefined) {
      diff.missing += 1;
      note(`session ${ssgId} is missing`);
      continue;
    }
    const { id: _id, venueIds, ...stored } = record;
    const venueId = want.venueKey === null ? undefined : venuesByKey.get(want.venueKey)?.[0]?.id;
    const wantVenueIds = venueId === undefined ? [] : [venueId];
    if (!isDeepStrictEqual(stored, want.fields) || !isDeepStrictEqual(venueIds, wantVenueIds)) {
      diff.wrongFields += 1;
      note(`session ${ssgId} (${record.id}): ${JSON.stringify({ ...stored, venueIds })} ≠ ${JSON.stringify({ ...want.fields, venueIds: wantVenueIds })}`);
    }
  }
  return diff;
}
