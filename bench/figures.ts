// A bench figure with its goal, and the one table `npm run bench` prints.
export interface Figure {
  section: string;
  name: string;
  value: number | null;
  unit: string;
  /** "≥ 250", "≤ 5", "= 0"; absent = reported for context, no goal. */
  goal?: { op: ">=" | "<=" | "="; target: number };
  note?: string;
}

export type Verdict = "pass" | "FAIL" | "-";

export function verdict(figure: Figure): Verdict {
  if (figure.goal === undefined) return "-";
  if (figure.value === null) return "FAIL";
  const { op, target } = figure.goal;
  const ok = op === ">=" ? figure.value >= target : op === "<=" ? figure.value <= target : figure.value === target;
  return ok ? "pass" : "FAIL";
}

const OP_TEXT = { ">=": "≥", "<=": "≤", "=": "=" } as const;

function show(value: number | null, unit: string): string {
  if (value === null) return "n/a";
  const text = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return unit === "" ? text : `${text} ${unit}`;
}

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    show(f.value, f.unit),
    f.goal ? `${OP_TEXT[f.goal.op]} ${show(f.goal.target, f.unit)}` : "",
    verdict(f),
    f.note ?? "",
  ]);
  const header = ["bench", "figure", "value", "goal", "result", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
