#!/usr/bin/env node
// Runs every test file (or the files/folders given) with node's own test runner and tsx for TypeScript.
// Node 20's runner has no glob support for .ts, so the file list is gathered here.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const passthrough = args.filter((a) => a.startsWith("--"));
const targets = args.filter((a) => !a.startsWith("--"));

function collect(path) {
  const stat = statSync(path);
  if (stat.isFile()) return path.endsWith(".test.ts") ? [path] : [];
  return readdirSync(path)
    .filter((name) => name !== "node_modules" && name !== "fixtures")
    .flatMap((name) => collect(join(path, name)));
}

const files = (targets.length > 0 ? targets : ["test"]).flatMap((t) => collect(join(root, t))).sort();
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}

const concurrency = process.env.TEST_CONCURRENCY ?? "3";
const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    `--test-concurrency=${concurrency}`,
    "--test-timeout=300000",
    "--test-reporter=spec",
    ...passthrough,
    ...files.map((f) => relative(root, f)),
  ],
  {
    cwd: root,
    stdio: "inherit",
    // Loopback only: never let a proxy setting route test traffic elsewhere.
    env: { LOG_LEVEL: "warn", ...process.env, NO_PROXY: "127.0.0.1,localhost,::1", no_proxy: "127.0.0.1,localhost,::1" },
  },
);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
