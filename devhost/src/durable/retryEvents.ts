// Which events touch retry bookkeeping: a failed attempt of a retryable task, or its retry timer.
import { EventType } from "./model.js";
import type { EventMessage, InstanceState } from "./model.js";

export function isRetryEvent(state: InstanceState, message: EventMessage): boolean {
  const { event } = message;
  if (event.EventType === EventType.TaskFailed || event.EventType === EventType.SubOrchestrationInstanceFailed) {
    return state.retries[String(event.TaskScheduledId)] !== undefined;
  }
  if (event.EventType === EventType.TimerFired) return state.retries[String(event.TimerId)] !== undefined;
  return false;
}
