// The one way the app reads a secret. With KEY_VAULT_URI set, secrets come from Key Vault (cached
// for SECRET_CACHE_TTL_SECONDS, one fetch per name however many callers ask at once); without it,
// from plain settings (local runs). Every value read is registered for redaction.
import type { TokenCredential } from "@azure/identity";
import type { SecretClientOptions } from "@azure/keyvault-secrets";
import { isSecretName } from "../config/index.js";
import type { SecretName, Settings } from "../config/index.js";
import { ConfigurationError } from "../errors.js";
import { registerSecret } from "../redact.js";
import { createKeyVaultReader } from "./key-vault-source.js";
import { readSecretSetting } from "./settings-source.js";
import type { Env } from "./settings-source.js";
import { TtlCache } from "./ttl-cache.js";
import type { Clock } from "./ttl-cache.js";

export interface SecretProvider {
  /** Where secrets come from: "keyvault", or "settings" when no vault is configured. */
  readonly source: "keyvault" | "settings";
  /** The secret's current value (or a given version's, from Key Vault). */
  get(name: SecretName, version?: string): Promise<string>;
  /** Reads the current value again, ignoring the cache: call after a partner answers 401 (rotation). */
  refresh(name: SecretName): Promise<string>;
}

export interface SecretProviderOptions {
  settings: Pick<Settings, "KEY_VAULT_URI" | "AZURE_CLIENT_ID" | "SECRET_CACHE_TTL_SECONDS">;
  /** Where settings-mode secrets are read; defaults to process.env. */
  env?: Env;
  credential?: TokenCredential;
  clientOptions?: SecretClientOptions;
  now?: Clock;
}

/** Registers the value, and each PEM block in it separately (a certificate bundle may be quoted in part). */
function remember(value: string): string {
  registerSecret(value);
  for (const block of value.match(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g) ?? []) registerSecret(block);
  return value;
}

function checkName(name: string): void {
  if (!isSecretName(name)) throw new ConfigurationError(`unknown secret "${name}"`);
}

export function createSecretProvider(options: SecretProviderOptions): SecretProvider {
  const { settings } = options;
  if (!settings.KEY_VAULT_URI) {
    const env = options.env ?? process.env;
    const read = (name: SecretName): Promise<string> =>
      Promise.resolve().then(() => {
        checkName(name);
        return remember(readSecretSetting(env, name));
      });
    return { source: "settings", get: read, refresh: read };
  }

  const fetchSecret = createKeyVaultReader({
    vaultUrl: settings.KEY_VAULT_URI,
    managedIdentityClientId: settings.AZURE_CLIENT_ID,
    ...(options.credential ? { credential: options.credential } : {}),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  const cache = new TtlCache<string>(settings.SECRET_CACHE_TTL_SECONDS * 1000, options.now);
  const load = (name: SecretName, version?: string) => async () => {
    checkName(name);
    return remember(await fetchSecret(name, version));
  };
  return {
    source: "keyvault",
    get: (name, version) => cache.get(version ? `${name}/${version}` : name, load(name, version)),
    refresh: (name) => cache.refresh(name, load(name)),
  };
}
