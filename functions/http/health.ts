// GET /api/health (anonymous): storage, configuration and partner reachability, without settings.
import { getHealth } from "../../shared/api/contracts/index.js";
import { createHealthService } from "../../shared/api/health.js";
import { probesFromSettings } from "../../shared/api/health-probes.js";
import { appStorageTarget } from "../../shared/store/index.js";
import { loadSettings } from "../../shared/config/index.js";
import { registerRoute } from "./route.js";

const checkHealth = createHealthService({ probes: () => probesFromSettings(loadSettings(), appStorageTarget()) });

export const healthHandler = registerRoute(getHealth, async () => {
  const report = await checkHealth();
  return report.status === "down" ? { status: 503, body: report } : { status: 200, body: report };
});
