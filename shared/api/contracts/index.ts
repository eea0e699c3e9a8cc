// Every HTTP operation the app offers. The OpenAPI document is generated from this list, and a test
// checks that the function app registers exactly these.
import type { RouteContract } from "../contract.js";
import { legacyContracts } from "./legacy.js";
import { syncContracts } from "./syncs.js";
import { systemContracts } from "./system.js";

export * from "./legacy.js";
export * from "./syncs.js";
export * from "./system.js";
export { ssgSessionApiSchema, ssgVenueApiSchema } from "./ssg-session.js";

export const routeContracts: readonly RouteContract[] = [...systemContracts, ...syncContracts, ...legacyContracts];
