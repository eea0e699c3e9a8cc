// The secrets the SSG client reads, through the smallest interface that shared/secrets satisfies
// (and that tests fill with a map): `get` may be cached, `refresh` reads the source again.
export type SsgSecretName = "ssg-client-id" | "ssg-client-secret" | "ssg-encryption-key" | "ssg-client-certificate";

export interface SsgSecrets {
  get(name: SsgSecretName): Promise<string>;
  refresh(name: SsgSecretName): Promise<string>;
}
