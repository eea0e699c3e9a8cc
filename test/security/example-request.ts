// A well-formed request for a route contract, from its documented examples: the path parameters'
// and query fields' examples and the body example (as a dry run where the body allows one).
import type { z } from "zod";
import type { RouteContract } from "../../shared/api/contract.js";
import { API_PREFIX } from "../../shared/api/contract.js";
import { dryRunIfPossible, exampleOf } from "../fuzz/requests.js";

export interface ExampleRequest {
  method: string;
  path: string;
  body?: string;
}

export function exampleRequest(contract: RouteContract, overrides: Record<string, string> = {}): ExampleRequest {
  const params = (contract.params?.shape ?? {}) as Record<string, z.ZodType>;
  const path = contract.route.replace(/\{\*?([A-Za-z][A-Za-z0-9]*)(?::[^}]*)?\}/g, (_m, name: string) =>
    encodeURIComponent(overrides[name] ?? exampleOf(params[name]) ?? "x"),
  );
  const query = new URLSearchParams();
  const queryShape: Record<string, z.ZodType> = contract.query?.shape ?? {};
  for (const [name, schema] of Object.entries(queryShape)) {
    const example = overrides[name] ?? exampleOf(schema);
    if (example !== undefined) query.set(name, example);
  }
  const search = query.toString();
  return {
    method: contract.method,
    path: `${API_PREFIX}/${path}${search === "" ? "" : `?${search}`}`,
    ...(contract.body ? { body: JSON.stringify(dryRunIfPossible(contract, contract.body.example ?? {})) } : {}),
  };
}
