// Swagger UI served by the app itself from the swagger-ui-dist package (no CDN): a small index page,
// our initializer pointing at /api/openapi.json, and an allow-list of the package's files (so a
// request can never name any other file on disk).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { API_PREFIX } from "./contract.js";

export interface DocsFile {
  contentType: "text/html" | "text/css" | "text/javascript" | "image/png";
  body: Uint8Array;
  headers: Record<string, string>;
}

export const DOCS_PATH = `${API_PREFIX}/docs`;
const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;

/** Scripts and styles only from this host; Swagger UI sets inline styles and shows data: images. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const PACKAGE_FILES: Readonly<Record<string, DocsFile["contentType"]>> = {
  "swagger-ui.css": "text/css",
  "index.css": "text/css",
  "swagger-ui-bundle.js": "text/javascript",
  "favicon-32x32.png": "image/png",
  "favicon-16x16.png": "image/png",
};

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>BESOrchestrator API</title>
    <link rel="stylesheet" type="text/css" href="${DOCS_PATH}/swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="${DOCS_PATH}/index.css" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${DOCS_PATH}/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

// persistAuthorization keeps an entered function key across reloads; validatorUrl null stops
// Swagger UI from sending the document to validator.swagger.io.
const INITIALIZER_JS = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(OPENAPI_PATH)},
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    displayRequestDuration: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
};
`;

const encoder = new TextEncoder();
const packageDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const cache = new Map<string, Promise<DocsFile>>();

function generated(contentType: DocsFile["contentType"], text: string): DocsFile {
  return { contentType, body: encoder.encode(text), headers: { "Cache-Control": "no-cache" } };
}

async function packageFile(name: string, contentType: DocsFile["contentType"]): Promise<DocsFile> {
  const body = new Uint8Array(await readFile(join(packageDir, name)));
  return { contentType, body, headers: { "Cache-Control": "public, max-age=86400" } };
}

function common(file: DocsFile): DocsFile {
  return { ...file, headers: { ...file.headers, "X-Content-Type-Options": "nosniff", "Content-Security-Policy": CSP } };
}

/** The Swagger UI page. */
export function docsIndex(): DocsFile {
  return common(generated("text/html", INDEX_HTML));
}

/** A file under /api/docs/, or undefined when it is not one we serve. */
export async function docsAsset(name: string): Promise<DocsFile | undefined> {
  if (name === "swagger-initializer.js") return common(generated("text/javascript", INITIALIZER_JS));
  const contentType = Object.hasOwn(PACKAGE_FILES, name) ? PACKAGE_FILES[name] : undefined;
  if (!contentType) return undefined;
  let file = cache.get(name);
  if (!file) {
    file = packageFile(name, contentType);
    cache.set(name, file);
    // A failed read must not stay cached.
    file.catch(() => cache.delete(name));
  }
  return common(await file);
}
