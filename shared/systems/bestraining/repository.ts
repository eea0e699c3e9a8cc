// What the sync job asks of BESTraining, in logical records, each in as few TadaBase calls as the
// API allows (every call counts against the plan's per-minute and per-day budgets).
import { NotFound } from "../../errors.js";
import type { TadaBaseClient } from "./client.js";
import { allOf, anyOf, field } from "./filter.js";
import {
  COURSE_RUN_FIELDS,
  SESSION_FIELDS,
  VENUE_FIELDS,
  courseRunFromRecord,
  sessionFromRecord,
  sessionToWrite,
  venueFromRecord,
  venueToWrite,
} from "./record-mapping.js";
import type { CourseRunFieldName, SessionFieldName, VenueFieldName } from "./record-mapping.js";
import type { CourseRunRecord, CourseSessionFields, CourseSessionRecord, RecordId, VenueFields, VenueRecord } from "./records.js";
import { BESTRAINING_TABLES } from "./records.js";
import type { TadaBaseTable } from "./table.js";

export interface BesTrainingTableNames {
  courseRuns: string;
  courseSessions: string;
  venues: string;
}

/**
 * Keys per OR query: a 67-character key costs about 200 characters of query string, so 25 stay well
 * under the 8 KB request line most servers accept.
 */
export const VENUE_KEYS_PER_QUERY = 25;

/** Live records first, then the smallest id: the same choice every time among duplicates. */
function preferred<T extends { id: string; deleted?: boolean }>(records: readonly T[]): T | undefined {
  return [...records].sort((a, b) => Number(a.deleted ?? false) - Number(b.deleted ?? false) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class BesTrainingRepository {
  private readonly sessions: TadaBaseTable<SessionFieldName>;
  private readonly venues: TadaBaseTable<VenueFieldName>;
  private readonly courseRuns: TadaBaseTable<CourseRunFieldName>;

  constructor(
    readonly client: TadaBaseClient,
    tables: BesTrainingTableNames = BESTRAINING_TABLES,
  ) {
    this.sessions = client.records<SessionFieldName>(tables.courseSessions);
    this.venues = client.records<VenueFieldName>(tables.venues);
    this.courseRuns = client.records<CourseRunFieldName>(tables.courseRuns);
  }

  /** Every Course Session of a course run: one filtered query, paged. */
  async listCourseRunSessions(courseRunId: string): Promise<CourseSessionRecord[]> {
    const records = await this.sessions.list({ filter: allOf(field(SESSION_FIELDS.courseRunId).is(courseRunId)) });
    return records.map(sessionFromRecord);
  }

  /** Course Sessions with this SSG session id (more than one only where duplicates crept in). */
  async findSessionsBySsgId(ssgSessionId: string): Promise<CourseSessionRecord[]> {
    const records = await this.sessions.list({ filter: allOf(field(SESSION_FIELDS.ssgSessionId).is(ssgSessionId)) });
    return records.map(sessionFromRecord);
  }

  /** The Course Session for an SSG session id: a live one if any, then the smallest record id. */
  async findSessionBySsgId(ssgSessionId: string): Promise<CourseSessionRecord | undefined> {
    return preferred(await this.findSessionsBySsgId(ssgSessionId));
  }

  async createSession(fields: CourseSessionFields): Promise<RecordId> {
    return this.sessions.create(sessionToWrite(fields));
  }

  /** Writes only the given fields. */
  async updateSession(recordId: RecordId, changes: Partial<CourseSessionFields>): Promise<void> {
    await this.sessions.update(recordId, sessionToWrite(changes));
  }

  /** Sessions are never hard-deleted: the record stays, flagged. */
  async markSessionDeleted(recordId: RecordId): Promise<void> {
    await this.updateSession(recordId, { deleted: true });
  }

  /** Every Venue (paged): for matching legacy venues stored without a key. */
  async listAllVenues(): Promise<VenueRecord[]> {
    return (await this.venues.list()).map(venueFromRecord);
  }

  /**
   * Venues whose stored key is one of `keys`. Picks the cheaper of two plans: OR queries of
   * VENUE_KEYS_PER_QUERY keys, or the whole table paged (when it has fewer pages than there are
   * key chunks; the first page doubles as the probe that tells, so the worst case is one call
   * more than the cheaper plan).
   */
  async listVenuesByKeys(keys: readonly string[]): Promise<VenueRecord[]> {
    const wanted = new Set(keys.map((k) => k.trim()).filter((k) => k !== ""));
    if (wanted.size === 0) return [];
    const chunks = chunk([...wanted].sort(), VENUE_KEYS_PER_QUERY);
    const byFilter = async (parts: string[][]): Promise<VenueRecord[]> => {
      const found: VenueRecord[] = [];
      for (const part of parts) {
        const records = await this.venues.list({ filter: anyOf(...part.map((k) => field(VENUE_FIELDS.venueKey).is(k))) });
        found.push(...records.map(venueFromRecord));
      }
      return found;
    };
    if (chunks.length === 1) return byFilter(chunks);

    const first = await this.venues.page(1);
    if (first.totalPages > chunks.length) return byFilter(chunks);
    const all = [...first.records];
    if (first.totalPages > 1) for await (const page of this.venues.pages({ from: 2 })) all.push(...page);
    return all.map(venueFromRecord).filter((v) => wanted.has(v.venueKey.trim()));
  }

  /**
   * Venues by record id (those a run's sessions point at); ids with no record are left out. Reads
   * one page of the table first: whatever it holds is found already, and its page count tells
   * whether the rest is cheaper read whole or fetched one record at a time.
   */
  async listVenuesByIds(ids: readonly RecordId[]): Promise<VenueRecord[]> {
    const wanted = new Set(ids.map((id) => id.trim()).filter((id) => id !== ""));
    if (wanted.size === 0) return [];
    if (wanted.size === 1) {
      const record = await this.venues.get([...wanted][0] ?? "");
      return record === undefined ? [] : [venueFromRecord(record)];
    }
    const first = await this.venues.page(1);
    const found = first.records.filter((r) => wanted.has(r.id));
    const missing = [...wanted].filter((id) => !found.some((r) => r.id === id));
    if (missing.length === 0 || first.totalPages <= 1) return found.map(venueFromRecord);
    if (first.totalPages - 1 < missing.length) {
      for await (const page of this.venues.pages({ from: 2 })) found.push(...page.filter((r) => wanted.has(r.id)));
    } else {
      // Records one by one, in parallel: the limiter paces them.
      const records = await Promise.all(missing.map((id) => this.venues.get(id)));
      found.push(...records.filter((r) => r !== undefined));
    }
    return found.map(venueFromRecord);
  }

  /** The Venue with this key (the smallest record id if there are several). */
  async findVenueByKey(key: string): Promise<VenueRecord | undefined> {
    return preferred(await this.listVenuesByKeys([key]));
  }

  async createVenue(fields: VenueFields): Promise<RecordId> {
    return this.venues.create(venueToWrite(fields));
  }

  async updateVenue(recordId: RecordId, changes: Partial<VenueFields>): Promise<void> {
    await this.venues.update(recordId, venueToWrite(changes));
  }

  async getVenue(recordId: RecordId): Promise<VenueRecord> {
    const record = await this.venues.get(recordId);
    if (record === undefined) throw new NotFound(`BESTraining Venue ${recordId} not found`);
    return venueFromRecord(record);
  }

  /** Course Runs still running on `today` (YYYY-MM-DD): end date today or later, or no end date. */
  async listActiveCourseRuns(today: string): Promise<CourseRunRecord[]> {
    const endDate = field(COURSE_RUN_FIELDS.endDate);
    const records = await this.courseRuns.list({ filter: anyOf(endDate.isAfter(dayBefore(today)), endDate.isBlank()) });
    return records.map(courseRunFromRecord);
  }
}

function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
