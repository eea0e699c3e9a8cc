// GET /api/docs and /api/docs/{*asset} (anonymous): Swagger UI, served from swagger-ui-dist.
import { getDocs, getDocsAsset } from "../../shared/api/contracts/index.js";
import { docsAsset, docsIndex } from "../../shared/api/docs-site.js";
import { NotFound } from "../../shared/errors.js";
import { registerRoute } from "./route.js";

export const docsHandler = registerRoute(getDocs, () => {
  const page = docsIndex();
  return { status: 200, body: page.body, headers: { ...page.headers, "Content-Type": page.contentType } };
});

export const docsAssetHandler = registerRoute(getDocsAsset, async ({ params }) => {
  const file = await docsAsset(params.asset);
  if (!file) throw new NotFound(`There is no documentation file ${params.asset}`);
  return { status: 200, body: file.body, headers: { ...file.headers, "Content-Type": file.contentType } };
});
