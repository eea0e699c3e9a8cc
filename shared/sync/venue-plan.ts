// Venues to ensure before sessions are written: one item per canonical key the sync needs.
import type { VenueFields, VenueRecord } from "../systems/bestraining/records.js";
import type { MappedSession } from "./mapping.js";
import { compareText, sortByText } from "./order.js";
import { VENUE_KEY_VERSION, venueKey } from "./venue-key.js";

export type VenueAction = "create" | "update" | "unchanged";

export interface VenuePlanItem {
  key: string;
  /**
   * "create" means no loaded Venue has the key: the executor still looks the key up first (the venue
   * may belong to another run), then creates. "update" writes only `changedFields`.
   */
  action: VenueAction;
  fields: VenueFields;
  existingId?: string;
  changedFields?: Array<keyof VenueFields>;
}

export interface KnownVenue {
  record: VenueRecord;
  key: string;
  /** The stored key is missing or of an older version: write the current one back. */
  keyNeedsBackfill: boolean;
}

function keyOfRecord(record: VenueRecord): { key: string; keyNeedsBackfill: boolean } | undefined {
  const stored = record.venueKey.trim();
  if (stored.startsWith(`${VENUE_KEY_VERSION}:`)) return { key: stored, keyNeedsBackfill: false };
  try {
    // A legacy record (the original service stored no key): its tidy texts give the same key.
    return { key: venueKey(record), keyNeedsBackfill: true };
  } catch {
    return undefined; // garbage postal code in a hand-made record: it cannot match any SSG venue
  }
}

/**
 * Loaded venues by key. Where several records share a key (legacy duplicates), the one whose stored
 * key is current wins, then the smallest id: any fixed rule works, it only has to be the same each time.
 */
export function indexVenuesByKey(venues: readonly VenueRecord[]): Map<string, KnownVenue> {
  const index = new Map<string, KnownVenue>();
  for (const record of sortByText(venues, (v) => v.id)) {
    const keyed = keyOfRecord(record);
    if (keyed === undefined) continue;
    const current = index.get(keyed.key);
    if (current === undefined || (current.keyNeedsBackfill && !keyed.keyNeedsBackfill)) {
      index.set(keyed.key, { record, ...keyed });
    }
  }
  return index;
}

function venueItem(key: string, fields: VenueFields, known: KnownVenue | undefined): VenuePlanItem {
  if (known === undefined) return { key, action: "create", fields };
  const changedFields: Array<keyof VenueFields> = [];
  if (known.keyNeedsBackfill) changedFields.push("venueKey");
  if (known.record.wheelchairAccess !== fields.wheelchairAccess) changedFields.push("wheelchairAccess");
  // Display texts are not compared: they are one spelling of the same key, and rewriting them
  // whenever another session spells the place differently would flip-flop.
  return changedFields.length === 0
    ? { key, action: "unchanged", fields, existingId: known.record.id }
    : { key, action: "update", fields, existingId: known.record.id, changedFields };
}

/**
 * One item per key used by the sessions to write (sessions SSG deleted need no venue). When several
 * sessions share a key, the one with the smallest SSG id supplies the display texts and wheelchair flag.
 */
export function planVenues(sessions: readonly MappedSession[], known: ReadonlyMap<string, KnownVenue>): VenuePlanItem[] {
  const chosen = new Map<string, VenueFields>();
  for (const session of sortByText(sessions, (s) => s.ssgSessionId)) {
    if (session.venueKey === null || session.venue === null || session.session.deleted) continue;
    if (!chosen.has(session.venueKey)) chosen.set(session.venueKey, session.venue);
  }
  return [...chosen.entries()].sort(([a], [b]) => compareText(a, b)).map(([key, fields]) => venueItem(key, fields, known.get(key)));
}
