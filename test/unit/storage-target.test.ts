// The app's own tables must work with the settings a newcomer copies (`UseDevelopmentStorage=true`),
// which the Functions host understands but the Tables SDK does not.
import assert from "node:assert/strict";
import { it } from "node:test";
import { TableClient } from "@azure/data-tables";
import { expandDevelopmentStorage, storageTargetFromSettings } from "../../shared/store/storage-target.js";

void it("spells out UseDevelopmentStorage=true as Azurite's connection string, which the Tables SDK accepts", () => {
  const target = storageTargetFromSettings({ AzureWebJobsStorage: "UseDevelopmentStorage=true" });
  assert.equal(target.kind, "connectionString");
  if (target.kind !== "connectionString") return;
  const client = TableClient.fromConnectionString(target.connectionString, "probe", { allowInsecureConnection: true });
  assert.equal(client.url, "http://127.0.0.1:10002/devstoreaccount1");
  assert.throws(() => TableClient.fromConnectionString("UseDevelopmentStorage=true", "probe"), "the SDK alone refuses the shorthand");
});

void it("honours DevelopmentStorageProxyUri and leaves real connection strings alone", () => {
  assert.match(expandDevelopmentStorage("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://10.1.2.3/"), /TableEndpoint=http:\/\/10\.1\.2\.3:10002\/devstoreaccount1;/);
  const real = "DefaultEndpointsProtocol=https;AccountName=acct;EndpointSuffix=core.windows.net";
  assert.equal(expandDevelopmentStorage(real), real);
});
