// Durable scenarios on the Azure Table Storage store, against a private Azurite.
import { after, before } from "node:test";
import { startAzurite } from "../support/azurite.js";
import type { Azurite } from "../support/azurite.js";
import { durableSuite } from "./durableSuite.js";

let azurite: Azurite;
before(async () => {
  azurite = await startAzurite();
});
after(() => azurite.stop());

durableSuite("tables", () => ({ AzureWebJobsStorage: azurite.connectionString }));
