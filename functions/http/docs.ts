// GET /api/docs and /api/docs/{*asset} (anonymous): Swagger UI, served from swagger-ui-dist.
import { getDocs, getDocsAsset } from "../../shared/api/contracts/index.js";
import { docsAsset, docsIndex } from "../../shared/api/docs-site.js";
import type { DocsFile } from "../../shared/api/docs-site.js";
import { NotFound } from "../../shared/errors.js";
import { registerRoute } from "./route.js";

function answer(file: DocsFile): { status: 200; body: Uint8Array; headers: Record<string, string> } {
  return { status: 200, body: file.body, headers: { ...file.headers, "Content-Type": file.contentType } };
}

export const docsHandler = registerRoute(getDocs, () => answer(docsIndex()));

export const docsAssetHandler = registerRoute(getDocsAsset, async ({ params }) => {
  // A host may send /api/docs itself to the catch-all route, with no file name.
  if (!params.asset) return answer(docsIndex());
  const file = await docsAsset(params.asset);
  if (!file) throw new NotFound(`There is no documentation file ${params.asset}`);
  return answer(file);
});
