// Logging without Functions types: the function layer binds the invocation's logger for the
// duration of a call (AsyncLocalStorage), and shared code logs through currentLogger(). Every line
// passes through redact().
import { AsyncLocalStorage } from "node:async_hooks";
import { redact } from "./redact.js";

export interface Logger {
  info(message: string, properties?: Record<string, unknown>): void;
  warn(message: string, properties?: Record<string, unknown>): void;
  error(message: string, properties?: Record<string, unknown>): void;
}

/** A sink receives already-redacted text. */
export type LogSink = (level: "info" | "warn" | "error", line: string) => void;

export function createLogger(sink: LogSink): Logger {
  const write = (level: "info" | "warn" | "error", message: string, properties?: Record<string, unknown>): void => {
    const suffix = properties && Object.keys(properties).length > 0 ? ` ${JSON.stringify(properties)}` : "";
    sink(level, redact(`${message}${suffix}`));
  };
  return {
    info: (m, p) => write("info", m, p),
    warn: (m, p) => write("warn", m, p),
    error: (m, p) => write("error", m, p),
  };
}

const LEVELS = { info: 0, warn: 1, error: 2 } as const;
// Outside an invocation (scripts, tests) LOG_LEVEL=warn|error keeps the console quiet.
const threshold = LEVELS[(process.env.LOG_LEVEL ?? "info") as keyof typeof LEVELS] ?? 0;

const consoleLogger = createLogger((level, line) => {
  if (LEVELS[level] < threshold) return;
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
});

const scope = new AsyncLocalStorage<Logger>();

/** Run fn with logger as the current logger (used by function wrappers around each invocation). */
export function withLogger<T>(logger: Logger, fn: () => T): T {
  return scope.run(logger, fn);
}

export function currentLogger(): Logger {
  return scope.getStore() ?? consoleLogger;
}
