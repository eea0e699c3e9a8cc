// The Azurite helper every storage test relies on: it must start, serve tables, and stop cleanly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TableClient } from "@azure/data-tables";
import { startAzurite } from "../support/azurite.js";

void test("startAzurite serves the table API on its own ports and stops", async () => {
  const azurite = await startAzurite();
  try {
    const client = TableClient.fromConnectionString(azurite.connectionString, "probe", { allowInsecureConnection: true });
    await client.createTable();
    await client.upsertEntity({ partitionKey: "p", rowKey: "r", value: 42 });
    const entity = await client.getEntity<{ value: number }>("p", "r");
    assert.equal(entity.value, 42);
    assert.match(azurite.tableEndpoint, /^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
  } finally {
    await azurite.stop();
  }
});
