// A throwaway certificate for loopback HTTPS (Key Vault's client refuses bearer tokens over HTTP).
// Made at start, never written to disk; callers trust it per client through `ca`.
import { generate } from "selfsigned";

export interface LoopbackCertificate {
  key: string;
  cert: string;
}

export async function createLoopbackCertificate(): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
