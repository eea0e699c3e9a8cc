// The simulator kit: one server shape, fault rules and request log shared by every simulator.
export { startSimServer } from "./server.js";
export type { SimHandler, SimRequest, SimResponse, SimRoute, SimServer, SimServerOptions } from "./server.js";
export { FaultStore, faultRuleSchema } from "./faults.js";
export type { FaultRule, FaultRuleInput, FaultRuleSpec } from "./faults.js";
export type { LoggedRequest, RequestLogSnapshot } from "./request-log.js";
export { REDACTED } from "./request-log.js";
export { adminJson } from "./admin.js";
export { createRng } from "./random.js";
export type { Rng } from "./random.js";
export { createLoopbackCertificate } from "./tls.js";
export type { LoopbackCertificate } from "./tls.js";
