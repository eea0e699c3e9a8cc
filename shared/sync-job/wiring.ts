// Production wiring of the sync job: settings, secrets, connectors and tables, built once per
// process so breaker and limiter state is shared by every activity the process runs.
import { loadSettings, type Settings } from "../config/index.js";
import { secretProvider, type SecretProvider } from "../secrets/index.js";
import { createStore, LazyTable, storageTargetFromSettings, SyncLocks, type StorageTarget } from "../store/index.js";
import { agentClientFromSettings } from "../systems/agent/from-settings.js";
import { besTrainingFromSettings } from "../systems/bestraining/from-settings.js";
import { ssgClientFromSettings } from "../systems/ssg/from-settings.js";
import { besTrainingPort, ssgPort } from "./adapters.js";
import type { SyncJobDeps } from "./deps.js";
import { SyncJobStore } from "./job-store.js";
import { SyncRegistry } from "./registry.js";

export const SYNC_TABLES = { jobs: "BesSyncJobs", syncs: "BesSyncs", venueClaims: "BesVenueClaims" } as const;

export interface SyncJobWiring {
  settings: Settings;
  secrets: SecretProvider;
  storage: StorageTarget;
}

export function createSyncJobDeps({ settings, secrets, storage }: SyncJobWiring): SyncJobDeps & { syncs: SyncRegistry } {
  const store = createStore(storage);
  const syncs = new SyncRegistry(new LazyTable(storage, SYNC_TABLES.syncs));
  return {
    ssg: ssgPort(ssgClientFromSettings(settings, secrets)),
    besTraining: besTrainingPort(besTrainingFromSettings(settings, secrets)),
    agent: agentClientFromSettings(settings, secrets),
    sessionCache: store.sessionCache,
    registry: syncs,
    syncs,
    runLocks: store.syncLocks,
    venueClaims: new SyncLocks(new LazyTable(storage, SYNC_TABLES.venueClaims)),
    jobs: new SyncJobStore(new LazyTable(storage, SYNC_TABLES.jobs)),
  };
}

let deps: (SyncJobDeps & { syncs: SyncRegistry }) | undefined;

/** The app's sync job dependencies, made on first use. */
export function syncJobDeps(): SyncJobDeps & { syncs: SyncRegistry } {
  if (deps === undefined) {
    const settings = loadSettings();
    deps = createSyncJobDeps({ settings, secrets: secretProvider(), storage: storageTargetFromSettings(settings) });
  }
  return deps;
}
