// Mutual TLS for SSG certificate apps: the client certificate and its private key come from the
// secret ssg-client-certificate, as Key Vault exports a certificate: PEM (key + chain) or base64
// PKCS#12. Checked once here so a bad secret fails with a clear message, not a TLS handshake error.
import { X509Certificate, createPrivateKey } from "node:crypto";
import { Agent } from "node:https";
import { ConfigurationError } from "../../errors.js";

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PRIVATE_KEY = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

function invalid(reason: string): ConfigurationError {
  return new ConfigurationError(`secret "ssg-client-certificate" ${reason}`);
}

/** The TLS options an https.Agent needs to present the SSG client certificate. */
export function clientCertificateOptions(secret: string): { cert: string; key: string } | { pfx: Buffer } {
  if (!secret.includes("-----BEGIN")) {
    const pfx = Buffer.from(secret.trim(), "base64");
    if (pfx.length === 0) throw invalid("is neither PEM nor base64 PKCS#12");
    return { pfx };
  }
  const certs = secret.match(CERTIFICATE) ?? [];
  const key = PRIVATE_KEY.exec(secret)?.[0];
  if (certs.length === 0 || key === undefined) throw invalid("must hold the client certificate and its private key in PEM");
  try {
    const leaf = new X509Certificate(certs[0] ?? "");
    if (!leaf.checkPrivateKey(createPrivateKey(key))) throw invalid("holds a private key that does not match its certificate");
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw invalid("holds a certificate or key that cannot be read");
  }
  return { cert: certs.join("\n"), key };
}

/** One keep-alive agent per client: TLS sessions are reused across calls. */
export function createMtlsAgent(secret: string, ca?: string): Agent {
  return new Agent({ ...clientCertificateOptions(secret), ...(ca ? { ca } : {}), keepAlive: true });
}
