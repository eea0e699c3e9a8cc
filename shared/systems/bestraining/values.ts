// Values in TadaBase's forms, chosen by the field's type as discovered from the fields endpoint:
// dates YYYY-MM-DD, times HH:MM:SS, date-times "YYYY-MM-DD HH:MM:SS", yes/no as 1|0 (but "True" /
// "False" in a Text field, as the original service wrote its booleans), a connection as a list of
// record ids (it reads back as a list whatever was written).
import { InvalidInput } from "../../errors.js";

export type WriteValue = string | number | boolean | Date | null | readonly string[] | Readonly<Record<string, string>>;

export interface FieldInfo {
  slug: string;
  name: string;
  /** TadaBase's field type as the fields endpoint names it ("Text", "Date", "Connection"…). */
  type: string;
}

type Kind = "date" | "time" | "datetime" | "yesno" | "connection" | "number" | "compound" | "text";

export function kindOf(type: string): Kind {
  const t = type.toLowerCase().replace(/[^a-z]/g, "");
  if (t === "date") return "date";
  if (t === "time") return "time";
  if (t === "datetime") return "datetime";
  if (["decisionbox", "yesno", "checkbox", "boolean"].includes(t)) return "yesno";
  if (t === "connection") return "connection";
  if (t === "number" || t === "currency" || t === "rating") return "number";
  if (t === "name" || t === "address" || t === "link") return "compound";
  return "text";
}

const pad = (n: number): string => String(n).padStart(2, "0");
const isoDate = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const isoTime = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

function invalid(field: FieldInfo, expected: string): InvalidInput {
  return new InvalidInput(`BESTraining field "${field.name}" expects ${expected}`, [{ path: field.name, message: `expected ${expected}` }]);
}

function scalarText(field: FieldInfo, value: string | number | boolean | Date): string {
  const kind = kindOf(field.type);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(field, "a valid date");
    if (kind === "date") return isoDate(value);
    if (kind === "time") return isoTime(value);
    if (kind === "datetime") return `${isoDate(value)} ${isoTime(value)}`;
    return value.toISOString();
  }
  if (typeof value === "boolean") {
    if (kind === "text") return value ? "True" : "False";
    if (kind === "yesno" || kind === "number") return value ? "1" : "0";
    throw invalid(field, "no yes/no value");
  }
  const text = String(value).trim();
  if (text === "") return "";
  switch (kind) {
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw invalid(field, "a date as YYYY-MM-DD");
      return text;
    case "time": {
      const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
      if (m === null) throw invalid(field, "a time as HH:MM:SS");
      return `${m[1]}:${m[2]}:${m[3] ?? "00"}`;
    }
    case "datetime":
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text)) throw invalid(field, "a date-time as YYYY-MM-DD HH:MM:SS");
      return text;
    case "number":
      if (!Number.isFinite(Number(text))) throw invalid(field, "a number");
      return text;
    case "yesno":
      return ["1", "true", "yes"].includes(text.toLowerCase()) ? "1" : "0";
    default:
      return text;
  }
}

/** A value as TadaBase expects it in a create or update body. */
export function encodeValue(field: FieldInfo, value: WriteValue): unknown {
  const kind = kindOf(field.type);
  if (kind === "connection") {
    if (value === null || value === "") return [];
    if (typeof value === "string") return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "")) return [...(value as readonly string[])];
    throw invalid(field, "record ids");
  }
  if (value === null) return "";
  if (Array.isArray(value)) throw invalid(field, "one value, not a list");
  if (typeof value === "object" && !(value instanceof Date)) {
    if (kind !== "compound") throw invalid(field, "one value, not parts");
    return { ...value };
  }
  return scalarText(field, value);
}

/** A value as a filter's `val` (always text). */
export function encodeFilterValue(field: FieldInfo, value: string | number | boolean | Date): string {
  // A connection is filtered by a record id, which is plain text.
  if (kindOf(field.type) === "connection") return String(value);
  return scalarText(field, value);
}

// Reading back: TadaBase's values are text, lists (connections) or objects (compound fields).

export function readText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

export function readBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  return typeof value === "string" && ["1", "true", "yes", "y", "on"].includes(value.trim().toLowerCase());
}

/** Record ids of a connection field: a list (TadaBase's read form), one id, or `[{id}]`. */
export function readIds(value: unknown): string[] {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items
    .map((item) => (typeof item === "object" && item !== null && "id" in item ? (item).id : item))
    .filter((id): id is string => typeof id === "string" && id.trim() !== "")
    .map((id) => id.trim());
}
