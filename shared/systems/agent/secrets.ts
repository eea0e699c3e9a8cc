// The one secret the agent client reads, through the smallest interface shared/secrets satisfies.
export type AgentSecretName = "agent-signing-secret";

export interface AgentSecrets {
  get(name: AgentSecretName): Promise<string>;
  refresh(name: AgentSecretName): Promise<string>;
}
