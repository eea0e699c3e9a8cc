// Secrets with versions, the way Key Vault keeps them: every set makes a new current version.
import { randomBytes } from "node:crypto";

export interface SecretVersion {
  name: string;
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  /** Unix seconds, as Key Vault's attributes carry them. */
  created: number;
  updated: number;
}

export interface SetSecretOptions {
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
}

export class SecretStore {
  private readonly secrets = new Map<string, SecretVersion[]>();

  set(name: string, value: string, options: SetSecretOptions = {}): SecretVersion {
    const now = Math.floor(Date.now() / 1000);
    const version: SecretVersion = {
      name,
      version: randomBytes(16).toString("hex"),
      value,
      enabled: options.enabled ?? true,
      created: now,
      updated: now,
      ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
      ...(options.tags !== undefined ? { tags: options.tags } : {}),
    };
    const versions = this.secrets.get(name.toLowerCase()) ?? [];
    versions.push(version);
    this.secrets.set(name.toLowerCase(), versions);
    return version;
  }

  /** Secret names are case-insensitive in Key Vault. */
  get(name: string, version?: string): SecretVersion | undefined {
    const versions = this.secrets.get(name.toLowerCase());
    if (versions === undefined) return undefined;
    return version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  }

  versions(name: string): SecretVersion[] {
    return [...(this.secrets.get(name.toLowerCase()) ?? [])];
  }

  latest(): SecretVersion[] {
    return [...this.secrets.values()].map((v) => v.at(-1)).filter((v): v is SecretVersion => v !== undefined);
  }

  delete(name: string): boolean {
    return this.secrets.delete(name.toLowerCase());
  }

  clear(): void {
    this.secrets.clear();
  }

  /** Values included: this is a simulator's state dump, holding dev values only. */
  dump(): Record<string, SecretVersion[]> {
    return Object.fromEntries(this.secrets);
  }
}
