// A real browser (Debian's chromium, driven by playwright-core) opens /api/docs served by devhost,
// sees every documented operation, runs "Try it out" on health and gets 200. The page must load
// nothing from anywhere but the app itself. Screenshot: test-artifacts/docs.png (git-ignored).
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import { startDevhost } from "../../devhost/src/index.js";
import type { Devhost, DevhostLogger } from "../../devhost/src/index.js";
import { buildOpenApiDocument } from "../../shared/api/openapi.js";
import { freePort, startAzurite } from "../support/azurite.js";
import type { Azurite } from "../support/azurite.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = `${ROOT}test-artifacts`;

function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`;
  if (!existsSync(`${ROOT}dist/functions/http/docs.js`)) return "the app is not built (dist/functions): run `npm run build` (npm test does)";
  return undefined;
}
const skip = skipReason();
if (skip) console.warn(`browser test skipped: ${skip}`);
const FUNCTION_KEY = "browser-test-function-key";

describe("Swagger UI in a real browser", { skip }, () => {
  let azurite: Azurite;
  let devhost: Devhost;
  let browser: Browser;
  const devhostLog: string[] = [];
  const logger: DevhostLogger = { log: (level, message) => devhostLog.push(`${level} ${message}`) };

  before(async () => {
    azurite = await startAzurite();
    // Partners point at closed ports: health is then "degraded", which still answers 200.
    const closed = `http://127.0.0.1:${await freePort()}`;
    devhost = await startDevhost({
      appDir: ROOT,
      port: 0,
      logger,
      disableTimers: true,
      requireKeys: true,
      settings: {
        AzureWebJobsStorage: azurite.connectionString,
        TASKHUB_NAME: "browsertest",
        SSG_BASE_URL: closed,
        TADABASE_BASE_URL: `${closed}/api/v1`,
        DEVHOST_FUNCTION_KEY: FUNCTION_KEY,
        DEVHOST_MASTER_KEY: "browser-test-master-key",
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  after(async () => {
    await browser?.close();
    await devhost?.stop();
    await azurite?.stop();
  });

  it("shows every operation and runs Try it out on health", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    const response = await page.goto(`${devhost.url}/api/docs`);
    assert.equal(response?.status(), 200);
    await page.locator(".opblock").first().waitFor();

    const doc = buildOpenApiDocument();
    const operationCount = Object.values(doc.paths ?? {}).reduce((n, item) => n + ["get", "post", "put", "patch", "delete"].filter((m) => m in item).length, 0);
    assert.equal(await page.locator(".opblock").count(), operationCount);
    await page.getByText("Authorize", { exact: true }).waitFor();

    const health = page.locator("#operations-System-health");
    await health.locator(".opblock-summary").click();
    await health.locator("button.try-out__btn").click();
    await health.locator("button.execute").click();
    const status = health.locator(".live-responses-table .response .response-col_status").first();
    await status.waitFor();
    assert.equal((await status.textContent())?.trim(), "200");
    const body = await health.locator(".live-responses-table .response-col_description pre").first().textContent();
    assert.match(body ?? "", /"status": "(ok|degraded)"/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/docs.png`, fullPage: true });

    const foreign = requested.filter((url) => !url.startsWith(devhost.url) && !url.startsWith("data:"));
    assert.deepEqual(foreign, [], "everything comes from the app itself (no CDN, no validator)");
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it("takes a function key with Authorize, sends it with Try it out, and keeps it across a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const sentKeys: Array<string | undefined> = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/syncs") sentKeys.push(request.headers()["x-functions-key"]);
    });
    await page.goto(`${devhost.url}/api/docs`);
    await page.locator(".opblock").first().waitFor();

    await page.locator("button.authorize").first().click();
    const scheme = page.locator(".auth-container").filter({ hasText: "functionKeyHeader" });
    await scheme.locator("input").fill(FUNCTION_KEY);
    await scheme.locator("button.authorize").click();
    await page.locator("button.btn-done").first().click();

    const tryList = async () => {
      const list = page.locator("#operations-Syncs-listSyncs");
      await list.locator(".opblock-summary").click();
      await list.locator("button.try-out__btn").click();
      await list.locator("button.execute").click();
      const status = list.locator(".live-responses-table .response .response-col_status").first();
      await status.waitFor();
      return (await status.textContent())?.trim();
    };
    assert.equal(await tryList(), "200");
    assert.deepEqual(sentKeys, [FUNCTION_KEY]);

    // persistAuthorization: the key survives loading the page again (no deep link, all collapsed).
    await page.goto(`${devhost.url}/api/docs`);
    await page.locator(".opblock").first().waitFor();
    assert.equal(await tryList(), "200");
    assert.deepEqual(sentKeys, [FUNCTION_KEY, FUNCTION_KEY]);
    await page.close();
  });
});
