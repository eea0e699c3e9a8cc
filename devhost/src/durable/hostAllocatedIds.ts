// Task ids the SDK allocates on its own while it processes certain events (a retryable task's
// failure or retry timer, a callHttp 202): the host must allocate the same ids, in the same order.
import type { DurableEngine } from "./engine.js";
import { events } from "./events.js";
import { addTimer, childInstanceId, failureMessage, scheduleActivity, scheduleChild, scheduleHttp } from "./episodeWork.js";
import type { Work } from "./episodeWork.js";
import { HTTP_ACTIVITY, pollAfter } from "./httpCall.js";
import { EventType } from "./model.js";
import type { HistoryEvent, RetryState } from "./model.js";
import { attemptsExhausted, retryDelayMs, retryTimedOut } from "./retry.js";

/** After a failed attempt: the retry timer (always, even after the last attempt). After the timer: the next attempt. */
export function applyRetryEvent(engine: DurableEngine, work: Work, event: HistoryEvent, now: Date): void {
  const { state } = work;
  if (event.EventType === EventType.TaskCompleted && event.Poll === true) {
    // callHttp got 202 + Location: the SDK now waits on a timer and a new request, ids in that order.
    const poll = pollAfter(event.Result);
    if (!poll) return;
    const timerId = state.nextId++;
    const requestId = state.nextId++;
    const fireAt = new Date(now.getTime() + poll.delayMs);
    work.newHistory.push({ ...events.timerCreated(timerId, fireAt), Retry: true });
    addTimer(work, timerId, fireAt);
    work.newHistory.push({ ...events.taskScheduled(requestId, HTTP_ACTIVITY, JSON.stringify({ method: "GET", uri: poll.location })), Retry: true });
    scheduleHttp(work, requestId, { method: "GET", uri: poll.location, poll: true }, fireAt);
    return;
  }
  const failed = event.EventType === EventType.TaskFailed || event.EventType === EventType.SubOrchestrationInstanceFailed;
  const key = String(failed ? event.TaskScheduledId : event.TimerId);
  const retry = state.retries[key];
  if (!retry) return;
  delete state.retries[key];
  if (failed) {
    const next: RetryState = { ...retry, failures: retry.failures + 1, lastFailure: { reason: typeof event.Reason === "string" ? event.Reason : "", details: typeof event.Details === "string" ? event.Details : "", failureDetails: event.FailureDetails } };
    const timerId = state.nextId++;
    const fireAt = new Date(now.getTime() + retryDelayMs(next, now.getTime()));
    work.newHistory.push({ ...events.timerCreated(timerId, fireAt), Retry: true });
    state.retries[String(timerId)] = next;
    addTimer(work, timerId, fireAt);
    return;
  }
  if (attemptsExhausted(retry)) return;
  const attemptId = state.nextId++;
  state.retries[String(attemptId)] = retry;
  const orchestration = retry.kind === "orchestration";
  work.newHistory.push({ ...(orchestration
    ? events.subOrchestrationCreated(attemptId, retry.name, retry.instanceId ?? childInstanceId(state, attemptId), retry.input)
    : events.taskScheduled(attemptId, retry.name, retry.input)), Retry: true });
  if (retryTimedOut(retry, now.getTime())) {
    // Out of time: the SDK still counts attempts, so each remaining one fails at once.
    const details = retry.lastFailure?.failureDetails as { ErrorType?: string; ErrorMessage?: string } | undefined;
    work.ownMessages.push(failureMessage(state, attemptId, orchestration, {
      errorType: details?.ErrorType ?? "Error",
      message: details?.ErrorMessage ?? retry.lastFailure?.reason ?? "retry timeout expired",
    }));
    return;
  }
  if (orchestration) scheduleChild(engine, work, attemptId, retry.name, retry.input, retry.instanceId ?? childInstanceId(state, attemptId));
  else scheduleActivity(engine, work, attemptId, retry.name, retry.input);
}
