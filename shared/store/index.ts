// Our tables in Azure Table Storage (Azurite locally): the session cache, the id maps and the
// per-run sync locks.
// Each table is created on first use.
import type { TableServiceClientOptions } from "@azure/data-tables";
import { loadSettings } from "../config/index.js";
import { IdMap } from "./id-map.js";
import { LazyTable } from "./lazy-table.js";
import { SessionCache } from "./session-cache.js";
import { storageTargetFromSettings } from "./storage-target.js";
import { SyncLocks } from "./sync-locks.js";
import type { StorageTarget } from "./storage-target.js";

export { SessionCache } from "./session-cache.js";
export type { CachedSession } from "./session-cache.js";
export { IdMap } from "./id-map.js";
export { LazyTable, isNotFound } from "./lazy-table.js";
export { batchActions } from "./transactions.js";
export { fromChunkedProperties, toChunkedProperties } from "./chunked-json.js";
export { SyncLocks } from "./sync-locks.js";
export type { ClaimResult } from "./sync-locks.js";
export { storageTargetFromSettings } from "./storage-target.js";
export type { StorageTarget } from "./storage-target.js";
export { tableKey } from "./table-keys.js";

/** Table names: letters and digits only, as Azure requires. */
export const TABLES = {
  sessionCache: "BesSessionCache",
  sessionRecordIds: "BesSessionRecordIds",
  venueRecordIds: "BesVenueRecordIds",
  syncLocks: "BesSyncLocks",
} as const;

/** The venue map has one scope: venue keys are global, not per course run. */
export const VENUE_SCOPE = "venues";

export interface Store {
  /** Course run id → its SSG sessions by id. */
  sessionCache: SessionCache;
  /** Scope = course run id; key = SSG session id; value = BESTraining Course Session record id. */
  sessionRecordIds: IdMap;
  /** Scope = VENUE_SCOPE; key = canonical venue key; value = BESTraining Venue record id. */
  venueRecordIds: IdMap;
  /** Course run id → the one sync allowed to run on it now. */
  syncLocks: SyncLocks;
}

export function createStore(target: StorageTarget, options: TableServiceClientOptions = {}): Store {
  const table = (name: string): LazyTable => new LazyTable(target, name, options);
  return {
    sessionCache: new SessionCache(table(TABLES.sessionCache)),
    sessionRecordIds: new IdMap(table(TABLES.sessionRecordIds)),
    venueRecordIds: new IdMap(table(TABLES.venueRecordIds)),
    syncLocks: new SyncLocks(table(TABLES.syncLocks)),
  };
}

let appTarget: StorageTarget | undefined;
let appStore: Store | undefined;

/**
 * The app's storage, from the settings, made once: every table client of the process shares it,
 * and with managed identity that means one credential and one token cache.
 */
export function appStorageTarget(): StorageTarget {
  appTarget ??= storageTargetFromSettings(loadSettings());
  return appTarget;
}

/** The app's store, made on first use (tables are created lazily). */
export function store(): Store {
  appStore ??= createStore(appStorageTarget());
  return appStore;
}

/** For tests only: forget the app's store and storage target. */
export function resetStoreForTests(): void {
  appStore = undefined;
  appTarget = undefined;
}
