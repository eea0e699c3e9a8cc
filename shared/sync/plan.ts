// planSync: what one sync of a course run must write, computed from SSG's sessions and what
// BESTraining holds. Pure and deterministic (sorted output, no clock): an orchestrator replay sees
// the same plan. Writes are never hard deletes: "delete" means "mark the record deleted".
import { describeError } from "../errors.js";
import type { CourseSessionFields, CourseSessionRecord, VenueRecord } from "../systems/bestraining/records.js";
import type { SsgSession } from "../systems/ssg/session.js";
import { ssgSessionSchema, ssgYesNoToBoolean } from "../systems/ssg/session.js";
import type { MappedSession, SessionFieldsWithoutVenue } from "./mapping.js";
import { mapSsgSession } from "./mapping.js";
import { sortByText } from "./order.js";
import type { SyncScope } from "./scope.js";
import { startDateInScope } from "./scope.js";
import { changedSessionFields } from "./session-changes.js";
import { tidyText } from "./text.js";
import type { KnownVenue, VenuePlanItem } from "./venue-plan.js";
import { indexVenuesByKey, planVenues } from "./venue-plan.js";

export type { VenueAction, VenuePlanItem } from "./venue-plan.js";

export type SessionAction = "create" | "update" | "unchanged" | "delete";

export interface SessionPlanItem {
  ssgSessionId: string;
  action: SessionAction;
  /** The Course Session record (absent for "create", and for a session SSG deleted that we never stored). */
  recordId?: string;
  /** All fields the record should hold; the executor writes all of them on create, `changedFields` otherwise. */
  fields: SessionFieldsWithoutVenue;
  /** Resolve `venueId` from this through the venue items; null = no venue. */
  venueKey: string | null;
  changedFields?: Array<keyof CourseSessionFields>;
  /** Why, for deletes and the less obvious unchanged items. */
  reason?: string;
}

/** An SSG session that could not be read or mapped: reported as failed, nothing written for it. */
export interface RejectedSession {
  ssgSessionId: string;
  reason: string;
}

export interface SyncPlan {
  courseRunId: string;
  sessionMonth?: string;
  venues: VenuePlanItem[];
  sessions: SessionPlanItem[];
  rejected: RejectedSession[];
}

export interface PlanInput {
  /** SSG's sessions as received (each is checked against the wire schema here, one by one). */
  ssgSessions: readonly unknown[];
  /** Course Session records loaded for the run (records of other runs are never marked vanished). */
  existingSessions: readonly CourseSessionRecord[];
  /** Venue records loaded (at least those the existing sessions use). */
  existingVenues: readonly VenueRecord[];
  scope: SyncScope;
}

interface ReadSessions {
  mapped: MappedSession[];
  rejected: RejectedSession[];
  /** Every id SSG listed, readable or not: none of these has vanished. */
  listedIds: Set<string>;
  /** SSG sent an item without a readable id: we cannot tell which records vanished. */
  unidentified: boolean;
}

/** A session SSG deleted needs no venue, so a bad venue must not keep its stored record alive. */
function mapForPlan(ssg: SsgSession, courseRunId: string): MappedSession {
  try {
    return mapSsgSession(ssg, courseRunId);
  } catch (error) {
    if (!ssgYesNoToBoolean(ssg.deleted)) throw error;
    return mapSsgSession({ ...ssg, venue: null }, courseRunId);
  }
}

function readSsgSessions(raw: readonly unknown[], courseRunId: string): ReadSessions {
  const byId = new Map<string, MappedSession[]>();
  const result: ReadSessions = { mapped: [], rejected: [], listedIds: new Set(), unidentified: false };
  raw.forEach((item, index) => {
    const rawId: unknown = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
    const id = typeof rawId === "string" && tidyText(rawId) !== "" ? tidyText(rawId) : undefined;
    if (id === undefined) result.unidentified = true;
    else result.listedIds.add(id);
    const parsed = ssgSessionSchema.safeParse(item);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "session"}: ${i.message}`).join("; ");
      result.rejected.push({ ssgSessionId: id ?? `#${index}`, reason: `not a valid SSG session (${issues})` });
      return;
    }
    try {
      const mapped = mapForPlan(parsed.data, courseRunId);
      byId.set(mapped.ssgSessionId, [...(byId.get(mapped.ssgSessionId) ?? []), mapped]);
    } catch (error) {
      result.rejected.push({ ssgSessionId: parsed.data.id, reason: describeError(error).message });
    }
  });
  for (const [id, copies] of byId) {
    const first = JSON.stringify(copies[0]);
    if (copies.every((copy) => JSON.stringify(copy) === first)) result.mapped.push(copies[0] as MappedSession);
    else result.rejected.push({ ssgSessionId: id, reason: `SSG listed this session ${copies.length} times with different values` });
  }
  return result;
}

function storedFields(record: CourseSessionRecord): SessionFieldsWithoutVenue {
  const { ssgSessionId, courseRunId, startDate, endDate, startTime, endTime, modeOfTraining, attendanceTaken, deleted } = record;
  return { ssgSessionId, courseRunId, startDate, endDate, startTime, endTime, modeOfTraining, attendanceTaken, deleted };
}

/** Marks a stored record deleted (or leaves it, when it already is). */
function retire(record: CourseSessionRecord, reason: string): SessionPlanItem {
  const base = { ssgSessionId: tidyText(record.ssgSessionId), recordId: record.id, venueKey: null };
  return record.deleted
    ? { ...base, action: "unchanged", fields: storedFields(record), reason: `${reason}; already marked deleted` }
    : { ...base, action: "delete", fields: { ...storedFields(record), deleted: true }, changedFields: ["deleted"], reason };
}

/** The record to keep among several with one SSG id: a live one if any, then the smallest id. */
function splitDuplicates(records: readonly CourseSessionRecord[]): { keep?: CourseSessionRecord; duplicates: CourseSessionRecord[] } {
  const ordered = sortByText(records, (r) => (r.deleted ? "1" : "0"), (r) => r.id);
  const [keep, ...duplicates] = ordered;
  return keep === undefined ? { duplicates } : { keep, duplicates };
}

function planListedSession(
  mapped: MappedSession,
  keep: CourseSessionRecord | undefined,
  venues: ReadonlyMap<string, KnownVenue>,
): SessionPlanItem {
  const base = { ssgSessionId: mapped.ssgSessionId, fields: mapped.session, venueKey: mapped.venueKey };
  if (mapped.session.deleted) {
    if (keep === undefined) return { ...base, action: "unchanged", reason: "deleted in SSG and never stored" };
    if (keep.deleted) return { ...base, action: "unchanged", recordId: keep.id, reason: "deleted in SSG; already marked deleted" };
    return { ...base, action: "delete", recordId: keep.id, changedFields: ["deleted"], reason: "deleted in SSG" };
  }
  if (keep === undefined) return { ...base, action: "create" };
  const venueId = mapped.venueKey === null ? null : venues.get(mapped.venueKey)?.record.id;
  const changedFields = changedSessionFields(keep, mapped.session, venueId);
  return changedFields.length === 0
    ? { ...base, action: "unchanged", recordId: keep.id }
    : { ...base, action: "update", recordId: keep.id, changedFields };
}

export function planSync(input: PlanInput): SyncPlan {
  const { scope } = input;
  const inScope = startDateInScope(scope);
  const read = readSsgSessions(input.ssgSessions, scope.courseRunId);
  const venues = indexVenuesByKey(input.existingVenues);

  const stored = new Map<string, CourseSessionRecord[]>();
  for (const record of input.existingSessions) {
    const id = tidyText(record.ssgSessionId);
    if (id !== "") stored.set(id, [...(stored.get(id) ?? []), record]);
  }

  const sessions: SessionPlanItem[] = [];
  for (const mapped of read.mapped) {
    const { keep, duplicates } = splitDuplicates(stored.get(mapped.ssgSessionId) ?? []);
    sessions.push(planListedSession(mapped, keep, venues));
    for (const duplicate of duplicates) sessions.push(retire(duplicate, `duplicate of record ${keep?.id ?? "?"}`));
  }

  // Records SSG no longer lists: only this run's (a record without a run id cannot be shown to be
  // ours) and only inside the scope (SSG was asked about nothing else).
  for (const [id, records] of stored) {
    if (read.listedIds.has(id)) continue;
    for (const record of records) {
      if (tidyText(record.courseRunId) !== scope.courseRunId || !inScope(record.startDate)) continue;
      sessions.push(
        read.unidentified
          ? { ssgSessionId: id, action: "unchanged", recordId: record.id, fields: storedFields(record), venueKey: null,
              reason: "not in SSG's list, but SSG sent a session without a readable id; left as it is" }
          : retire(record, "no longer in SSG's list"),
      );
    }
  }

  return {
    courseRunId: scope.courseRunId,
    ...(scope.sessionMonth === undefined ? {} : { sessionMonth: scope.sessionMonth }),
    venues: planVenues(read.mapped, venues),
    sessions: sortByText(sessions, (s) => s.ssgSessionId, (s) => s.recordId ?? ""),
    rejected: sortByText(read.rejected, (r) => r.ssgSessionId),
  };
}
