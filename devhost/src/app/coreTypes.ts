// The slice of the worker's `@azure/functions-core` contract that `@azure/functions` v4 uses.
// Written from the library's own calls (dist/azure-functions.js), since the worker ships no typings.
import type { LogLevel } from "../log.js";

export interface CoreBinding {
  type: string;
  direction?: "in" | "out" | "inout";
  [option: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, CoreBinding>;
  retryOptions?: unknown;
}

export type FunctionHandler = (...args: unknown[]) => unknown;

/** RpcTypedData: the worker protocol's tagged union for values. */
export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  int?: number;
  double?: number;
  http?: RpcHttp;
}

export interface RpcHttpCookie {
  name: string;
  value: string;
  domain?: { value: string } | null;
  path?: { value: string } | null;
  expires?: { value: { seconds: number; nanos?: number } | number } | null;
  secure?: { value: boolean } | null;
  httpOnly?: { value: boolean } | null;
  sameSite?: string;
  maxAge?: { value: number } | null;
}

export interface RpcHttp {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  body?: RpcTypedData;
  statusCode?: string;
  cookies?: RpcHttpCookie[];
}

export interface InvocationContextLike {
  invocationId: string;
  functionName: string;
  df?: { isReplaying?: boolean };
}

export interface CoreInvocationContext {
  invocationId: string;
  state?: "preInvocationHooks" | "postInvocationHooks" | "invocation";
  metadata: FunctionMetadata;
  request: { inputData: { name: string; data: RpcTypedData | undefined }[]; triggerMetadata: Record<string, RpcTypedData> };
  log(level: LogLevel, category: "user" | "system" | "customMetric", message: string): void;
}

export interface InvocationResponse {
  returnValue?: RpcTypedData | null;
  outputData?: { name: string; data: RpcTypedData }[];
}

export interface InvocationModel {
  getArguments(): Promise<{ context: InvocationContextLike; inputs: unknown[] }>;
  invokeFunction(context: InvocationContextLike, inputs: unknown[], handler: FunctionHandler): Promise<unknown>;
  getResponse(context: InvocationContextLike, result: unknown): Promise<InvocationResponse>;
}

export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: CoreInvocationContext): InvocationModel;
  getCapabilities?(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

export type HookName = "appStart" | "appTerminate" | "preInvocation" | "postInvocation" | "log";
export type HookCallback = (context: Record<string, unknown>) => unknown;
