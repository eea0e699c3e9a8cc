// What one episode decides before it is committed, and the helpers that add to it: the tasks,
// timers and requests it schedules and the failures it reports to itself.
import type { DurableEngine } from "./engine.js";
import { events } from "./events.js";
import type { Failure } from "./events.js";
import type { HistoryEvent, HttpMessage, InstanceState, Message } from "./model.js";

/** Everything an episode decides, applied in memory only after the store accepted it. */
export interface Work {
  state: InstanceState;
  /** The episode's time (what the orchestrator sees as currentUtcDateTime). */
  now: Date;
  /** Real waiting time per unit of durable timer time (1 = as scheduled). */
  timerScale: number;
  newHistory: HistoryEvent[];
  ownMessages: Message[];
  childStarts: { instanceId: string; name: string; input: string | null; taskId: number }[];
  cancelledTimers: string[];
  failure?: string;
  continueAsNew?: string | null;
}

export const timerMessageId = (s: InstanceState, id: number): string => `${s.instanceId}|${s.generation}|timer|${id}`;
export const resultMessageId = (s: InstanceState, id: number): string => `${s.instanceId}|${s.generation}|res|${id}`;

export function childInstanceId(state: InstanceState, id: number): string {
  return state.generation === 0 ? `${state.instanceId}:${id}` : `${state.instanceId}:${state.generation}:${id}`;
}

export function scheduleActivity(engine: DurableEngine, work: Work, id: number, name: string, input: string | null): void {
  const { state } = work;
  if (!engine.options.activities.has(name)) {
    const known = [...engine.options.activities.keys()].sort().join(", ") || "none";
    work.ownMessages.push(failureMessage(state, id, false, {
      errorType: "FunctionNotFound",
      message: `The activity function '${name}' doesn't exist, is disabled, or is not an activity function. Registered activities: ${known}.`,
    }));
    return;
  }
  work.ownMessages.push({ kind: "activity", id: `${state.instanceId}|${state.generation}|act|${id}`, instanceId: state.instanceId, generation: state.generation, taskId: id, name, input });
}

export function scheduleChild(engine: DurableEngine, work: Work, id: number, name: string, input: string | null, childId: string): void {
  const { state } = work;
  if (!engine.options.orchestrators.has(name)) {
    work.ownMessages.push(failureMessage(state, id, true, {
      errorType: "FunctionNotFound",
      message: `The orchestrator function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`,
    }));
    return;
  }
  work.childStarts.push({ instanceId: childId, name, input, taskId: id });
}

export function scheduleHttp(work: Work, id: number, request: HttpMessage["request"], notBefore?: Date): void {
  const { state } = work;
  const realDelay = notBefore ? Math.max(0, notBefore.getTime() - work.now.getTime()) * work.timerScale : 0;
  work.ownMessages.push({
    kind: "http", id: `${state.instanceId}|${state.generation}|http|${id}`, instanceId: state.instanceId, generation: state.generation, taskId: id, request,
    ...(realDelay > 0 ? { visibleAt: new Date(Date.now() + realDelay).toISOString() } : {}),
  });
}

export function addTimer(work: Work, id: number, fireAt: Date): void {
  const { state } = work;
  // A scaled timer fires early in real time; its episode still starts at fireAt (see runEpisode).
  const realDelay = Math.max(0, fireAt.getTime() - work.now.getTime()) * work.timerScale;
  work.ownMessages.push({
    kind: "event", id: timerMessageId(state, id), instanceId: state.instanceId, generation: state.generation,
    event: events.timerFired(id, fireAt), visibleAt: new Date(Date.now() + realDelay).toISOString(),
  });
}

export function failureMessage(state: InstanceState, id: number, subOrchestration: boolean, failure: Failure): Message {
  const event = subOrchestration ? events.subOrchestrationFailed(id, failure) : events.taskFailed(id, failure);
  return { kind: "event", id: resultMessageId(state, id), instanceId: state.instanceId, generation: state.generation, event };
}
