// Round trip of SSG payload encryption for any text and key (the openssl cross-check is in
// test/contract/ssg-encryption.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decryptFromSsg, encryptForSsg, ssgKeyFromBase64 } from "../../../shared/systems/ssg/index.js";

void describe("SSG payload encryption round trip", () => {
  void it("decrypts what it encrypted, for any text and key; ciphertext is whole blocks of base64", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (text, bytes) => {
        const key = ssgKeyFromBase64(Buffer.from(bytes).toString("base64"));
        const sealed = encryptForSsg(text, key);
        assert.equal(Buffer.from(sealed, "base64").length % 16, 0);
        assert.equal(decryptFromSsg(sealed, key), text);
      }),
      { numRuns: 200 },
    );
  });
});
