// How a whole-dataset step (fetch, load, plan, cache) tells the orchestration about a failure. One
// that will pass (5xx, timeout, an open circuit) is thrown, so the engine retries the step; one that
// will not (a refusal, unreadable data) is returned, so the sync fails at once with the reason
// instead of repeating a request the partner will refuse again.
import { describeError } from "../errors.js";

export type StepResult<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

export async function settle<T>(run: () => Promise<T>): Promise<StepResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const { kind, message, transient } = describeError(error);
    if (transient) throw error;
    return { ok: false, error: { kind, message } };
  }
}
