// The admin API every simulator shares (see simulators/README.md). Data-specific seed endpoints are
// added by each simulator beside these.
import { z } from "zod";
import { faultRuleSchema } from "./faults.js";
import type { FaultRuleInput } from "./faults.js";
import type { SimRequest, SimRoute, SimServer } from "./server.js";

/** The JSON body of an admin request; form or text bodies are refused. */
export function adminJson(req: SimRequest): unknown {
  if (req.body.kind === "empty") return {};
  if (req.body.kind === "json") return req.body.value;
  throw new z.ZodError([{ code: "custom", path: [], message: "admin bodies are JSON (Content-Type: application/json)", input: undefined }]);
}

const faultBodySchema = z.union([
  z.array(z.unknown()),
  z.object({ rules: z.array(z.unknown()) }).transform((b) => b.rules),
  z.unknown().transform((rule) => [rule]),
]);

export function adminRoutes(sim: SimServer): SimRoute[] {
  return [
    {
      method: "POST",
      path: "/__admin/reset",
      handler: () => {
        sim.reset();
        return { status: 200, body: { reset: true } };
      },
    },
    {
      method: "POST",
      path: "/__admin/faults",
      handler: (req) => {
        // Several rules may arrive at once; validate all before adding any.
        const rules: FaultRuleInput[] = faultBodySchema.parse(adminJson(req)).map((r) => faultRuleSchema.parse(r));
        const added = rules.map((r) => sim.faults.add(r));
        return { status: 201, body: { faults: added } };
      },
    },
    { method: "GET", path: "/__admin/faults", handler: () => ({ status: 200, body: { faults: sim.faults.list() } }) },
    {
      method: "DELETE",
      path: "/__admin/faults",
      handler: () => {
        sim.faults.clear();
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      path: "/__admin/faults/{id}",
      handler: (req) => (sim.faults.remove(req.params.id ?? "") ? { status: 204 } : { status: 404, body: { error: "no such fault" } }),
    },
    { method: "GET", path: "/__admin/requests", handler: () => ({ status: 200, body: sim.requests() }) },
    {
      method: "DELETE",
      path: "/__admin/requests",
      handler: () => {
        sim.clearRequests();
        return { status: 204 };
      },
    },
    { method: "GET", path: "/__admin/state", handler: () => ({ status: 200, body: sim.state() }) },
  ];
}
