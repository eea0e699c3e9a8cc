// zod at the edge: an answer that does not match TadaBase's documented shape is an InvalidResponse.
import type { z } from "zod";
import { InvalidResponse } from "../../errors.js";

export function parseAnswer<T extends z.ZodType>(schema: T, data: unknown, route: string): z.output<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
  throw new InvalidResponse("tadabase", route, issues);
}
