// Production wiring of the sync job: settings, secrets, connectors and tables, built once per
// process so breaker and limiter state is shared by every activity the process runs.
import { loadSettings, type Settings } from "../config/index.js";
import { secretProvider, type SecretProvider } from "../secrets/index.js";
import { appStorageTarget, createStore, LazyTable, store, SyncLocks, type StorageTarget, type Store } from "../store/index.js";
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
  /** The store on `storage` when the caller has one already (the app's), so its tables are shared. */
  store?: Store;
}

export function createSyncJobDeps({ settings, secrets, storage, store = createStore(storage) }: SyncJobWiring): SyncJobDeps & { syncs: SyncRegistry } {
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
    deps = createSyncJobDeps({ settings: loadSettings(), secrets: secretProvider(), storage: appStorageTarget(), store: store() });
  }
  return deps;
}
