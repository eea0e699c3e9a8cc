// The canonical venue key: one key per place however SSG spells it, and never one key for two places.
//
// Format: "v1:" + SHA-256 (hex) of the JSON array of the canonical parts in VENUE_KEY_PARTS order.
// - Each part is folded (shared/sync/text.ts: trimmed, whitespace collapsed, NFKC, case-folded).
// - The postal code is six digits: a five-digit value lost its leading zero (18956 → "018956");
//   anything else that is not empty is refused rather than guessed at.
// - JSON keeps the parts apart (the original service concatenated them, so "1"+"23" met "12"+"3");
//   hashing gives a fixed 67-character key that fits a TadaBase text field and a filter value.
// - Street words that Singapore addresses abbreviate are written out ("Ave"/"Ave." → "avenue",
//   "St" → "street", ...) as whole words only, and block, floor and unit numbers lose leading zeros
//   ("03" → "3", "012A" → "12a"): hand-typed SSG venues differ in exactly these ways.
// - Nothing else is guessed: "Blk 1" and "1" are different keys. Predictable beats clever here.
// - Wheelchair access is an attribute of a place, not part of its identity, so it is not in the key.
// A change of any rule above must bump the version prefix.
import { createHash } from "node:crypto";
import { InvalidInput } from "../errors.js";
import { foldText } from "./text.js";

export const VENUE_KEY_VERSION = "v2";

/** The parts that identify a place, in key order. */
export const VENUE_KEY_PARTS = ["block", "street", "floor", "unit", "building", "postalCode", "room"] as const;
export type VenueKeyPart = (typeof VENUE_KEY_PARTS)[number];
export type VenueKeyInput = Partial<Record<VenueKeyPart, string | number | null | undefined>>;

const POSTAL_CODE = /^\d{5,6}$/;

/** "" when absent, six digits otherwise; throws InvalidInput on anything else. */
export function canonicalPostalCode(value: string | number | null | undefined): string {
  const folded = typeof value === "number" ? (Number.isInteger(value) && value >= 0 ? String(value) : "?") : foldText(value);
  if (folded === "") return "";
  if (!POSTAL_CODE.test(folded)) {
    throw new InvalidInput(`postal code ${JSON.stringify(String(value))} is not a six-digit code`, [
      { path: "venue.postalCode", message: "expected six digits" },
    ]);
  }
  return folded.padStart(6, "0");
}

// Singapore street-name abbreviations (as the postal service and SLA write them), whole words only.
const STREET_WORDS: Readonly<Record<string, string>> = {
  ave: "avenue",
  st: "street",
  rd: "road",
  dr: "drive",
  cres: "crescent",
  cl: "close",
  pl: "place",
  ter: "terrace",
  blvd: "boulevard",
  ctrl: "central",
  lor: "lorong",
  jln: "jalan",
  upp: "upper",
  bt: "bukit",
  tg: "tanjong",
  nth: "north",
  sth: "south",
  pk: "park",
  hts: "heights",
  ind: "industrial",
};

function canonicalStreet(value: VenueKeyInput["street"]): string {
  return foldText(value)
    .split(" ")
    .map((word) => {
      const bare = word.replace(/\.$/, "");
      return STREET_WORDS[bare] ?? bare;
    })
    .join(" ");
}

/** "03" → "3", "012a" → "12a", "b1" stays: only a leading run of zeros before a digit goes. */
function canonicalNumber(value: VenueKeyInput["floor"]): string {
  return foldText(value).replace(/^#/, "").replace(/^0+(?=\d)/, "");
}

/** The folded parts in VENUE_KEY_PARTS order (what the key hashes). */
export function canonicalVenueParts(venue: VenueKeyInput): string[] {
  return VENUE_KEY_PARTS.map((part) => {
    switch (part) {
      case "postalCode":
        return canonicalPostalCode(venue.postalCode);
      case "street":
        return canonicalStreet(venue.street);
      case "block":
      case "floor":
      case "unit":
        return canonicalNumber(venue[part]);
      default:
        return foldText(venue[part]);
    }
  });
}

/** True when no identifying part has any text: the session has no place, so no Venue record. */
export function isBlankVenue(venue: VenueKeyInput | null | undefined): boolean {
  return venue === null || venue === undefined || VENUE_KEY_PARTS.every((part) => foldText(venue[part]) === "");
}

/** The key of a canonical parts list (exported for tests and diagnostics). */
export function venueKeyOfParts(parts: readonly string[]): string {
  return `${VENUE_KEY_VERSION}:${createHash("sha256").update(JSON.stringify(parts), "utf8").digest("hex")}`;
}

/** The canonical key of a venue; throws InvalidInput when its postal code is garbage. */
export function venueKey(venue: VenueKeyInput): string {
  return venueKeyOfParts(canonicalVenueParts(venue));
}
