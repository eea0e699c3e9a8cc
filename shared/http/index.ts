export { createPartnerHttp, type PartnerHttp } from "./partner-http.js";
export type { HttpMethod, PartnerHttpOptions, PartnerRequest, PartnerResponse } from "./options.js";
export { retryAfterMs, intHeader } from "./retry-after.js";
