// SSG payload encryption checked against an independent implementation: the openssl CLI, on a
// known plaintext, both directions.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { ConfigurationError } from "../../shared/errors.js";
import { SSG_IV, decryptFromSsg, encryptForSsg, ssgKeyFromBase64 } from "../../shared/systems/ssg/index.js";

// A throwaway key made for this test (32 bytes), never a real one.
const KEY_BASE64 = Buffer.from("0123456789abcdef0123456789ABCDEF", "ascii").toString("base64");
const PLAINTEXT = JSON.stringify({
  uen: "T16LL0001A",
  course: { sessionID: "TGS-2020000703-224596-S1", referenceNumber: "TGS-2020000703", attendance: { status: { code: "1" } } },
  note: "multi-block text with ünïcödé, so padding and UTF-8 both matter",
});

function openssl(args: string[], input: string): string {
  const key = ssgKeyFromBase64(KEY_BASE64).toString("hex");
  const iv = SSG_IV.toString("hex");
  return execFileSync("openssl", ["enc", "-aes-256-cbc", "-K", key, "-iv", iv, "-base64", "-A", ...args], { input, encoding: "utf8" }).trim();
}

void describe("SSG payload encryption", () => {
  void it("uses the ASCII bytes of SSGAPIInitVector as IV", () => {
    assert.equal(SSG_IV.toString("hex"), "535347415049496e6974566563746f72");
    assert.equal(SSG_IV.length, 16);
  });

  void it("encrypts exactly as openssl does", () => {
    const ours = encryptForSsg(PLAINTEXT, ssgKeyFromBase64(KEY_BASE64));
    assert.equal(ours, openssl([], PLAINTEXT));
  });

  void it("decrypts what openssl encrypted", () => {
    const theirs = openssl([], PLAINTEXT);
    assert.equal(decryptFromSsg(theirs, ssgKeyFromBase64(KEY_BASE64)), PLAINTEXT);
  });

  void it("produces ciphertext openssl decrypts, including a block-aligned plaintext (full padding block)", () => {
    for (const text of [PLAINTEXT, "x".repeat(32), ""]) {
      const ours = encryptForSsg(text, ssgKeyFromBase64(KEY_BASE64));
      assert.equal(openssl(["-d"], `${ours}\n`), text);
    }
  });

  void it("refuses a key that is not 32 bytes of base64, without echoing it", () => {
    for (const bad of ["c2hvcnQ=", "not base64 at all!", Buffer.alloc(33).toString("base64")]) {
      assert.throws(
        () => ssgKeyFromBase64(bad),
        (e: unknown) => e instanceof ConfigurationError && !e.message.includes(bad),
      );
    }
  });

  void it("fails to decrypt under another key", () => {
    const ours = encryptForSsg(PLAINTEXT, ssgKeyFromBase64(KEY_BASE64));
    const other = ssgKeyFromBase64(Buffer.alloc(32, 7).toString("base64"));
    assert.throws(() => decryptFromSsg(ours, other));
  });
});
