// AzureWebJobsStorage as a connection string: `UseDevelopmentStorage=true` means Azurite's defaults.
import { DevhostConfigError } from "./errors.js";
import type { Settings } from "./settings.js";

// Azurite's documented development account; valid only against the emulator.
const DEV_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function storageConnectionString(settings: Settings): string {
  const value = settings.AzureWebJobsStorage ?? process.env.AzureWebJobsStorage;
  if (!value) throw new DevhostConfigError("The tables store needs the AzureWebJobsStorage setting (e.g. UseDevelopmentStorage=true for Azurite).");
  if (/^UseDevelopmentStorage=true/i.test(value.trim())) {
    return (
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};` +
      "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
    );
  }
  return value;
}
