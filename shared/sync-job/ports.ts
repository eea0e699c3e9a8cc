// What the sync job needs from each system, in its own terms. The connectors (shared/systems/*) and
// stores satisfy these; tests can wire them to the simulators and Azurite directly.
import type { CourseSessionFields, CourseSessionRecord, VenueFields, VenueRecord } from "../systems/bestraining/records.js";

export interface SsgSessionsQuery {
  courseReferenceNumber: string;
  uen?: string;
  sessionMonth?: string;
  includeExpiredCourses?: boolean;
}

export interface SsgPort {
  /** The run's sessions as SSG sends them (each is validated by the planner, one by one). */
  courseRunSessions(runId: string, query: SsgSessionsQuery): Promise<unknown[]>;
}

export interface BesTrainingPort {
  /** Every Course Session record of the run (paged inside, few calls). */
  sessionsOfRun(runId: string): Promise<CourseSessionRecord[]>;
  /** Venue records by id (those the run's sessions use). */
  venuesByIds(ids: readonly string[]): Promise<VenueRecord[]>;
  venuesByKeys(keys: readonly string[]): Promise<VenueRecord[]>;
  sessionsBySsgId(ssgSessionId: string): Promise<CourseSessionRecord[]>;
  createVenue(fields: VenueFields): Promise<string>;
  updateVenue(id: string, fields: Partial<VenueFields>): Promise<void>;
  createSession(fields: CourseSessionFields): Promise<string>;
  updateSession(id: string, fields: Partial<CourseSessionFields>): Promise<void>;
}

export interface SyncRegistryEntry {
  syncId: string;
  runId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  dryRun: boolean;
  counts?: Record<string, number>;
  reason?: string;
}
