// Everything a sync step touches, passed in: production wires the connectors and Table Storage,
// tests wire the same classes to the simulators and Azurite.
import type { SessionCache, SyncLocks } from "../store/index.js";
import type { SyncJobStore } from "./job-store.js";
import type { AgentClient } from "../systems/agent/client.js";
import type { BesTrainingPort, SsgPort } from "./ports.js";
import type { SyncRegistry } from "./registry.js";

export interface SyncJobDeps {
  ssg: SsgPort;
  besTraining: BesTrainingPort;
  /** Without AGENT_BASE_URL a disabled client that logs and drops events. */
  agent: Pick<AgentClient, "sendEvent">;
  sessionCache: Pick<SessionCache, "upsert">;
  registry: Pick<SyncRegistry, "update">;
  runLocks: Pick<SyncLocks, "release">;
  /** Venues are shared by runs: one sync at a time may create the venue of a key (claims keyed by venue key). */
  venueClaims: Pick<SyncLocks, "claim" | "takeOver" | "release">;
  jobs: SyncJobStore;
}
