// One logging seam for devhost: the CLI prints lines, tests capture them.
export type LogLevel = "trace" | "debug" | "information" | "warning" | "error" | "critical" | "none";

export interface DevhostLogger {
  log(level: LogLevel, message: string): void;
}

export const consoleLogger: DevhostLogger = {
  log(level, message) {
    const line = `[${new Date().toISOString()}] ${message}`;
    if (level === "error" || level === "critical") console.error(line);
    else if (level === "warning") console.warn(line);
    else console.log(line);
  },
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
