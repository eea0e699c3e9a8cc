// Runs one activity work item and turns its outcome into the completion event for its orchestration.
import type { RpcTypedData } from "../app/coreTypes.js";
import type { DurableEngine } from "./engine.js";
import { events, failureFromError } from "./events.js";
import { isTerminal } from "./model.js";
import type { ActivityMessage, EventMessage } from "./model.js";

/** JSON text of an activity's return value as the worker protocol carried it. */
export function typedDataToJson(data: RpcTypedData | null | undefined): string {
  if (!data) return "null";
  if (data.json !== undefined) return data.json;
  if (data.string !== undefined) return JSON.stringify(data.string);
  if (data.int !== undefined) return JSON.stringify(data.int);
  if (data.double !== undefined) return JSON.stringify(data.double);
  if (data.bytes !== undefined) return JSON.stringify(Buffer.from(data.bytes).toString("base64"));
  return "null";
}

/** Returns the completion event to record (the engine persists it), or undefined when the work item was obsolete. */
export async function runActivity(engine: DurableEngine, item: ActivityMessage): Promise<EventMessage | undefined> {
  const instance = engine.instances.get(item.instanceId);
  const remove = { instanceId: item.instanceId, ids: [item.id] };
  if (!instance || isTerminal(instance.state.runtimeStatus) || instance.state.generation !== item.generation || instance.completedIds.has(item.taskId)) {
    await engine.store.putMessages([], remove);
    return undefined;
  }
  const fn = engine.options.activities.get(item.name);
  let event;
  if (!fn) {
    event = events.taskFailed(item.taskId, { errorType: "FunctionNotFound", message: `The activity function '${item.name}' doesn't exist, is disabled, or is not an activity function.` });
  } else {
    const triggerName = Object.entries(fn.metadata.bindings).find(([, b]) => b.type.toLowerCase() === "activitytrigger")?.[0] ?? "input";
    const outcome = await engine.options.invoker.invoke(fn, {
      inputData: [{ name: triggerName, data: item.input === null ? undefined : { json: item.input } }],
    });
    event = outcome.ok
      ? events.taskCompleted(item.taskId, typedDataToJson(outcome.response.returnValue))
      : events.taskFailed(item.taskId, failureFromError(outcome.error));
  }
  if (engine.isStopped()) return undefined;
  return { kind: "event", id: `${item.instanceId}|${item.generation}|res|${item.taskId}`, instanceId: item.instanceId, generation: item.generation, event };
}
