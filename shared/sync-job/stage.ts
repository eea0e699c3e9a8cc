// Steps 1 and 2: read both sides once and stage them for the planner. Staging (not history) holds
// the data, so the orchestration passes only counts.
import type { CourseSessionRecord, VenueRecord } from "../systems/bestraining/records.js";
import { ssgSessionSchema } from "../systems/ssg/session.js";
import { mapSsgSession } from "../sync/mapping.js";
import type { SyncJobDeps } from "./deps.js";
import type { SsgSessionsQuery } from "./ports.js";
import type { FetchResult, LoadResult, SyncRef } from "./types.js";

export const SSG_DOCUMENT = "ssg-sessions";
export const BESTRAINING_DOCUMENT = "bestraining-state";

export interface BesTrainingState {
  sessions: CourseSessionRecord[];
  venues: VenueRecord[];
}

export async function fetchSsgSessions(deps: SyncJobDeps, ref: SyncRef, query: SsgSessionsQuery): Promise<FetchResult> {
  const sessions = await deps.ssg.courseRunSessions(ref.runId, query);
  await deps.jobs.putDocument(ref.syncId, SSG_DOCUMENT, sessions);
  return { sessions: sessions.length };
}

/** The keys of the venues SSG's sessions use (unreadable sessions are the planner's to report). */
function venueKeysOf(ssgSessions: readonly unknown[], runId: string): string[] {
  const keys = new Set<string>();
  for (const raw of ssgSessions) {
    const parsed = ssgSessionSchema.safeParse(raw);
    if (!parsed.success) continue;
    try {
      const key = mapSsgSession(parsed.data, runId).venueKey;
      if (key !== null) keys.add(key);
    } catch {
      // reported by the planner
    }
  }
  return [...keys].sort();
}

export async function loadBesTrainingState(deps: SyncJobDeps, ref: SyncRef): Promise<LoadResult> {
  const ssgSessions = (await deps.jobs.getDocument<unknown[]>(ref.syncId, SSG_DOCUMENT)) ?? [];
  const sessions = await deps.besTraining.sessionsOfRun(ref.runId);
  const usedIds = [...new Set(sessions.flatMap((s) => s.venueIds))].sort();
  // Venues the run already uses, and venues SSG's sessions name (another run may have made them).
  const [byId, byKey] = await Promise.all([deps.besTraining.venuesByIds(usedIds), deps.besTraining.venuesByKeys(venueKeysOf(ssgSessions, ref.runId))]);
  const venues = [...new Map([...byId, ...byKey].map((v) => [v.id, v])).values()];
  const state: BesTrainingState = { sessions, venues };
  await deps.jobs.putDocument(ref.syncId, BESTRAINING_DOCUMENT, state);
  return { sessions: sessions.length, venues: venues.length };
}
