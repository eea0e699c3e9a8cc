// One registry of secret values known to this process. Whatever prints (logs, errors, problem
// bodies) passes through redact(), so a secret fetched from Key Vault can never be echoed back.

const MASK = "[REDACTED]";
const secrets = new Set<string>();
// Values shorter than this would mask ordinary words and numbers; real secrets are longer.
const MIN_SECRET_LENGTH = 6;

/** Header names whose values are always masked, whatever they hold. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-functions-key",
  "x-tadabase-app-id",
  "x-tadabase-app-key",
  "x-tadabase-app-secret",
  "x-bes-signature",
  "x-ms-client-secret",
]);

const SENSITIVE_QUERY = /([?&](?:code|key|token|access_token|client_secret|sig|signature|password)=)[^&#\s"]*/gi;
const BEARER = /(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** For tests only: forget every registered value. */
export function clearRegisteredSecrets(): void {
  secrets.clear();
}

export function redact(text: string): string {
  let out = text.replace(BEARER, (_m, scheme: string) => `${scheme} ${MASK}`).replace(SENSITIVE_QUERY, `$1${MASK}`);
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? MASK : redact(typeof value === "string" ? value : JSON.stringify(value));
  }
  return out;
}
