// GET /api/openapi.json (anonymous): the document generated from the route contracts.
import { getOpenApiDocument } from "../../shared/api/contracts/index.js";
import { openApiDocument } from "../../shared/api/openapi.js";
import { registerRoute } from "./route.js";

export const openApiHandler = registerRoute(getOpenApiDocument, () => ({
  status: 200,
  body: openApiDocument() as unknown as Record<string, unknown>,
  headers: { "Cache-Control": "no-cache" },
}));
