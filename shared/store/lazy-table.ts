// A TableClient whose table is created on first use, once per process (concurrent first callers
// share the creation; a failed creation is retried by the next caller). Storage failures become
// typed errors here, so callers never see the SDK's.
import { TableClient } from "@azure/data-tables";
import type { TableServiceClientOptions } from "@azure/data-tables";
import { z } from "zod";
import { ConfigurationError, Unavailable } from "../errors.js";
import type { StorageTarget } from "./storage-target.js";

const restErrorSchema = z.object({ statusCode: z.number().optional(), code: z.string().optional() });

export class LazyTable {
  private ready: Promise<TableClient> | undefined;

  constructor(
    private readonly target: StorageTarget,
    readonly name: string,
    private readonly options: TableServiceClientOptions = {},
  ) {}

  /** Runs `operation` against the table, created if needed; `route` names it in errors. */
  async run<T>(route: string, operation: (client: TableClient) => Promise<T>): Promise<T> {
    const client = await this.client();
    try {
      return await operation(client);
    } catch (error) {
      throw this.toAppError(route, error);
    }
  }

  private client(): Promise<TableClient> {
    this.ready ??= this.create().catch((error: unknown) => {
      this.ready = undefined;
      throw this.toAppError("create table", error);
    });
    return this.ready;
  }

  private async create(): Promise<TableClient> {
    const client =
      this.target.kind === "connectionString"
        ? TableClient.fromConnectionString(this.target.connectionString, this.name, {
            // Azurite and other emulators speak plain HTTP on loopback.
            allowInsecureConnection: /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(this.target.connectionString),
            ...this.options,
          })
        : new TableClient(this.target.tableServiceUri, this.name, this.target.credential, this.options);
    await client.createTable(); // no-op when the table exists
    return client;
  }

  private toAppError(route: string, error: unknown): Error {
    const parsed = restErrorSchema.safeParse(error);
    const { statusCode, code } = parsed.success ? parsed.data : {};
    const where = `${route} on table ${this.name}`;
    if (statusCode === 401 || statusCode === 403) {
      return new ConfigurationError(
        `storage refused ${where} (${statusCode}${code ? ` ${code}` : ""}): check the connection string or the identity's "Storage Table Data Contributor" role`,
      );
    }
    const reason = code ?? (statusCode === undefined ? (error instanceof Error ? error.name : "no answer") : `status ${statusCode}`);
    return new Unavailable("storage", where, reason, statusCode);
  }
}

/** True for the SDK's 404 (entity or table not found), which some callers treat as "absent". */
export function isNotFound(error: unknown): boolean {
  const parsed = restErrorSchema.safeParse(error);
  return parsed.success && parsed.data.statusCode === 404;
}
