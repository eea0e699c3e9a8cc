// Which Table service the app talks to: a connection string (Azurite locally, or a key-based
// account), or identity-based access (managed identity) as the Functions host's
// AzureWebJobsStorage__* settings describe it.
import { DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/identity";
import type { Settings } from "../config/index.js";
import { ConfigurationError } from "../errors.js";

export type StorageTarget =
  | { kind: "connectionString"; connectionString: string }
  | { kind: "identity"; tableServiceUri: string; credential: TokenCredential };

type StorageSettings = Pick<
  Settings,
  "AzureWebJobsStorage" | "AzureWebJobsStorage__tableServiceUri" | "AzureWebJobsStorage__accountName" | "AzureWebJobsStorage__clientId"
>;

export function storageTargetFromSettings(settings: StorageSettings, credential?: TokenCredential): StorageTarget {
  if (settings.AzureWebJobsStorage) return { kind: "connectionString", connectionString: settings.AzureWebJobsStorage };
  const uri =
    settings.AzureWebJobsStorage__tableServiceUri ??
    (settings.AzureWebJobsStorage__accountName ? `https://${settings.AzureWebJobsStorage__accountName}.table.core.windows.net` : undefined);
  if (!uri) throw new ConfigurationError("no storage configured: set AzureWebJobsStorage or AzureWebJobsStorage__tableServiceUri");
  const clientId = settings.AzureWebJobsStorage__clientId;
  return {
    kind: "identity",
    tableServiceUri: uri,
    credential: credential ?? new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
  };
}
