// Every SSG answer passes through zod here; a shape we do not expect becomes InvalidResponse naming
// the paths that failed (never the values, which may be personal data).
import type { z } from "zod";
import { InvalidResponse } from "../../errors.js";
import { redact } from "../../redact.js";

const MAX_ISSUES = 5;

export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, MAX_ISSUES).map((i) => `${i.path.length > 0 ? i.path.join(".") : "(body)"}: ${i.message}`);
  const more = error.issues.length > MAX_ISSUES ? `; and ${error.issues.length - MAX_ISSUES} more` : "";
  return redact(`${lines.join("; ")}${more}`);
}

export function parseWith<T extends z.ZodType>(schema: T, route: string, data: unknown): z.output<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new InvalidResponse("ssg", route, describeIssues(parsed.error));
  return parsed.data;
}
