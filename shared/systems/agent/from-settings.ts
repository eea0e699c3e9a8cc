// The app's one agent client, built from settings on first use. Without AGENT_BASE_URL, events are
// off: a client that logs and drops them.
import { partnerLimits } from "../../config/index.js";
import { httpLimits, perProcess } from "../per-process.js";
import { createAgentClient, disabledAgentClient } from "./client.js";
import type { AgentSecrets } from "./secrets.js";

export const agentClientFromSettings = perProcess((settings, secrets: AgentSecrets) => {
  const limits = partnerLimits(settings, "agent");
  return limits.baseUrl ? createAgentClient({ secrets, http: { baseUrl: limits.baseUrl, ...httpLimits(limits) } }) : disabledAgentClient();
});
