// TadaBase reports failures in its body as `{type:"error", msg, errors}`, sometimes (unverified) on
// an HTTP 2xx. These two hooks let shared/http classify such answers like the failures they are.
import { errorAnswerSchema } from "./wire.js";

/** The status a TadaBase answer really means: a 2xx carrying `type:"error"` is a failure. */
export function tadaBaseEffectiveStatus(status: number, data: unknown): number {
  if (status >= 400) return status;
  const error = errorAnswerSchema.safeParse(data);
  if (!error.success) return status;
  const inner = error.data.status;
  // No usable status inside: a refusal (not retried) is the cautious reading.
  return inner !== undefined && inner >= 400 && inner <= 599 ? inner : 400;
}

/** The readable reason of a TadaBase refusal: its `msg` as the code, field errors in the detail. */
export function describeTadaBaseRejection(status: number, data: unknown): { detail: string; code?: string } {
  const error = errorAnswerSchema.safeParse(data);
  if (!error.success) return { detail: `HTTP ${status}` };
  const { msg, errors } = error.data;
  const fieldErrors = Object.entries(errors ?? {}).map(([slug, messages]) => `${slug}: ${([] as string[]).concat(messages).join(" ")}`);
  const detail = [msg ?? `HTTP ${status}`, ...fieldErrors].join("; ");
  return msg === undefined ? { detail } : { detail, code: msg };
}

/** Field errors of a 422, by slug, if the body has them. */
export function fieldErrorsOf(data: unknown): Record<string, string[]> {
  const error = errorAnswerSchema.safeParse(data);
  if (!error.success) return {};
  return Object.fromEntries(Object.entries(error.data.errors ?? {}).map(([slug, m]) => [slug, ([] as string[]).concat(m)]));
}
