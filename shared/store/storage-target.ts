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

// The storage emulator's well-known account (public, documented by Microsoft, valid only against
// Azurite). The Functions host accepts the `UseDevelopmentStorage=true` shorthand; the Tables SDK
// does not, so it is spelled out here.
const EMULATOR_ACCOUNT = "devstoreaccount1";
const EMULATOR_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** `UseDevelopmentStorage=true[;DevelopmentStorageProxyUri=http://host]` → a full Azurite connection string. */
export function expandDevelopmentStorage(connectionString: string): string {
  const parts = new Map(
    connectionString
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const at = p.indexOf("=");
        return [p.slice(0, at).toLowerCase(), p.slice(at + 1)] as const;
      }),
  );
  if (parts.get("usedevelopmentstorage")?.toLowerCase() !== "true") return connectionString;
  const host = (parts.get("developmentstorageproxyuri") ?? "http://127.0.0.1").replace(/\/+$/, "");
  return (
    `DefaultEndpointsProtocol=http;AccountName=${EMULATOR_ACCOUNT};AccountKey=${EMULATOR_KEY};` +
    `BlobEndpoint=${host}:10000/${EMULATOR_ACCOUNT};QueueEndpoint=${host}:10001/${EMULATOR_ACCOUNT};TableEndpoint=${host}:10002/${EMULATOR_ACCOUNT};`
  );
}

export function storageTargetFromSettings(settings: StorageSettings, credential?: TokenCredential): StorageTarget {
  if (settings.AzureWebJobsStorage) return { kind: "connectionString", connectionString: expandDevelopmentStorage(settings.AzureWebJobsStorage) };
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
