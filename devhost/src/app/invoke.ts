// Runs one invocation through the app's programming model, the path the real worker takes:
// getArguments → preInvocation hooks → invokeFunction → postInvocation hooks → getResponse.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { DevhostLogger, LogLevel } from "../log.js";
import { errorMessage } from "../log.js";
import type { AppRegistry, RegisteredFunction } from "./coreApi.js";
import type { CoreInvocationContext, InvocationContextLike, InvocationResponse, RpcTypedData } from "./coreTypes.js";

export interface InvocationRequest {
  inputData: { name: string; data: RpcTypedData | undefined }[];
  triggerMetadata?: Record<string, RpcTypedData>;
  /** Orchestrators: drop the app's log lines while the SDK replays history. */
  replaySafeLogs?: boolean;
}

export type InvocationOutcome =
  | { ok: true; invocationId: string; result: unknown; response: InvocationResponse }
  | { ok: false; invocationId: string; error: unknown };

export interface Invoker {
  invoke(fn: RegisteredFunction, request: InvocationRequest): Promise<InvocationOutcome>;
}

export function createInvoker(registry: AppRegistry, logger: DevhostLogger, appHookData: Record<string, unknown>): Invoker {
  const model = registry.model;
  if (!model) throw new Error("devhost: the app set no programming model");

  async function runHooks(name: "preInvocation" | "postInvocation", context: Record<string, unknown>): Promise<void> {
    for (const hook of registry.hooks[name]) await hook(context);
  }

  function runLogHooks(level: LogLevel, category: string, message: string, context: InvocationContextLike | undefined): boolean {
    const hookContext: Record<string, unknown> = { level, message, category, invocationContext: context, hookData: {}, appHookData };
    for (const hook of registry.hooks.log) void hook(hookContext);
    return true;
  }

  return {
    async invoke(fn, request) {
      const invocationId = randomUUID();
      const name = fn.metadata.name;
      let context: InvocationContextLike | undefined;
      const coreCtx: CoreInvocationContext = {
        invocationId,
        metadata: fn.metadata,
        request: { inputData: request.inputData, triggerMetadata: request.triggerMetadata ?? {} },
        log(level, category, message) {
          if (request.replaySafeLogs && context?.df?.isReplaying) return;
          runLogHooks(level, category, message, context);
          logger.log(level, `[${name}] ${message}`);
        },
      };
      const started = performance.now();
      const finish = (outcome: string): void => {
        const duration = Math.round(performance.now() - started);
        logger.log(outcome === "Succeeded" ? "information" : "error", `Executed '${name}' (${outcome}, Id=${invocationId}, Duration=${duration}ms)`);
      };
      try {
        const invocation = model.getInvocationModel(coreCtx);
        const args = await invocation.getArguments();
        context = args.context;
        const hookData: Record<string, unknown> = {};
        const pre: Record<string, unknown> = { invocationContext: context, inputs: args.inputs, functionCallback: fn.handler, hookData, appHookData };
        coreCtx.state = "preInvocationHooks";
        await runHooks("preInvocation", pre);
        coreCtx.state = "invocation";
        let result: unknown;
        let error: unknown;
        try {
          result = await invocation.invokeFunction(context, pre.inputs as unknown[], pre.functionCallback as typeof fn.handler);
        } catch (caught) {
          error = caught;
        }
        const post: Record<string, unknown> = { invocationContext: context, inputs: pre.inputs, result, error, hookData, appHookData };
        coreCtx.state = "postInvocationHooks";
        await runHooks("postInvocation", post);
        coreCtx.state = undefined;
        if (post.error !== undefined && post.error !== null) {
          finish(`Failed: ${firstLine(errorMessage(post.error))}`);
          return { ok: false, invocationId, error: post.error };
        }
        const response = await invocation.getResponse(context, post.result);
        finish("Succeeded");
        return { ok: true, invocationId, result: post.result, response };
      } catch (error) {
        finish(`Failed: ${firstLine(errorMessage(error))}`);
        return { ok: false, invocationId, error };
      }
    },
  };
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
