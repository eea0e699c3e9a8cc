// One place that turns a plain async function into a Durable activity: input parsed with zod (an
// activity may be replayed with old inputs after a deploy), the invocation's logger bound for
// shared code, and a typed caller for orchestrators instead of a bare string name.
import type { InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import type { z } from "zod";
import { InvalidInput } from "../../shared/errors.js";
import { createLogger, withLogger } from "../../shared/logging.js";

export interface TypedActivity<I, O> {
  readonly name: string;
  /** For orchestrators: `const out = (yield activity.call(input)) as ActivityOutput<typeof activity>`. */
  call(input: I): df.Task;
  callWithRetry(input: I, retry: df.RetryOptions): df.Task;
  /** The handler itself, for tests that exercise an activity without a host. */
  run(input: unknown, context: InvocationContext): Promise<O>;
}

export type ActivityOutput<A> = A extends TypedActivity<unknown, infer O> ? O : never;

export function defineActivity<S extends z.ZodType, O>(
  name: string,
  inputSchema: S,
  handler: (input: z.infer<S>, context: InvocationContext) => Promise<O>,
): TypedActivity<z.infer<S>, O> {
  const run = async (raw: unknown, context: InvocationContext): Promise<O> => {
    const parsed = inputSchema.safeParse(raw);
    if (!parsed.success) {
      throw new InvalidInput(`activity ${name}: invalid input`, parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    }
    const logger = createLogger((level, line) => context[level](line));
    return withLogger(logger, () => handler(parsed.data, context));
  };
  const registered = df.app.activity(name, { handler: run });
  return {
    name,
    call: (input) => registered(input),
    callWithRetry: (input, retry) => registered(input).withRetry(retry),
    run,
  };
}
