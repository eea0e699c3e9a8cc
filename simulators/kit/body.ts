// Request bodies as partners accept them: JSON or form-encoded (with qs bracket keys such as
// field_56[first_name]); anything else stays text (SSG's encrypted payloads are base64 text).
import type { IncomingMessage } from "node:http";
import qs from "qs";

export type ParsedBody =
  | { kind: "empty" }
  | { kind: "json"; value: unknown }
  | { kind: "form"; value: Record<string, unknown> }
  | { kind: "text"; value: string }
  | { kind: "invalid-json"; value: string };

export async function readBody(req: IncomingMessage, limitBytes = 5 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new Error(`request body over ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { kind: "empty" };
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded") {
    return { kind: "form", value: qs.parse(text, { depth: 5, arrayLimit: 1000 }) };
  }
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return { kind: "json", value: JSON.parse(text) as unknown };
    } catch {
      return { kind: "invalid-json", value: text };
    }
  }
  return { kind: "text", value: text };
}

/** Query string with bracket keys expanded (filters[items][0][field_id] → nested objects). */
export function parseQuery(search: string): Record<string, unknown> {
  return qs.parse(search.startsWith("?") ? search.slice(1) : search, { depth: 5, arrayLimit: 1000 });
}
