// Field values in and out, by field type: what TadaBase stores, what it reads back, what it refuses.
import type { FieldType } from "./schema.js";

export type StoredValue = string | string[] | Record<string, string>;

const NAME_PARTS = ["title", "first_name", "middle_name", "last_name"] as const;

export function emptyValue(type: FieldType): StoredValue {
  if (type === "Connection") return [];
  if (type === "Name") return {};
  return "";
}

function scalar(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return undefined;
}

/**
 * A written value converted to what is stored, or an error message (answered as 422).
 * `exists` says whether a record id exists in the connected table.
 */
export function acceptValue(type: FieldType, raw: unknown, exists: (id: string) => boolean): { value: StoredValue } | { error: string } {
  switch (type) {
    case "Connection": {
      const ids = Array.isArray(raw) ? raw : raw === "" || raw === null || raw === undefined ? [] : [raw];
      if (!ids.every((id): id is string => typeof id === "string")) return { error: "Connection values are record ids." };
      const missing = ids.filter((id) => !exists(id));
      if (missing.length > 0) return { error: `Connected record not found: ${missing.join(", ")}.` };
      return { value: [...new Set(ids)] };
    }
    case "Name": {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { error: "A Name value has parts (first_name, last_name...)." };
      const out: Record<string, string> = {};
      for (const [part, v] of Object.entries(raw)) {
        const s = scalar(v);
        if ((NAME_PARTS as readonly string[]).includes(part) && s !== undefined) out[part] = s;
      }
      return { value: out };
    }
    default: {
      const s = scalar(raw);
      if (s === undefined) return { error: "The value must be text." };
      if (s === "") return { value: "" };
      if (type === "Number" && !Number.isFinite(Number(s))) return { error: "The value must be a number." };
      if (type === "Date" && (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)))) {
        return { error: "The value must be a valid date (YYYY-MM-DD)." };
      }
      if (type === "Time") {
        const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(s);
        if (m === null) return { error: "The value must be a valid time (HH:MM:SS)." };
        return { value: `${m[1]}:${m[2]}:${m[3] ?? "00"}` };
      }
      return { value: s };
    }
  }
}

export function isBlank(value: StoredValue | undefined): boolean {
  if (value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every((v) => v === "");
  return false;
}
