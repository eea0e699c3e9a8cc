// `devhost [--app DIR] [--port N] [--store memory|tables] [--settings FILE] [--require-keys]`
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { z } from "zod";
import { startDevhost } from "./devhost.js";
import { AppLoadError, DevhostConfigError } from "./errors.js";
import { loadSettings } from "./settings.js";

const USAGE = "usage: devhost [--app DIR] [--port N] [--store memory|tables] [--settings FILE] [--require-keys]";

const Args = z.object({
  app: z.string().default("."),
  port: z.coerce.number().int().min(0).max(65535).default(7071),
  store: z.enum(["memory", "tables"]).default("tables"),
  settings: z.string().optional(),
  "require-keys": z.boolean().optional(),
  help: z.boolean().optional(),
});

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        app: { type: "string" },
        port: { type: "string" },
        store: { type: "string" },
        settings: { type: "string" },
        "require-keys": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success || parsed.data.help) {
    console.error(parsed.success ? USAGE : `${USAGE}\n${parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exitCode = parsed.success ? 0 : 2;
    return;
  }
  const args = parsed.data;
  const appDir = resolve(args.app);
  const host = await startDevhost({
    appDir,
    port: args.port,
    store: args.store,
    settings: loadSettings(appDir, args.settings),
    requireKeys: args["require-keys"],
  });
  console.log(`devhost ready on ${host.url} (Ctrl-C to stop)`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof AppLoadError || error instanceof DevhostConfigError) console.error(`devhost: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
