// Everything a sync step touches, passed in: production wires the connectors and Table Storage,
// tests wire the same classes to the simulators and Azurite.
import type { SyncJobStore } from "./job-store.js";
import type { AgentPort, BesTrainingPort, SessionCachePort, SsgPort, SyncRegistryPort } from "./ports.js";

export interface SyncJobDeps {
  ssg: SsgPort;
  besTraining: BesTrainingPort;
  /** Absent when agent events are off (no AGENT_BASE_URL). */
  agent?: AgentPort;
  sessionCache: SessionCachePort;
  registry: SyncRegistryPort;
  jobs: SyncJobStore;
}
