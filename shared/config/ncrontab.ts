// Shape check for NCRONTAB expressions (the six-field cron of Azure Functions timer triggers:
// second minute hour day month day-of-week). Catches the common mistakes (five fields, a value out
// of range, a stray character) at start-up instead of at the first missed run.

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const FIELDS: readonly FieldRule[] = [
  { name: "second", min: 0, max: 59 },
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 0, max: 6, names: DAYS },
];

function valueOk(text: string, rule: FieldRule): boolean {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= rule.min && n <= rule.max;
  }
  return rule.names?.includes(text.toUpperCase()) ?? false;
}

function itemOk(item: string, rule: FieldRule): boolean {
  const [range, step, ...rest] = item.split("/");
  if (range === undefined || rest.length > 0) return false;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return false;
  if (range === "*") return true;
  const bounds = range.split("-");
  if (bounds.length > 2) return false;
  return bounds.every((b) => valueOk(b, rule));
}

/** Returns why `expression` is not a valid NCRONTAB expression, or undefined when it is. */
export function ncrontabProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    return `expected 6 fields (second minute hour day month day-of-week), got ${fields.length}`;
  }
  for (const [i, rule] of FIELDS.entries()) {
    const field = fields[i] ?? "";
    if (!field.split(",").every((item) => itemOk(item, rule))) {
      return `${rule.name} field "${field}" is not valid (${rule.min}-${rule.max}${rule.names ? " or names" : ""}, *, ranges, lists, /steps)`;
    }
  }
  return undefined;
}
