// Which secrets the configured partners need, so a local run can say at start what is missing
// instead of failing at the first partner call.
import type { SecretName, Settings } from "../config/index.js";

export function requiredSecrets(settings: Pick<Settings, "SSG_AUTH_MODE" | "AGENT_BASE_URL">): SecretName[] {
  const ssg: SecretName[] = settings.SSG_AUTH_MODE === "mtls" ? ["ssg-client-certificate"] : ["ssg-client-id", "ssg-client-secret"];
  const agent: SecretName[] = settings.AGENT_BASE_URL ? ["agent-signing-secret"] : [];
  return [...ssg, "tadabase-app-id", "tadabase-app-key", "tadabase-app-secret", ...agent];
}
