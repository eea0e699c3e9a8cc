// SSG payload encryption: AES-256-CBC, PKCS7, the app's 32-byte key (base64), IV "SSGAPIInitVector".
// Written here independently of shared/systems/ssg so the two can check each other.
import { createCipheriv, createDecipheriv } from "node:crypto";

export const SSG_INIT_VECTOR = Buffer.from("SSGAPIInitVector", "ascii");

export function ssgEncrypt(plaintext: string, keyBase64: string): string {
  const cipher = createCipheriv("aes-256-cbc", Buffer.from(keyBase64, "base64"), SSG_INIT_VECTOR);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

/** Throws when the text is not ciphertext under this key. */
export function ssgDecrypt(ciphertextBase64: string, keyBase64: string): string {
  const decipher = createDecipheriv("aes-256-cbc", Buffer.from(keyBase64, "base64"), SSG_INIT_VECTOR);
  return Buffer.concat([decipher.update(Buffer.from(ciphertextBase64.trim(), "base64")), decipher.final()]).toString("utf8");
}
