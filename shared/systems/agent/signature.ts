// HMAC-SHA256 over "<unix seconds>.<raw body>" (docs/agent-api.md): binding the timestamp into the
// signature is what makes the agent's freshness check stop replays.
import { createHmac } from "node:crypto";
import { AGENT_API } from "./contract.js";

export function signatureHeaders(secret: string, body: Buffer, timestampSeconds: number): Record<string, string> {
  const timestamp = String(Math.floor(timestampSeconds));
  const hex = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
  return { [AGENT_API.timestampHeader]: timestamp, [AGENT_API.signatureHeader]: `sha256=${hex}` };
}
