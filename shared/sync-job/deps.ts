// Everything a sync step touches, passed in: production wires the connectors and Table Storage,
// tests wire the same classes to the simulators and Azurite.
import type { SessionCache, SyncLocks } from "../store/index.js";
import type { SyncJobStore } from "./job-store.js";
import type { AgentPort, BesTrainingPort, SsgPort } from "./ports.js";
import type { SyncRegistry } from "./registry.js";

export interface SyncJobDeps {
  ssg: SsgPort;
  besTraining: BesTrainingPort;
  /** Absent when agent events are off (no AGENT_BASE_URL). */
  agent?: AgentPort;
  sessionCache: Pick<SessionCache, "upsert">;
  registry: Pick<SyncRegistry, "update">;
  runLocks: Pick<SyncLocks, "release">;
  jobs: SyncJobStore;
}
