// /api/openapi.json and /api/docs at handler level: the document served is the generated one, the
// Swagger UI page only references files we serve, and nothing else on disk can be named.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { docsAssetHandler, docsHandler } from "../../functions/http/docs.js";
import { openApiHandler } from "../../functions/http/openapi.js";
import { buildOpenApiDocument } from "../../shared/api/openapi.js";
import { invokeHandler } from "../support/invoke-handler.js";
import { assertMatchesDocument } from "../support/openapi-check.js";

const HOST = "http://127.0.0.1:7071";

describe("GET /api/openapi.json", () => {
  it("serves the document generated from the contracts", async () => {
    const url = `${HOST}/api/openapi.json`;
    const res = await invokeHandler(openApiHandler, { url });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/json");
    assert.deepEqual(res.json, JSON.parse(JSON.stringify(buildOpenApiDocument())));
    assertMatchesDocument({ method: "GET", url, status: res.status, headers: res.headers, body: res.json });
  });
});

describe("GET /api/docs", () => {
  it("serves a Swagger UI page whose every script, style and icon is served by the app", async () => {
    const url = `${HOST}/api/docs`;
    const page = await invokeHandler(docsHandler, { url });
    assert.equal(page.status, 200);
    assert.equal(page.headers["content-type"], "text/html");
    assertMatchesDocument({ method: "GET", url, status: page.status, headers: page.headers, body: page.text });
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    assert.ok(refs.length >= 4);
    for (const ref of refs) {
      assert.match(ref, /^\/api\/docs\/[A-Za-z0-9._-]+$/, `${ref} is served by this app, not a CDN`);
      const asset = ref.slice("/api/docs/".length);
      const res = await invokeHandler(docsAssetHandler, { url: `${HOST}${ref}`, params: { asset } });
      assert.equal(res.status, 200, ref);
      assert.ok(res.text.length > 0);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assertMatchesDocument({ method: "GET", url: `${HOST}${ref}`, status: res.status, headers: res.headers, body: res.text });
    }
  });

  it("points Swagger UI at our document, keeps an entered key, and calls no validator service", async () => {
    const res = await invokeHandler(docsAssetHandler, { url: `${HOST}/api/docs/swagger-initializer.js`, params: { asset: "swagger-initializer.js" } });
    assert.equal(res.headers["content-type"], "text/javascript");
    assert.match(res.text, /url: "\/api\/openapi\.json"/);
    assert.match(res.text, /persistAuthorization: true/);
    assert.match(res.text, /validatorUrl: null/);
  });

  it("serves the page on the catch-all route too, when a host routes /api/docs there", async () => {
    for (const params of [{}, { asset: "" }] as Array<Record<string, string>>) {
      const res = await invokeHandler(docsAssetHandler, { url: `${HOST}/api/docs`, params });
      assert.equal(res.status, 200);
      assert.equal(res.headers["content-type"], "text/html");
      assert.match(res.text, /swagger-initializer\.js/);
    }
  });

  it("answers 404 problem+json for a file it does not serve", async () => {
    for (const asset of ["index.html", "swagger-ui.js.map", "package.json", "absolute-path.js"]) {
      const url = `${HOST}/api/docs/${asset}`;
      const res = await invokeHandler(docsAssetHandler, { url, params: { asset } });
      assert.equal(res.status, 404, asset);
      assert.equal(res.headers["content-type"], "application/problem+json");
      assertMatchesDocument({ method: "GET", url, status: res.status, headers: res.headers, body: res.json });
    }
  });

  it("answers 400 for a name that tries to leave the folder", async () => {
    for (const asset of ["../package.json", "..%2Fpackage.json", "/etc/passwd", ".env"]) {
      const res = await invokeHandler(docsAssetHandler, { url: `${HOST}/api/docs/x`, params: { asset } });
      assert.equal(res.status, 400, asset);
    }
  });
});
