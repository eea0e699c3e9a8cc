// SSG's envelope rules, without a server: which status an answer really means, how a refusal is
// described, and what a wrong shape becomes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { InvalidResponse } from "../../../shared/errors.js";
import { describeSsgRejection, ssgEffectiveStatus } from "../../../shared/systems/ssg/index.js";
import { parseSsgAnswer } from "../../../shared/systems/ssg/envelope.js";

void describe("ssgEffectiveStatus", () => {
  void it("takes the status inside a 2xx envelope", () => {
    assert.equal(ssgEffectiveStatus(200, { status: 500, data: null }), 500);
    assert.equal(ssgEffectiveStatus(200, { status: "404", data: null }), 404);
    assert.equal(ssgEffectiveStatus(200, { status: 200, data: {} }), 200);
  });

  void it("keeps the HTTP status when it is an error, or when the body says nothing usable", () => {
    assert.equal(ssgEffectiveStatus(503, { status: 200 }), 503);
    assert.equal(ssgEffectiveStatus(200, "ciphertext"), 200);
    assert.equal(ssgEffectiveStatus(200, { status: "ok" }), 200);
    assert.equal(ssgEffectiveStatus(200, { status: 42 }), 200);
    assert.equal(ssgEffectiveStatus(200, [500]), 200);
  });
});

void describe("describeSsgRejection", () => {
  void it("reads SSG's error code, message and field details", () => {
    const body = { status: 400, data: null, error: { code: "400", message: "Invalid request parameters", details: [{ field: "uen", message: "uen is required" }], errorId: "e-1" } };
    assert.deepEqual(describeSsgRejection(400, body), { detail: "Invalid request parameters (uen: uen is required)", code: "400" });
  });

  void it("reads the OAuth server's error, also from JSON text", () => {
    const oauth = { error: "invalid_client", error_description: "Client authentication failed" };
    assert.deepEqual(describeSsgRejection(401, oauth), { detail: "Client authentication failed", code: "invalid_client" });
    assert.deepEqual(describeSsgRejection(401, JSON.stringify(oauth)), { detail: "Client authentication failed", code: "invalid_client" });
  });

  void it("falls back to a gateway message, short text, or the status", () => {
    assert.deepEqual(describeSsgRejection(403, { message: "Forbidden" }), { detail: "Forbidden" });
    assert.deepEqual(describeSsgRejection(502, "Bad gateway"), { detail: "Bad gateway" });
    assert.deepEqual(describeSsgRejection(500, { error: {} }), { detail: "HTTP 500" });
  });
});

void describe("parseSsgAnswer", () => {
  const data = z.object({ sessions: z.array(z.object({ id: z.string() })) });

  void it("returns data from a well-formed envelope", () => {
    assert.deepEqual(parseSsgAnswer("/r", { status: 200, data: { sessions: [{ id: "S1" }] }, meta: {}, error: {} }, data), { sessions: [{ id: "S1" }] });
  });

  void it("turns a wrong shape into InvalidResponse naming paths, not values", () => {
    const secretLooking = "personal-data-value-123";
    assert.throws(
      () => parseSsgAnswer("/r", { status: 200, data: { sessions: [{ id: 7, name: secretLooking }] } }, data),
      (e: unknown) => e instanceof InvalidResponse && e.route === "/r" && e.issues.includes("data.sessions.0.id") && !e.message.includes(secretLooking),
    );
    assert.throws(() => parseSsgAnswer("/r", "not json", data), InvalidResponse);
    assert.throws(() => parseSsgAnswer("/r", { data: { sessions: [] } }, data), InvalidResponse);
  });
});
