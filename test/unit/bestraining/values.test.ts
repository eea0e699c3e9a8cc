// TadaBase value encoding by field type, for the types the simulator does not model (yes/no,
// date-time, number) as well as the ones it does.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidInput } from "../../../shared/errors.js";
import { encodeFilterValue, encodeValue, readBoolean, readIds, readText } from "../../../shared/systems/bestraining/values.js";

const f = (type: string) => ({ slug: "field_9", name: "F", type });

describe("encodeValue", () => {
  it("yes/no fields take 1|0; Text fields keep the original service's True|False", () => {
    assert.equal(encodeValue(f("Decision Box"), true), "1");
    assert.equal(encodeValue(f("Yes/No"), false), "0");
    assert.equal(encodeValue(f("Decision Box"), "yes"), "1");
    assert.equal(encodeValue(f("Text"), true), "True");
    assert.throws(() => encodeValue(f("Date"), true), InvalidInput);
  });

  it("dates, times and date-times in TadaBase's forms", () => {
    const d = new Date(Date.UTC(2026, 11, 4, 8, 5, 9));
    assert.equal(encodeValue(f("Date"), d), "2026-12-04");
    assert.equal(encodeValue(f("Time"), d), "08:05:09");
    assert.equal(encodeValue(f("Date/Time"), d), "2026-12-04 08:05:09");
    assert.equal(encodeValue(f("Time"), "08:05"), "08:05:00");
  });

  it("refuses what TadaBase would refuse or misread", () => {
    assert.throws(() => encodeValue(f("Date"), "2026-13-45"), InvalidInput);
    assert.throws(() => encodeValue(f("Time"), "25:00"), InvalidInput);
    assert.throws(() => encodeValue(f("Number"), "twelve"), InvalidInput);
    assert.throws(() => encodeValue(f("Text"), ["a"]), InvalidInput);
    assert.throws(() => encodeValue(f("Connection"), [""]), InvalidInput);
  });

  it("connections are lists of ids; null clears", () => {
    assert.deepEqual(encodeValue(f("Connection"), "AbC1234567"), ["AbC1234567"]);
    assert.deepEqual(encodeValue(f("Connection"), null), []);
    assert.equal(encodeValue(f("Text"), null), "");
  });

  it("compound fields pass their parts", () => {
    assert.deepEqual(encodeValue(f("Name"), { first_name: "Ada" }), { first_name: "Ada" });
  });
});

describe("encodeFilterValue", () => {
  it("uses the field's form; a connection is filtered by record id", () => {
    assert.equal(encodeFilterValue(f("Date"), new Date(Date.UTC(2026, 0, 2))), "2026-01-02");
    assert.equal(encodeFilterValue(f("Decision Box"), true), "1");
    assert.equal(encodeFilterValue(f("Connection"), "AbC1234567"), "AbC1234567");
  });
});

describe("reading back", () => {
  it("booleans from any of TadaBase's spellings", () => {
    for (const yes of ["1", "True", "yes", 1, true]) assert.equal(readBoolean(yes), true);
    for (const no of ["0", "False", "", null, undefined, 0]) assert.equal(readBoolean(no), false);
  });

  it("connection ids from a list, one id, or objects", () => {
    assert.deepEqual(readIds(["a1", "", "b2"]), ["a1", "b2"]);
    assert.deepEqual(readIds("a1"), ["a1"]);
    assert.deepEqual(readIds([{ id: "a1", val: "Room" }]), ["a1"]);
    assert.deepEqual(readIds(null), []);
  });

  it("text from text or numbers, nothing from lists", () => {
    assert.equal(readText(12), "12");
    assert.equal(readText(["x"]), "");
  });
});
