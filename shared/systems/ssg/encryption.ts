// SSG's payload encryption for the endpoints that use it (attendance, enrolment, assessment):
// AES-256-CBC with PKCS7 padding, the app's 32-byte key (base64) and a fixed IV, the ASCII bytes of
// "SSGAPIInitVector". The body on the wire is the base64 ciphertext.
import { createCipheriv, createDecipheriv } from "node:crypto";
import { ConfigurationError } from "../../errors.js";

const ALGORITHM = "aes-256-cbc";
/** Fixed by SSG for every app; 16 ASCII bytes = one AES block. */
export const SSG_IV = Buffer.from("SSGAPIInitVector", "ascii");

/** Decodes the app's key; refuses anything that is not 32 bytes of base64 (the message never shows it). */
export function ssgKeyFromBase64(keyBase64: string): Buffer {
  const trimmed = keyBase64.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, "base64") : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new ConfigurationError(`secret "ssg-encryption-key" must be 32 bytes in base64 (got ${key.length} bytes after decoding)`);
  }
  return key;
}

/** Plaintext (usually JSON) → base64 ciphertext, as SSG expects the request body. */
export function encryptForSsg(plaintext: string, key: Buffer): string {
  const cipher = createCipheriv(ALGORITHM, key, SSG_IV);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

/** Base64 ciphertext from SSG → plaintext. Throws (node's own error) when it does not decrypt. */
export function decryptFromSsg(ciphertextBase64: string, key: Buffer): string {
  const decipher = createDecipheriv(ALGORITHM, key, SSG_IV);
  const bytes = Buffer.from(ciphertextBase64.trim(), "base64");
  return Buffer.concat([decipher.update(bytes), decipher.final()]).toString("utf8");
}
