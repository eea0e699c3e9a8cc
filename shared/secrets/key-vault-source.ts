// Reads secrets from Azure Key Vault with the app's managed identity, turning the SDK's errors into
// our typed errors. Messages name the secret and the status, never a value.
import { DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import type { SecretClientOptions } from "@azure/keyvault-secrets";
import { z } from "zod";
import { ConfigurationError, NotFound, Unavailable } from "../errors.js";

export interface KeyVaultSourceOptions {
  vaultUrl: string;
  /** User-assigned managed identity; absent = DefaultAzureCredential's own choice. */
  managedIdentityClientId?: string | undefined;
  /** Tests inject a token credential; production uses DefaultAzureCredential. */
  credential?: TokenCredential;
  /** Tests pass TLS trust for the local simulator, challenge verification and retry settings. */
  clientOptions?: SecretClientOptions;
}

const ROUTE = "GET /secrets/{name}";
const restErrorSchema = z.object({ statusCode: z.number().optional(), code: z.string().optional() });

function toAppError(name: string, error: unknown): Error {
  const parsed = restErrorSchema.safeParse(error);
  const { statusCode, code } = parsed.success ? parsed.data : {};
  const what = `secret "${name}"`;
  if (statusCode === 404) return new NotFound(`${what} not found in Key Vault`);
  if (statusCode === 401 || statusCode === 403) {
    return new ConfigurationError(
      `Key Vault refused ${what} (${statusCode}${code ? ` ${code}` : ""}): grant the app's identity the "Key Vault Secrets User" role and check the secret is enabled`,
    );
  }
  const reason = code ?? (statusCode === undefined ? "no answer" : `status ${statusCode}`);
  return new Unavailable("keyvault", ROUTE, `${what}: ${reason}`, statusCode);
}

export function createKeyVaultReader(options: KeyVaultSourceOptions): (name: string, version?: string) => Promise<string> {
  const credential =
    options.credential ??
    new DefaultAzureCredential(options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {});
  const client = new SecretClient(options.vaultUrl, credential, options.clientOptions);

  return async (name, version) => {
    let value: string | undefined;
    try {
      value = (await client.getSecret(name, version ? { version } : {})).value;
    } catch (error) {
      throw toAppError(name, error);
    }
    if (!value) throw new ConfigurationError(`secret "${name}" in Key Vault has no value`);
    return value;
  };
}
