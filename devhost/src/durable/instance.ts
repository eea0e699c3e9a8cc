// The in-memory side of one orchestration instance: what the engine needs between episodes, rebuilt
// from the store's rows on startup.
import { EventType } from "./model.js";
import type { EventMessage, HistoryEvent, InstanceState } from "./model.js";

export interface ScheduledTask {
  kind: "activity" | "orchestration" | "timer";
  name: string;
}

export class Instance {
  history: HistoryEvent[] = [];
  /** Ids whose completion (or timer firing) is already in history: a second delivery is dropped. */
  readonly completedIds = new Set<number>();
  readonly messageIdsInHistory = new Set<string>();
  /** What each leaf task id was scheduled as, to detect a non-deterministic replay. */
  readonly scheduled = new Map<number, ScheduledTask>();
  inbox: EventMessage[] = [];
  readonly timers = new Map<string, NodeJS.Timeout>();
  queued = false;
  running = false;
  pendingTerminate: string | undefined;
  /** False while a finished instance's history is still only in the store. */
  historyLoaded = true;
  /** Time of the latest episode: episode time never goes back (scaled timers move it ahead). */
  lastEpisodeAt = 0;
  activitiesInFlight = 0;
  coalesceTimer: NodeJS.Timeout | undefined;
  coalesceExpired = false;
  /** Stale or duplicate messages taken out of the inbox, deleted from the store with the next commit. */
  droppedMessageIds: string[] = [];

  constructor(public state: InstanceState) {}

  resetExecution(): void {
    this.history = [];
    this.completedIds.clear();
    this.messageIdsInHistory.clear();
    this.scheduled.clear();
  }

  /** Records events appended to history (already persisted). */
  remember(events: HistoryEvent[]): void {
    for (const event of events) {
      event.IsPlayed = true;
      this.history.push(event);
      if (event.MessageId) this.messageIdsInHistory.add(event.MessageId);
      if (event.EventType === EventType.OrchestratorStarted) this.lastEpisodeAt = Math.max(this.lastEpisodeAt, Date.parse(event.Timestamp));
      const completedId = completionId(event);
      if (completedId !== undefined) this.completedIds.add(completedId);
      if (event.EventType === EventType.TaskScheduled && !event.Retry) this.scheduled.set(event.EventId, { kind: "activity", name: String(event.Name) });
      if (event.EventType === EventType.SubOrchestrationInstanceCreated && !event.Retry) {
        this.scheduled.set(event.EventId, { kind: "orchestration", name: String(event.Name) });
      }
      if (event.EventType === EventType.TimerCreated && !event.Retry) this.scheduled.set(event.EventId, { kind: "timer", name: "" });
    }
  }

  /** True when this message was already delivered in the current execution. */
  isDuplicate(message: EventMessage): boolean {
    if (this.messageIdsInHistory.has(message.id)) return true;
    const id = completionId(message.event);
    return id !== undefined && this.completedIds.has(id);
  }
}

/** The task id a completion event resolves, if it is one. */
export function completionId(event: HistoryEvent): number | undefined {
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return typeof event.TaskScheduledId === "number" ? event.TaskScheduledId : undefined;
    case EventType.TimerFired:
      return typeof event.TimerId === "number" ? event.TimerId : undefined;
    default:
      return undefined;
  }
}
