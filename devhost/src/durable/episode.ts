// One episode: replay the orchestrator over its history plus a batch of new events, then act on
// what it asked for (new tasks, timers, completion) and persist the outcome in one commit.
import type { DurableEngine } from "./engine.js";
import type { Instance } from "./instance.js";
import { ActionType, actionInputJson, describeAction, flattenActions, takesId } from "./actions.js";
import type { Action } from "./actions.js";
import { events } from "./events.js";
import { addTimer, childInstanceId, failureMessage, scheduleActivity, scheduleChild, scheduleHttp, timerMessageId } from "./episodeWork.js";
import type { Work } from "./episodeWork.js";
import { applyRetryEvent } from "./hostAllocatedIds.js";
import { HTTP_ACTIVITY } from "./httpCall.js";
import { EventType } from "./model.js";
import type { EventMessage } from "./model.js";
import { retryPolicyFrom } from "./retry.js";
import { errorMessage } from "../log.js";

const OUT_OF_PROC_LABEL = "\n\n$OutOfProcData$:";

interface OrchestratorState {
  isDone: boolean;
  actions: unknown;
  output?: unknown;
  customStatus?: unknown;
}

export async function runEpisode(engine: DurableEngine, instance: Instance, batch: EventMessage[]): Promise<void> {
  if (batch.length === 0) return;
  // Never earlier than a timer being delivered: the SDK re-arms a long (> 6 days) timer if its
  // episode starts even a millisecond before the fire time, and only the host can give it an id.
  const fireTimes = batch.map((m) => (m.event.EventType === EventType.TimerFired ? Date.parse(String(m.event.FireAt)) : 0));
  const now = new Date(Math.max(Date.now(), instance.lastEpisodeAt, ...fireTimes));
  const work: Work = {
    state: { ...instance.state, leafIds: [...instance.state.leafIds], retries: { ...instance.state.retries } },
    now,
    timerScale: engine.options.timerScale ?? 1,
    newHistory: [events.orchestratorStarted(now)],
    ownMessages: [],
    childStarts: [],
    cancelledTimers: [],
  };
  const { state } = work;
  if (state.runtimeStatus === "Pending") state.runtimeStatus = "Running";
  for (const message of batch) work.newHistory.push({ ...message.event, IsPlayed: false, MessageId: message.id });
  // The SDK allocates a retry id while processing such an event, before user code yields new tasks.
  if (batch.length === 1 && batch[0]) applyRetryEvent(engine, work, batch[0].event, now);

  const fn = engine.options.orchestrators.get(state.name);
  let result: OrchestratorState | undefined;
  if (!fn) {
    work.failure = `The orchestrator function '${state.name}' doesn't exist, is disabled, or is not an orchestrator function.`;
  } else {
    const outcome = await invokeOrchestrator(engine, instance, work, fn);
    if ("failure" in outcome) {
      work.failure = outcome.failure;
      if (outcome.customStatus !== undefined) state.customStatus = JSON.stringify(outcome.customStatus);
    } else result = outcome.result;
  }
  if (result) {
    if (result.customStatus !== undefined) state.customStatus = JSON.stringify(result.customStatus);
    handleActions(engine, instance, work, flattenActions(result.actions), now);
    if (!work.failure && result.isDone && work.continueAsNew === undefined) {
      state.runtimeStatus = "Completed";
      state.output = JSON.stringify(result.output ?? null);
    }
  }
  if (work.failure) {
    state.runtimeStatus = "Failed";
    state.output = JSON.stringify(`Orchestrator function '${state.name}' failed: ${work.failure}`);
  }
  const finished = state.runtimeStatus === "Completed" || state.runtimeStatus === "Failed";
  if (finished || work.continueAsNew !== undefined) {
    // Timers of a finished execution must never fire into the next one (or into nothing).
    for (const id of instance.timers.keys()) work.cancelledTimers.push(id);
  }
  work.newHistory.push(events.orchestratorCompleted());
  if (finished) work.newHistory.push(events.executionCompleted(state.runtimeStatus, state.output));
  state.lastUpdatedTime = new Date().toISOString();
  await commit(engine, instance, work, batch);
}

async function invokeOrchestrator(
  engine: DurableEngine,
  instance: Instance,
  work: Work,
  fn: NonNullable<ReturnType<DurableEngine["options"]["orchestrators"]["get"]>>,
): Promise<{ result: OrchestratorState } | { failure: string; customStatus?: unknown }> {
  const { state } = work;
  const history = [...instance.history, ...work.newHistory];
  const triggerName = Object.entries(fn.metadata.bindings).find(([, b]) => b.type.toLowerCase() === "orchestrationtrigger")?.[0] ?? "context";
  const trigger = {
    history,
    input: state.input === null ? undefined : (JSON.parse(state.input) as unknown),
    instanceId: state.instanceId,
    isReplaying: instance.history.length > 0,
    parentInstanceId: state.parent?.instanceId,
    upperSchemaVersion: 2,
    maximumShortTimerDuration: "6.00:00:00",
    longRunningTimerIntervalDuration: "3.00:00:00",
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  const outcome = await engine.options.invoker.invoke(fn, {
    inputData: [{ name: triggerName, data: { string: JSON.stringify(trigger) } }],
    replaySafeLogs: true,
  });
  if (outcome.ok) return { result: outcome.result as OrchestratorState };
  const message = errorMessage(outcome.error);
  const cut = message.indexOf(OUT_OF_PROC_LABEL);
  if (cut < 0) return { failure: message };
  // The SDK puts the orchestrator's real error in the state JSON after the label (the text before it
  // is often just "false").
  try {
    const data = JSON.parse(message.slice(cut + OUT_OF_PROC_LABEL.length)) as { customStatus?: unknown; error?: unknown };
    return { failure: typeof data.error === "string" ? data.error : message.slice(0, cut), customStatus: data.customStatus };
  } catch {
    return { failure: message.slice(0, cut) };
  }
}

function sameTask(action: Action, scheduled: { kind: string; name: string }): boolean {
  const kind =
    action.actionType <= ActionType.CallActivityWithRetry || action.actionType === ActionType.CallHttp ? "activity"
    : action.actionType <= ActionType.CallSubOrchestratorWithRetry ? "orchestration"
    : action.actionType === ActionType.CreateTimer ? "timer"
    : "other";
  const name = action.actionType === ActionType.CallHttp ? HTTP_ACTIVITY : action.functionName;
  return kind === scheduled.kind && (kind === "timer" || kind === "other" || name === scheduled.name);
}

function handleActions(engine: DurableEngine, instance: Instance, work: Work, leaves: Action[], now: Date): void {
  const { state } = work;
  const handled = state.leafIds.length;
  for (let i = 0; i < Math.min(handled, leaves.length); i++) {
    const id = state.leafIds[i] ?? -1;
    const leaf = leaves[i];
    const scheduled = id >= 0 ? instance.scheduled.get(id) : undefined;
    if (leaf && scheduled && !sameTask(leaf, scheduled)) {
      work.failure =
        `Non-deterministic workflow detected: on replay the orchestrator asked for ${describeAction(leaf)} where its history has ` +
        `${scheduled.kind} '${scheduled.name}' (task ${id}). Orchestrator code must yield the same tasks in the same order on every replay.`;
      return;
    }
    if (leaf?.actionType === ActionType.CreateTimer && leaf.isCanceled && id >= 0) work.cancelledTimers.push(timerMessageId(state, id));
  }
  if (leaves.length < handled) {
    work.failure = `Non-deterministic workflow detected: on replay the orchestrator scheduled ${leaves.length} task(s) where its history has ${handled}.`;
    return;
  }
  for (const leaf of leaves.slice(handled)) {
    const id = takesId(leaf) ? state.nextId++ : -1;
    state.leafIds.push(id);
    scheduleLeaf(engine, work, leaf, id, now);
    if (work.failure) return;
  }
}

function scheduleLeaf(engine: DurableEngine, work: Work, leaf: Action, id: number, now: Date): void {
  const { state } = work;
  switch (leaf.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry: {
      const name = leaf.functionName ?? "";
      const input = actionInputJson(leaf.input);
      work.newHistory.push(events.taskScheduled(id, name, input));
      if (leaf.actionType === ActionType.CallActivityWithRetry) {
        state.retries[String(id)] = { kind: "activity", name, input, policy: retryPolicyFrom(leaf.retryOptions), failures: 0, firstAttemptAt: now.getTime() };
      }
      scheduleActivity(engine, work, id, name, input);
      return;
    }
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry: {
      const name = leaf.functionName ?? "";
      const input = actionInputJson(leaf.input);
      const childId = leaf.instanceId || childInstanceId(state, id);
      work.newHistory.push(events.subOrchestrationCreated(id, name, childId, input));
      if (leaf.actionType === ActionType.CallSubOrchestratorWithRetry) {
        state.retries[String(id)] = {
          kind: "orchestration", name, input, instanceId: leaf.instanceId || undefined,
          policy: retryPolicyFrom(leaf.retryOptions), failures: 0, firstAttemptAt: now.getTime(),
        };
      }
      scheduleChild(engine, work, id, name, input, childId);
      return;
    }
    case ActionType.CreateTimer: {
      const fireAt = leaf.fireAt instanceof Date ? leaf.fireAt : new Date(String(leaf.fireAt));
      work.newHistory.push(events.timerCreated(id, fireAt));
      if (!leaf.isCanceled) addTimer(work, id, fireAt);
      return;
    }
    case ActionType.ContinueAsNew:
      work.continueAsNew = actionInputJson(leaf.input);
      return;
    case ActionType.WaitForExternalEvent:
    case ActionType.ReleaseEntities:
      return;
    case ActionType.CallHttp: {
      const request = leaf.httpRequest ?? {};
      work.newHistory.push(events.taskScheduled(id, HTTP_ACTIVITY, JSON.stringify(request)));
      if (request.tokenSource) {
        work.ownMessages.push(failureMessage(state, id, false, { errorType: "NotSupported", message: "callHttp with a managed identity token source is not supported by devhost." }));
        return;
      }
      scheduleHttp(work, id, { method: request.method ?? "GET", uri: request.uri ?? "", content: request.content, headers: request.headers, poll: request.asynchronousPatternEnabled !== false });
      return;
    }
    default:
      // callEntity, signalEntity and entity locks: entities are not implemented.
      work.failure = `Durable entities are not supported by devhost (${describeAction(leaf)}${leaf.instanceId ? ` on entity '${leaf.instanceId}'` : ""}${leaf.operation ? `, operation '${leaf.operation}'` : ""}).`;
  }
}

async function commit(engine: DurableEngine, instance: Instance, work: Work, batch: EventMessage[]): Promise<void> {
  const { state } = work;
  const store = engine.store;
  // Children first (their rows live elsewhere); creating one twice after a crash is recognised below.
  for (const child of work.childStarts) {
    const existing = engine.instances.get(child.instanceId);
    const parent = { instanceId: state.instanceId, taskId: child.taskId, generation: state.generation };
    if (existing) {
      const p = existing.state.parent;
      if (p && p.instanceId === parent.instanceId && p.taskId === parent.taskId && p.generation === parent.generation) continue;
      if (existing.state.runtimeStatus !== "Completed" && existing.state.runtimeStatus !== "Failed" && existing.state.runtimeStatus !== "Terminated") {
        work.ownMessages.push(failureMessage(state, child.taskId, true, { errorType: "InvalidOperation", message: `An instance with ID '${child.instanceId}' is already running.` }));
        continue;
      }
      await engine.purge(child.instanceId);
    }
    await engine.createInstance(child.instanceId, child.name, child.input, parent);
  }
  const continuing = work.continueAsNew !== undefined;
  const cancelled = [...new Set(work.cancelledTimers)];
  const removeIds = [...batch.map((m) => m.id), ...cancelled, ...instance.droppedMessageIds];
  instance.droppedMessageIds = [];
  let addMessages = [...work.ownMessages];
  let historyToStore = work.newHistory;
  if (continuing) {
    state.generation += 1;
    state.nextId = 0;
    state.leafIds = [];
    state.retries = {};
    state.input = work.continueAsNew ?? null;
    state.historyLength = 0;
    historyToStore = [];
    addMessages = [{
      kind: "event", id: `${state.instanceId}|${state.generation}|start`, instanceId: state.instanceId, generation: state.generation,
      event: events.executionStarted(state.name, state.input, state.parent?.instanceId),
    }];
  } else {
    state.historyLength += work.newHistory.length;
  }
  await store.commitEpisode({ state, newHistory: historyToStore, resetHistory: continuing, addMessages, removeMessageIds: removeIds });

  instance.state = state;
  for (const id of cancelled) engine.cancelTimer(instance, id);
  if (continuing) instance.resetExecution();
  else instance.remember(work.newHistory);
  for (const message of addMessages) {
    if (message.kind === "activity" || message.kind === "http") engine.dispatchWork(message);
    else engine.deliver(message);
  }
  if (state.runtimeStatus === "Completed" || state.runtimeStatus === "Failed") {
    instance.inbox = [];
    if (state.runtimeStatus === "Failed") engine.options.logger.log("warning", `Durable: '${state.instanceId}' (${state.name}) failed: ${work.failure ?? ""}`);
    await engine.notifyParent(instance);
  }
}
