// Fault rules: what a simulator does instead of (or before) answering normally. One format for the
// TS library and the HTTP admin API (the body of POST /__admin/faults is parsed with this schema).
import { z } from "zod";

export const faultRuleSchema = z
  .object({
    /** HTTP method to match, or "*". */
    method: z.string().default("*"),
    /** Route template as the simulator declares it ("/secrets/{name}"), or "*". */
    route: z.string().default("*"),
    /** Answer with this status instead of the real answer (5xx, 429, 200 with envelopeStatus...). */
    status: z.number().int().min(200).max(599).optional(),
    /** Body for `status`; absent = the simulator's own error body for that status. */
    body: z.unknown().optional(),
    /** Extra headers on a fault answer. */
    headers: z.record(z.string(), z.string()).optional(),
    /** Sets `Retry-After` and `X-Retry-After` (seconds) on the fault answer; 429 defaults to 1. */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    /** SSG only: answer HTTP 200 with this status inside the envelope (e.g. 500). */
    envelopeStatus: z.number().int().min(100).max(599).optional(),
    /** Wait this long first; alone, the request is then answered normally. */
    latencyMs: z.number().int().nonnegative().optional(),
    /** Never answer; the socket stays open until the client gives up (or the simulator stops). */
    hang: z.boolean().optional(),
    /** Destroy the socket without an answer (the client sees ECONNRESET / socket hang up). */
    reset: z.boolean().optional(),
    /** Chance in [0,1] that a matching request gets the fault; default 1. */
    probability: z.number().min(0).max(1).optional(),
    /** Fire this many times, then the rule removes itself; absent = until cleared. */
    count: z.number().int().positive().optional(),
    /** Let this many matching requests through untouched before the rule starts firing. */
    skip: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.status !== undefined ||
      r.envelopeStatus !== undefined ||
      r.latencyMs !== undefined ||
      r.hang === true ||
      r.reset === true,
    { message: "a fault needs one of status, envelopeStatus, latencyMs, hang or reset" },
  );

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRuleSpec = z.output<typeof faultRuleSchema>;

export interface FaultRule extends FaultRuleSpec {
  id: string;
  /** How many times the rule has fired so far. */
  fired: number;
}

export class FaultStore {
  private rules: FaultRule[] = [];
  private nextId = 1;
  private readonly skipped = new Map<string, number>();

  constructor(private readonly random: () => number = Math.random) {}

  /** Validates and adds one rule (throws a ZodError on a malformed rule); returns it with its id. */
  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...faultRuleSchema.parse(input), id: `fault-${this.nextId++}`, fired: 0 };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.skipped.clear();
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first rule that fires for this request (counting it), if any. */
  pick(method: string, template: string | undefined): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.route !== "*" && rule.route !== template) continue;
      const seen = this.skipped.get(rule.id) ?? 0;
      if (seen < (rule.skip ?? 0)) {
        this.skipped.set(rule.id, seen + 1);
        continue;
      }
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.fired += 1;
      if (rule.count !== undefined && rule.fired >= rule.count) this.remove(rule.id);
      return { ...rule };
    }
    return undefined;
  }
}
