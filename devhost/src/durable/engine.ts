// The Durable engine: keeps instances, delivers their messages in episodes (one replay of the
// orchestrator through the SDK per batch of new events), runs activities and timers, and persists
// every step through a DurableStore so a restarted devhost resumes where it stopped.
import { randomUUID } from "node:crypto";
import PQueue from "p-queue";
import type { RegisteredFunction } from "../app/coreApi.js";
import type { Invoker } from "../app/invoke.js";
import type { DevhostLogger } from "../log.js";
import { errorMessage } from "../log.js";
import { runEpisode } from "./episode.js";
import { Instance } from "./instance.js";
import { events } from "./events.js";
import { isTerminal } from "./model.js";
import type { ActivityMessage, DurableStore, EventMessage, HttpMessage, InstanceState, Message, RuntimeStatus } from "./model.js";
import { isRetryEvent } from "./retryEvents.js";
import { runActivity } from "./activity.js";
import { runHttpCall } from "./httpCall.js";

export interface EngineOptions {
  store: DurableStore;
  invoker: Invoker;
  logger: DevhostLogger;
  orchestrators: Map<string, RegisteredFunction>;
  activities: Map<string, RegisteredFunction>;
  maxConcurrentActivityFunctions: number;
  maxConcurrentOrchestratorFunctions: number;
  /** Multiplies the real wait of durable timers and retry delays (tests: e.g. 0.01); default 1. */
  timerScale?: number;
}

export type EngineError = { code: "NotFound" | "Conflict" | "Gone" | "BadRequest"; message: string };

const MAX_TIMEOUT = 2 ** 31 - 1;
/**
 * While an instance still has activities running, its next episode waits this long for more of
 * their results: each episode replays the whole history, so one per result would be quadratic.
 */
const COALESCE_MS = 20;

export class DurableEngine {
  readonly instances = new Map<string, Instance>();
  private readonly orchestratorQueue: PQueue;
  private readonly activityQueue: PQueue;
  private stopped = false;

  constructor(readonly options: EngineOptions) {
    this.orchestratorQueue = new PQueue({ concurrency: options.maxConcurrentOrchestratorFunctions });
    this.activityQueue = new PQueue({ concurrency: options.maxConcurrentActivityFunctions });
  }

  get store(): DurableStore {
    return this.options.store;
  }

  /** Loads stored instances and re-dispatches whatever was scheduled but not finished. */
  async start(): Promise<void> {
    const stored = await this.store.open();
    for (const { state, history, messages, historyLoaded } of stored) {
      const instance = new Instance(state);
      instance.remember(history);
      instance.historyLoaded = historyLoaded !== false;
      this.instances.set(state.instanceId, instance);
      const obsolete: string[] = [];
      for (const message of messages) {
        if (isTerminal(state.runtimeStatus) || (message.generation !== null && message.generation !== state.generation)) obsolete.push(message.id);
        else if (message.kind === "activity" || message.kind === "http") {
          if (instance.completedIds.has(message.taskId)) obsolete.push(message.id);
          else this.dispatchWork(message);
        } else if (instance.isDuplicate(message)) obsolete.push(message.id);
        else this.deliver(message);
      }
      if (obsolete.length > 0) await this.store.putMessages([], { instanceId: state.instanceId, ids: obsolete });
    }
    const resumed = stored.filter((s) => !isTerminal(s.state.runtimeStatus)).length;
    if (resumed > 0) this.options.logger.log("information", `Durable: resumed ${resumed} instance(s) from the store`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const instance of this.instances.values()) {
      for (const handle of instance.timers.values()) clearTimeout(handle);
      instance.timers.clear();
      clearTimeout(instance.coalesceTimer);
    }
    this.orchestratorQueue.clear();
    this.activityQueue.clear();
    await Promise.race([
      Promise.all([this.orchestratorQueue.onIdle(), this.activityQueue.onIdle()]),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
    await this.store.close();
  }

  // ---- client operations -------------------------------------------------------------------

  async startNew(name: string, instanceId: string | undefined, input: string | null): Promise<InstanceState | EngineError> {
    if (!this.options.orchestrators.has(name)) {
      return { code: "BadRequest", message: `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.` };
    }
    const id = instanceId ?? randomUUID().replace(/-/g, "");
    const existing = this.instances.get(id);
    if (existing) {
      if (!isTerminal(existing.state.runtimeStatus)) {
        return { code: "Conflict", message: `An orchestration instance with the ID '${id}' already exists and is ${existing.state.runtimeStatus}.` };
      }
      await this.forget(existing);
    }
    const instance = await this.createInstance(id, name, input);
    return instance.state;
  }

  async raiseEvent(instanceId: string, name: string, input: string | null): Promise<EngineError | undefined> {
    const instance = this.instances.get(instanceId);
    if (!instance) return { code: "NotFound", message: `No instance with ID '${instanceId}' found.` };
    if (isTerminal(instance.state.runtimeStatus)) return { code: "Gone", message: `Instance '${instanceId}' is ${instance.state.runtimeStatus}.` };
    const message: EventMessage = { kind: "event", id: `${instanceId}|evt|${randomUUID()}`, instanceId, generation: null, event: events.eventRaised(name, input) };
    await this.store.putMessages([message]);
    this.deliver(message);
    return undefined;
  }

  async terminate(instanceId: string, reason: string): Promise<EngineError | undefined> {
    const instance = this.instances.get(instanceId);
    if (!instance) return { code: "NotFound", message: `No instance with ID '${instanceId}' found.` };
    if (isTerminal(instance.state.runtimeStatus)) return { code: "Gone", message: `Instance '${instanceId}' is ${instance.state.runtimeStatus}.` };
    if (instance.running || instance.queued) {
      instance.pendingTerminate = reason;
      return undefined;
    }
    await this.applyTerminate(instance, reason);
    return undefined;
  }

  async setSuspended(instanceId: string, suspend: boolean): Promise<EngineError | undefined> {
    const instance = this.instances.get(instanceId);
    if (!instance) return { code: "NotFound", message: `No instance with ID '${instanceId}' found.` };
    const status = instance.state.runtimeStatus;
    if (isTerminal(status)) return { code: "Gone", message: `Instance '${instanceId}' is ${status}.` };
    if (suspend && status !== "Suspended") await this.setStatus(instance, "Suspended");
    if (!suspend && status === "Suspended") {
      await this.setStatus(instance, instance.history.length > 0 ? "Running" : "Pending");
      this.schedule(instance);
    }
    return undefined;
  }

  /** Fetches a finished instance's history if startup left it in the store. */
  async ensureHistory(instance: Instance): Promise<void> {
    if (instance.historyLoaded) return;
    instance.remember(await this.store.loadHistory(instance.state));
    instance.historyLoaded = true;
  }

  /** Deletes a finished instance and its history; running ones are left alone. */
  async purge(instanceId: string): Promise<boolean> {
    const instance = this.instances.get(instanceId);
    if (!instance || !isTerminal(instance.state.runtimeStatus)) return false;
    await this.forget(instance);
    return true;
  }

  // ---- message flow ------------------------------------------------------------------------

  /** Hands a persisted event to its instance (now, or when a timer's time comes). */
  deliver(message: EventMessage): void {
    if (this.stopped) return;
    const instance = this.instances.get(message.instanceId);
    if (!instance || isTerminal(instance.state.runtimeStatus)) return;
    const wait = message.visibleAt ? Date.parse(message.visibleAt) - Date.now() : 0;
    if (wait > 0) {
      const handle = setTimeout(() => {
        instance.timers.delete(message.id);
        // Timers longer than setTimeout allows are re-armed until their time has come.
        const due = Date.parse(message.visibleAt ?? "") <= Date.now() + 1;
        this.deliver(due ? { ...message, visibleAt: undefined } : message);
      }, Math.min(wait, MAX_TIMEOUT));
      handle.unref();
      instance.timers.set(message.id, handle);
      return;
    }
    instance.inbox.push(message);
    this.schedule(instance);
  }

  /** Runs an activity or a callHttp request (after its visibleAt, for polls) and delivers the result. */
  dispatchWork(message: ActivityMessage | HttpMessage): void {
    if (this.stopped) return;
    const instance = this.instances.get(message.instanceId);
    if (message.kind === "http" && message.visibleAt && instance) {
      const wait = Date.parse(message.visibleAt) - Date.now();
      if (wait > 0) {
        const handle = setTimeout(() => {
          instance.timers.delete(message.id);
          this.dispatchWork({ ...message, visibleAt: undefined });
        }, Math.min(wait, MAX_TIMEOUT));
        handle.unref();
        instance.timers.set(message.id, handle);
        return;
      }
    }
    if (instance) instance.activitiesInFlight++;
    void this.activityQueue.add(async () => {
      let result: EventMessage | undefined;
      try {
        let completion: EventMessage | undefined;
        if (!this.stopped) completion = message.kind === "http" ? await runHttpCall(this, message) : await runActivity(this, message);
        if (completion) await this.recordCompletion(completion, message.id);
        result = completion;
      } catch (error) {
        // The store refused the result; the work item stays stored and runs again after a restart.
        this.options.logger.log("error", `Durable: task ${message.taskId} of '${message.instanceId}' could not be recorded: ${errorMessage(error)}`);
      } finally {
        if (instance) instance.activitiesInFlight--;
      }
      if (result && !this.stopped) this.deliver(result);
    });
  }

  private pendingCompletions = new Map<string, { add: Message[]; remove: string[]; done: Promise<void> }>();

  /**
   * Persists an activity's result and removes its work item. Results of one instance finishing in
   * the same tick share one transaction, which keeps a wide fan-out on Table Storage fast.
   */
  private recordCompletion(result: EventMessage, workItemId: string): Promise<void> {
    let pending = this.pendingCompletions.get(result.instanceId);
    if (!pending) {
      const batch = { add: [] as Message[], remove: [] as string[], done: Promise.resolve() };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pendingCompletions.delete(result.instanceId);
        return this.store.putMessages(batch.add, { instanceId: result.instanceId, ids: batch.remove });
      });
      this.pendingCompletions.set(result.instanceId, batch);
      pending = batch;
    }
    pending.add.push(result);
    pending.remove.push(workItemId);
    return pending.done;
  }

  cancelTimer(instance: Instance, messageId: string): boolean {
    const handle = instance.timers.get(messageId);
    if (!handle) return false;
    clearTimeout(handle);
    instance.timers.delete(messageId);
    return true;
  }

  schedule(instance: Instance): void {
    if (this.stopped || instance.queued || instance.running) return;
    if (!this.hasDeliverable(instance) && instance.pendingTerminate === undefined) return;
    if (instance.activitiesInFlight > 0 && instance.history.length > 0 && instance.pendingTerminate === undefined) {
      if (!instance.coalesceTimer) {
        instance.coalesceTimer = setTimeout(() => {
          instance.coalesceTimer = undefined;
          instance.coalesceExpired = true;
          this.schedule(instance);
        }, COALESCE_MS);
        instance.coalesceTimer.unref();
      }
      if (!instance.coalesceExpired) return;
    }
    clearTimeout(instance.coalesceTimer);
    instance.coalesceTimer = undefined;
    instance.coalesceExpired = false;
    instance.queued = true;
    void this.orchestratorQueue.add(async () => {
      instance.queued = false;
      instance.running = true;
      try {
        if (instance.pendingTerminate !== undefined) await this.applyTerminate(instance, instance.pendingTerminate);
        else if (this.hasDeliverable(instance)) await runEpisode(this, instance, this.takeBatch(instance));
      } catch (error) {
        // A devhost fault (or a store failure) must not leave the instance hanging without a word.
        const reason = `devhost could not run an episode of '${instance.state.instanceId}': ${errorMessage(error)}`;
        this.options.logger.log("error", `Durable: ${reason}`);
        await this.failInstance(instance, reason).catch(() => undefined);
      } finally {
        instance.running = false;
        this.schedule(instance);
      }
    });
  }

  private hasDeliverable(instance: Instance): boolean {
    const status = instance.state.runtimeStatus;
    if (isTerminal(status) || status === "Suspended" || instance.inbox.length === 0) return false;
    return instance.history.length > 0 || instance.inbox.some((m) => m.event.EventType === 0);
  }

  /**
   * Takes the next batch: every ordinary event at once (so fan-in is not quadratic), but an event
   * that touches retry bookkeeping alone, because the SDK allocates retry ids while it processes it.
   */
  private takeBatch(instance: Instance): EventMessage[] {
    const { state } = instance;
    const usable: EventMessage[] = [];
    for (const m of instance.inbox) {
      if ((m.generation === null || m.generation === state.generation) && !instance.isDuplicate(m)) usable.push(m);
      else instance.droppedMessageIds.push(m.id);
    }
    const ordinary = usable.filter((m) => !isRetryEvent(state, m));
    let batch = ordinary.length > 0 ? ordinary : usable.slice(0, 1);
    if (instance.history.length === 0) {
      const start = batch.find((m) => m.event.EventType === 0) ?? usable.find((m) => m.event.EventType === 0);
      batch = start ? [start, ...batch.filter((m) => m !== start && !isRetryEvent(state, m))] : [];
    }
    const taken = new Set(batch);
    instance.inbox = usable.filter((m) => !taken.has(m));
    return batch;
  }

  // ---- instance lifecycle ------------------------------------------------------------------

  async createInstance(instanceId: string, name: string, input: string | null, parent?: InstanceState["parent"]): Promise<Instance> {
    const now = new Date().toISOString();
    const state: InstanceState = {
      instanceId,
      name,
      input,
      output: null,
      customStatus: null,
      runtimeStatus: "Pending",
      createdTime: now,
      lastUpdatedTime: now,
      parent,
      generation: 0,
      nextId: 0,
      leafIds: [],
      retries: {},
      historyLength: 0,
    };
    const start: EventMessage = {
      kind: "event",
      id: `${instanceId}|0|start`,
      instanceId,
      generation: 0,
      event: events.executionStarted(name, input, parent?.instanceId),
    };
    await this.store.saveState(state);
    await this.store.putMessages([start]);
    const instance = new Instance(state);
    this.instances.set(instanceId, instance);
    this.deliver(start);
    return instance;
  }

  private async forget(instance: Instance): Promise<void> {
    for (const handle of instance.timers.values()) clearTimeout(handle);
    this.instances.delete(instance.state.instanceId);
    await this.store.deleteInstance(instance.state.instanceId);
  }

  private async setStatus(instance: Instance, status: RuntimeStatus): Promise<void> {
    instance.state = { ...instance.state, runtimeStatus: status, lastUpdatedTime: new Date().toISOString() };
    await this.store.saveState(instance.state);
  }

  private async applyTerminate(instance: Instance, reason: string): Promise<void> {
    instance.pendingTerminate = undefined;
    for (const handle of instance.timers.values()) clearTimeout(handle);
    instance.timers.clear();
    const removed = instance.inbox.map((m) => m.id);
    instance.inbox = [];
    instance.state = { ...instance.state, output: JSON.stringify(reason), runtimeStatus: "Terminated", lastUpdatedTime: new Date().toISOString() };
    await this.store.saveState(instance.state);
    if (removed.length > 0) await this.store.putMessages([], { instanceId: instance.state.instanceId, ids: removed });
    await this.notifyParent(instance);
    this.options.logger.log("information", `Durable: '${instance.state.instanceId}' terminated${reason ? `: ${reason}` : ""}`);
  }

  private async failInstance(instance: Instance, reason: string): Promise<void> {
    for (const handle of instance.timers.values()) clearTimeout(handle);
    instance.timers.clear();
    instance.inbox = [];
    instance.state = { ...instance.state, runtimeStatus: "Failed", output: JSON.stringify(reason), lastUpdatedTime: new Date().toISOString() };
    await this.store.saveState(instance.state);
    await this.notifyParent(instance);
  }

  /** Tells a parent orchestration that its sub-orchestration finished. */
  async notifyParent(instance: Instance): Promise<void> {
    const { parent, runtimeStatus, output, name, instanceId } = instance.state;
    if (!parent) return;
    const event =
      runtimeStatus === "Completed"
        ? events.subOrchestrationCompleted(parent.taskId, output)
        : events.subOrchestrationFailed(parent.taskId, {
            errorType: "OrchestrationFailure",
            message: `Sub-orchestration '${name}' (${instanceId}) ${runtimeStatus === "Failed" ? "failed" : "was terminated"}: ${output ? String(JSON.parse(output)) : ""}`,
          });
    const message: Message = { kind: "event", id: `${parent.instanceId}|${parent.generation}|res|${parent.taskId}`, instanceId: parent.instanceId, generation: parent.generation, event };
    await this.store.putMessages([message]);
    this.deliver(message);
  }

  isStopped(): boolean {
    return this.stopped;
  }
}
