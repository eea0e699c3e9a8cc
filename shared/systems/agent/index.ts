// BESCognitive Agent connector: signed, idempotent business events (docs/agent-api.md).
export { createAgentClient, disabledAgentClient } from "./client.js";
export type { AgentClient, AgentClientOptions, AgentHealth, AgentHttpOptions, SendResult } from "./client.js";
export { agentClientFromSettings } from "./from-settings.js";
export { AGENT_API, MAX_CHANGED_SESSION_IDS, agentEventSchema, sessionsSyncedDataSchema } from "./contract.js";
export type { AgentEvent, SessionsSyncedData } from "./contract.js";
export { sessionsSyncedEvent } from "./events.js";
export type { SessionsSyncedInput } from "./events.js";
export { signatureHeaders } from "./signature.js";
export type { AgentSecretName, AgentSecrets } from "./secrets.js";
