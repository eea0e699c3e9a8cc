// The durable state devhost keeps per orchestration instance: its status row, the history of its
// current execution (fed to the SDK on every replay), and messages waiting to be processed.

export type RuntimeStatus = "Pending" | "Running" | "Completed" | "ContinuedAsNew" | "Failed" | "Canceled" | "Terminated" | "Suspended";

export const TERMINAL_STATUSES: readonly RuntimeStatus[] = ["Completed", "Failed", "Terminated", "Canceled"];

export function isTerminal(status: RuntimeStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** History event in the shape the durable-functions SDK reads (`EventType` numbers from HistoryEventType). */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  /** devhost: the message that delivered this event, to drop duplicates after a crash. */
  MessageId?: string;
  [field: string]: unknown;
}

export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionTerminated: 2,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
} as const;

export const EVENT_TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(EventType).map(([k, v]) => [v, k]));

export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

/** A retryable activity or sub-orchestration: the host owns the timers between attempts. */
export interface RetryState {
  kind: "activity" | "orchestration";
  name: string;
  input: string | null;
  instanceId?: string;
  policy: RetryPolicy;
  failures: number;
  firstAttemptAt: number;
  lastFailure?: { reason: string; details: string; failureDetails?: unknown };
}

export interface InstanceState {
  instanceId: string;
  name: string;
  /** JSON text, or null when the orchestration was started without input. */
  input: string | null;
  output: string | null;
  customStatus: string | null;
  runtimeStatus: RuntimeStatus;
  createdTime: string;
  lastUpdatedTime: string;
  parent?: { instanceId: string; taskId: number; generation: number };
  /** Execution counter: bumped by continueAsNew so late messages of an old execution are dropped. */
  generation: number;
  /** Next task id, mirroring the SDK's sequence number. */
  nextId: number;
  /** Leaf actions already handled (the SDK returns them cumulatively), with the id each got (-1: none). */
  leafIds: number[];
  /** Retryable tasks keyed by the id the SDK is waiting on (an attempt or a retry timer). */
  retries: Record<string, RetryState>;
  historyLength: number;
}

export type Message =
  | { kind: "event"; id: string; instanceId: string; generation: number | null; event: HistoryEvent; visibleAt?: string }
  | { kind: "activity"; id: string; instanceId: string; generation: number; taskId: number; name: string; input: string | null }
  | {
      kind: "http";
      id: string;
      instanceId: string;
      generation: number;
      taskId: number;
      request: { method: string; uri: string; content?: string; headers?: Record<string, string>; poll: boolean };
      visibleAt?: string;
    };

export type EventMessage = Extract<Message, { kind: "event" }>;
export type ActivityMessage = Extract<Message, { kind: "activity" }>;
export type HttpMessage = Extract<Message, { kind: "http" }>;

export interface StoredInstance {
  state: InstanceState;
  history: HistoryEvent[];
  messages: Message[];
  /** False when a finished instance's history was left in the store (see DurableStore.loadHistory). */
  historyLoaded?: boolean;
}

export interface EpisodeCommit {
  state: InstanceState;
  /** Events appended to the current execution's history (from index state.historyLength - events.length). */
  newHistory: HistoryEvent[];
  /** When set, the history of generation `resetGeneration - 1` is discarded first (continueAsNew). */
  resetHistory?: boolean;
  addMessages: Message[];
  removeMessageIds: string[];
}

/** Where instances live between (and across) devhost runs. One instance's writes never interleave. */
export interface DurableStore {
  /** Creates what is needed and returns every stored instance (used to resume after a restart). */
  open(): Promise<StoredInstance[]>;
  saveState(state: InstanceState): Promise<void>;
  /** The current execution's history, for instances `open()` returned without it. */
  loadHistory(state: InstanceState): Promise<HistoryEvent[]>;
  /** Adds messages (any instances) and removes others of one instance, atomically per instance where possible. */
  putMessages(add: Message[], remove?: { instanceId: string; ids: string[] }): Promise<void>;
  commitEpisode(commit: EpisodeCommit): Promise<void>;
  deleteInstance(instanceId: string): Promise<void>;
  close(): Promise<void>;
}
