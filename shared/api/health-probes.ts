// The probes /api/health runs, built from the settings. A partner probe is a plain GET of its base
// URL without credentials: any HTTP answer proves reachability, and no rate limit or key is spent.
// Storage is probed with an authenticated table listing where we hold a credential, so a wrong key
// or a missing role shows as a failure too.
import { TableServiceClient } from "@azure/data-tables";
import axios from "axios";
import type { Settings } from "../config/index.js";
import { storageTargetFromSettings, type StorageTarget } from "../store/storage-target.js";
import type { HealthProbes, Probe } from "./health.js";

// Azurite's table endpoint when the connection string is the `UseDevelopmentStorage=true` shorthand.
const DEVELOPMENT_TABLE_ENDPOINT = "http://127.0.0.1:10002/devstoreaccount1";

export function httpReachable(url: string): Probe {
  return async (signal) => {
    await axios.get(url, { signal, maxRedirects: 0, validateStatus: () => true, responseType: "arraybuffer", maxContentLength: 1024 * 1024 });
  };
}

function tableListing(client: TableServiceClient): Probe {
  return async (signal) => {
    await client.listTables({ abortSignal: signal }).byPage({ maxPageSize: 1 }).next();
  };
}

type StorageSettings = Parameters<typeof storageTargetFromSettings>[0];

/** `target`: the app's own storage target when it has one, so the probe reuses its credential. */
export function storageProbe(settings: StorageSettings, target: StorageTarget = storageTargetFromSettings(settings)): Probe {
  const connection = settings.AzureWebJobsStorage;
  if (connection && /^\s*UseDevelopmentStorage=true\s*;?\s*$/i.test(connection)) return httpReachable(DEVELOPMENT_TABLE_ENDPOINT);
  return tableListing(
    target.kind === "connectionString"
      ? TableServiceClient.fromConnectionString(target.connectionString, {
          allowInsecureConnection: /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(target.connectionString),
        })
      : new TableServiceClient(target.tableServiceUri, target.credential),
  );
}

/** Storage is critical; each configured partner is optional (its failure degrades). */
export function probesFromSettings(settings: Settings, storage?: StorageTarget): HealthProbes {
  const optional: Record<string, Probe> = {
    ssg: httpReachable(settings.SSG_BASE_URL),
    tadabase: httpReachable(settings.TADABASE_BASE_URL),
  };
  if (settings.AGENT_BASE_URL) optional.agent = httpReachable(settings.AGENT_BASE_URL);
  return { critical: { storage: storageProbe(settings, storage) }, optional };
}
