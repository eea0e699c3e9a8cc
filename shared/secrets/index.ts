// Public surface of the secrets module, and the app's one provider built from the settings.
import { loadSettings } from "../config/index.js";
import { createSecretProvider } from "./secret-provider.js";
import type { SecretProvider } from "./secret-provider.js";

export { createSecretProvider } from "./secret-provider.js";
export type { SecretProvider, SecretProviderOptions } from "./secret-provider.js";
export { missingSecretSettings } from "./settings-source.js";
export { requiredSecrets } from "./required-secrets.js";
export { TtlCache } from "./ttl-cache.js";
export type { Clock } from "./ttl-cache.js";

let provider: SecretProvider | undefined;

/** The app's secret provider (Key Vault or settings, per loadSettings()), made on first use. */
export function secretProvider(): SecretProvider {
  provider ??= createSecretProvider({ settings: loadSettings() });
  return provider;
}

/** For tests only: forget the app's provider (and so its cache). */
export function resetSecretProviderForTests(): void {
  provider = undefined;
}
