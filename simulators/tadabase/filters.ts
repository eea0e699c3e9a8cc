// TadaBase's record filters: filters[items][i][field_id|operator|val] and filters[condition].
// Like the real API, anything it does not understand (a misspelt key, an unknown field id or
// operator) is dropped without a word, so a typo returns every record.
import type { StoredValue } from "./values.js";
import { isBlank } from "./values.js";

export const OPERATORS = ["is", "is not", "contains", "higher than", "lower than", "is after", "is before", "is blank", "is not blank"] as const;
export type Operator = (typeof OPERATORS)[number];

export interface FilterItem {
  fieldId: string;
  operator: Operator;
  val: string;
}

export interface Filter {
  items: FilterItem[];
  condition: "AND" | "OR";
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

/** The filter from a qs-parsed query; only items naming a known field and operator survive. */
export function parseFilter(query: Record<string, unknown>, knownFields: ReadonlySet<string>): Filter {
  const filters = query.filters;
  if (!isRecord(filters)) return { items: [], condition: "AND" };
  const rawItems = Array.isArray(filters.items) ? (filters.items as unknown[]) : isRecord(filters.items) ? Object.values(filters.items) : [];
  const items: FilterItem[] = [];
  for (const raw of rawItems) {
    if (!isRecord(raw)) continue;
    const { field_id: fieldId, operator, val } = raw;
    if (typeof fieldId !== "string" || !knownFields.has(fieldId)) continue;
    if (typeof operator !== "string" || !(OPERATORS as readonly string[]).includes(operator.toLowerCase())) continue;
    items.push({ fieldId, operator: operator.toLowerCase() as Operator, val: typeof val === "string" ? val : "" });
  }
  const condition = typeof filters.condition === "string" && filters.condition.toUpperCase() === "OR" ? "OR" : "AND";
  return { items, condition };
}

function texts(value: StoredValue | undefined): string[] {
  if (value === undefined) return [""];
  if (Array.isArray(value)) return value.map((v) => v.toLowerCase());
  if (typeof value === "object") return [Object.values(value).join(" ").toLowerCase()];
  return [value.toLowerCase()];
}

function matches(item: FilterItem, value: StoredValue | undefined): boolean {
  const want = item.val.toLowerCase();
  const have = texts(value);
  switch (item.operator) {
    case "is":
      return have.includes(want);
    case "is not":
      return !have.includes(want);
    case "contains":
      return have.some((h) => h.includes(want));
    case "higher than":
      return have.some((h) => h !== "" && Number(h) > Number(want));
    case "lower than":
      return have.some((h) => h !== "" && Number(h) < Number(want));
    // Dates (YYYY-MM-DD) and times (HH:MM:SS) are stored in forms that sort as text.
    case "is after":
      return have.some((h) => h !== "" && h > want);
    case "is before":
      return have.some((h) => h !== "" && h < want);
    case "is blank":
      return isBlank(value);
    case "is not blank":
      return !isBlank(value);
  }
}

export function applyFilter(filter: Filter, values: Record<string, StoredValue>): boolean {
  if (filter.items.length === 0) return true;
  const results = filter.items.map((item) => matches(item, values[item.fieldId]));
  return filter.condition === "OR" ? results.some(Boolean) : results.every(Boolean);
}
