// Instance status objects in the shape of the Durable HTTP API (and what the SDK client parses).
import type { Instance } from "./instance.js";
import { EVENT_TYPE_NAMES, EventType } from "./model.js";
import type { HistoryEvent, RuntimeStatus } from "./model.js";

export interface StatusOptions {
  showInput?: boolean;
  showHistory?: boolean;
  showHistoryOutput?: boolean;
}

const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

export function statusJson(instance: Instance, options: StatusOptions = {}): Record<string, unknown> {
  const { state } = instance;
  const status: Record<string, unknown> = {
    name: state.name,
    instanceId: state.instanceId,
    runtimeStatus: state.runtimeStatus,
    input: options.showInput === false ? null : parse(state.input),
    customStatus: parse(state.customStatus),
    output: parse(state.output),
    createdTime: state.createdTime,
    lastUpdatedTime: state.lastUpdatedTime,
  };
  if (options.showHistory) {
    const history = presentHistory(instance.history, options.showHistoryOutput === true);
    status.history = history;
    status.historyEvents = history;
  }
  return status;
}

/** The user-facing history: what happened, without the SDK's bookkeeping events. */
function presentHistory(history: HistoryEvent[], showOutput: boolean): Record<string, unknown>[] {
  const scheduledNames = new Map<number, { name: string; at: string }>();
  const shown: Record<string, unknown>[] = [];
  for (const event of history) {
    const type = EVENT_TYPE_NAMES[event.EventType] ?? String(event.EventType);
    const base = { EventType: type, Timestamp: event.Timestamp };
    switch (event.EventType) {
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
        scheduledNames.set(event.EventId, { name: String(event.Name), at: event.Timestamp });
        break;
      case EventType.ExecutionStarted:
        shown.push({ ...base, FunctionName: event.Name, ...(showOutput ? { Input: parse((event.Input as string | null) ?? null) } : {}) });
        break;
      case EventType.TaskCompleted:
      case EventType.SubOrchestrationInstanceCompleted: {
        const scheduled = scheduledNames.get(Number(event.TaskScheduledId));
        shown.push({ ...base, FunctionName: scheduled?.name, ScheduledTime: scheduled?.at, ...(showOutput ? { Result: parse(String(event.Result)) } : {}) });
        break;
      }
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceFailed: {
        const scheduled = scheduledNames.get(Number(event.TaskScheduledId));
        shown.push({ ...base, FunctionName: scheduled?.name, ScheduledTime: scheduled?.at, Reason: event.Reason, Details: event.Details });
        break;
      }
      case EventType.TimerFired:
        shown.push({ ...base, FireAt: event.FireAt });
        break;
      case EventType.EventRaised:
        shown.push({ ...base, Name: event.Name, ...(showOutput ? { Input: parse((event.Input as string | null) ?? null) } : {}) });
        break;
      case EventType.ExecutionCompleted:
        shown.push({ ...base, OrchestrationStatus: event.OrchestrationStatus, ...(showOutput ? { Result: parse((event.Result as string | null) ?? null) } : {}) });
        break;
      default:
        break;
    }
  }
  return shown;
}

export interface InstanceFilter {
  runtimeStatus?: RuntimeStatus[];
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
  instanceIdPrefix?: string;
}

export function matchesFilter(instance: Instance, filter: InstanceFilter): boolean {
  const { state } = instance;
  const created = Date.parse(state.createdTime);
  if (filter.runtimeStatus && filter.runtimeStatus.length > 0 && !filter.runtimeStatus.includes(state.runtimeStatus)) return false;
  if (filter.createdTimeFrom && created < filter.createdTimeFrom.getTime()) return false;
  if (filter.createdTimeTo && created > filter.createdTimeTo.getTime()) return false;
  if (filter.instanceIdPrefix && !state.instanceId.startsWith(filter.instanceIdPrefix)) return false;
  return true;
}
