// The secrets the TadaBase client reads, through the smallest interface shared/secrets satisfies
// (tests fill it from a map): `get` may be cached, `refresh` reads the source again (rotation).
export type TadaBaseSecretName = "tadabase-app-id" | "tadabase-app-key" | "tadabase-app-secret";

export interface TadaBaseSecrets {
  get(name: TadaBaseSecretName): Promise<string>;
  refresh(name: TadaBaseSecretName): Promise<string>;
}
