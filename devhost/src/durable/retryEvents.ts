// Which events make the SDK allocate task ids itself: a failed attempt of a retryable task, its
// retry timer, and a callHttp 202 answer that starts polling. Each is delivered in its own episode.
import { EventType } from "./model.js";
import type { EventMessage, InstanceState } from "./model.js";

export function isRetryEvent(state: InstanceState, message: EventMessage): boolean {
  const { event } = message;
  if (event.EventType === EventType.TaskFailed || event.EventType === EventType.SubOrchestrationInstanceFailed) {
    return state.retries[String(event.TaskScheduledId)] !== undefined;
  }
  if (event.EventType === EventType.TimerFired) return state.retries[String(event.TimerId)] !== undefined;
  if (event.EventType === EventType.TaskCompleted) return event.Poll === true;
  return false;
}
