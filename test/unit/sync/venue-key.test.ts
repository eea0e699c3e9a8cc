// The canonical venue key: the same place is one key however it is spelled; different places never share one.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { InvalidInput } from "../../../shared/errors.js";
import {
  canonicalPostalCode,
  canonicalVenueParts,
  isBlankVenue,
  VENUE_KEY_PARTS,
  venueKey,
  venueKeyOfParts,
  type VenueKeyInput,
} from "../../../shared/sync/venue-key.js";
import { foldText, tidyText } from "../../../shared/sync/text.js";
import { venueA } from "./builders.js";

void test("one place spelled differently gets one key", () => {
  const spellings: VenueKeyInput[] = [
    venueA,
    { ...venueA, street: "  street   abc ", building: "BUILDING\tABC\n" },
    { ...venueA, block: "112a", room: " 24 " },
    { ...venueA, street: "Street\u00a0ABC", building: "Building\u200b ABC" }, // no-break and zero-width space
    { ...venueA, street: "Ｓｔｒｅｅｔ ＡＢＣ" }, // full-width letters (NFKC)
    { ...venueA, floor: 15 },
  ];
  const keys = new Set(spellings.map(venueKey));
  assert.equal(keys.size, 1);
  assert.match([...keys][0] ?? "", /^v2:[0-9a-f]{64}$/);
});

void test("a postal code that lost its leading zero is the same code", () => {
  const asNumber = venueKey({ ...venueA, postalCode: 18956 });
  assert.equal(venueKey({ ...venueA, postalCode: "018956" }), asNumber);
  assert.equal(venueKey({ ...venueA, postalCode: " 018956 " }), asNumber);
  assert.equal(venueKey({ ...venueA, postalCode: "18956" }), asNumber);
  assert.equal(canonicalPostalCode(18956), "018956");
  assert.equal(canonicalPostalCode("０１８９５６"), "018956"); // full-width digits
  assert.equal(canonicalPostalCode(null), "");
  assert.equal(canonicalPostalCode("  "), "");
});

void test("a postal code that is not five or six digits is refused, not guessed at", () => {
  for (const garbage of ["S018956", "01 8956", "1234", "1234567", "abc", -18956, 18956.5, 1234567]) {
    assert.throws(() => canonicalPostalCode(garbage), InvalidInput, String(garbage));
    assert.throws(() => venueKey({ ...venueA, postalCode: garbage }), InvalidInput, String(garbage));
  }
});

void test("places whose naive concatenations collide get different keys", () => {
  const a = { ...venueA, block: "1", street: "23 Main St" };
  const b = { ...venueA, block: "12", street: "3 Main St" };
  const concat = (v: VenueKeyInput) => VENUE_KEY_PARTS.map((p) => String(v[p] ?? "")).join("");
  assert.equal(concat(a), concat(b)); // the original service's key would merge these
  assert.notEqual(venueKey(a), venueKey(b));
  // An empty part moving between neighbours is a different place too.
  assert.notEqual(venueKey({ ...venueA, floor: "", unit: "15" }), venueKey({ ...venueA, floor: "15", unit: "" }));
});

void test("abbreviations are not expanded: Blk 1 is not 1", () => {
  assert.notEqual(venueKey({ ...venueA, block: "Blk 1" }), venueKey({ ...venueA, block: "1" }));
});

void test("case folding covers more than lower-casing", () => {
  assert.equal(foldText("STRASSE"), foldText("straße"));
  assert.equal(foldText("ΟΔΟΣ"), foldText("οδος"));
  assert.equal(tidyText("  Main \t St  "), "Main St");
});

void test("a venue with no identifying text is blank", () => {
  assert.ok(isBlankVenue(null));
  assert.ok(isBlankVenue({ room: "  ", postalCode: null }));
  assert.ok(!isBlankVenue({ room: "1" }));
});

// Noise that must not change a part's key: case flips and extra whitespace anywhere.
const partText = fc.string({ unit: fc.constantFrom("a", "B", "1", "-", "#", "é", "ß", " ", "x"), maxLength: 8 });
const whitespace = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "\u3000");

function noisy(text: string, flips: boolean[], pad: string): string {
  const spaced = text.split(" ").join(pad);
  const cased = [...spaced].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c)).join("");
  return `${pad}${cased}${pad}`;
}

const tuple = fc.record({
  block: partText,
  street: partText,
  floor: partText,
  unit: partText,
  building: partText,
  postalCode: fc.oneof(fc.constant(""), fc.integer({ min: 10000, max: 999999 }).map((n) => String(n).padStart(6, "0"))),
  room: partText,
});

void test("property: the key is stable under whitespace and case noise", () => {
  fc.assert(
    fc.property(tuple, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), whitespace, (venue, flips, pad) => {
      const noisyVenue = {
        ...venue,
        street: noisy(venue.street, flips, pad),
        building: noisy(venue.building, flips, pad),
        room: noisy(venue.room, flips, pad),
        postalCode: venue.postalCode === "" ? pad : `${pad}${venue.postalCode}`,
      };
      assert.equal(venueKey(noisyVenue), venueKey(venue));
    }),
  );
});

void test("property: distinct canonical tuples never share a key", () => {
  fc.assert(
    fc.property(tuple, tuple, (a, b) => {
      const same = JSON.stringify(canonicalVenueParts(a)) === JSON.stringify(canonicalVenueParts(b));
      assert.equal(venueKey(a) === venueKey(b), same);
    }),
  );
  // The encoding before hashing is injective on tuples: parts survive a round trip exactly.
  fc.assert(
    fc.property(fc.array(fc.string(), { minLength: 7, maxLength: 7 }), fc.array(fc.string(), { minLength: 7, maxLength: 7 }), (a, b) => {
      const equalTuples = a.every((part, i) => part === b[i]);
      assert.equal(venueKeyOfParts(a) === venueKeyOfParts(b), equalTuples);
    }),
  );
});

void test("property: folding is idempotent", () => {
  fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => assert.equal(foldText(foldText(s)), foldText(s))));
});

void test("street abbreviations and zero-padded numbers name the same place", () => {
  const typed = { block: "112A", street: "Ang Mo Kio Avenue 3", floor: "03", unit: "012", building: "Northpoint Learning Hub", postalCode: "560112", room: "Room 3A" };
  const retyped = { block: "112a", street: "ANG MO KIO AVE. 3 ", floor: "3", unit: "12", building: "Northpoint  Learning Hub", postalCode: 560112, room: "room 3a" };
  assert.equal(venueKey(typed), venueKey(retyped));
  assert.equal(venueKey({ ...typed, street: "Tampines St 92" }), venueKey({ ...typed, street: "Tampines Street 92" }));
  assert.equal(venueKey({ ...typed, street: "Jurong Town Hall Rd" }), venueKey({ ...typed, street: "Jurong Town Hall Road" }));
});

void test("abbreviations expand as whole words only, and different numbers stay apart", () => {
  const base = { block: "1", street: "Stadium Drive", floor: "10", unit: "1", building: "", postalCode: "", room: "" };
  assert.notEqual(venueKey(base), venueKey({ ...base, street: "Streetadium Drive" }));
  assert.notEqual(venueKey(base), venueKey({ ...base, floor: "1" }), "floor 10 is not floor 1");
  assert.notEqual(venueKey({ ...base, unit: "B1" }), venueKey({ ...base, unit: "1" }));
});
