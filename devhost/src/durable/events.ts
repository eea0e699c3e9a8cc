// Constructors for the history events devhost writes, in the SDK's field names.
import { EventType } from "./model.js";
import type { HistoryEvent } from "./model.js";

const base = (type: number, fields: Record<string, unknown>, at = new Date()): HistoryEvent => ({
  EventType: type,
  EventId: -1,
  IsPlayed: false,
  Timestamp: at.toISOString(),
  ...fields,
});

export const events = {
  orchestratorStarted: (at: Date) => base(EventType.OrchestratorStarted, {}, at),
  orchestratorCompleted: () => base(EventType.OrchestratorCompleted, {}),
  executionStarted: (name: string, input: string | null, parentInstanceId?: string) =>
    base(EventType.ExecutionStarted, { Name: name, Input: input, ParentInstanceId: parentInstanceId }),
  executionCompleted: (status: string, result: string | null) => base(EventType.ExecutionCompleted, { OrchestrationStatus: status, Result: result }),
  taskScheduled: (id: number, name: string, input: string | null) => ({ ...base(EventType.TaskScheduled, { Name: name, Input: input }), EventId: id }),
  taskCompleted: (id: number, result: string) => base(EventType.TaskCompleted, { TaskScheduledId: id, Result: result }),
  taskFailed: (id: number, failure: Failure) => base(EventType.TaskFailed, { TaskScheduledId: id, ...failureFields(failure) }),
  subOrchestrationCreated: (id: number, name: string, instanceId: string, input: string | null) =>
    ({ ...base(EventType.SubOrchestrationInstanceCreated, { Name: name, InstanceId: instanceId, Input: input }), EventId: id }),
  subOrchestrationCompleted: (id: number, result: string | null) => base(EventType.SubOrchestrationInstanceCompleted, { TaskScheduledId: id, Result: result ?? "null" }),
  subOrchestrationFailed: (id: number, failure: Failure) => base(EventType.SubOrchestrationInstanceFailed, { TaskScheduledId: id, ...failureFields(failure) }),
  timerCreated: (id: number, fireAt: Date) => ({ ...base(EventType.TimerCreated, { FireAt: fireAt.toISOString() }), EventId: id }),
  timerFired: (id: number, fireAt: Date) => base(EventType.TimerFired, { TimerId: id, FireAt: fireAt.toISOString() }),
  eventRaised: (name: string, input: string | null) => base(EventType.EventRaised, { Name: name, Input: input }),
};

export interface Failure {
  errorType: string;
  message: string;
  stack?: string;
  properties?: unknown;
}

/** Reason/Details for older readers, FailureDetails for the SDK (it then throws a TaskFailedError). */
function failureFields(failure: Failure): Record<string, unknown> {
  return {
    Reason: failure.message,
    Details: failure.stack ?? "",
    FailureDetails: {
      ErrorType: failure.errorType,
      ErrorMessage: failure.message,
      StackTrace: failure.stack,
      IsNonRetriable: false,
      Properties: failure.properties,
    },
  };
}

/** What a thrown value says about itself; the SDK's exception-properties provider may have put JSON in the message. */
export function failureFromError(error: unknown): Failure {
  if (error instanceof Error) {
    try {
      const details = JSON.parse(error.message) as { errorType?: unknown; errorMessage?: unknown; properties?: unknown; stackTrace?: unknown };
      if (typeof details.errorMessage === "string") {
        return {
          errorType: typeof details.errorType === "string" ? details.errorType : error.name,
          message: details.errorMessage,
          stack: typeof details.stackTrace === "string" ? details.stackTrace : error.stack,
          properties: details.properties,
        };
      }
    } catch {
      // an ordinary message
    }
    return { errorType: error.name, message: error.message, stack: error.stack };
  }
  return { errorType: "Error", message: typeof error === "string" ? error : JSON.stringify(error) ?? String(error) };
}
